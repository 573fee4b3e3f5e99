"""temporal-conflict: reports date the same event differently."""

from . import Rule

RULE = Rule(
    id="temporal-conflict",
    default_severity="error",
    summary="Reports date the same event differently.",
    help=(
        "Flags two reports that give dates or times for the same event (the words the date belongs "
        "to: 'NATO leaders will meet') whose TIMEX3 intervals, with relative dates ('tomorrow', "
        "'on Thursday') resolved against each report's own date, do not overlap. Why: a wrong day "
        "or year misleads as much as a wrong number, and relative dates hide it. Check the dates "
        "against the primary source, minding each report's own date and time zone; silence it with "
        "a reason when the reports describe different events."
    ),
)
