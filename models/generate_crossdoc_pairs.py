"""NLI pairs across reports: one fact in two reporters' words, with its value changed or kept.

    python models/generate_crossdoc_pairs.py     # writes models/work/crossdoc_pairs.jsonl

An experiment, not part of the shipped model: fine-tuned on these pairs (models/finetune_crossdoc.py),
the model caught more restatements only on the topics its pairs came from (see models/README.md,
"Tried: cross-report pairs"), so the shipped weights are still train.py's.

The shipped NLI model learnt contradiction from edits of one sentence (models/generate_pairs.py):
the same words with another number. Two reports state a fact in different words, and there it
said neutral: on the hand-written restatements (benchmarks/data/restatements*.jsonl) its
contradiction probability was 0.08 for an incompatible value and 0.09 for a compatible one.

This script builds the missing pairs from real news, from the labelled claim pairs of the
same-fact model (models/data/samefact_pairs.jsonl.gz, built by models/fit_samefact.py), topics
not held out only (benchmarks/_shared.held_out), so the held-out figures stay clean:
- one fact, two reports (claims of different reports that agree on a specific value, and the
  hand-checked counterparts of the ECB+ edit cases): the two sentences as written are neutral;
  with the value of one side changed so the two cannot both hold they are a contradiction; with
  it hedged compatibly ("about", "more than" a lower value) neutral again;
- different facts (claims of consistent reports whose values differ): the two sentences as
  written are neutral. These teach the model that a different number about another thing is
  no contradiction, which is where a checker cries wolf.
The restatement cases are never used here: they stay a test the model never saw.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from _shared import held_out, topic_of  # noqa: E402
from factcheck import lexicon  # noqa: E402

NEWS = ROOT.parent / "shared" / "benchmarks" / "news"
PAIRS = ROOT / "models" / "data" / "samefact_pairs.jsonl.gz"
OUT = ROOT / "models" / "work" / "crossdoc_pairs.jsonl"
SEED = 13

# the extractor's own word lists (factcheck/resources), capitalised as a sentence writes names
WEEKDAYS = [w.capitalize() for w, _ in sorted(lexicon.rows("weekdays"), key=lambda r: int(r[1]))]
MONTHS = [w.capitalize() for w, _, form in sorted(lexicon.rows("months"), key=lambda r: int(r[1])) if form == "full"]
WORDS = {w: int(v) for w, v, _ in sorted(lexicon.rows("number_words"), key=lambda r: float(r[1])) if float(v) <= 20}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.I)
NAME = re.compile(r"\b(" + "|".join(WEEKDAYS + MONTHS) + r")\b")


def _format(x: float, like: str) -> str:
    decimals = len(like.split(".")[1]) if "." in like else 0
    s = f"{x:,.{decimals}f}" if "," in like else f"{x:.{decimals}f}"
    return s


def conflicting(text: str, is_time: bool, rng: random.Random) -> str | None:
    """The claim's text with its value changed so that both cannot hold, or None."""
    m = NUMBER.search(text)
    if m:
        raw = m.group()
        x = float(raw.replace(",", ""))
        if is_time or (1900 <= x <= 2100 and "." not in raw and "," not in raw):
            if 1900 <= x <= 2100:
                y = x + rng.choice([-3, -2, -1, 1, 2, 3])
            elif 1 <= x <= 31:
                y = rng.choice([d for d in range(1, 29) if d != x])
            else:
                return None
        else:
            y = x * rng.choice([0.3, 0.5, 0.6, 1.6, 2, 3])
            if "." not in raw:
                y = max(1, round(y))
            if abs(y - x) < 0.25 * max(x, 1):
                y = x + max(2, round(0.5 * x))
        return text[:m.start()] + _format(y, raw) + text[m.end():]
    m = WORD.search(text)
    if m and not is_time:
        x = WORDS[m.group().lower()]
        y = rng.choice([v for v in range(2, 21) if abs(v - x) >= max(2, x // 3)])
        word = next(w for w, v in WORDS.items() if v == y)
        return text[:m.start()] + (word.capitalize() if m.group()[0].isupper() else word) + text[m.end():]
    m = NAME.search(text)
    if m:
        pool = WEEKDAYS if m.group() in WEEKDAYS else MONTHS
        return text[:m.start()] + rng.choice([w for w in pool if w != m.group()]) + text[m.end():]
    return None


def hedged(text: str, is_time: bool, rng: random.Random) -> str | None:
    """The claim's text made vaguer but still true: "about 33", "more than 30"."""
    m = NUMBER.search(text)
    if is_time or not m or text[:m.start()].strip():
        return None
    raw = m.group()
    x = float(raw.replace(",", ""))
    if 1900 <= x <= 2100 or x < 5:
        return None
    if rng.random() < 0.5:
        return "about " + text
    lower = _format(float(int(x * 0.8)), raw.split(".")[0])
    return f"more than {lower}" + text[m.end():]


def sentence_of(start: int, sentences) -> tuple[int, int] | None:
    for s in sentences:
        if s.start <= start < s.end:
            return s.start, s.end
    return None


def main() -> None:
    from factcheck.load import load_documents
    from factcheck.segment import split_sentences

    docs = {d.id: d for d in load_documents([NEWS / "ecbplus_open.jsonl", NEWS / "meantime.jsonl"])}
    sentences = {k: split_sentences(d) for k, d in docs.items()}
    rng = random.Random(SEED)
    out, skipped = [], 0
    seen = set()
    for line in gzip.open(PAIRS, "rt", encoding="utf-8"):
        r = json.loads(line)
        if held_out(topic_of(r["corpus"], r["group"])):
            continue
        a, b = r["a"], r["b"]
        if a["doc"] not in docs or b["doc"] not in docs:
            skipped += 1
            continue
        sa, sb = sentence_of(a["start"], sentences[a["doc"]]), sentence_of(b["start"], sentences[b["doc"]])
        if sa is None or sb is None:
            skipped += 1
            continue
        ta, tb = docs[a["doc"]].text[sa[0]:sa[1]], docs[b["doc"]].text[sb[0]:sb[1]]
        key = (ta, tb)
        if key in seen or len(ta) > 400 or len(tb) > 400:
            continue
        seen.add(key)
        is_time = bool(r["features"].get("is_time"))
        base = {"topic": topic_of(r["corpus"], r["group"]), "source": r["source"]}
        flip = rng.random() < 0.5
        if r["label"] == 0:
            out.append({**base, "premise": ta, "hypothesis": tb, "label": "neutral", "edit": "different facts"})
            continue
        out.append({**base, "premise": ta, "hypothesis": tb, "label": "neutral", "edit": "none"})
        # edit the claim of one side, in place (offsets are the claim's within its sentence)
        side, (s0, _), text = (b, sb, tb) if flip else (a, sa, ta)
        lo, hi = side["start"] - s0, side["end"] - s0
        changed = conflicting(text[lo:hi], is_time, rng)
        if changed and changed != text[lo:hi]:
            edited = text[:lo] + changed + text[hi:]
            p, h = (ta, edited) if flip else (edited, tb)
            out.append({**base, "premise": p, "hypothesis": h, "label": "contradiction", "edit": "value changed"})
        vaguer = hedged(text[lo:hi], is_time, rng)
        if vaguer and rng.random() < 0.5:
            edited = text[:lo] + vaguer + text[hi:]
            p, h = (ta, edited) if flip else (edited, tb)
            out.append({**base, "premise": p, "hypothesis": h, "label": "neutral", "edit": "value hedged"})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out)} pairs "
          f"{dict(Counter((r['edit'], r['label']) for r in out))}; skipped {skipped}")


if __name__ == "__main__":
    main()
