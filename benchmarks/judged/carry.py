"""Carry the judgements of the judged list onto a new dump of the clean-cluster findings.

    python benchmarks/ecbplus_cases.py --no-nli --dump-clean /tmp/new.jsonl
    python benchmarks/judged/carry.py /tmp/new.jsonl [--write]
    python benchmarks/ecbplus_cases.py --no-nli --split cv --dump-clean /tmp/cv.jsonl
    python benchmarks/judged/carry.py /tmp/cv.jsonl --judged benchmarks/judged/ecbplus_clean_findings_cv.jsonl

A finding keeps the judgement of the judged finding with the same evidence (document and
claim span of every source); one whose evidence only overlaps a judged one is listed with it,
to be read again; one with none is new, to be read. Prints the count of real findings among
the judged ones and the precision; ``--write`` replaces the judged list with the new dump,
carrying the judgements it could (new ones get ``judgement: null``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "ecbplus_clean_findings.jsonl"
# the findings of --split cv: each topic judged by the same-fact model fitted without it
JUDGED_CV = JUDGED.with_name("ecbplus_clean_findings_cv.jsonl")


def evidence(row) -> frozenset:
    return frozenset((e["doc"], e["start"], e["end"]) for e in row["evidence"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dump", type=Path)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--judged", type=Path, default=JUDGED,
                    help=f"the judged list (default {JUDGED.name}; the cv findings' list: {JUDGED_CV.name})")
    args = ap.parse_args()
    old = [json.loads(line) for line in args.judged.open(encoding="utf-8")]
    new = [json.loads(line) for line in args.dump.open(encoding="utf-8")]
    by_evidence = {evidence(r): r["judgement"] for r in old if r.get("judgement")}
    out, unjudged = [], 0
    for row in new:
        j = by_evidence.get(evidence(row))
        if j is None:
            unjudged += 1
            near = [r for r in old if evidence(r) & evidence(row)]
            print(f"NEW {row['cluster']} {row['message'][:200]}")
            for r in near:
                print(f"    overlaps judged ({r['judgement'].get('real')}, {r['judgement'].get('kind')}): {r['message'][:160]}")
        out.append({**row, "judgement": j})
    judged = [r for r in out if r["judgement"]]
    real = sum(bool(r["judgement"].get("real")) for r in judged)
    print(f"{len(new)} findings: {len(judged)} carry a judgement ({real} real, precision "
          f"{real / max(1, len(judged)):.2f}), {unjudged} to read")
    if args.write:
        with args.judged.open("w", encoding="utf-8") as f:
            for r in out:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
