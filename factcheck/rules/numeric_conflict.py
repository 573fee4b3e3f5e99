"""numeric-conflict: reports state incompatible numbers for the same thing."""

from . import Rule

RULE = Rule(
    id="numeric-conflict",
    default_severity="error",
    summary="Reports state incompatible numbers for the same thing.",
    help=(
        "Flags two reports of one cluster, dated at most max-date-gap-days apart, that give numbers "
        "for the same quantity (the same thing counted or unit, overlapping words around it) whose "
        "admitted intervals do not overlap after the rounding slack: 'over 100 jets' against '80 jets'. "
        "Point values admit numeric-tolerance (2%), never more than half a unit of the last digit "
        "written. Why: a figure that differs between reports of the same event is the commonest "
        "factual inconsistency, and the one a reader acts on. Check the figures against the primary "
        "source; if the reports speak of different things or moments, or the gap is rounding, "
        "silence it with a reason."
    ),
)
