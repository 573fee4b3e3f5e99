"""factcheck's TIMEX3 rules on the Microsoft Recognizers-Text English DateTime spec files.

A case passes when the spans ``tag_timexes`` finds have exactly the texts of the case's Results
(case-insensitive), and, for parser/model files, when every comparable TIMEX value matches: the
spec's ``Value.Timex`` or ``Resolution.values[].timex`` when it is a single value (not a range
like "(2016-11-04,2016-11-22,P18D)"); an X in the spec's value matches any character, since
factcheck resolves "Jan" against the reference date where the spec leaves "XXXX-01".

The specs are chat-style ("i'll go back on 15", lowercase month names, "3h"); factcheck's rules
are for edited news (capitalised month/weekday names, no bare day numbers), so pass rates here
measure coverage of colloquial forms rather than news accuracy.

    python benchmarks/recognizers_datetime.py [--failures 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import SHARED  # noqa: E402  (one definition of where ../shared is)
SPECS = SHARED / "benchmarks" / "recognizers" / "DateTime" / "English"
FILES = ["DateExtractor", "DateParser", "DatePeriodExtractor", "DatePeriodParser",
         "DurationExtractor", "DurationParser", "SetExtractor", "SetParser", "TimeExtractor",
         "TimeParser", "HolidayExtractor", "HolidayParser", "DateTimeModel"]


def _spec_timexes(result: dict) -> list[str]:
    out = []
    value = result.get("Value")
    if isinstance(value, dict) and isinstance(value.get("Timex"), str):
        out.append(value["Timex"])
    res = result.get("Resolution")
    if isinstance(res, dict):
        for v in res.get("values", []) or []:
            if isinstance(v, dict) and isinstance(v.get("timex"), str):
                out.append(v["timex"])
    return [t for t in out if "(" not in t and "," not in t]


def _value_matches(spec: str, ours: str) -> bool:
    if spec.startswith("T") and "T" in ours:  # a time of day without a date in the spec
        ours = ours[ours.index("T"):]
    if len(spec) != len(ours):
        # the spec writes a day as XXXX-XX-15 and a date-time as 2016-11-07T16:12; keep to ISO
        return spec == ours
    return all(a == "X" or a == b for a, b in zip(spec, ours))


def run_file(path: Path, failures: int) -> tuple[int, int, list[str]]:
    from factcheck.extract.temporal import tag_timexes

    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    passed, shown = 0, []
    parser = "Parser" in path.stem or "Model" in path.stem
    for case in cases:
        text = case["Input"]
        ref = (case.get("Context") or {}).get("ReferenceDateTime", "2016-11-07")[:10]
        got = tag_timexes(text, ref)
        want = [r["Text"].lower().strip() for r in case.get("Results", [])]
        have = [t.text.lower().strip() for t in got]
        ok = sorted(want) == sorted(have)
        if ok and parser:
            by_text = {t.text.lower().strip(): t.value for t in got}
            for r in case.get("Results", []):
                for spec in _spec_timexes(r):
                    if not _value_matches(spec, by_text.get(r["Text"].lower().strip(), "")):
                        ok = False
        passed += ok
        if not ok and len(shown) < failures:
            shown.append(f"{text!r}: want {want} "
                         f"{[_spec_timexes(r) for r in case.get('Results', [])] if parser else ''}"
                         f" got {[(t.text, t.value) for t in got]}")
    return passed, len(cases), shown


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", type=int, default=0, help="print this many failures per file")
    args = ap.parse_args(argv)
    if not SPECS.exists():
        print(f"skipped: {SPECS} not found")
        return 0
    total_p = total_n = 0
    t0 = time.perf_counter()
    for name in FILES:
        path = SPECS / f"{name}.json"
        if not path.exists():
            continue
        p, n, shown = run_file(path, args.failures)
        total_p += p
        total_n += n
        print(f"{name:24s} {p:4d}/{n:<4d} {100 * p / max(n, 1):5.1f}%")
        for row in shown:
            print("    ", row)
    print(f"{'all':24s} {total_p:4d}/{total_n:<4d} {100 * total_p / max(total_n, 1):5.1f}%  "
          f"({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
