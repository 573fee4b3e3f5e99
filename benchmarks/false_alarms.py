"""Every finding the checker raises on real news (MEANTIME, 120 Wikinews articles in 4 clusters),
printed with both sentences, for a person to read and judge.

    python benchmarks/false_alarms.py                  # default settings, NLI stage on
    python benchmarks/false_alarms.py --max-date-gap -1  # compare every pair of a cluster

MEANTIME articles are consistent reporting, so most findings here are false alarms; the
README records how many of the flagged ones a reader judged real.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_path  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-date-gap", type=int, default=None,
                    help="days; -1 compares all documents of a cluster (default: the product default)")
    ap.add_argument("--no-nli", action="store_true")
    args = ap.parse_args()

    from factcheck.contradiction import select_candidates
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    opts = Options(nli=not args.no_nli)
    if args.max_date_gap is not None:
        opts.max_date_gap_days = None if args.max_date_gap < 0 else args.max_date_gap
    nli = None
    if opts.nli:
        from factcheck.nli import NLIModel

        nli = NLIModel.load()
    checker = Checker(opts, nli=nli)
    docs = load_documents([shared_path("benchmarks", "news", "meantime.jsonl")])
    t0 = time.perf_counter()
    analyses = checker.analyse_all(docs)
    result = checker.judge(analyses)
    elapsed = time.perf_counter() - t0

    for f in result.findings:
        print(f"--- {f.id} [{f.rule}] score {f.score:.2f}: {f.message}")
        for e in f.evidence:
            print(f"    {e.doc} {e.start}-{e.end}: {e.text}")
    print()
    print(f"max date gap: {opts.max_date_gap_days} days; {len(docs)} articles in {elapsed:.1f} s")
    print("findings by rule:", dict(collections.Counter(f.rule for f in result.findings)))
    print(f"agreements: {len(result.agreements)} "
          f"(paraphrases: {sum(a.kind == 'paraphrase' for a in result.agreements)})")
    if opts.nli:
        cands, total = select_candidates(analyses, checker.embedder, opts)
        print(f"NLI pairs scored: {len(cands)} (x2 directions) of {total} cross-document sentence "
              f"pairs within clusters")


if __name__ == "__main__":
    main()
