"""single-source: a claim only one report makes (off by default)."""

from . import Rule

RULE = Rule(
    id="single-source",
    default_severity="off",
    summary="A claim is stated by only one report.",
    help=(
        "Lists a numeric or temporal claim that no other report of the cluster corroborates or "
        "contradicts. Why: a figure only one source gives is worth a second source before it is "
        "repeated. It is off by default, since one report saying what others do not is normal and "
        "never an inconsistency; the claims are still listed under single_source in the JSON "
        "report. Turn it on with `[rules]` `single-source = \"info\"` (or \"warning\")."
    ),
)
