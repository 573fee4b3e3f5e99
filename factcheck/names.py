"""Names: how a participant's name is spelt (its own words without the titles before it and
the suffixes after it, resources/name_titles.tsv and name_suffixes.tsv; its surname; a
nickname written in quotes, "Luis Gerardo \"Jerry\" Ortiz"), and when two names name one
participant (``same_entity``) or one person (``same_person``). Names here are already
lower-cased (frames._name)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

_NICKNAME = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]+)[\"\u201c\u201d]")


@lru_cache(maxsize=65536)  # alignment asks about the same few names for thousands of pairs
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name without its nickname, leading titles or trailing suffixes, spelt
    alike: "standard & poor's" / "standard and poors", "ftse-100" / "ftse 100". A title that is
    the whole name stays ("the president")."""
    text = _NICKNAME.sub(" ", name).replace(".", "")
    words = text.replace(" & ", " and ").replace("-", " ").replace("'", "").replace("\u2019", "").split()
    titles, suffixes = lexicon.words("name_titles"), lexicon.words("name_suffixes")
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    while len(words) > 1 and words[-1] in suffixes:
        words = words[:-1]
    return tuple(words)


def surname(name: str) -> str:
    """The word a later mention of the person by surname alone uses: "anthony lacalamita iii"
    is "lacalamita", "deputy ortiz" is "ortiz"."""
    words = name_words(name)
    return words[-1] if words else name


def nicknames(name: str) -> tuple[str, ...]:
    """The first names a name gives in quotes: "luis gerardo \"jerry\" ortiz" is also "jerry"."""
    return tuple(w for m in _NICKNAME.finditer(name) for w in m.group(1).lower().split())


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in ("of", "the", "and", "for"))


@lru_cache(maxsize=65536)  # alignment asks about the same few names for thousands of pairs
def same_entity(x: str, y: str) -> bool:
    """One participant under two names: "obama" / "barack obama", "faa" / "federal aviation
    administration", "the u.s." / "u.s.", "deputy ortiz" / "luis gerardo \"jerry\" ortiz",
    "anthony lacalamita" / "anthony lacalamita iii" (titles, suffixes and nicknames:
    ``name_words``)."""
    x, y = x.replace(".", ""), y.replace(".", "")
    if x == y:
        return True
    # the name of fewer words is the shorter one (of as many, the shorter spelling)
    (short, sw), (long, lw) = sorted(((x, name_words(x)), (y, name_words(y))), key=lambda t: (len(t[1]), len(t[0])))
    if not sw:
        return False
    if len(sw) == 1:
        return sw[0] in lw or len(short) >= 2 and " " not in short and _initials(long) == short
    # "ben banky" / "benjamin david banky": one surname, first names that agree as far as
    # the shorter goes (a relative of the same surname has another first name) or the longer's
    # nickname ("jerry ortiz"), and every middle word of the shorter in the longer, an initial
    # for a word ("george w bush"): two names that only begin and end alike are two ("taunton
    # crown court" / "taunton deane magistrates' court")
    first = [lw[0], *nicknames(long)]
    if not (sw[-1] == lw[-1] and any(f.startswith(sw[0]) or sw[0].startswith(f) for f in first)):
        return False
    return all(any(_singular(w) == _singular(m) or (len(m) == 1 and w.startswith(m)) for w in lw[1:-1])
               for m in sw[1:-1])


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word  # "pictures" / "picture"


def same_person(x: str, y: str) -> bool | None:
    """Are two names one person's? As ``same_entity``, but a surname alone against a full name
    of that surname is neither: another person of that surname is as likely ("Deputy Ortiz" /
    "Jeremy Ortiz", 17, of the same shooting)."""
    wx, wy = name_words(x), name_words(y)
    if len(wx) != len(wy) and min(len(wx), len(wy)) == 1 and wx[-1] == wy[-1]:
        return None
    return same_entity(x, y)
