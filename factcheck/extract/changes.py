"""Changes with a direction: "rose 5%", "fell 200 points", "down 41p at 980p", "+0.2%".

A quantity is the size of a change ("by") when a change word stands right before it (adverb
and "by" allowed: "rose sharply by 3%"), when "by" follows a change verb and its object
("grow sales by 35%"), after "an increase of", or before "higher" / "increase" ("a 3% rise",
"5% higher"). It is the level reached ("to") after "rose to" / "fell to", and after an
amount with "to" / "at" ("down 41p at 980p": 41p down by, 980p the level). Counts of things
("cut 6,650 jobs") get no direction: what changed there is not the number of jobs. The
words are in resources/change_words.tsv and change_nouns.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .. import lexicon

_WORDS = lexicon.table("change_words")
_LEVEL_WORDS = lexicon.table("change_level_words")
# "rose to a record £1.2bn", "fell to a four-year low of 3%": what the level is called between
# "to" and the number
_LEVEL_NAME = re.compile(r"^(?:an?|the|its|their)$")
_NOUNS = lexicon.table("change_nouns")
_LEVEL_GAP = re.compile(
    r"^\s*,?\s*(?:to|at|to\s+(?:close|end|finish|settle|stand|trade)\s+at|to\s+a\s+\w+(?:\s+\w+)?\s+of|"
    r"(?:closing|ending|finishing|settling|standing|trading)\s+at)\s*$", re.I)
# a second size of the same change: "by 125,600 positions or 2.2 per cent", and the elliptical
# "Ross was down 2.3%, Burlington by 2.6%"
_RESTATED = re.compile(r"^\s*,?\s*or\s+(?:by\s+)?$|^\s*,\s*(?:and\s+)?(?:[A-Z][\w&.'’-]*\s+){1,4}by\s*$")
_TOKEN = re.compile(r"[\w'’.&-]+|\+|[^\w\s]")
_AFTER_WORDS = {**_NOUNS, "higher": "up", "lower": "down", "up": "up", "down": "down"}
_PARTICLE_VERBS = lexicon.words("particle_verbs")  # "put up $10,000": no change
_FREE_COUNTS = {None, "point", "people"}  # counts whose change is a movement, not things cut or added


class _Q(Protocol):
    start: int
    end: int
    value: float | None
    unit: str | None
    kind: str


@dataclass(frozen=True)
class Change:
    direction: str  # "up" | "down"
    part: str  # "by" | "to"
    level_of: int | None = None  # index of the "by" quantity this one is the level of


def _direction(word: str, words=_WORDS) -> str | None:
    """The direction a change word states, for the forms the list writes and their inflections
    ("plummeting", "advancing", "cutting", "rallying" from "plummet", "advance", "cut", "rally")."""
    d = words.get(word)
    if d is not None or len(word) < 5:
        return d
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            for base in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None,
                         stem[:-1] + "y" if stem.endswith("i") else None):
                if base and words.get(base):
                    return words[base]
    return None


def _level_direction(word: str) -> str | None:
    return _direction(word) or _direction(word, _LEVEL_WORDS)


def _toward(words: list[str]) -> Change | None:
    """A level reached, where "to" does not stand right after the change word: "rose to a record
    £1.2bn" (the level named between "to" and the number), "raise the minimum wage to $15" (the
    thing changed between the verb and "to")."""
    if "to" not in words[-6:]:
        return None
    j = len(words) - 1 - words[::-1].index("to")
    named = words[j + 1 :]
    if named and _LEVEL_NAME.match(named[0]) and len(named) <= 5 and all(re.fullmatch(r"[a-z][a-z-]*", t) for t in named):
        i = j - 1
        if i > 0 and words[i].endswith("ly") and not _level_direction(words[i]):
            i -= 1
        if i >= 0 and (d := _level_direction(words[i])):
            return Change(d, "to")  # type: ignore[arg-type]
    if j == len(words) - 1:
        # the verb, its object (no number, no clause break), then "to"
        for k in range(j - 1, max(-1, j - 6), -1):
            t = words[k]
            if not re.fullmatch(r"[a-z][a-z'’-]*", t) or t in ("from", "by", "to", "and", "or"):
                break
            if k < j - 1 and (d := _level_direction(t)):
                return Change(d, "to")  # type: ignore[arg-type]
    return None


def _movable(q: _Q) -> bool:
    return q.kind in ("percent", "points", "money", "measure") or q.kind == "count" and q.unit in _FREE_COUNTS


def _before(words: list[str]) -> Change | None:
    """The change stated by the words right before a quantity (last word last)."""
    w = words[-4:]
    if w and w[-1] == "+":
        return Change("up", "by")
    if len(w) >= 2 and w[-1] in ("to", "at"):
        i = len(w) - 2
        if w[i].endswith("ly") and i > 0:
            i -= 1
        if _direction(w[i]):
            return Change(_direction(w[i]), "to")
        # "jumped from 240 to 273"
        tail = words[-8:-1]
        if "from" in tail:
            j = len(tail) - 1 - tail[::-1].index("from")
            if j > 0 and _direction(tail[j - 1]) and not any(t in (",", ";") for t in tail[j:]):
                return Change(_direction(tail[j - 1]), "to")
        return None
    if len(w) >= 2 and w[-1] == "of" and w[-2] in _NOUNS:  # "an increase of 3%"
        return Change(_NOUNS[w[-2]], "by")
    i = len(w) - 1
    by = i >= 0 and w[i] == "by"
    if by:
        i -= 1
    if i > 0 and w[i].endswith("ly") and not _direction(w[i]):
        i -= 1
    if i >= 0 and _direction(w[i]):  # "rose 5%", "rose sharply by 5%", "was down 2%"
        if w[i] in ("up", "down") and i > 0 and w[i - 1] in _PARTICLE_VERBS:
            return None  # "put up $10,000", "made up 20 percent": the verb's particle
        return Change(_direction(w[i]), "by")  # type: ignore[arg-type]
    if by:  # "grow sales by 35%": a change verb a few words before "by"
        for t in reversed(words[-6:-1]):
            if t in (",", ";", ":"):
                break
            if _direction(t):
                return Change(_direction(t), "by")  # type: ignore[arg-type]
    return None


def find_changes(quantities: Sequence[_Q], text: str) -> list[Change | None]:
    """The change each quantity of one text states, in order; None where it states none."""
    out: list[Change | None] = []
    for i, q in enumerate(quantities):
        found: Change | None = None
        prev = quantities[i - 1] if i else None
        prev_change = out[i - 1] if i else None
        gap = text[prev.end : q.start] if prev is not None else ""
        if prev_change is not None and prev_change.part == "by" and _RESTATED.match(gap):
            # "grew by 125,600 positions or 2.2 per cent": one change told twice
            found = Change(prev_change.direction, "by")
        elif not _movable(q) and q.kind == "count":
            # a count is the size of a change only when "by" or a change noun says so ("grew
            # by 125,600 positions", "an increase of 60,600 jobs"); "cut 6,650 jobs" is not
            toks = [t.lower() for t in _TOKEN.findall(text[max(0, q.start - 60) : q.start])]
            if toks[-1:] == ["by"] or toks[-2:-1] and toks[-1] == "of" and toks[-2] in _NOUNS:
                found = _before(toks)
        elif _movable(q):
            if prev is not None and prev_change is not None and prev_change.part == "by" \
                    and _LEVEL_GAP.match(gap):
                found = Change(prev_change.direction, "to", i - 1)
            else:
                pre = text[max(0, q.start - 60) : q.start]
                if pre.endswith("+"):
                    found = Change("up", "by")
                elif q.kind in ("percent", "points") and text[q.start : q.start + 1] in "-−" and q.value is not None and q.value < 0:
                    # "FTSE -0.6%": a signed share or point move is a fall, as "+0.2%" is a rise
                    found = Change("down", "by")
                else:
                    found = _before([t.lower() for t in _TOKEN.findall(pre)])
                if found is None:
                    found = _toward([t.lower() for t in _TOKEN.findall(pre)])
                if found is None:
                    m = re.match(r"[\s-]+([A-Za-z]+)", text[q.end : q.end + 20])
                    d = _AFTER_WORDS.get(m.group(1).lower()) if m else None
                    found = Change(d, "by") if d else None
        out.append(found)
    return out
