"""Restatements: a sentence added to one report restates, in other words, a fact another report
of its cluster states, with an incompatible or a compatible value (benchmarks/data/, written
by hand from MEANTIME and the open ECB+ clusters, independently of the checker).

    python benchmarks/restatements.py [--no-nli] [-v]

An incompatible case is caught when a conflict finding cites the added sentence; a compatible
case is flagged when one does. Targets: recall >= 0.85, compatible flagged <= 0.05.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import add_split_arguments, case_models, decided, shared_path, split_model, sweep, with_sentence  # noqa: E402
from ecbplus_cases import CONFLICT_RULES, CachedChecker  # noqa: E402

CASES = Path(__file__).resolve().parent / "data" / "restatements.jsonl"  # and restatements_*.jsonl beside it


def why(result, case, span, docs) -> str:
    """Where a case was decided: no claim, not linked, linked but not compared, or judged."""
    text = next(d.text for d in docs if d.id == case["source_doc"])
    s0 = text.find(case["source_sentence"])
    added = {c.id for c in result.claims if c.doc == case["target_doc"] and span[0] <= c.start < span[1]}
    source = {c.id for c in result.claims if c.doc == case["source_doc"] and s0 <= c.start < s0 + len(case["source_sentence"])}
    return decided(result, added, source)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-nli", action="store_true")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--cases", type=Path, nargs="*", help="case files (default: benchmarks/data/restatements*.jsonl)")
    add_split_arguments(ap)
    args = ap.parse_args()

    from factcheck.load import load_documents
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    news = shared_path("benchmarks", "news")
    corpora = {"meantime": load_documents([news / "meantime.jsonl"]),
               "ecbplus": load_documents([news / "ecbplus_open.jsonl"])}
    opts = Options(nli=not args.no_nli)
    nli = None
    if opts.nli:
        from factcheck.nli import NLIModel

        nli = NLIModel.load()
    samefact, keep = split_model(args)
    checker = CachedChecker(Checker(opts, nli=nli, samefact=samefact))
    model_for = case_models(args) or (lambda corpus, cluster: samefact)
    files = args.cases or sorted(CASES.parent.glob("restatements*.jsonl"))
    cases = [json.loads(line) for path in files for line in path.open(encoding="utf-8")]
    cases = [c for c in cases if keep(c["corpus"], c["cluster"])]
    t0 = time.perf_counter()
    for setting in sweep(args, checker.checker.options):
        hits = {"incompatible": [], "compatible": []}
        for case in cases:
            docs = [d for d in corpora[case["corpus"]] if d.cluster == case["cluster"]]
            out = []
            span = None
            for d in docs:
                if d.id == case["target_doc"]:
                    d, span = with_sentence(d, case["added_sentence"])
                out.append(d)
            result = checker.check(out, model_for(case["corpus"], case["cluster"]))
            hit = any(f.rule in CONFLICT_RULES and any(
                e.doc == case["target_doc"] and e.start < span[1] and span[0] < e.end for e in f.evidence)
                for f in result.findings)
            hits[case["label"]].append(hit)
            if args.verbose and hit != (case["label"] == "incompatible"):
                print(f"{'MISSED' if not hit else 'FLAGGED'} {case['case_id']}: {case['added_sentence'][:120]!r}"
                      f" / {case['source_sentence'][:120]!r}\n    {why(result, case, span, docs)}")
        inc, com = hits["incompatible"], hits["compatible"]
        print(f"restatements ({', '.join(p.name for p in files)}), NLI {'on' if opts.nli else 'off'}, "
              f"topics: {args.split}, {setting}")
        print(f"  incompatible caught  {sum(inc):3d}/{len(inc)} = {sum(inc) / max(1, len(inc)):.2f}  (target >= 0.85)")
        print(f"  compatible flagged   {sum(com):3d}/{len(com)} = {sum(com) / max(1, len(com)):.2f}  (target <= 0.05)")
    print(f"time {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
