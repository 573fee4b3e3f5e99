"""The rules factcheck reports, one module each, registered here in one place.

Each module holds its rule's metadata (``RULE``: id, default severity, a one-line summary and a
help paragraph: what it flags, why, and how to silence it). The options (default severities),
the SARIF rule descriptors, JUnit and ``factcheck rules`` / ``factcheck rule NAME`` all read it
from ``RULES``, so a rule is described once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    id: str  # kebab case, as in reports, [rules] tables and inline directives
    default_severity: Literal["error", "warning", "info", "off"]
    summary: str  # one line
    help: str  # a paragraph: what it flags, why, how to silence it


def _registry() -> dict[str, Rule]:
    from . import contradiction, numeric_conflict, single_source, temporal_conflict

    rules = [numeric_conflict.RULE, temporal_conflict.RULE, contradiction.RULE, single_source.RULE]
    return {r.id: r for r in rules}


RULES: dict[str, Rule] = _registry()

SILENCE = (
    "To accept one finding, put `<!-- factcheck-ignore {id}: reason -->` above the sentence, add a "
    "`[[suppress]]` entry with a `reason` to factcheck.toml, or record it in a baseline "
    "(`factcheck baseline create`); to change the rule's level for a project, set "
    '`[rules]` `{id} = "warning"` (or "info", "off").'
)


def get(rule_id: str) -> Rule:
    """The rule of that id; KeyError naming the known ones otherwise."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r} (rules: {', '.join(RULES)})") from None


__all__ = ["RULES", "Rule", "SILENCE", "get"]
