"""single-source: a claim only one report makes (off by default)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..types import Finding
from . import Found, Rule

if TYPE_CHECKING:
    from ..judge import JudgedGroup
    from ..options import Options
    from ..types import Document


def find(judged: JudgedGroup, documents: Mapping[str, Document], options: Options) -> Found:
    """A finding for each claim of a group with no link (the claims judging lists as single_source)."""
    severity = options.severity_of(RULE.id)
    return Found([Finding("", RULE.id, severity, s.message, s.score, s.evidence, list(s.claims))
                  for s in judged.single])


RULE = Rule(
    id="single-source",
    default_severity="off",
    summary="A claim is stated by only one report.",
    help=(
        "Flags a numeric or temporal claim that the same-fact model linked to no claim of another "
        "report of the cluster, so that no report corroborates or contradicts it. Why: a figure "
        "only one source gives is worth a second source before it is repeated. It is off by "
        "default, since one report saying what others do not is normal and never an "
        "inconsistency; the claims are listed under single_source in the JSON report whatever its "
        "level. Turn it on with `[rules]` `single-source = \"info\"` (or \"warning\")."
    ),
    reads="group",
    find=find,
)
