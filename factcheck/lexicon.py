"""The word lists factcheck reads text with, kept as data in ``factcheck/resources/``.

As HeidelTime keeps its resources, each list lives in one TSV file (``#`` starts a comment;
columns are tab-separated) and every module that needs it asks here, so a month name or a
currency symbol is written once. Files are read through importlib.resources, so a wheel or a
zip install finds them, and each is read once: the results are immutable.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Mapping


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``resources/<name>.tsv``, blank lines and comments left out."""
    text = files("factcheck.resources").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(col.strip() for col in line.split("\t")))
    return tuple(out)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The first column of a list, lower-cased: a set of words or phrases."""
    return frozenset(r[0].lower() for r in rows(name))


@lru_cache(maxsize=None)
def table(name: str) -> Mapping[str, str]:
    """First column (lower-cased) -> second column."""
    return MappingProxyType({r[0].lower(): r[1] for r in rows(name)})


@lru_cache(maxsize=None)
def numbers(name: str) -> Mapping[str, float]:
    """First column (lower-cased) -> the second read as a number."""
    return MappingProxyType({r[0].lower(): float(r[1]) for r in rows(name)})


def alternation(name: str) -> str:
    """The phrases of a list as a regular-expression alternation, longest first, escaped;
    a space in a phrase matches any run of whitespace."""
    import re

    phrases = sorted({r[0] for r in rows(name)}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
