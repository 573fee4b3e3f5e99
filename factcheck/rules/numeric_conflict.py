"""numeric-conflict: reports state incompatible numbers for the same thing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import Found, Rule

if TYPE_CHECKING:
    from ..judge import JudgedGroup
    from ..options import Options
    from ..types import Document


def find(judged: JudgedGroup, documents: Mapping[str, Document], options: Options) -> Found:
    """One finding for each fact of a group whose linked quantities conflict, citing every
    source (``conflict_components``)."""
    from ..judge import conflict_components, conflict_finding

    return Found([conflict_finding(RULE.id, fact, documents, options)
                  for fact in conflict_components(judged, "quantity")])


RULE = Rule(
    id="numeric-conflict",
    default_severity="error",
    summary="Reports state incompatible numbers for the same thing.",
    help=(
        "Flags numbers from two reports of one cluster that state the same fact but cannot both "
        "be true: 'over 100 jets' against '80 jets'. Claims of one counted thing or unit (a change "
        "never against a level, an age never against a count) are scored by a same-fact model "
        "fitted on labelled news pairs (same_fact: from their predicate, subject, participants, "
        "qualifiers, time and words, never their values), and each is linked to its most probable "
        "match in each other report when that match is mutual and reaches align-threshold. The "
        "values of linked claims are compared "
        "as intervals: a point value admits numeric-tolerance (2%) for rounding, never more than "
        "half a unit of the last digit written ('7,403' is not 'more than 7,450'), and 'rose 3%' "
        "conflicts with 'fell 3%'. A conflict is reported when same_fact reaches "
        "conflict-threshold, at full severity from error-threshold and one step lower below it; "
        "a pair below conflict-threshold is listed under not_compared ('may be about different "
        "facts'). A level that moves (a running toll, a share price, 'has 500 employees') is "
        "compared only between reports at most max-date-gap-days apart, a fact fixed in time at "
        "any distance. Why: a figure that differs between reports of the same event is the "
        "commonest factual inconsistency, and the one a reader acts on. Check the figures against "
        "the primary source; if the reports speak of different things or moments, or the gap is "
        "rounding, silence it with a reason."
    ),
    reads="group",
    find=find,
)
