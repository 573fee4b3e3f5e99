"""Real-news check cases from the open ECB+ clusters: edits caught, benign edits flagged, and
the findings raised on clean (unedited, consistent) clusters.

    python benchmarks/ecbplus_cases.py                 # edit cases + clean clusters, NLI on
    python benchmarks/ecbplus_cases.py --no-nli
    python benchmarks/ecbplus_cases.py --cache-dir /tmp/nli-cache   # NLI scores reused across cases
    python benchmarks/ecbplus_cases.py --dump-clean benchmarks/judged/ecbplus_clean_findings.jsonl

An edit case is caught when a conflict finding cites the edited span (its evidence sentence in
the edited document overlaps the edit); a benign case is flagged when one does. Only cases
whose hand review found them valid are counted (../shared/benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import add_split_arguments, case_models, decided, shared_path, split_model, sweep  # noqa: E402

CONFLICT_RULES = {"numeric-conflict", "temporal-conflict", "polarity-conflict", "contradiction"}


def load_case_documents(case: dict):
    """The case's documents through the product's own JSONL reader (metadata lines, dates)."""
    from factcheck.load import load_documents

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case['case_id']}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for d in case["documents"]:
                f.write(json.dumps({"id": d["id"], "text": d["text"], "date": d.get("date"),
                                    "cluster": case["cluster"]}) + "\n")
        docs = load_documents([path])
    for d in docs:
        d.source = None
    return docs


class CachedChecker:
    """Analyses are the costly part and most documents recur across a cluster's cases."""

    def __init__(self, checker):
        self.checker = checker
        self.cache: dict[tuple[str, str], object] = {}

    def check(self, docs, samefact=None):
        """``samefact``: judge with this same-fact model rather than the checker's own."""
        if samefact is not None:
            self.checker.samefact = samefact
        analyses = []
        for d in docs:
            key = (d.id, d.text)
            if key not in self.cache:
                self.cache[key] = self.checker.analyse(d)
            analyses.append(self.cache[key])
        return self.checker.judge(analyses)


def edit_span(case) -> tuple[int, int]:
    """The edited span; a benign case left unchanged names its sentence instead."""
    if case["edit_start"] is not None:
        return case["edit_start"], case["edit_end"]
    text = next(d["text"] for d in case["documents"] if d["id"] == case["edited_doc"])
    start = text.find(case["edited_sentence_after"])
    return start, start + len(case["edited_sentence_after"])


def cites_edit(finding, case) -> bool:
    start, end = edit_span(case)
    for e in finding.evidence:
        if e.doc == case["edited_doc"] and e.start < end and start < e.end:
            return True
    return False


def why(result, case) -> str:
    """Where the checker decided about the edited claims against their counterparts' claims."""
    start, end = edit_span(case)
    edited = {c.id for c in result.claims if c.doc == case["edited_doc"] and c.start < end and start < c.end}
    text = {d["id"]: d["text"] for d in case["documents"]}
    spans = {}
    for cp in case["counterparts"]:
        s0 = text.get(cp["doc"], "").find(cp["sentence"])
        if s0 >= 0:
            spans.setdefault(cp["doc"], []).append((s0, s0 + len(cp["sentence"])))
    others = {c.id for c in result.claims if any(s0 <= c.start < s1 for s0, s1 in spans.get(c.doc, ()))}
    return decided(result, edited, others)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-nli", action="store_true")
    ap.add_argument("--max-date-gap", type=int, default=None, help="days; -1: compare all")
    ap.add_argument("--dump-clean", type=Path, help="write every clean-cluster finding here (JSONL)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print missed and flagged cases")
    ap.add_argument("--cache-dir", help="keep NLI scores here between cases and runs (never for timing)")
    ap.add_argument("--conflict-threshold", type=float, help="same-fact bar for a conflict (default: the product's)")
    add_split_arguments(ap)
    args = ap.parse_args()

    from factcheck.options import Options
    from factcheck.pipeline import Checker

    opts = Options(nli=not args.no_nli)
    if args.conflict_threshold is not None:
        opts.conflict_threshold = args.conflict_threshold
    if args.max_date_gap is not None:
        opts.max_date_gap_days = None if args.max_date_gap < 0 else args.max_date_gap
    nli = None
    if opts.nli:
        from factcheck.nli import NLIModel

        nli = NLIModel.load()
    cache = None
    if args.cache_dir:
        from factcheck.cache import ScoreCache

        cache = ScoreCache(args.cache_dir)
    samefact, keep = split_model(args)
    checker = CachedChecker(Checker(opts, nli=nli, cache=cache, samefact=samefact))
    model_for = case_models(args) or (lambda corpus, cluster: samefact)

    news = shared_path("benchmarks", "news")
    edits = [json.loads(l) for l in (news / "ecbplus_open_perturbed.jsonl").open(encoding="utf-8")]
    clean = [json.loads(l) for l in (news / "ecbplus_open_clean.jsonl").open(encoding="utf-8")]
    edits = [c for c in edits if c.get("review", {}).get("valid") and keep("ecbplus", c["cluster"])]
    clean = [c for c in clean if keep("ecbplus", c["cluster"])]

    for setting in sweep(args, checker.checker.options):
        t0 = time.perf_counter()
        caught: dict[str, list[bool]] = collections.defaultdict(list)
        for case in edits:
            result = checker.check(load_case_documents(case), model_for("ecbplus", case["cluster"]))
            hit = any(f.rule in CONFLICT_RULES and cites_edit(f, case) for f in result.findings)
            caught[case["kind"]].append(hit)
            if args.verbose and hit == (case["kind"] == "benign"):
                print(f"{'FLAGGED' if hit else 'MISSED'} {case['case_id']}: "
                      f"{case['edited_sentence_after'][:160]!r}\n    {why(result, case)}")
        t_edits = time.perf_counter() - t0

        t0 = time.perf_counter()
        clean_findings = []
        n_docs = 0
        for case in clean:
            docs = load_case_documents(case)
            n_docs += len(docs)
            result = checker.check(docs, model_for("ecbplus", case["cluster"]))
            by_claim = {c.id: c for c in result.claims}
            for f in result.findings:
                clean_findings.append({
                    "cluster": case["cluster"], "rule": f.rule, "severity": f.severity,
                    "message": f.message, "score": f.score,
                    "evidence": [{"doc": e.doc, "start": e.start, "end": e.end, "text": e.text,
                                  "claim": by_claim[e.claim].text if e.claim in by_claim else None}
                                 for e in f.evidence],
                })
        t_clean = time.perf_counter() - t0

        print(f"ECB+ open edit cases (valid only), NLI {'on' if opts.nli else 'off'}, "
              f"max date gap {opts.max_date_gap_days}, topics: {args.split}, {setting}")
        for kind, target in (("number", ">= 0.90"), ("date", ">= 0.90"), ("negation", ">= 0.60")):
            hits = caught[kind]
            print(f"  {kind:9s} caught   {sum(hits):3d}/{len(hits):3d} = {sum(hits) / max(1, len(hits)):.2f}  (target {target})")
        hits = caught["benign"]
        print(f"  benign    flagged  {sum(hits):3d}/{len(hits):3d} = {sum(hits) / max(1, len(hits)):.2f}  (target <= 0.05)")
        per_rule = collections.Counter(f["rule"] for f in clean_findings)
        print(f"ECB+ open clean clusters: {len(clean)} clusters, {n_docs} documents")
        print(f"  findings {len(clean_findings)} = {len(clean_findings) / len(clean):.2f} per cluster "
              f"(target <= 0.3); by rule {dict(per_rule)}")
        print(f"time: edit cases {t_edits:.0f} s, clean clusters {t_clean:.0f} s")
    if args.dump_clean:
        args.dump_clean.parent.mkdir(parents=True, exist_ok=True)
        with args.dump_clean.open("w", encoding="utf-8") as f:
            for row in clean_findings:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"clean findings written to {args.dump_clean}")


if __name__ == "__main__":
    main()
