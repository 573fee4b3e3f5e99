"""Cost per article as one cluster grows: the open ECB+ articles (462, the clean clusters' documents)
put together into one cluster, judged with the NLI stage at 10, 100 and 462 articles.

    python benchmarks/cluster_scaling.py                  # sizes 10, 100, 462
    python benchmarks/cluster_scaling.py --sizes 10,100   # quicker
    python benchmarks/cluster_scaling.py --no-nli         # alignment + judging only

A size takes the first N articles in file order (whole stories, as a growing archive would), all in
one cluster, dates as given (most ECB+ articles are undated, so nearly every pair may be compared).
Parsing is linear by construction and timed per article once; per size it prints the time per
article of alignment + judging and of the NLI stage (candidate selection, then scoring), the NLI
pairs scored per article (each scored both ways), the claim pairs of one kind and unit in
different documents per article (quadratic in the articles: what alignment once scored), the claim
pairs alignment scores per article (align.candidate_pairs: each claim's TOP_K nearest), and the
462/10 ratio of the time per article (target <= 1.5x).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's factcheck first
from _shared import shared_path  # noqa: E402


def claim_pairs(analyses) -> int:
    """Claim pairs of one comparable key across documents: what alignment once visited."""
    from factcheck.samefact import comparable_key

    per_key: dict[tuple, Counter] = defaultdict(Counter)
    for a in analyses:
        for c in a.claims:
            per_key[comparable_key(c)][c.doc] += 1
    total = 0
    for counts in per_key.values():
        s = sum(counts.values())
        total += (s * s - sum(v * v for v in counts.values())) // 2
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,462")
    ap.add_argument("--no-nli", action="store_true", help="time alignment and judging only")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from factcheck.align import candidate_pairs
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    docs = load_documents([shared_path("benchmarks", "news", "ecbplus_open.jsonl")])
    docs = [replace(d, cluster="all", warnings=list(d.warnings)) for d in docs][: max(sizes)]
    opts = Options(nli=not args.no_nli)
    nli = None
    if not args.no_nli:
        from factcheck.contradiction import select_candidates
        from factcheck.nli import NLIModel
        from factcheck.rules import Cluster
        from factcheck.rules.contradiction import find as find_contradictions
        from factcheck.segment import sentence_lemmas

        nli = NLIModel.load()
    checker = Checker(opts, nli=nli)
    plain = Checker(Options(nli=False), nlp=checker.nlp, embedder=checker.embedder, samefact=checker.samefact)
    checker.judge([checker.analyse(d) for d in docs[:2]])  # warm-up: first calls allocate

    analyses, parse_times = [], []
    for d in docs:
        t0 = time.perf_counter()
        analyses.append(checker.analyse(d))
        parse_times.append(time.perf_counter() - t0)
    parse_s = sum(parse_times)
    print(f"{len(docs)} ECB+ articles in one cluster; parse+extract {parse_s:.1f} s = "
          f"{parse_s / len(docs) * 1000:.0f} ms an article (linear, not repeated per size)")
    print(f"{'articles':>8} {'align+judge':>12} {'NLI select':>11} {'NLI score':>10} {'judged/art':>10} "
          f"{'NLI pairs/art':>13} {'comparable/art':>14} {'claim pairs/art':>15} {'findings':>8}")
    per_article, end_to_end = {}, {}
    for n in sizes:
        part = analyses[:n]
        plain._vectors.clear()  # each size embeds its own sentences, as a fresh run would
        t0 = time.perf_counter()
        judged = plain.judge(part)
        align_s = time.perf_counter() - t0
        claims = [c for a in part for c in a.claims]
        vectors, _ = plain._claim_vectors(part)  # embedded above: looked up, not encoded again
        scored = len(candidate_pairs(claims, {a.document.id: a.document for a in part}, opts, vectors))
        cands, findings, select_s, nli_s = [], judged.findings, 0.0, 0.0  # without NLI: the claim findings
        if nli is not None:
            t0 = time.perf_counter()
            cands, _ = select_candidates(part, checker.embedder, opts)
            select_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            lemmas = sentence_lemmas(p for a in part for p in a.sentences)
            cluster = Cluster(part, claims, {a.document.id: a.document for a in part}, lemmas, opts,
                              nli=nli, embedder=lambda: checker.embedder)
            findings = find_contradictions(cluster).findings
            nli_s = time.perf_counter() - t0  # selects again, then scores: scoring = nli_s - select_s
        total = align_s + nli_s
        per_article[n] = total / n
        end_to_end[n] = (total + sum(parse_times[:n])) / n
        print(f"{n:8d} {align_s:10.1f} s {select_s:9.1f} s {nli_s - select_s:8.1f} s "
              f"{total / n * 1000:7.0f} ms {len(cands) / n:13.1f} {claim_pairs(part) / n:14.0f} {scored / n:15.1f} "
              f"{len(findings):8d}")
    lo, hi = min(sizes), max(sizes)
    if lo != hi:
        print(f"time per article (without parsing), {hi} vs {lo} articles: "
              f"{per_article[hi] * 1000:.0f} ms / {per_article[lo] * 1000:.0f} ms = "
              f"{per_article[hi] / per_article[lo]:.2f}x; with parsing "
              f"{end_to_end[hi] * 1000:.0f} ms / {end_to_end[lo] * 1000:.0f} ms = "
              f"{end_to_end[hi] / end_to_end[lo]:.2f}x (target <= 1.5x)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
