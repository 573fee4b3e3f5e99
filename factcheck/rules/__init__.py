"""The rules factcheck reports, one module each, registered here in one place.

Each module holds one rule (``RULE``): its id, default severity, a one-line summary, a help
paragraph (what it flags, why, how to silence it) and the function that finds it. The options
(default severities), the SARIF rule descriptors, JUnit, ``factcheck rules`` / ``factcheck rule
NAME`` and the pipeline all read ``RULES``, so a rule is described once and run from here: the
pipeline never names a rule.

A rule reads one of two things (``Rule.reads``), as Ruff's rules read tokens or the syntax tree:

- ``"group"``: one group of aligned claims, compared pair by pair as intervals
  (``factcheck.judge.JudgedGroup``); called once per group, so findings come in group order.
- ``"cluster"``: the whole cluster, its parsed sentences and the models (``Cluster``); called
  once per cluster, after the group rules.

``factcheck.judge.run_rules`` runs them and drops findings whose rule is set to "off".
The rule modules import their machinery inside ``find``: the options read this registry when
the command line starts, and ``factcheck --help`` must not load numpy or the models.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, Union

if TYPE_CHECKING:
    from ..judge import JudgedGroup
    from ..options import Options
    from ..pipeline import Analysis
    from ..types import Agreement, Claim, Document, Finding


@dataclass(frozen=True)
class Cluster:
    """What a cluster rule is given: one cluster's analyses (each document's parsed sentences
    and claims), all its claims, its documents, the content lemmas of each sentence keyed by
    (doc, sentence start), the options, and the models: ``nli`` is None when the NLI stage is
    off, ``embedder`` loads the sentence encoder on first call (the pipeline shares one with
    alignment), ``cache`` is the NLI score cache."""

    analyses: Sequence[Analysis]
    claims: Sequence[Claim]
    documents: Mapping[str, Document]
    lemmas: Mapping[tuple[str, int], set[str]]
    options: Options
    nli: Any = None
    embedder: Callable[[], Any] | None = None
    cache: Any = None


@dataclass
class Found:
    """What one call of a rule's finder gives: its findings, and for a rule that also recognises
    agreement (the contradiction rule's paraphrases) those agreements."""

    findings: list[Finding] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)


class GroupFinder(Protocol):
    def __call__(self, judged: JudgedGroup, documents: Mapping[str, Document], options: Options) -> Found: ...


class ClusterFinder(Protocol):
    def __call__(self, cluster: Cluster) -> Found: ...


@dataclass(frozen=True)
class Rule:
    id: str  # kebab case, as in reports, [rules] tables and inline directives
    default_severity: Literal["error", "warning", "info", "off"]
    summary: str  # one line
    help: str  # a paragraph: what it flags, why, how to silence it
    reads: Literal["group", "cluster"]  # what ``find`` is given (module docstring)
    find: Union[GroupFinder, ClusterFinder] = field(repr=False, compare=False)

    def metadata(self) -> dict[str, str]:
        """The rule as users read it (``factcheck rules --format json``), without its finder."""
        return {"id": self.id, "default_severity": self.default_severity, "summary": self.summary,
                "help": self.help}


def _registry() -> dict[str, Rule]:
    from . import contradiction, numeric_conflict, polarity_conflict, single_source, temporal_conflict

    rules = [numeric_conflict.RULE, temporal_conflict.RULE, polarity_conflict.RULE, contradiction.RULE,
             single_source.RULE]
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


__all__ = ["RULES", "Cluster", "ClusterFinder", "Found", "GroupFinder", "Rule", "SILENCE", "get"]
