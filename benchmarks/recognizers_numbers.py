"""factcheck's number parser against the Microsoft Recognizers-Text English specs.

A case passes when the extracted spans (text, case-insensitive) and their resolved values equal
the case's Results exactly (same count, same order). Cases whose ``NotSupported`` names Python
are skipped (the pass rate over all cases is printed as well, since *every* NumberRangeModel
case is marked NotSupported for Python).

  NumberModel     numbers.find_numbers + parse_number (pure text, no spaCy)
  NumberRange     quantities.find_quantities bounds -> interval "[a,b)" etc.
  Percent         quantities.find_quantities, percent quantities -> "N%"
  Currency        quantities.find_quantities, money quantities (core span: symbol + number + unit)
  Dimension       quantities.find_quantities, measure quantities (core span)

``--baseline`` scores the recognizers-text-suite Python package itself on the same cases, for
comparison (it is not a factcheck dependency).

    python benchmarks/recognizers_numbers.py [--fails K] [--baseline]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from _shared import SHARED  # noqa: E402  (one definition of where ../shared is)
SPECS = SHARED / "benchmarks" / "recognizers"
sys.path.insert(0, str(ROOT))

FILES = {
    "NumberModel": "Number/English/NumberModel.json",
    "NumberRangeModel": "Number/English/NumberRangeModel.json",
    "PercentModel": "Number/English/PercentModel.json",
    "CurrencyModel": "NumberWithUnit/English/CurrencyModel.json",
    "DimensionModel": "NumberWithUnit/English/DimensionModel.json",
}


def _num_eq(a: str | float | None, b: str | float | None) -> bool:
    try:
        x, y = float(str(a).rstrip("%")), float(str(b).rstrip("%"))
    except (TypeError, ValueError):
        return str(a) == str(b)
    return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)


def _interval(q) -> str:
    lo = "" if q.low is None else f"{q.low:g}"
    hi = "" if q.high is None else f"{q.high:g}"
    left = "(" if q.modifier in (">",) or q.low is None else "["
    right = ")" if q.modifier in ("<", "range") or q.high is None else "]"
    return f"{left}{lo},{hi}{right}"


def _interval_eq(gold: str, pred: str) -> bool:
    g, p = gold.replace(" ", ""), pred.replace(" ", "")
    if g[0] != p[0] or g[-1] != p[-1]:
        return False
    gl, gh = g[1:-1].split(",")
    pl, ph = p[1:-1].split(",")
    return (gl == pl == "" or gl != "" and pl != "" and _num_eq(gl, pl)) and (
        gh == ph == "" or gh != "" and ph != "" and _num_eq(gh, ph)
    )


def predict(model: str, text: str, nlp) -> list[tuple[str, str]]:
    from factcheck.extract.numbers import find_numbers, format_number
    from factcheck.extract.quantities import find_quantities

    if model == "NumberModel":
        return [(n.text, format_number(n.value)) for n in find_numbers(text, vague=False, glued=False)]
    qs = find_quantities(text, nlp, years=True, durations=True)
    if model == "NumberRangeModel":
        return [(q.text, _interval(q)) for q in qs if q.modifier not in ("=", "~")]
    if model == "PercentModel":
        return [(text[q.core_start : q.core_end], f"{format_number(q.value)}%") for q in qs if q.unit == "%"]
    kind = "money" if model == "CurrencyModel" else "measure"
    return [(text[q.core_start : q.core_end], format_number(q.value)) for q in qs if q.kind == kind]


def predict_baseline(model: str, text: str, nlp) -> list[tuple[str, str]]:
    """The same spans from recognizers-text-suite (Microsoft's Python port)."""
    from recognizers_number import Culture, recognize_number, recognize_percentage
    from recognizers_number_with_unit import recognize_currency, recognize_dimension

    fn = {
        "NumberModel": recognize_number, "PercentModel": recognize_percentage,
        "CurrencyModel": recognize_currency, "DimensionModel": recognize_dimension,
    }.get(model)
    if fn is None:
        return []
    out = []
    for r in fn(text, Culture.English):
        res = r.resolution or {}
        out.append((r.text, str(res.get("value"))))
    return out


def _passes(model: str, gold: list[dict], pred: list[tuple[str, str]]) -> bool:
    if len(gold) != len(pred):
        return False
    for g, (ptext, pval) in zip(gold, pred):
        if " ".join(g["Text"].lower().split()) != " ".join(ptext.lower().split()):
            return False
        gv = (g.get("Resolution") or {}).get("value")
        if model == "NumberRangeModel":
            if gv is None or not _interval_eq(gv, pval):
                return False
        elif gv is not None and not _num_eq(gv, pval):
            return False
    return True


def _python_unsupported(case: dict) -> bool:
    return "python" in str(case.get("NotSupported", "")).lower()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fails", type=int, default=0, help="print K failing cases per file")
    ap.add_argument("--baseline", action="store_true", help="score recognizers-text-suite instead")
    args = ap.parse_args(argv)
    if not SPECS.exists():
        print(f"skipped: {SPECS} not found")
        return 0
    from factcheck.nlp import load_spacy

    nlp = load_spacy()
    if args.baseline:
        try:
            import recognizers_number  # noqa: F401
        except ImportError:
            print("skipped: recognizers-text-suite not installed")
            return 0
        print("baseline: recognizers-text-suite (NumberRangeModel not available in its Python port)")
    tot_pass = tot_n = 0
    for model, rel in FILES.items():
        path = SPECS / rel
        if not path.exists():
            print(f"{model}: skipped: {path} not found")
            continue
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        t0 = time.perf_counter()
        passed = n = passed_all = 0
        fails = []
        for case in cases:
            pred = (predict_baseline if args.baseline else predict)(model, case["Input"], nlp)
            ok = _passes(model, case.get("Results", []), pred)
            passed_all += ok
            if _python_unsupported(case):
                continue
            n += 1
            passed += ok
            if not ok:
                fails.append((case["Input"][:110], [(r["Text"], (r.get("Resolution") or {}).get("value")) for r in case.get("Results", [])], pred))
        ms = (time.perf_counter() - t0) * 1000 / max(len(cases), 1)
        rate = f"{passed / n:.3f}" if n else "n/a"
        print(f"{model:17s} pass {passed}/{n} = {rate} (Python-supported cases); "
              f"all cases {passed_all}/{len(cases)} = {passed_all / len(cases):.3f}; {ms:.1f} ms/case")
        tot_pass += passed
        tot_n += n
        for f in fails[: args.fails]:
            print(f"    FAIL {f[0]!r}\n         gold {f[1]}\n         pred {f[2]}")
    if tot_n:
        print(f"overall (supported cases): {tot_pass}/{tot_n} = {tot_pass / tot_n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
