"""Where the benchmark data lives: ../shared beside the checkout (CI has it, users do not)."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {path} not found (benchmark data lives in ../shared beside the checkout)")
        sys.exit(0)
    return path


def topic_of(corpus: str, cluster: str) -> str:
    """The story a cluster belongs to: an ECB+ topic ("1" for 1_ecb and 1_ecbplus) or a
    MEANTIME cluster; model folds and the held-out split never cut one."""
    return cluster.split("_")[0] if corpus == "ecbplus" else cluster


FOLDS = 3


def fold_of(topic: str) -> int:
    """The topic's third of the open sets, 0 to FOLDS - 1: models/fit_samefact.py fits one
    same-fact model without each third (``fold_model``), and ``--split cv`` measures every
    topic with the model that never saw it."""
    return zlib.crc32(topic.encode()) % FOLDS


def held_out(topic: str) -> bool:
    """The first third of the topics: ``--split held-out`` measures them with the model fitted
    without them (models/data/samefact_holdout.json)."""
    return fold_of(topic) == 0


HOLDOUT_MODEL = Path(__file__).resolve().parents[1] / "models" / "data" / "samefact_holdout.json"


def fold_model(fold: int) -> Path:
    """The same-fact model fitted without the topics of ``fold`` (fold 0: the held-out one)."""
    return HOLDOUT_MODEL if fold == 0 else HOLDOUT_MODEL.with_name(f"samefact_fold{fold}.json")


def add_split_arguments(ap) -> None:
    ap.add_argument("--split", choices=("all", "held-out", "fit", "cv"), default="all",
                    help="held-out: only the held-out topics, judged by the same-fact model fitted without them; "
                         "cv: every topic, each judged by the model fitted without its third (fold_of)")
    ap.add_argument("--thresholds", help="comma-separated conflict thresholds to sweep (analyses are reused)")
    ap.add_argument("--rival-ratios", help="comma-separated rival ratios to sweep (above 1: off)")
    ap.add_argument("--samefact", type=Path, help="same-fact model JSON (default: the shipped one; "
                    "with --split held-out: models/data/samefact_holdout.json)")


def sweep(args, options):
    """Set ``options`` to each setting that ``--thresholds`` and ``--rival-ratios`` ask to
    sweep (else the product's), yielding a label for each; the caller reuses its analyses."""
    ts = [float(t) for t in args.thresholds.split(",")] if args.thresholds else [options.conflict_threshold]
    rs = [float(r) for r in args.rival_ratios.split(",")] if args.rival_ratios else [options.rival_ratio]
    for t in ts:
        for r in rs:
            options.conflict_threshold, options.rival_ratio = t, r
            yield f"conflict threshold {t}, rival ratio {r}"


def split_model(args):
    """The same-fact model the split is measured with, and a predicate on (corpus, cluster)."""
    from factcheck.samefact import SameFactModel

    path = args.samefact or (HOLDOUT_MODEL if args.split == "held-out" else None)
    model = SameFactModel.load(str(path) if path else None)

    def keep(corpus: str, cluster: str) -> bool:
        return args.split in ("all", "cv") or held_out(topic_of(corpus, cluster)) == (args.split == "held-out")

    return model, keep


def case_models(args):
    """For ``--split cv``, a function from (corpus, cluster) to the same-fact model fitted
    without that cluster's topic; else None (``split_model``'s one model for every case)."""
    if args.split != "cv":
        return None
    from factcheck.samefact import SameFactModel

    models = [SameFactModel.load(str(fold_model(k))) for k in range(FOLDS)]
    return lambda corpus, cluster: models[fold_of(topic_of(corpus, cluster))]


def with_sentence(document, sentence: str):
    """The document with ``sentence`` appended as its own paragraph of content, and its span."""
    from dataclasses import replace

    text = document.text.rstrip() + " " + sentence
    span = (len(text) - len(sentence), len(text))
    content = list(document.content or [(0, len(document.text))]) + [span]
    return replace(document, text=text, content=content, warnings=list(document.warnings)), span


def decided(result, left: set[str], right: set[str]) -> str:
    """Where the checker decided about claims ``left`` against claims ``right`` (claim ids): no
    claim on a side, never linked, linked but not compared (and why), judged, or found: what
    ``-v`` prints for a missed or flagged case."""
    if not left or not right:
        return f"claims: {len(left)} on the edited side, {len(right)} on the other"
    for kind, items in (("not compared", result.not_compared), ("judged", result.agreements),
                        ("found", result.findings)):
        for x in items:
            claims = set(x.claims) | {e.claim for e in x.evidence if e.claim}
            if left & claims and right & claims:
                return f"{kind}: {x.message[:200]}"
    return "not linked"
