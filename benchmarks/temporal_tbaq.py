"""TIMEX3 extraction and normalisation on TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT).

Prints span P/R/F1 strict (exact offsets) and relaxed (overlap), type accuracy, value accuracy
and value F1 (TempEval-3: matches with the correct value counted as true positives), an error
breakdown (missed, spurious, boundary, value), and seconds per document.

TBAQ is the TempEval-3 *training* set; factcheck's rules were tuned on it, so these figures are
in-sample. To make the in-sample effect visible, every 5th document (by sorted document id) is
held out: the figures are also printed for the tuning part and the held-out part separately, and
--errors lists errors from the tuning part only (--errors-part changes that), so that rules are
not tuned on held-out documents.

    python benchmarks/temporal_tbaq.py            # tag_timexes (regex tense)
    python benchmarks/temporal_tbaq.py --spacy    # extract_times on spaCy-parsed sentences
    python benchmarks/temporal_tbaq.py --errors 40  # print some errors (tuning part)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import SHARED  # noqa: E402  (one definition of where ../shared is)
DATA = SHARED / "benchmarks" / "temporal" / "tbaq.jsonl"


def _predict_spacy(doc: dict, nlp) -> list[dict]:
    from factcheck.extract.temporal import extract_times
    from factcheck.segment import parse_sentences, split_sentences
    from factcheck.types import Document

    d = Document(id=doc["id"], text=doc["text"], date=doc["dct"][:10])
    claims = extract_times(d, parse_sentences(split_sentences(d), nlp))
    return [{"start": c.start, "end": c.end, "text": c.text, "type": c.type, "value": c.value}
            for c in claims]


def _predict(doc: dict) -> list[dict]:
    from factcheck.extract.temporal import tag_timexes

    return [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
            for t in tag_timexes(doc["text"], doc["dct"][:10])]


def _match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one overlap matching, exact spans first, then largest overlap."""
    pairs, used_p, used_g = [], set(), set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used_p and p["start"] == g["start"] and p["end"] == g["end"]:
                pairs.append((g, p))
                used_p.add(pi)
                used_g.add(gi)
                break
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        best, best_ov = None, 0
        for pi, p in enumerate(pred):
            if pi in used_p:
                continue
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > best_ov:
                best, best_ov = pi, ov
        if best is not None:
            pairs.append((g, pred[best]))
            used_p.add(best)
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class _Score:
    def __init__(self) -> None:
        self.n_docs = self.n_gold = self.n_pred = 0
        self.strict = self.relaxed = self.type_ok = self.value_ok = 0
        self.elapsed = 0.0
        self.kinds: Counter = Counter()
        self.errors: dict[str, list[str]] = {"missed": [], "spurious": [], "boundary": [],
                                             "value": [], "type": []}

    def add(self, other: "_Score") -> None:
        for k in ("n_docs", "n_gold", "n_pred", "strict", "relaxed", "type_ok", "value_ok",
                  "elapsed"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.kinds.update(other.kinds)
        for k, rows in other.errors.items():
            self.errors[k].extend(rows)

    def f1(self, tp: int) -> float:
        return _prf(tp, self.n_pred, self.n_gold)[2]

    def report(self) -> None:
        sp, sr, sf = _prf(self.strict, self.n_pred, self.n_gold)
        rp, rr, rf = _prf(self.relaxed, self.n_pred, self.n_gold)
        vp, vr, vf = _prf(self.value_ok, self.n_pred, self.n_gold)
        print(f"strict   P {100 * sp:5.1f}  R {100 * sr:5.1f}  F1 {100 * sf:5.1f}")
        print(f"relaxed  P {100 * rp:5.1f}  R {100 * rr:5.1f}  F1 {100 * rf:5.1f}")
        print(f"type accuracy  {100 * self.type_ok / max(self.relaxed, 1):5.1f} "
              "(of relaxed matches)")
        print(f"value accuracy {100 * self.value_ok / max(self.relaxed, 1):5.1f} "
              "(of relaxed matches)")
        print(f"value    P {100 * vp:5.1f}  R {100 * vr:5.1f}  F1 {100 * vf:5.1f}")
        k = self.kinds
        print(f"errors: missed {k['missed']}, spurious {k['spurious']}, "
              f"boundary (overlap but not exact) {k['boundary']}, wrong value {k['value']}, "
              f"wrong type {k['type']}")


def _score(docs: list[dict], nlp) -> _Score:
    sc = _Score()
    sc.n_docs = len(docs)
    errors, kinds = sc.errors, sc.kinds
    for doc in docs:
        t0 = time.perf_counter()
        pred = _predict_spacy(doc, nlp) if nlp else _predict(doc)
        sc.elapsed += time.perf_counter() - t0
        gold = doc["timexes"]
        sc.n_gold += len(gold)
        sc.n_pred += len(pred)
        pairs = _match(gold, pred)
        matched_p = {id(p) for _, p in pairs}
        matched_g = {id(g) for g, _ in pairs}
        for g, p in pairs:
            sc.relaxed += 1
            exact = g["start"] == p["start"] and g["end"] == p["end"]
            sc.strict += exact
            sc.type_ok += g["type"] == p["type"]
            sc.value_ok += g["value"] == p["value"]
            if not exact:
                kinds["boundary"] += 1
                errors["boundary"].append(f"{g['text']!r} -> {p['text']!r}")
            if g["value"] != p["value"]:
                kinds["value"] += 1
                errors["value"].append(f"{doc['dct'][:10]} {g['text']!r} gold {g['value']} "
                                       f"got {p['value']}")
            if g["type"] != p["type"]:
                kinds["type"] += 1
                errors["type"].append(f"{g['text']!r} gold {g['type']} got {p['type']}")
        t = doc["text"]
        for g in gold:
            if id(g) not in matched_g:
                kinds["missed"] += 1
                errors["missed"].append(f"{g['text']!r} ({g['type']} {g['value']}) in "
                                        f"...{t[max(0, g['start'] - 40):g['end'] + 30]!r}")
        for p in pred:
            if id(p) not in matched_p:
                kinds["spurious"] += 1
                errors["spurious"].append(f"{p['text']!r} ({p['type']} {p['value']}) in "
                                          f"...{t[max(0, p['start'] - 40):p['end'] + 30]!r}")
    return sc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spacy", action="store_true", help="use extract_times on spaCy parses")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    ap.add_argument("--errors-part", choices=("tune", "heldout", "all"), default="tune",
                    help="which part --errors lists (default: the tuning part)")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return 0
    docs = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    if args.limit:
        docs = docs[: args.limit]
    nlp = None
    if args.spacy:
        from factcheck.nlp import load_spacy

        nlp = load_spacy()
        _predict_spacy(docs[0], nlp)  # warm up
    held = set(sorted(d["id"] for d in docs)[4::5])  # every 5th document id is held out
    parts = {part: _score([d for d in docs if (d["id"] in held) == (part == "heldout")], nlp)
             for part in ("tune", "heldout")}
    total = _Score()
    for sc in parts.values():
        total.add(sc)
    mode = "extract_times (spaCy tense)" if nlp else "tag_timexes (regex tense)"
    print(f"TBAQ-cleaned: {len(docs)} docs, {total.n_gold} gold timexes, {total.n_pred} predicted"
          f"  [{mode}]")
    print("(TempEval-3 training data: the rules were tuned on it, figures are in-sample)")
    total.report()
    print(f"speed: {total.elapsed / max(len(docs), 1):.4f} s/doc "
          f"({'incl. spaCy parse' if nlp else 'rules only'})")
    print(f"\n{'F1 / accuracy by part':<36}{'docs':>5}{'gold':>6}{'strict':>8}{'relaxed':>8}"
          f"{'type':>7}{'value':>7}")
    for part, label in (("tune", "tuning part (4 of 5 doc ids)"),
                        ("heldout", "held-out part (every 5th doc id)")):
        sc = parts[part]
        print(f"{label:<36}{sc.n_docs:>5}{sc.n_gold:>6}{100 * sc.f1(sc.strict):8.1f}"
              f"{100 * sc.f1(sc.relaxed):8.1f}{100 * sc.type_ok / max(sc.relaxed, 1):7.1f}"
              f"{100 * sc.f1(sc.value_ok):7.1f}")
    if args.errors:
        errors = total.errors if args.errors_part == "all" else parts[args.errors_part].errors
        for kind, rows in errors.items():
            print(f"\n== {kind} ({len(rows)}, {args.errors_part} part)")
            for row in rows[: args.errors]:
                print("  ", row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
