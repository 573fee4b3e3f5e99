"""Quantity detection on MeasEval (SemEval-2021 Task 8) train + trial paragraphs.

Span precision / recall / F1, strict (exact character span) and relaxed (any overlap, each
gold and each predicted span matched at most once), plus unit accuracy on relaxed matches
where the gold annotation names a unit. MeasEval is scientific text: its quantities include
years ("in 1991"), durations ("54.8 years") and lists ("1997, 2003, and 2008" as one span),
which factcheck's news defaults leave out, so two settings are reported:
  news     find_quantities defaults (no years, no durations) -- what the checker uses
  science  years=True, durations=True

    python benchmarks/quantities_measeval.py [--limit N] [--errors K]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from _shared import SHARED  # noqa: E402  (one definition of where ../shared is)
DATA = SHARED / "benchmarks" / "quantities" / "measeval.jsonl"
sys.path.insert(0, str(ROOT))

# gold unit surface -> the normal form find_quantities returns (only where they differ)
_UNIT_ALIASES = {
    "percent": "%", "per cent": "%", "years": "year", "yr": "year", "days": "day", "d": "day",
    "hours": "hour", "h": "hour", "minutes": "minute", "min": "minute", "months": "month",
    "weeks": "week", "seconds": "second", "s": "second",
}


def _norm_unit(u: str | None) -> str | None:
    if u is None:
        return None
    u = u.strip().lower()
    return _UNIT_ALIASES.get(u, u)


def _unit_ok(gold: str, pred: str | None, pred_text: str) -> bool:
    """A predicted unit matches when it equals the gold unit or its normal form / lemma."""
    from factcheck.extract.quantities import _UNITS

    if pred is None:
        return False
    g = _norm_unit(gold)
    p = pred.lower()
    candidates = {g, _UNITS.get(g, g).lower(), g.rstrip("s"), _UNITS.get(g.rstrip("s"), g).lower()}
    return p in candidates


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]):
    strict = len(set(gold) & set(pred))
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            if pi not in used and ps < ge and gs < pe:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return strict, pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="first N paragraphs only")
    ap.add_argument("--errors", type=int, default=0, help="print K missed and K spurious spans")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return 0

    from factcheck.extract.quantities import find_quantities
    from factcheck.nlp import load_spacy

    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    nlp = load_spacy()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(r["text"] for r in rows))
    parse_s = time.perf_counter() - t0
    settings = {"news": {}, "science": {"years": True, "durations": True}}
    print(f"MeasEval train+trial: {len(rows)} paragraphs, "
          f"{sum(len(r['quantities']) for r in rows)} gold quantities; spaCy parse {parse_s:.1f}s")
    for name, kw in settings.items():
        n_gold = n_pred = strict = relaxed = 0
        unit_total = unit_hit = 0
        missed: list[str] = []
        spurious: list[str] = []
        t0 = time.perf_counter()
        preds_all = [find_quantities(d, **kw) for d in docs]
        extract_s = time.perf_counter() - t0
        for r, preds in zip(rows, preds_all):
            gold = [(q["start"], q["end"]) for q in r["quantities"]]
            pred = [(q.start, q.end) for q in preds]
            s, pairs = _match(gold, pred)
            n_gold += len(gold)
            n_pred += len(pred)
            strict += s
            relaxed += len(pairs)
            matched_g = {g for g, _ in pairs}
            matched_p = {p for _, p in pairs}
            for gi, pi in pairs:
                gu = r["quantities"][gi].get("unit")
                if gu:
                    unit_total += 1
                    unit_hit += _unit_ok(gu, preds[pi].unit, preds[pi].text)
            text = r["text"]
            missed += [f"{text[max(0, a - 30):a]}[[{text[a:b]}]]{text[b:b + 20]}" for i, (a, b) in enumerate(gold) if i not in matched_g]
            spurious += [f"{text[max(0, a - 30):a]}[[{text[a:b]}]]{text[b:b + 20]}" for i, (a, b) in enumerate(pred) if i not in matched_p]
        sp, sr, sf = _prf(strict, n_pred, n_gold)
        rp, rr, rf = _prf(relaxed, n_pred, n_gold)
        print(f"[{name}] predicted {n_pred}, gold {n_gold}")
        print(f"  strict  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
        print(f"  relaxed P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}")
        print(f"  unit accuracy (relaxed matches with a gold unit): {unit_hit}/{unit_total}"
              f" = {unit_hit / unit_total if unit_total else 0:.3f}")
        print(f"  extraction {extract_s * 1000 / max(len(rows), 1):.2f} ms/paragraph (parse excluded)")
        for label, items in (("missed", missed), ("spurious", spurious)):
            for x in items[: args.errors]:
                print(f"    {label}: {x!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
