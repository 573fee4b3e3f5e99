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
_NOUNS = lexicon.table("change_nouns")
_W = lexicon.alternation("change_words")
_N = lexicon.alternation("change_nouns")
_ADV = r"(?:\s+\w+ly)?"
_BY = re.compile(rf"(?:^|(?<=[\s(\"'“]))(?P<w>{_W}){_ADV}(?:\s+by)?\s*$", re.I)
_SIGN = re.compile(r"(?:^|(?<=[\s(]))(?P<w>\+)$")
_BY_LATER = re.compile(rf"\b(?P<w>{_W})\b(?:\s+[\w'’-]+){{1,4}}?\s+by\s*$", re.I)
_TO = re.compile(rf"\b(?P<w>{_W}){_ADV}(?:\s+from\s+[^,;]{{1,30}}?)?\s+(?:to|at)\s*$", re.I)
_NOUN_OF = re.compile(rf"\b(?P<w>{_N})\s+of\s*$", re.I)
_AFTER = re.compile(rf"^[\s-]+(?P<w>{_N}|higher|lower|up|down)\b", re.I)
_LEVEL_GAP = re.compile(
    r"^\s*,?\s*(?:to|at|to\s+(?:close|end|finish|settle|stand|trade)\s+at|to\s+a\s+\w+(?:\s+\w+)?\s+of|"
    r"(?:closing|ending|finishing|settling|standing|trading)\s+at)\s*$", re.I)
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


def _direction(word: str) -> str | None:
    w = re.sub(r"\s+", " ", word.lower())
    return "up" if w == "+" else _WORDS.get(w) or _NOUNS.get(w) or {"higher": "up", "lower": "down"}.get(w)


def _movable(q: _Q) -> bool:
    return q.kind in ("percent", "points", "money", "measure") or q.kind == "count" and q.unit in _FREE_COUNTS


def find_changes(quantities: Sequence[_Q], text: str) -> list[Change | None]:
    """The change each quantity of one text states, in order; None where it states none."""
    out: list[Change | None] = []
    for i, q in enumerate(quantities):
        found: Change | None = None
        if _movable(q):
            pre = text[max(0, q.start - 80) : q.start]
            prev = quantities[i - 1] if i else None
            prev_change = out[i - 1] if i else None
            if prev is not None and prev_change is not None and prev_change.part == "by" \
                    and _LEVEL_GAP.match(text[prev.end : q.start]):
                found = Change(prev_change.direction, "to", i - 1)
            elif m := _TO.search(pre):
                d = _direction(m.group("w"))
                found = Change(d, "to") if d else None
            elif m := (_BY.search(pre) or _SIGN.search(pre) or _NOUN_OF.search(pre) or _BY_LATER.search(pre)
                       or _AFTER.match(text[q.end : q.end + 30])):
                d = _direction(m.group("w"))
                found = Change(d, "by") if d else None
        out.append(found)
    return out
