"""temporal-conflict: reports date the same event differently."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import Found, Rule

if TYPE_CHECKING:
    from ..judge import JudgedGroup
    from ..options import Options
    from ..types import Document


def find(judged: JudgedGroup, documents: Mapping[str, Document], options: Options) -> Found:
    """One finding for each fact of a group whose linked dates conflict, citing every
    source (``conflict_components``)."""
    from ..judge import conflict_components, conflict_finding

    return Found([conflict_finding(RULE.id, fact, documents, options)
                  for fact in conflict_components(judged, "time")])


RULE = Rule(
    id="temporal-conflict",
    default_severity="error",
    summary="Reports date the same event differently.",
    help=(
        "Flags dates or times from two reports of one cluster that likely belong to the same "
        "event but do not overlap. Dates of one type are scored by a same-fact model fitted on "
        "labelled news pairs (same_fact: from the words the date belongs to, 'NATO leaders will "
        "meet', and the clause around it, never the dates) and each is linked to its most probable "
        "match in each other report when that match is mutual and reaches align-threshold; dates "
        "are fixed in time, so reports are compared however far apart they are dated. Linked "
        "dates are compared as TIMEX3 intervals, relative dates ('tomorrow', 'on Thursday') "
        "resolved against each report's own date; durations as lengths ('a year' against "
        "'18 months'). A conflict is reported when same_fact reaches "
        "conflict-threshold, at full severity from error-threshold and one step lower below it; "
        "a pair below it is listed under not_compared, as are vague durations and sets, dates "
        "that cannot be placed on the calendar, and two reports of different days that each name "
        "their own publication day ('today'). Why: a wrong day or year misleads as much as a wrong number, and "
        "relative dates hide it. Check the dates against the primary source, minding each "
        "report's own date and time zone; silence it with a reason when the reports describe "
        "different events."
    ),
    reads="group",
    find=find,
)
