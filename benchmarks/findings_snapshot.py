"""Every finding and paraphrase (id, rule, evidence) on the seeds and the open news sets, with
the NLI stage, as JSON: run it before and after a speed change and diff the two files.

    python benchmarks/findings_snapshot.py --output before.json [--cache-dir DIR]
    python benchmarks/findings_snapshot.py --output after.json --cache-dir DIR
    python benchmarks/findings_snapshot.py --diff before.json after.json
    python benchmarks/findings_snapshot.py --no-nli --output before.json   # alignment changes: fast

Sets: the seeds; the 40 open ECB+ clean clusters; MEANTIME with every pair of a cluster compared
(``max-date-gap-days`` off, so its large clusters put candidate selection to work). ``--cache-dir``
keeps NLI scores between runs (same model, same pair, same scores), so a second run scores only
new pairs; never use it for timing. ``--no-nli`` judges without the NLI stage and keeps every
agreement, claim agreements included: what a change to claim alignment can move.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's factcheck first
from _shared import shared_path  # noqa: E402


def _items(result, claim_agreements: bool = False) -> list[dict]:
    out = []
    for kind, items in (("finding", result.findings), ("agreement", result.agreements)):
        for x in items:
            if kind == "agreement" and x.kind != "paraphrase" and not claim_agreements:
                continue  # claim agreements do not depend on the NLI stage
            out.append({"kind": kind, "id": x.id, "rule": x.rule if kind == "finding" else x.kind, "score": x.score,
                        "evidence": [[e.doc, e.start, e.end] for e in x.evidence]})
    return out


def snapshot(cache_dir: str | None, use_nli: bool = True) -> dict[str, list[dict]]:
    from factcheck.cache import ScoreCache
    from factcheck.load import load_documents
    from factcheck.nli import NLIModel
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    nli = NLIModel.load() if use_nli else None
    cache = ScoreCache(cache_dir) if cache_dir else None
    out: dict[str, list[dict]] = {}
    checker = Checker(Options(nli=use_nli), nli=nli, cache=cache)

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    out["seeds"] = _items(checker.check(load_documents([seeds])), not use_nli)
    news = shared_path("benchmarks", "news")
    for line in (news / "ecbplus_open_clean.jsonl").open(encoding="utf-8"):
        case = json.loads(line)
        from ecbplus_cases import load_case_documents

        out[case["case_id"]] = _items(checker.judge(checker.analyse_all(load_case_documents(case))), not use_nli)
    every = Checker(Options(nli=use_nli, max_date_gap_days=None), nli=nli, cache=cache)
    docs = load_documents([news / "meantime.jsonl"])
    out["meantime-all-pairs"] = _items(every.check(docs), not use_nli)
    return out


def diff(a: dict, b: dict) -> int:
    changed = 0
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key, []), b.get(key, [])
        if x != y:
            changed += 1
            sx = {json.dumps(i, sort_keys=True) for i in x}
            sy = {json.dumps(i, sort_keys=True) for i in y}
            print(f"{key}: {len(x)} -> {len(y)} items; only before {len(sx - sy)}, only after {len(sy - sx)}")
            for i in sorted(sx - sy):
                print("  -", i)
            for i in sorted(sy - sx):
                print("  +", i)
    total = sum(len(v) for v in a.values())
    print(f"{len(set(a) | set(b))} sets, {total} items before; {changed} sets differ")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--output", type=Path)
    ap.add_argument("--cache-dir")
    ap.add_argument("--diff", nargs=2, type=Path)
    ap.add_argument("--no-nli", action="store_true", help="judge without the NLI stage, claim agreements kept")
    args = ap.parse_args()
    if args.diff:
        a, b = (json.loads(p.read_text()) for p in args.diff)
        sys.exit(1 if diff(a, b) else 0)
    t0 = time.perf_counter()
    snap = snapshot(args.cache_dir, use_nli=not args.no_nli)
    print(f"{sum(len(v) for v in snap.values())} items in {len(snap)} sets, {time.perf_counter() - t0:.0f} s")
    if args.output:
        args.output.write_text(json.dumps(snap, indent=0))


if __name__ == "__main__":
    main()
