"""Units of measure: which dimension a unit measures and how to restate a claim in another
unit of it, so that "280 kilometres" and "150 nautical miles" are compared as one distance.
The table is data (``resources/units.tsv``)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from . import lexicon
from .types import QuantityClaim


@lru_cache(maxsize=1)
def _sizes() -> dict[str, tuple[str, float]]:
    return {r[0]: (r[1], float(r[2])) for r in lexicon.rows("units")}


def dimension(unit: str | None) -> str | None:
    """"length" for "km" and "mi"; None for a unit the table does not know."""
    entry = _sizes().get(unit or "")
    return entry[0] if entry else None


def convert(claim: QuantityClaim, unit: str) -> QuantityClaim:
    """The claim restated in ``unit`` of the same dimension; the claim itself when it already is
    in that unit or either unit is unknown or of another dimension."""
    sizes = _sizes()
    here, there = sizes.get(claim.unit or ""), sizes.get(unit)
    if claim.unit == unit or here is None or there is None or here[0] != there[0]:
        return claim
    k = here[1] / there[1]
    scale = lambda x: None if x is None else x * k  # noqa: E731
    return replace(claim, value=scale(claim.value), low=scale(claim.low), high=scale(claim.high), unit=unit)
