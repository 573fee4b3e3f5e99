"""Claim extraction: numeric claims (quantities.py) and temporal claims (temporal.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Claim, Document, ParsedSentence


def extract_from_parsed(document: Document, parsed: Sequence[ParsedSentence]) -> list[Claim]:
    """All claims of one document, numbered in text order: ``<doc>#q1``, ``<doc>#t1``."""
    from .quantities import extract_quantities
    from .temporal import extract_times

    times = extract_times(document, parsed)
    quantities = extract_quantities(document, parsed)
    # A number inside a date ("February 24, 2022") is the date's, not a count.
    taken = [(t.start, t.end) for t in times]
    quantities = [q for q in quantities if not any(s <= q.start and q.end <= e for s, e in taken)]
    claims: list[Claim] = sorted([*quantities, *times], key=lambda c: (c.start, c.end))
    counters = {"quantity": 0, "time": 0}
    for c in claims:
        counters[c.kind] += 1
        c.id = f"{document.id}#{c.kind[0]}{counters[c.kind]}"
    return claims
