"""Numbers one statement derives from another's: totals, differences, shares, products.

"Troops: 100 in Poland and 50 in Romania" and "150 troops in all" agree although no number
is repeated; an interval comparison of 150 against 100 or 50 would call it a conflict. The
pair API (``compare``) asks here first, and a hypothesis that announces a total or remainder
("in all", "are left") which no single operation on the premise's numbers gives is a
contradiction. The cross-document checker does not use this: across reports, a number that
happens to equal a sum of two others is too weak a link to clear a conflict.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .intervals import written_slack
from .types import Claim, QuantityClaim

# words by which a sentence says its number is the result of an operation on others
AGGREGATE = re.compile(r"\b(in total|a total of|total|in all|altogether|combined|(?:is|are|was|were) left"
                       r"|left over|leftover|remain(?:s|ed|ing)?|in each|each of|per)\b", re.I)

RATE = re.compile(r"\b(each|per|every|average|apiece|rows|columns|times)\b", re.I)


def _exact(claims: Sequence[Claim]) -> list[QuantityClaim]:
    return [c for c in claims if isinstance(c, QuantityClaim) and c.value is not None
            and c.modifier in ("=", "~")]


def _is_share(claim: QuantityClaim) -> bool:
    return claim.unit in ("%", "pp")


def _tolerance(claim: QuantityClaim) -> float:
    """Half a unit of the last digit the claim writes: "23" admits 23.07, "23.0" does not; a
    result written "150" is 150, not a rounded 100-200."""
    return written_slack(claim, round_zeros=False) or 1e-6 * max(1.0, abs(claim.value or 0.0))


def _fmt(x: float) -> str:
    return f"{x:g}"


def derivation(premise: Sequence[Claim], claim: QuantityClaim, ratios: bool = False) -> str | None:
    """How the claim's value follows from one operation on two of the premise's numbers, or from
    the sum of all of them or of those counting the same thing. Products and ratios only when the
    sentence speaks of a rate ("each", "per", "average"): otherwise 8 / 2 = 4 is a coincidence."""
    value, tol = claim.value, _tolerance(claim)
    # a share never adds to a count: "rose 5% to 120" does not give 125
    quantities = [c for c in _exact(premise) if _is_share(c) == _is_share(claim)]
    nums = [c.value for c in quantities]
    ops = [("+", lambda a, b: a + b), ("-", lambda a, b: a - b)]
    if ratios:
        ops += [("×", lambda a, b: a * b), ("/", lambda a, b: a / b if b else None)]
    for a, b in itertools.permutations(nums, 2):
        for op, f in ops:
            r = f(a, b)
            if r is not None and abs(r - value) < tol:
                return f"{_fmt(a)} {op} {_fmt(b)} = {_fmt(value)}"
    same = [c.value for c in quantities if c.unit == claim.unit]
    for group in (nums, same):
        if len(group) > 2 and abs(sum(group) - value) < tol:
            return " + ".join(_fmt(n) for n in group) + f" = {_fmt(value)}"
    return None


def _restates(a: str, b: str) -> bool:
    """b repeats a word for word but for a few tokens: its other number is a changed value, not a result."""
    wa, wb = set(re.findall(r"[a-z]+", a.lower())), set(re.findall(r"[a-z]+", b.lower()))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.7


def arithmetic_verdict(premise: Sequence[Claim], hypothesis: Sequence[Claim], premise_text: str,
                       hypothesis_text: str):
    """("entailment"|"contradiction"|None, reason) for the numbers ``hypothesis`` adds to ``premise``."""
    known = [c.value for c in _exact(premise)]
    if len(known) < 2 or _restates(premise_text, hypothesis_text):
        return None, ""
    new = [c for c in _exact(hypothesis) if not any(abs(c.value - k) < _tolerance(c) for k in known)]
    if not new:
        return None, ""
    ratios = bool(RATE.search(premise_text) or RATE.search(hypothesis_text))
    steps = [derivation(premise, c, ratios) for c in new]
    if all(steps):
        return "entailment", "arithmetic: " + "; ".join(steps)
    if AGGREGATE.search(hypothesis_text):
        bad = next(c for c, s in zip(new, steps) if s is None)
        return "contradiction", (f"{bad.text!r} is stated as a total, remainder or rate, but no sum, difference, "
                                 f"product or ratio of the first sentence's numbers gives {_fmt(bad.value)}")
    return None, ""
