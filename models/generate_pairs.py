"""FactCC-style NLI pairs from real news sentences (MEANTIME, CC BY 4.0).

premise = an original sentence; hypothesis = a rule-based edit of it:
  contradiction: a number changed, a date (year/month/day) changed, a negation added/removed,
                 an antonym swapped (rose/fell, ...), a named entity replaced by another one of the same
                 type from the same topic cluster;
  entailment:    a number hedged compatibly ("120" -> "more than 100"), a date made coarser
                 ("March 3, 2009" -> "March 2009" / "2009"), a trailing clause dropped;
  neutral:       the reverse direction of the entailment edits (the hypothesis is more specific than the
                 premise), and two different sentences of the same story.
Split by article (group = article id) into train / held-out. Deterministic (seeded).

    python models/generate_pairs.py            # writes models/data/meantime_pairs.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MEANTIME = SHARED / "benchmarks" / "news" / "meantime.jsonl"
sys.path.insert(0, str(ROOT))  # the word lists below come from this checkout's factcheck/resources
from factcheck import lexicon  # noqa: E402

MONTHS = [r[0].title() for r in lexicon.rows("months") if r[2] == "full"]
MONTH_RE = "|".join(MONTHS)
FULL_DATE = re.compile(rf"\b({MONTH_RE}) (\d{{1,2}}), (\d{{4}})\b")
MONTH_YEAR = re.compile(rf"\b({MONTH_RE}) (\d{{4}})\b")
MONTH_DAY = re.compile(rf"\b({MONTH_RE}) (\d{{1,2}})\b(?!,? \d{{4}})")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
# a number that is not part of a date/year, with optional decimals/thousands separators
NUMBER = re.compile(r"(?<![\w.,$-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\w)(?![,.]\d)")
NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "twelve": 12, "twenty": 20, "hundred": 100}

ANTONYMS = [(r[0], r[1]) for r in lexicon.rows("antonym_forms")]
ANT = {}
for a, b in ANTONYMS:
    ANT.setdefault(a, b)
    ANT.setdefault(b, a)

AUX_NEG = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|did|does|do)( not|n't)?\b")
TRAIL = re.compile(r",\s+(which|while|although|though|but|and|as|after|before|according to|with|"
                   r"including|saying|adding|where|when)\b")


def sentences(nlp, text: str):
    doc = nlp(text)
    for s in doc.sents:
        t = s.text.strip()
        if 8 <= len(t.split()) <= 60 and t[-1:] in ".!?\"'" and not t.startswith(("\"", "'")):
            yield t, [(e.text, e.label_) for e in s.ents]


def fmt_number(x: float, like: str) -> str:
    if "." in like:
        return f"{x:.{len(like.split('.')[1])}f}"
    s = str(int(round(x)))
    if "," in like:
        s = f"{int(round(x)):,}"
    return s


def parse_number(s: str) -> float:
    return float(s.replace(",", ""))


def round_down(x: float) -> float | None:
    """A round number clearly below x ("more than ..." stays true)."""
    if x < 8:
        return None
    for step in (1000000, 100000, 10000, 1000, 100, 50, 10, 5):
        if x >= 2 * step:
            r = (x // step) * step
            if r == x:
                r -= step
            return r if r > 0 else None
    return None


def number_spans(s: str):
    out = []
    for m in NUMBER.finditer(s):
        tok = m.group(1)
        # skip years, times, and numbers in dates
        if YEAR.fullmatch(tok) or re.match(r"\s*(a\.m|p\.m|am\b|pm\b|:)", s[m.end():m.end() + 5]):
            continue
        if re.search(rf"({MONTH_RE})\s*$", s[:m.start()]):
            continue
        # product / index names ("iPhone 4", "Nikkei 225", "Boeing 737")
        if re.search(r"\b[A-Za-z]*[A-Z][\w-]*\s$", s[:m.start()]):
            continue
        out.append(m)
    return out


def edit_number_contra(s, rng):
    spans = number_spans(s)
    if not spans:
        return None
    m = rng.choice(spans)
    tok = m.group(1)
    x = parse_number(tok)
    if x == 0:
        return None
    factor = rng.choice([0.5, 0.6, 0.75, 1.3, 1.5, 2.0, 3.0]) if x > 3 else None
    if factor is None:
        y = x + rng.choice([2, 3, 4])
    else:
        y = x * factor
    new = fmt_number(y, tok)
    if new == tok:
        new = fmt_number(x + 1 + rng.randint(1, 5), tok)
    return s[:m.start()] + new + s[m.end():], "number"


def edit_number_hedge(s, rng):
    """'120' -> 'more than 100' (premise implies hypothesis)."""
    spans = [m for m in number_spans(s) if "." not in m.group(1)]
    rng.shuffle(spans)
    for m in spans:
        pre = s[:m.start()]
        if re.search(r"(about|around|nearly|almost|over|than|least|up to|approximately|\$|USD|US\$)\s*$", pre):
            continue
        x = parse_number(m.group(1))
        r = round_down(x)
        if r is None:
            continue
        word = rng.choice(["more than", "over"])
        return s[:m.start()] + f"{word} {fmt_number(r, m.group(1))}" + s[m.end():], "number_hedge"
    return None


def edit_date_contra(s, rng):
    for pat in (FULL_DATE, MONTH_YEAR, MONTH_DAY):
        ms = list(pat.finditer(s))
        if ms:
            m = rng.choice(ms)
            month = m.group(1)
            choice = rng.random()
            if pat is MONTH_DAY or (pat is FULL_DATE and choice < 0.4):
                day = int(m.group(2))
                nd = day + rng.choice([-9, -5, -3, -2, 2, 3, 5, 9])
                if not 1 <= nd <= 28:
                    nd = (day + 10) % 28 + 1
                new = m.group(0).replace(f"{month} {day}", f"{month} {nd}", 1)
            elif choice < 0.75:
                nm = rng.choice([x for x in MONTHS if x != month])
                new = nm + m.group(0)[len(month):]
            else:
                year = m.group(pat.groups)
                new = m.group(0)[: -4] + str(int(year) + rng.choice([-2, -1, 1, 2]))
            return s[:m.start()] + new + s[m.end():], "date"
    ms = [m for m in YEAR.finditer(s)]
    if ms:
        m = rng.choice(ms)
        return s[:m.start()] + str(int(m.group(1)) + rng.choice([-3, -2, -1, 1, 2, 3])) + s[m.end():], "date"
    return None


def edit_date_coarse(s, rng):
    ms = list(FULL_DATE.finditer(s))
    if ms:
        m = rng.choice(ms)
        new = f"{m.group(1)} {m.group(3)}" if rng.random() < 0.6 else m.group(3)
        if new == m.group(3) and re.search(r"\bon\s*$", s[:m.start()]):
            return s[:m.start() - 3].rstrip() + " in " + new + s[m.end():], "date_coarse"
        if re.search(r"\bon\s*$", s[:m.start()]):
            return s[:m.start() - 3].rstrip() + " in " + new + s[m.end():], "date_coarse"
        return s[:m.start()] + new + s[m.end():], "date_coarse"
    ms = list(MONTH_YEAR.finditer(s))
    if ms:
        m = rng.choice(ms)
        return s[:m.start()] + m.group(2) + s[m.end():], "date_coarse"
    return None


def edit_negation(s, rng):
    ms = list(AUX_NEG.finditer(s))
    if not ms:
        return None
    m = rng.choice(ms[:2])
    if m.group(2):  # remove negation
        return s[:m.start()] + m.group(1) + s[m.end():], "negation"
    if m.group(1) in ("did", "does", "do") and not re.match(r"\s+\w+", s[m.end():]):
        return None
    return s[:m.end()] + " not" + s[m.end():], "negation"


def edit_antonym(s, rng):
    toks = list(re.finditer(r"\b[a-z]+\b", s))
    cands = [m for m in toks if m.group(0) in ANT]
    if not cands:
        return None
    m = rng.choice(cands)
    return s[:m.start()] + ANT[m.group(0)] + s[m.end():], "antonym"


def edit_entity(s, ents, pool, rng):
    cands = [(t, lab) for t, lab in ents if lab in ("PERSON", "ORG", "GPE") and t in s and len(t) > 2]
    if not cands:
        return None
    t, lab = rng.choice(cands)
    others = [o for o in pool[lab] if o != t and o not in t and t not in o]
    if not others:
        return None
    o = rng.choice(sorted(others))
    return s.replace(t, o, 1), "entity"


def edit_drop_clause(s, rng):
    ms = list(TRAIL.finditer(s))
    if not ms:
        return None
    m = ms[-1]
    head = s[:m.start()].rstrip()
    if len(head.split()) < 6 or head.count('"') % 2:
        return None
    return head + ".", "drop_clause"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default=str(Path(__file__).with_name("config.json")))
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    cfg = json.loads(Path(args.config).read_text())["generate"]
    out = Path(args.out) if args.out else ROOT / cfg["out"]
    if not MEANTIME.exists():
        raise SystemExit(f"missing {MEANTIME}")
    import sys

    sys.path.insert(0, str(ROOT))
    from factcheck.nlp import load_spacy

    nlp = load_spacy()
    rng = random.Random(cfg["seed"])
    docs = [json.loads(line) for line in MEANTIME.open()]
    docs.sort(key=lambda d: d["id"])
    ids = [d["id"] for d in docs]
    rng.shuffle(ids)
    n_held = round(len(ids) * cfg["heldout_fraction"])
    held = set(ids[:n_held])

    per_doc = {}
    pool = defaultdict(lambda: defaultdict(set))
    for d in docs:
        sents = list(sentences(nlp, d["text"]))
        per_doc[d["id"]] = sents
        for _, ents in sents:
            for t, lab in ents:
                if lab in ("PERSON", "ORG", "GPE") and len(t) > 2:
                    pool[d["cluster"]][lab].add(t)

    rows = []
    for d in docs:
        sents = per_doc[d["id"]]
        split = "heldout" if d["id"] in held else "train"
        for i, (s, ents) in enumerate(sents):
            made = []
            contra = [lambda: edit_number_contra(s, rng), lambda: edit_date_contra(s, rng),
                      lambda: edit_negation(s, rng), lambda: edit_antonym(s, rng),
                      lambda: edit_entity(s, ents, pool[d["cluster"]], rng)]
            rng.shuffle(contra)
            for f in contra:
                r = f()
                if r and r[0] != s:
                    made.append((s, r[0], "contradiction", r[1]))
                    break
            ent = [lambda: edit_number_hedge(s, rng), lambda: edit_date_coarse(s, rng),
                   lambda: edit_drop_clause(s, rng)]
            rng.shuffle(ent)
            for f in ent:
                r = f()
                if r and r[0] != s:
                    if rng.random() < cfg["reverse_fraction"]:
                        # more specific hypothesis than premise: not entailed
                        made.append((r[0], s, "neutral", r[1] + "_reverse"))
                    else:
                        made.append((s, r[0], "entailment", r[1]))
                    break
            if rng.random() < cfg["identity_fraction"]:
                made.append((s, s, "entailment", "identity"))
            if len(sents) > 2 and rng.random() < cfg["neutral_other_fraction"]:
                j = rng.choice([k for k in range(len(sents)) if k != i])
                made.append((s, sents[j][0], "neutral", "other_sentence"))
            for p, h, lab, kind in made:
                rows.append({"premise": p, "hypothesis": h, "label": lab, "source": f"meantime_gen:{kind}",
                             "split": split, "group": d["id"]})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = Counter((r["split"], r["label"]) for r in rows)
    k = Counter(r["source"] for r in rows)
    print(f"wrote {len(rows)} pairs to {out}")
    print(dict(sorted(c.items())))
    print(dict(sorted(k.items())))


if __name__ == "__main__":
    main()
