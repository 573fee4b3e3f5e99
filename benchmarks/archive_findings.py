"""What story clustering costs in findings: the open ECB+ and MEANTIME articles checked as one
archive, once with their gold clusters and once with the labels removed (``--cluster auto``,
as a newsroom's archive or a day of wire copy comes).

    python benchmarks/archive_findings.py            # NLI on, as a user runs it
    python benchmarks/archive_findings.py --no-nli

Prints the findings of each run and lists those that only the unlabelled run raises (its
clustering put two events of one topic in one story, or split a story) and those it loses. A
finding is matched across the runs by its rule and the claims or sentences it cites.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's factcheck first
from _shared import shared_path  # noqa: E402


def _key(finding) -> tuple:
    cited = finding.claims or [f"{e.doc}@{e.start}" for e in finding.evidence]
    return finding.rule, tuple(sorted(cited))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-nli", action="store_true")
    args = ap.parse_args()
    paths = [shared_path("benchmarks", "news", name) for name in ("ecbplus_open.jsonl", "meantime.jsonl")]
    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    checker = Checker(Options(nli=not args.no_nli, cluster="auto"))
    runs = {}
    for mode in ("gold clusters", "labels removed"):
        docs = load_documents(paths)
        if mode == "labels removed":
            for d in docs:
                d.cluster = None
        result = checker.check(docs)
        stories = len({d.cluster for d in result.documents if d.status == "ok"})
        runs[mode] = {_key(f): f for f in result.findings}
        print(f"{mode}: {len(docs)} articles, {stories} clusters, {len(result.findings)} findings")
    gold, auto = runs["gold clusters"], runs["labels removed"]
    for title, keys, run in (("only with the labels removed", auto.keys() - gold.keys(), auto),
                             ("only with the gold clusters", gold.keys() - auto.keys(), gold)):
        print(f"{title}: {len(keys)}")
        for k in sorted(keys):
            print(f"  {run[k].rule}: {' '.join(run[k].message.split())[:200]}")


if __name__ == "__main__":
    main()
