"""polarity-conflict: one report denies a fact another states."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import Found, Rule

if TYPE_CHECKING:
    from ..judge import JudgedGroup
    from ..options import Options
    from ..types import Document


def find(judged: JudgedGroup, documents: Mapping[str, Document], options: Options) -> Found:
    """One finding for a group in which linked claims (quantities or dates) fit in value but
    one report's clause denies what the other's states, citing every source."""
    from ..judge import conflict_finding, describe

    def says(members) -> str:
        return "one report denies what another states: " + "; ".join(
            f"{c.doc} {'denies' if c.frame.polarity == 'negative' else 'states'} "
            f"{c.frame.predicate!r} of {describe(c)!r}" for c in members)

    return Found([conflict_finding(RULE.id, judged.denied, documents, options, says)] if judged.denied else [])


RULE = Rule(
    id="polarity-conflict",
    default_severity="error",
    summary="One report denies a fact another states.",
    help=(
        "Flags two linked claims of one cluster, quantities or dates, whose values fit ('nearly 100 "
        "vessels' / 'as many as 100 vessels') but whose clauses say opposite things of them: the same predicate with "
        "the same modality, negated in one report ('pirates have not attacked nearly 100 vessels' "
        "/ 'pirates have attacked as many as 100 vessels'). The claims are aligned as for "
        "numeric-conflict and the pair is flagged when same_fact reaches conflict-threshold; an "
        "age is never flagged, since it describes its holder whatever the clause says of them. "
        "Why: a report that denies a fact another states is a disagreement the numbers alone do "
        "not show, and the NLI stage may miss it or be off (--no-nli). The negation is read from "
        "the parse: read both sentences, and silence it with a reason when the two speak of "
        "different events."
    ),
    reads="group",
    find=find,
)
