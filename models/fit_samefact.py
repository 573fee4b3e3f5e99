"""Fit the same-fact model (factcheck/samefact.py) on labelled claim pairs from real news.

    python models/fit_samefact.py                # rebuild the pairs, fit, print calibration, write JSON
    python models/fit_samefact.py --reuse-pairs  # refit on models/data/samefact_pairs.jsonl.gz as written

Labelled pairs:
- same fact (1), from reports nobody edited: claims that agree in value across the sentence
  pairs that the open ECB+ edit cases name as stating one fact (a sentence and its
  hand-checked counterparts, valid cases);
- same fact (1), restated: the claim of each hand-written restatement case
  (benchmarks/data/restatements*.jsonl) against the claim of the source sentence it restates
  in other words, whether its value agrees or not;
- same fact (1), silver, with ``--silver`` only: claims of different reports of one cluster (not edit-case
  counterparts) that agree on a specific value (``specific``: two significant digits or more,
  not a year; a day), the natural restatements of one fact by different reporters; of these,
  the ages of one named person (``holder_same``) always, an age being a fact of its holder;
- different facts (0): claims of one cluster whose values cannot both be true, from the open
  ECB+ clean clusters and MEANTIME. These are consistent reports, so a value conflict between
  two of their claims says the claims are about different things (different participants,
  times, predicates), which is what the model must learn to see without looking at values.
Only pairs that alignment would weigh and judging would compare are labelled: plausible
(samefact.plausible), each claim the other's best match in its document, not a moving level
of reports far apart, not two "today"s of differently dated reports.

Values are never a feature, so the label's link to the values does not leak into the model.
Calibration is reported out of fold, with folds by topic (an ECB+ topic or a MEANTIME
cluster), so no story is in both the fit and the figures. The shipped weights are fitted on
all pairs and written as plain JSON to factcheck/resources/samefact.json; one fit more
without each third of the topics (benchmarks/_shared.fold_of) goes to
models/data/samefact_holdout.json (the held-out third) and samefact_fold1.json,
samefact_fold2.json, so that the benchmarks' ``--split held-out`` and ``--split cv`` figures
come from stories the model never saw. The pairs go to models/data/samefact_pairs.jsonl.gz.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from _shared import FOLDS, fold_model, fold_of, topic_of, with_sentence  # noqa: E402  (the split the benchmarks report on)
SHARED = ROOT.parent / "shared" / "benchmarks" / "news"
OUT = ROOT / "factcheck" / "resources" / "samefact.json"
PAIRS = ROOT / "models" / "data" / "samefact_pairs.jsonl.gz"


RESTATEMENTS = sorted((ROOT / "benchmarks" / "data").glob("restatements*.jsonl"))


def restatement_cases() -> list[dict]:
    return [json.loads(line) for path in RESTATEMENTS for line in path.open(encoding="utf-8")]


def _positive_sentences(analyses) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Sentence pairs (doc, sentence start) that a valid edit case names as one fact."""
    text = {a.document.id: a.document.text for a in analyses}
    starts = {a.document.id: [(p.sentence.start, p.sentence.end) for p in a.sentences] for a in analyses}

    def locate(doc: str, sentence: str) -> list[tuple[str, int]]:
        pos = text.get(doc, "").find(sentence[:80])
        if pos < 0:
            return []
        end = pos + len(sentence)
        return [(doc, s) for s, e in starts[doc] if s < end and pos < e]

    pairs = set()
    for line in (SHARED / "ecbplus_open_perturbed.jsonl").open(encoding="utf-8"):
        case = json.loads(line)
        if not case["review"]["valid"]:
            continue
        left = locate(case["edited_doc"], case["edited_sentence_before"])
        for cp in case["counterparts"]:
            for x in left:
                for y in locate(cp["doc"], cp["sentence"]):
                    pairs.add((x, y))
                    pairs.add((y, x))
    return pairs


class _Scorer:
    """The features of claim pairs of one cluster, as alignment computes them."""

    def __init__(self, checker, analyses):
        from factcheck.samefact import PHRASE_FEATURES, kind_counts
        from factcheck.segment import sentence_lemmas

        self.docs = {a.document.id: a.document for a in analyses}
        self.lemmas = sentence_lemmas(p for a in analyses for p in a.sentences)
        # every phrase similarity, whatever weight the shipped model gives it: the pairs file
        # holds each feature's real value, so a refit may weigh a feature the last one did not
        self.vectors, self.phrases = checker._claim_vectors(analyses, PHRASE_FEATURES)
        self.counts = kind_counts(c for a in analyses for c in a.claims)

    def features(self, a, b):
        from factcheck.samefact import pair_features

        ka, kb = (a.doc, a.sentence_start), (b.doc, b.sentence_start)
        va, vb = self.vectors.get(ka), self.vectors.get(kb)
        cosine = float(va @ vb) if va is not None and vb is not None else 0.0
        return pair_features(a, b, self.lemmas.get(ka, set()), self.lemmas.get(kb, set()),
                             self.docs[a.doc], self.docs[b.doc], cosine, self.phrases, self.counts)


def _row(corpus, topic, label, a, b, feats, source, docs):
    """``docs``: id -> Document; each claim keeps its ``samefact.marked`` sentence (value hidden),
    so the pairs file is all the training data a model that reads the two sentences needs."""
    from factcheck.samefact import marked

    return {"corpus": corpus, "group": topic, "label": label, "source": source,
            "a": {"doc": a.doc, "start": a.start, "end": a.end, "text": a.text, "input": marked(a, docs[a.doc].text)},
            "b": {"doc": b.doc, "start": b.start, "end": b.end, "text": b.text, "input": marked(b, docs[b.doc].text)},
            "features": feats}


def build_pairs(exclude=lambda topic: False):
    from factcheck.intervals import compare_claims
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker
    from factcheck.samefact import comparable_claims, plausible

    checker = Checker(Options(nli=False))
    opts = Options()
    rows = []
    skipped = {"not mutual best": 0, "not judged": 0, "restatement without a comparable pair": 0}
    cases = restatement_cases()
    for corpus, path in (("ecbplus", SHARED / "ecbplus_open.jsonl"), ("meantime", SHARED / "meantime.jsonl")):
        docs = [d for d in load_documents([path]) if d.status == "ok"]
        analyses = {d.id: checker.analyse(d) for d in docs}
        positives = _positive_sentences(analyses.values()) if corpus == "ecbplus" else set()
        by_cluster = defaultdict(list)
        for a in analyses.values():
            by_cluster[a.document.cluster].append(a)
        for cluster, members in by_cluster.items():
            topic = topic_of(corpus, cluster)
            if exclude(topic):
                continue
            scorer = _Scorer(checker, members)
            claims = [c for a in members for c in a.claims]
            # Label only the pairs alignment would consider: plausible, and each claim the
            # other's best match in its document (by the same meaning and word cues the model
            # reads). The model then learns what tells a real match from the best wrong one,
            # at the prior of pairs that reach it, not of all pairs of a cluster.
            scored = {}
            for i, a in enumerate(claims):
                for b in claims[i + 1:]:
                    if not comparable_claims(a, b):
                        continue
                    feats = scorer.features(a, b)
                    if plausible(feats["cosine"], feats["sentence"]):
                        key = ((a.doc, a.sentence_start), (b.doc, b.sentence_start))
                        scored[(a.id, b.id)] = (a, b, key, feats, _closeness(feats))
            best: dict[tuple[str, str], tuple[float, str]] = {}
            for (ai, bi), (a, b, _, _, sim) in scored.items():
                for x, y in ((a, b), (b, a)):
                    if sim > best.get((x.id, y.doc), (-1.0, ""))[0]:
                        best[(x.id, y.doc)] = (sim, y.id)
            for (ai, bi), (a, b, key, feats, _) in scored.items():
                if best[(a.id, b.doc)][1] != b.id or best[(b.id, a.doc)][1] != a.id:
                    skipped["not mutual best"] += 1
                    continue
                if not judged(a, b, scorer.docs, opts):
                    skipped["not judged"] += 1
                    continue
                outcome = compare_claims(a, b, opts)
                if key in positives and outcome == "agree":
                    rows.append(_row(corpus, topic, 1, a, b, feats, "edit-case counterparts", scorer.docs))
                elif key not in positives and outcome == "conflict":
                    rows.append(_row(corpus, topic, 0, a, b, feats, "consistent cluster", scorer.docs))
                elif outcome == "agree" and specific(a) and specific(b):
                    rows.append(_row(corpus, topic, 1, a, b, feats, "agreeing values", scorer.docs))
        # A restatement states the fact of its source sentence in other words, with a value
        # that agrees or not: either way the same fact, which wire copy alone does not teach.
        for case in cases:
            if case["corpus"] != corpus or exclude(topic_of(corpus, case["cluster"])):
                continue
            target, span = with_sentence(analyses[case["target_doc"]].document, case["added_sentence"])
            added = checker.analyse(target)
            members = [added if a.document.id == target.id else a for a in by_cluster[case["cluster"]]]
            source = analyses[case["source_doc"]]
            s0 = source.document.text.find(case["source_sentence"])
            s1 = s0 + len(case["source_sentence"])
            pairs = [(a, b) for a in added.claims if a.start >= span[0]
                     for b in source.claims if b.start < s1 and s0 < b.end and comparable_claims(a, b)]
            if not pairs:
                skipped["restatement without a comparable pair"] += 1
                continue
            scorer = _Scorer(checker, members)
            scored = [(a, b, scorer.features(a, b)) for a, b in pairs]
            a, b, feats = max(scored, key=lambda t: _closeness(t[2]) + t[2]["thing_sim"])
            rows.append(_row(corpus, topic_of(corpus, case["cluster"]), 1, a, b, feats, "restatement", scorer.docs))
    print("left out: " + ", ".join(f"{k} {v}" for k, v in skipped.items()))
    return rows


def specific(claim) -> bool:
    """A value that two reports rarely share by chance: a number of two significant digits or
    more that is not a year ("33", "1,300", "2.4", not "two", "100" or "2008"), or a day.
    Two reports of one story that agree on such a value mostly state one fact, in their own
    words: the restatements that near-identical wire copy cannot teach."""
    if claim.kind == "time":
        return claim.type == "DATE" and claim.resolved and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", claim.value))
    value = claim.value
    if value is None or claim.modifier not in ("=", "~"):
        return False
    if float(value).is_integer() and 1900 <= value <= 2100 and claim.quantity_kind == "count":
        return False
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0").rstrip("0")
    return len(digits) >= 2


def judged(a, b, documents, options) -> bool:
    """Would the checker compare the values of this pair once linked? Not a moving level of
    reports far apart (align.py), nor two "today"s that each name their own report's day
    (align.py, scope.py): the values of such pairs say nothing about whether they state one fact."""
    from factcheck.align import far_apart, moving
    from factcheck.scope import both_deictic

    far = far_apart(documents[a.doc], documents[b.doc], options)
    return not (far and (moving(a) or moving(b))) and not both_deictic(a, b, documents)


def _closeness(feats) -> float:
    """How alike two claims' sentences read, by meaning and words: which claim of a document
    is another claim's best match, before any model."""
    return feats["cosine"] + feats["sentence"] + 0.5 * feats["context"]


def reliability(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[tuple[str, int, float, float]]:
    out = []
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.sum():
            out.append((f"{lo:.1f}-{hi:.1f}", int(m.sum()), float(p[m].mean()), float(y[m].mean())))
    return out


C = 0.5  # inverse L2 strength, as scikit-learn's LogisticRegression(C=0.5) had


class SignedLogistic:
    """L2-penalised logistic regression whose weights keep the sign their meaning gives them
    (samefact.FOR_SAME / AGAINST_SAME; L-BFGS-B with bounds). The sample is small (137 pairs
    of one fact) and its features collinear ("thing_same" implies "thing_sim" of 1): an
    unconstrained fit gave a synonymous counted thing a negative weight and an identical
    predicate less than a near-synonym, artefacts that cost restatements, which the sample
    lacks. ``coef_``, ``intercept_`` and ``predict_proba`` as scikit-learn's."""

    def fit(self, Z, y, names=None, sample_weight=None, for_same=frozenset()):
        """``names``: the columns of ``Z`` (default samefact.FEATURES); ``for_same``: more
        columns whose weight may not be negative (an experiment's own features);
        ``sample_weight``: a weight per row (default 1)."""
        from scipy.optimize import minimize

        from factcheck.samefact import AGAINST_SAME, FEATURES, FOR_SAME

        d = Z.shape[1]
        sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)

        def loss(w):
            z = Z @ w[:d] + w[d]
            p = 1.0 / (1.0 + np.exp(-z))
            value = np.sum(sw * (np.logaddexp(0.0, z) - y * z)) + 0.5 / C * np.sum(w[:d] ** 2)
            return value, np.r_[Z.T @ (sw * (p - y)) + w[:d] / C, np.sum(sw * (p - y))]

        bounds = [(0.0, None) if n in FOR_SAME or n in for_same else (None, 0.0) if n in AGAINST_SAME
                  else (None, None) for n in (FEATURES if names is None else names)] + [(None, None)]
        w = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
        self.coef_, self.intercept_ = w[None, :d], w[d:]
        return self

    def predict_proba(self, Z):
        p = 1.0 / (1.0 + np.exp(-(Z @ self.coef_[0] + self.intercept_[0])))
        return np.c_[1.0 - p, p]


def _fit(Z, y):
    # Fitted at the sample's own prior, which keeps it calibrated on pairs like these (the
    # reliability table). Balancing the classes was tried: it raised recall on the edit cases
    # but tripled the findings on clean clusters (benchmarks/ecbplus_cases.py).
    return SignedLogistic().fit(Z, y)


def _export(model, mean, scale, rows, auc, note):
    from factcheck.samefact import FEATURES

    y = [r["label"] for r in rows]
    return {
        "features": list(FEATURES),
        "weights": {n: round(float(w), 6) for n, w in zip(FEATURES, model.coef_[0])},
        "bias": round(float(model.intercept_[0]), 6),
        "means": {n: round(float(m), 6) for n, m in zip(FEATURES, mean)},
        "scales": {n: round(float(s), 6) for n, s in zip(FEATURES, scale)},
        "trained_on": {"pairs": len(y), "same_fact": int(sum(y)), "script": "models/fit_samefact.py",
                       "topics": note, "out_of_fold_auc": auc},
    }


def _matrix(rows):
    from factcheck.samefact import FEATURES

    X = np.array([[r["features"][n] for n in FEATURES] for r in rows], dtype=float)
    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1.0
    return (X - mean) / scale, mean, scale


def feature_aucs(rows: list[dict]) -> None:
    """Each feature alone, as a score, against the different-fact pairs, per kind of same-fact
    pair: where the features can see a kind of restatement and where they cannot. An AUC below
    0.5 is a feature that counts against the same fact."""
    from sklearn.metrics import roc_auc_score

    from factcheck.samefact import FEATURES

    negative = [r for r in rows if r["label"] == 0]
    kinds = sorted({r["source"] for r in rows if r["label"] == 1})
    positive = {k: [r for r in rows if r["source"] == k and r["label"] == 1] for k in kinds}
    print(f"AUC of each feature alone against the {len(negative)} different-fact pairs")
    print(f"  {'feature':22s}" + "".join(f"{k[:22]:>24s}" for k in kinds))
    print(f"  {'(pairs)':22s}" + "".join(f"{len(positive[k]):>24d}" for k in kinds))
    for name in FEATURES:
        against = np.array([r["features"][name] for r in negative], dtype=float)
        cells = []
        for k in kinds:
            pos = np.array([r["features"][name] for r in positive[k]], dtype=float)
            y = np.r_[np.ones(len(pos)), np.zeros(len(against))]
            cells.append(f"{roc_auc_score(y, np.r_[pos, against]):24.3f}")
        print(f"  {name:22s}" + "".join(cells))


def main() -> None:
    import gzip

    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reuse-pairs", action="store_true", help=f"fit on {PAIRS.name} as written, without rebuilding it")
    ap.add_argument("--with-restatements", action="store_true",
                    help="fit on the restatement pairs too (tried: more restatements caught, more false alarms)")
    ap.add_argument("--silver", action="store_true",
                    help="fit on the agreeing-value pairs too (tried: see benchmarks/HISTORY.md, 'Tried and not shipped')")
    ap.add_argument("--feature-aucs", action="store_true",
                    help="print how well each feature alone tells each kind of same-fact pair from the "
                         "different-fact pairs (AUC), and fit nothing")
    args = ap.parse_args()
    if args.reuse_pairs:
        with gzip.open(PAIRS, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
    else:
        if not SHARED.exists():
            print(f"skipped: {SHARED} not found")
            return
        rows = build_pairs()
        PAIRS.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(PAIRS, "wt", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.feature_aucs:
        feature_aucs(rows)
        return
    # The restatement pairs are measured, not fitted on, by default: fitted on, they raised the
    # restatements caught (0.04 -> 0.19 on the fit topics) but more than tripled the findings on
    # clean clusters and flagged a third of the benign edits (benchmarks/, --split fit).
    restated = [r for r in rows if r["source"] == "restatement"]
    if not args.with_restatements:
        rows = [r for r in rows if r["source"] != "restatement"]
    # The agreeing-value pairs are written to the pairs file but fitted on only when asked:
    # fitted on, they caught twice the held-out restatements and number edits at the cost of
    # half as many findings again on clean clusters (benchmarks/HISTORY.md, "Tried and not shipped"), no clear gain.
    # Except one kind: two ages of one person (``holder_same``). An age is a fact of its holder,
    # so the agreeing and the conflicting pairs of that kind label it alike (agreeing: one
    # fact; conflicting: ages of reports years apart), and both are fitted on, as every other
    # kind's would be if its agreeing pairs were known to be one fact.
    if not args.silver:
        rows = [r for r in rows if r["source"] != "agreeing values" or r["features"]["holder_same"]]
    Z, mean, scale = _matrix(rows)
    y = np.array([r["label"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(Z, y, groups):
        oof[test] = _fit(Z[train], y[train]).predict_proba(Z[test])[:, 1]
    print(f"pairs: {len(y)} ({int(y.sum())} same fact, {int((1 - y).sum())} different), "
          f"{len(set(groups))} topic groups")
    for source in sorted({r["source"] for r in rows}):
        m = np.array([r["source"] == source for r in rows])
        print(f"  {source}: {int(m.sum())} pairs, out-of-fold mean p {oof[m].mean():.2f}")
    auc = round(float(roc_auc_score(y, oof)), 4)
    print(f"out of fold (5 folds by topic): AUC {auc:.3f}, "
          f"Brier {brier_score_loss(y, oof):.3f}, log loss {log_loss(y, oof):.3f}")
    plain = np.array([r["source"] != "agreeing values" for r in rows])
    if not plain.all():  # agreeing values (by default one person's ages) are easy pairs: the figure without them
        print(f"  without the agreeing values ({int((~plain).sum())} pairs): AUC {roc_auc_score(y[plain], oof[plain]):.3f}, "
              f"log loss {log_loss(y[plain], oof[plain]):.3f}")
    print("reliability (out of fold): bin, pairs, mean predicted, share same fact")
    for b, n, pm, ym in reliability(y, oof):
        print(f"  {b}  {n:5d}  {pm:.2f}  {ym:.2f}")
    for t in (0.3, 0.5, 0.7, 0.9):
        sel = oof >= t
        prec = y[sel].mean() if sel.any() else float("nan")
        print(f"  p >= {t}: precision {prec:.2f}, recall {(sel & (y == 1)).sum() / max(1, y.sum()):.2f}")

    final = _fit(Z, y)
    if restated and not args.with_restatements:
        from factcheck.samefact import FEATURES

        X = np.array([[r["features"][n] for n in FEATURES] for r in restated], dtype=float)
        p = final.predict_proba((X - mean) / scale)[:, 1]
        print(f"restatement pairs (same fact, not fitted on): {len(p)}, mean p {p.mean():.2f}, "
              f"share >= 0.3: {(p >= 0.3).mean():.2f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = _export(final, mean, scale, rows, auc, "all")
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print("weights:", ", ".join(f"{n} {w:+.2f}" for n, w in data["weights"].items()))
    # The same fit without each third of the topics (fold 0 is the held-out one): benchmarks
    # measure a topic with the model fitted without its third (--split held-out, --split cv), so
    # their figures come from stories the model never saw.
    for k in range(FOLDS):
        rest = [r for r in rows if fold_of(r["group"]) != k]
        Zk, mean_k, scale_k = _matrix(rest)
        part = _fit(Zk, np.array([r["label"] for r in rest]))
        fold_model(k).write_text(json.dumps(_export(part, mean_k, scale_k, rest, None, f"all but fold_of() == {k}"),
                                            indent=2) + "\n", encoding="utf-8")
    print(f"written {OUT.relative_to(ROOT)}, {', '.join(fold_model(k).name for k in range(FOLDS))} "
          f"and {PAIRS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
