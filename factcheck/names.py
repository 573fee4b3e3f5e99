"""How a person's name is spelt: its own words without the titles before it and the suffixes
after it (resources/name_titles.tsv, name_suffixes.tsv), its surname, and a nickname written
in quotes ("Luis Gerardo \"Jerry\" Ortiz"). Names here are already lower-cased
(frames._name)."""

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
