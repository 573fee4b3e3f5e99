"""Number expressions in English text: where they are and what they are worth.

``parse_number("two dozen") == 24``; ``find_numbers(text)`` lists every number expression
(digits, number words, digits with a scale word, simple fractions) with character offsets.
Pure regular expressions and dictionaries: no model, about a microsecond per character.
Deciding whether a number is a *claim* (not a year, a code, an ordinal) is quantities.py's job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from fractions import Fraction

from .. import lexicon

_WORDS = lexicon.rows("number_words")
UNITS = {r[0]: int(r[1]) for r in _WORDS if r[2] == "unit"}
TENS = {r[0]: int(r[1]) for r in _WORDS if r[2] == "tens"}
SCALES = {r[0]: int(r[1]) for r in _WORDS if r[2] == "scale"}
# attached or abbreviated scales: "1.2bn", "$5m", "100k", "EUR 3 mln"
SCALE_ABBR = dict(lexicon.numbers("scale_abbreviations"))


def _scales(*forms: str) -> str:
    """The abbreviated scales of the given forms (resources/scale_abbreviations.tsv, third
    column) as an alternation, longest first."""
    return "|".join(sorted((r[0] for r in lexicon.rows("scale_abbreviations") if r[2] in forms), key=len, reverse=True))


SCALE_SPACED = _scales("spaced")  # "1.2bn", "3 mln"
SCALE_GLUED = _scales("glued")  # "100k", "$1.2tn"
SCALE_AFTER_MONEY = _scales("money", "spaced", "glued")  # "$5m", "RM3.06mil"
DENOMINATORS = {k: int(v) for k, v in lexicon.numbers("fraction_words").items()}
# "dozens of", "hundreds of thousands of": vague plurals -> the least they can mean
VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
    "billions": 2_000_000_000, "trillions": 2_000_000_000_000, "tens": 20,
}

_WORD = sorted([*UNITS, *TENS, *SCALES, "dozen", "dozens"], key=len, reverse=True)
WORD_ALT = "|".join(_WORD)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SCALE_WORDS = r"hundred|thousand|million|billion|trillion|lakh|crore|dozen"
# scientific notation: "1.99×10−30", "4.3 × 10−8", "2 x 10^6", "6×10⁶". A bare "× 106" (a
# superscript lost in copying) is left alone: it could as well be a product
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_TIMES_TEN = (r"\s?(?:×\s?10(?:\^\s?[-−+]?|[-−⁻]\s?|(?=[⁰¹²³⁴⁵⁶⁷⁸⁹]))|[xX]\s?10(?:\^\s?[-−+]?|[−⁻]|(?=[⁰¹²³⁴⁵⁶⁷⁸⁹])))"
              r"(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹])")

# "half a million", "a quarter of a billion", "three quarters of a percentage point": a part of
# a scale, or of the unit after it, is one number (the "a" before a unit is the number's)
_PART_OF = (r"(?:half|(?:a|one|three)[\s-]+quarters?\s+of)\s+(?:a\s+(?:dozen|hundred|thousand|million|billion|trillion)\b"
            r"|an?(?=\s+(?:percentage[\s-]+)?points?\b))")

# one number expression; group names tell find_numbers which branch matched
NUMBER_RE = re.compile(
    rf"""
    (?P<frac>(?<![\w.,/])(?:[-−]\s?)?(?:\d+\s+)?\d+\s?/\s?\d+(?![\w/]))
  | (?P<digits>(?=[-−.\dmn])(?:(?<![\w.,])(?:[-−]\s?|(?:minus|negative)[\s-]+)?
                  |(?<=\b[A-Z]{{2}})|(?<=\b[A-Z]{{3}})|(?<=\$[A-Z])|(?<=\$[A-Z]{{2}}))(?:{_DIGITS})(?:e[+-]?\d+\b|{_TIMES_TEN})?(?:[\s-]?(?:{_SCALE_WORDS})s?\b)?
        (?:\s?(?:{SCALE_SPACED})\b|(?:{SCALE_GLUED})\b)?)
  | (?P<words>\b(?:(?:minus|negative)\s+)?(?:(?:a|an)\s+(?=(?:{_SCALE_WORDS})\b))?(?:{_PART_OF}|(?:{WORD_ALT}))
        (?:(?:\s+and\s+|\s*-\s*|\s+)(?:{WORD_ALT})\b)*(?:\s+point(?:(?:\s+|\s*-\s*)(?:{WORD_ALT}))+)?
        (?:\s+and\s+a\s+(?:half|quarter|third)(?:\s+(?:thousand|million|billion|trillion))?\b)?\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)

# "one out of three Germans", "9 out of 10 doctors", "one of every four", "one in five voters": a
# fraction of a group. "one in five minutes" is a time; "two in 2008" a year
_OUT_OF_RE = re.compile(
    rf"(?<![\w-])(?P<num>\d+|{WORD_ALT})\s+(?:(?:out\s+)?of|in)\s+(?:every\s+)?(?P<den>\d+|{WORD_ALT})(?![\w-])"
    r"(?!\s*(?:%|per\s?cent|percent|(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b))",
    re.IGNORECASE)
_FOLD_WORD_RE = re.compile(rf"\b(?P<n>{WORD_ALT})(?=fold\b)", re.IGNORECASE)

FRACTION_RE = re.compile(
    # ("and a half" is the number's before it: "two and a half"; "and three-quarters" is not)
    rf"(?<![\w-])(?<!-\s)(?!(?<=and\s)an?\b)(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    rf"(?P<den>{'|'.join(sorted(DENOMINATORS, key=len, reverse=True))})\b(?!\s+of\s+an?\s+(?:{_SCALE_WORDS}|(?:percentage\s+)?points?)\b)"
    r"|(?<!first\s)(?<!second\s)(?<!2nd\s)(?<!1st\s)\b(?P<half>half)\b"
    rf"(?=\s+(?:of|the|(?:a|an)(?!\s+(?:{_SCALE_WORDS}|(?:percentage\s+)?points?)\b)|their|its|his|her|our|all)\b)",
    re.IGNORECASE,
)


MAX_VALUE = 1e18  # larger numbers are codes or noise, not quantities a report states
MAX_CHARS = 120  # a number expression longer than this is no number


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: float
    kind: str  # "digits" | "words" | "fraction" | "vague"


def _clean(text: str) -> str:
    s = re.sub(r"\s+", " ", text.strip().lower().replace("−", "-").translate(_SUPERSCRIPT))
    s = re.sub(r"\s?[×x]\s?10\^?\s?([-+]?)\s?(\d+)$", r"e\1\2", s)  # "1.99×10-30" -> "1.99e-30"
    s = re.sub(r"^(minus|negative)-", r"\1 ", s)  # "minus-130"
    return re.sub(r"(?<=\d)-(?=[a-z])", " ", s)  # "2.4-billion"


def _parse_words(words: list[str]) -> float | None:
    """Integer value of number words: ["one", "hundred", "and", "sixty", "one"] -> 161."""
    total = 0.0
    current = 0.0
    small = 0.0  # units and tens since the last hundred/scale: "three hundred and [two] dozen"
    seen = False
    last_kind = None
    for w in words:
        if w in ("and", "-", ""):
            continue
        if w in ("a", "an"):
            if current == 0:
                current = small = 1.0
            seen = True
            continue
        if w in UNITS or w in TENS:
            v = UNITS.get(w, TENS.get(w))
            # "nineteen eighty" or "twenty twenty": two small numbers side by side are not one
            if last_kind in ("unit", "tens") and not (last_kind == "tens" and w in UNITS and current % 10 == 0 and v < 10):
                return None
            current += v
            small += v
            last_kind = "tens" if w in TENS else "unit"
        elif w in ("dozen", "dozens"):
            if current == 0:
                current = 12
            else:
                current = current - small + (small or 1) * 12
            small = 0
            last_kind = "scale"
        elif w == "hundred":
            current = (current or 1) * 100
            small = 0
            last_kind = "scale"
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
            small = 0
            last_kind = "scale"
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Value of one number expression, or None when it is not one.

    "1,700" -> 1700; "1.5 million" -> 1.5e6; "1.2bn" -> 1.2e9; "100k" -> 1e5; "two dozen" -> 24;
    "seventy-five" -> 75; "one hundred and five" -> 105; "half a dozen" -> 6; "a third" -> 1/3;
    "3/4" -> 0.75; "two hundred point zero three" -> 200.03. Vague plurals ("dozens",
    "hundreds of thousands") give the least they can mean (24, 200000).
    """
    s = _clean(text)
    if not s or len(s) > MAX_CHARS:
        return None
    neg = False
    if s.startswith("-") or s.startswith("minus ") or s.startswith("negative "):
        neg = True
        s = s[1:].strip() if s.startswith("-") else s.split(None, 1)[1]
    try:
        v = _parse_clean(s)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    # beyond what any report means ("1e999", a 400-digit run): no number rather than inf
    if v is None or not math.isfinite(v) or abs(v) > MAX_VALUE:
        return None
    return -v if neg else v


def _parse_clean(s: str) -> float | None:
    m = re.fullmatch(r"(?:(\d+)\s+)?(\d+)\s?/\s?(\d+)", s)
    if m:
        den = int(m.group(3))
        return (int(m.group(1) or 0) + int(m.group(2)) / den) if den else None
    m = re.fullmatch(rf"({_DIGITS})(?:e([+-]?\d+))?\s?([a-z]+(?:\s[a-z]+)*)?", s)
    if m:
        base = float(m.group(1).replace(",", ""))
        if m.group(2):
            exp = int(m.group(2))
            if abs(exp) > 300:
                return None
            base *= 10.0**exp
        rest = m.group(3)
        if not rest:
            return base
        mult = 1.0
        for w in rest.split():
            if w in SCALE_ABBR:
                mult *= SCALE_ABBR[w]
            elif w in ("hundred", "dozen", "lakh", "crore"):
                mult *= {"hundred": 100, "dozen": 12, "lakh": 1e5, "crore": 1e7}[w]
            elif w.endswith("s") and (w[:-1] in SCALES or w[:-1] == "dozen"):
                mult *= SCALES.get(w[:-1], 12)
            elif False:
                mult *= SCALES[w[:-1]]
            else:
                return None
        return base * mult
    m = re.fullmatch(r"(half|(?:a|one|three)[ -]quarters? of) an?(?: (dozen|hundred|thousand|million|billion|trillion))?", s)
    if m:  # "half a dozen" -> 6, "a quarter of a million" -> 250000, "half a (point)" -> 0.5
        part = 0.5 if m.group(1) == "half" else (0.75 if m.group(1).startswith("three") else 0.25)
        return part * ({"dozen": 12, "hundred": 100}.get(m.group(2)) or SCALES.get(m.group(2) or "", 1))
    m = FRACTION_RE.fullmatch(s)
    if m:
        if m.group("half"):
            return 0.5
        num = 1 if m.group("num") in ("a", "an") else UNITS[m.group("num")]
        return float(Fraction(num, DENOMINATORS[m.group("den")]))
    if s in ("half", "a half", "one half"):
        return 0.5
    words = re.split(r"\s+|(?<=\w)-(?=\w)|\s*-\s*", s)
    words = [w for w in words if w]
    if words and words[0] in VAGUE or (len(words) > 2 and words[0] in VAGUE):
        return _parse_vague(words)
    m = re.fullmatch(r"(.+?)\s+and\s+a\s+(half|quarter|third)(?:\s+(thousand|million|billion|trillion))?", s)
    if m:
        whole = _parse_clean(m.group(1))
        scale = SCALES[m.group(3)] if m.group(3) else 1
        return None if whole is None else (whole + 1 / DENOMINATORS[m.group(2)]) * scale
    if "point" in words:
        i = words.index("point")
        whole = _parse_words(words[:i]) if i else 0.0
        digits = [UNITS.get(w) for w in words[i + 1:]]
        if whole is None or not digits:
            return None
        if any(d is None or d > 9 for d in digits):
            frac = _parse_words(words[i + 1:])  # "point seventy-one"
            if frac is None:
                return None
            return whole + float("0." + str(int(frac)))
        return whole + float("0." + "".join(str(d) for d in digits))
    return _parse_words(words)


def _parse_vague(words: list[str]) -> float | None:
    """"dozens" -> 24, "tens of thousands" -> 20000, "hundreds of thousands" -> 200000."""
    words = [w for w in words if w != "of"]
    if not words or words[0] not in VAGUE:
        return None
    v = float(VAGUE[words[0]])
    for w in words[1:]:
        if w.endswith("s") and w[:-1] in SCALES:
            v *= SCALES[w[:-1]]
        else:
            return None
    return v


def vague_interval(text: str) -> tuple[float, float]:
    """The interval a vague plural spans: "hundreds" -> (100, 1000), "tens of thousands" ->
    (10000, 100000), "dozens" -> (24, 144). resources/vague_plurals.tsv holds the words."""
    table = _vague_table()
    words = [w for w in re.split(r"\s+", text.strip().lower()) if w and w != "of"]
    if not words:
        return 0.0, 0.0
    k = next((k for k in (3, 2) if " ".join(words[:k]) in table), 1)  # "a few dozen", "several hundred"
    lo, hi = table.get(" ".join(words[:k]), (float(VAGUE.get(words[0], 1)), float("inf")))
    for w in words[k:]:
        scale = SCALES.get(w[:-1] if w.endswith("s") else w, 1)
        lo, hi = lo * scale, hi * scale
    return lo, hi


@lru_cache(maxsize=1)
def _vague_table() -> dict[str, tuple[float, float]]:
    return {r[0].lower(): (float(r[1]), float(r[2])) for r in lexicon.rows("vague_plurals")}


VAGUE_RE = re.compile(
    r"\b(?P<vague>(?:several|a\s+few|a\s+couple\s+of|many)\s+(?:dozen|hundred|thousand|million|billion)"
    r"(?:\s+(?:thousand|million|billion))?(?![\w-])"
    r"|(?:dozens|hundreds|thousands|millions|billions)(?:\s+of\s+(?:thousands|millions|billions))?"
    r"(?=\s+of\b|\s+(?:more|killed|dead|died|injured|were|are|have|had)\b|[\s,.;]*$)"
    r"|(?:scores|tens)(?:\s+of\s+(?:thousands|millions|billions))?(?=\s+of\b))",
    re.IGNORECASE,
)


def find_numbers(text: str, *, fractions: bool = True, vague: bool = True, glued: bool = True) -> list[NumberMatch]:
    """Every number expression in ``text``, left to right, non-overlapping.

    ``glued=False`` leaves out digits glued to letters ("180ml", "4th", "G7") and numbers in
    dotted runs split into their parts ("192.168.1.2" -> 192, 168, 1, 2), as a bare-number
    recogniser would.
    """
    found: list[NumberMatch] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    if fractions:
        for m in FRACTION_RE.finditer(text):
            s, e = m.span()
            v = parse_number(m.group(0))
            if v is not None and free(s, e):
                found.append(NumberMatch(s, e, m.group(0), v, "fraction"))
                taken.append((s, e))
        for m in _OUT_OF_RE.finditer(text):
            low = m.group(0).lower()
            if "out" not in low and "every" not in low and not re.search(r"\sin\s", low):
                continue  # "two of three": too often "two of the three", leave it
            num, den = parse_number(m.group("num")), parse_number(m.group("den"))
            s, e = m.span()
            if num is not None and den and 0 < num < den <= 1000 and free(s, e):
                found.append(NumberMatch(s, e, m.group(0), num / den, "fraction"))
                taken.append((s, e))
    if vague:
        for m in VAGUE_RE.finditer(text):
            s, e = m.span("vague")
            v = parse_number(m.group("vague"))
            if v is None and m.group("vague")[0].lower() in "sam":  # "several hundred": its least
                v = vague_interval(m.group("vague"))[0]
            if v is not None and free(s, e):
                found.append(NumberMatch(s, e, m.group("vague"), v, "vague"))
                taken.append((s, e))
    for m in _FOLD_WORD_RE.finditer(text):  # "sixfold": the number word glued to "fold"
        s, e = m.span("n")
        v = parse_number(m.group("n"))
        if v is not None and free(s, e):
            found.append(NumberMatch(s, e, m.group("n"), v, "words"))
            taken.append((s, e))
    for m in NUMBER_RE.finditer(text):
        kind = m.lastgroup or "digits"
        s, e = m.span()
        raw = m.group(0)
        # trailing "and"/hyphen never belongs to the number
        while raw and raw[-1] in " -":
            raw, e = raw[:-1], e - 1
        # "2000 - 2500": a dash after a number is a range's, not a minus sign; so is the one
        # of "2.5 +/- 0.3"
        # "Stoxx 50 -1.3% FTSE -0.6%": spaced from the number before it and glued to its own
        # percentage, the dash is a sign, as market tables write a fall
        signed = re.search(r"\d\s$", text[:s]) and re.match(r"[-−]\d[\d.,]*\s?%", raw + text[e : e + 2])
        if raw[:1] in "-−" and re.search(r"(?:\d|\+/?)\s*$", text[:s]) and not signed:
            lead = len(raw) - len(raw[1:].lstrip())
            raw, s = raw[lead:], s + lead
        if kind == "words":
            low = raw.lower()
            if low in ("a", "an") or re.fullmatch(r"(?:a|an)\s+", low):
                continue
        v = parse_number(raw)
        if v is None and kind == "words":
            # "nineteen eighty": split into the longest parsable pieces
            for piece in _split_words(text, s, e):
                if free(piece.start, piece.end):
                    found.append(piece)
                    taken.append((piece.start, piece.end))
            continue
        if v is None or not free(s, e):
            continue
        if not glued and kind == "digits":
            if re.match(r"[A-Za-z]", text[e : e + 1]) or re.search(r"[A-Za-z]$", text[:s]):
                continue
            run = re.match(r"\d+(?:\.\d+){2,}", text[s:])
            if run:
                for pm in re.finditer(r"\d+", run.group(0)):
                    found.append(NumberMatch(s + pm.start(), s + pm.end(), pm.group(0), float(pm.group(0)), "digits"))
                taken.append((s, s + run.end()))
                continue
        found.append(NumberMatch(s, e, raw, v, "fraction" if kind == "frac" else kind))
        taken.append((s, e))
    found.sort(key=lambda n: n.start)
    return found


def _split_words(text: str, start: int, end: int) -> list[NumberMatch]:
    out = []
    for m in re.finditer(rf"\b(?:{WORD_ALT})\b", text[start:end], re.IGNORECASE):
        v = parse_number(m.group(0))
        if v is not None:
            out.append(NumberMatch(start + m.start(), start + m.end(), m.group(0), v, "words"))
    return out


def format_number(value: float) -> str:
    """Shortest faithful decimal: 1500000.0 -> "1500000", 0.25 -> "0.25"."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(round(value, 10)).rstrip("0").rstrip(".")
