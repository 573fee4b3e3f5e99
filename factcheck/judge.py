"""Judging aligned claims (agree, compatible, conflict, single-source, not compared), and
running the registered rules (factcheck/rules/) on a cluster.

Whether two values can both be true is intervals.py; whether they are of one scope is scope.py;
here a linked pair gets its outcome, or the reason it was not compared, and conflicts become
findings. What makes a comparison a finding is each rule's own module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .align import Group
from .components import components
from .intervals import compare_claims, incompatibility
from .options import Options
from .rules import RULES, Cluster, Rule
from .scope import (aged_apart, anchored_apart, asserts_value, both_deictic, counts_the_rest, dates_of_two_values,
                    make_or_model, measured_from_elsewhere, part_of_breakdown, per_item, readings_of_two_days,
                    running_total, same_clock_one_day_unwritten, superlative_window, today_a_day_late,
                    window_part)
from .types import Agreement, Claim, Document, Evidence, Finding, QuantityClaim, TimeClaim
from .words import near_bound, timex, when


def evidence_for(c: Claim, documents: Mapping[str, Document]) -> Evidence:
    text = documents[c.doc].text[c.sentence_start : c.sentence_end]
    return Evidence(c.doc, c.sentence_start, c.sentence_end, text, c.id, c.start, c.end)


def describe(c: Claim) -> str:
    if isinstance(c, QuantityClaim):
        bound = near_bound(c.modifier, c.low, c.high) or {
            "=": "", "~": "about ", ">": "more than ", ">=": "at least ", "<": "less than ", "<=": "at most ",
            "range": ""}[c.modifier]
        if c.modifier == "range":
            num = f"{_num(c.low)}-{_num(c.high)}"
        else:
            num = _num(c.value)
        unit = f" {c.unit}" if c.unit else ""
        quals = f" ({', '.join(c.qualifiers)})" if c.qualifiers else ""
        return f"{bound}{num}{unit}{quals}"
    if isinstance(c, TimeClaim):
        about = f" ({c.event})" if c.event else ""
        if _PLAIN_DATE.fullmatch(c.value or ""):
            mod = f"{c.mod} " if c.mod else ""
            return f"{mod}{c.value}{about}"
        # a marker no reader of a CI log can read ("XXXX-WXX-6", "PRESENT_REF", "REF-P9D"):
        # in words ("Saturday", "now", "9 days earlier"), as the reports write it
        return f"{when({'value': c.value, 'mod': c.mod, 'type': c.type, 'tz': c.tz})}{about}"
    return c.text


def _times(values: Sequence[str]) -> str:
    """TIMEX3 values as a message names them (``describe``)."""
    return ", ".join(v if _PLAIN_DATE.fullmatch(v) else timex(v) for v in values)


# a calendar date, month or year, as ISO writes it: exact, and read as it is
_PLAIN_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"


def severity_for(rule: str, same_fact: float, options: Options) -> str:
    """The rule's severity when both claims surely state one fact, one step lower otherwise."""
    base = options.severity_of(rule)
    if same_fact >= options.error_threshold or base in ("off", "info"):
        return base
    return "warning" if base == "error" else "info"


def _values_by_source(claims: Sequence[Claim]) -> str:
    return "; ".join(f"{c.doc} says {describe(c)!r}" for c in claims)


@dataclass(frozen=True)
class Conflict:
    """Two linked claims that cannot both be true and likely state one fact."""

    a: Claim
    b: Claim
    same_fact: float
    incompatible: float


@dataclass
class JudgedGroup:
    """One aligned group compared pair by pair: what the group rules read (factcheck/rules/).

    ``conflicts``: the linked pairs whose intervals do not overlap and whose same-fact
    probability reaches conflict-threshold; ``denied``: pairs whose values fit but one of whose
    clauses denies what the other's states (``states_and_denies``), at the same bar;
    ``agreements``: agree / compatible pairs;
    ``not_compared``: linked pairs left out, with the reason; ``single``: the claims of a group
    with no link, which only one report states.
    """

    group: Group
    conflicts: list[Conflict] = field(default_factory=list)
    # pairs whose values fit but one report denies what the other states (``states_and_denies``)
    denied: list[Conflict] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    not_compared: list[Agreement] = field(default_factory=list)
    single: list[Agreement] = field(default_factory=list)

    @cached_property
    def fact_of(self) -> dict[str, str]:
        """Each compared claim's fact (a claim id standing for it): claims joined by conflicts,
        denials and agreements were judged to state one fact, while a link left not compared
        ("may be about different facts") joins nothing. Read by the rules, once judge_group
        has filled the group, and worked out once for all of them."""
        pairs = [(x.a.id, x.b.id) for x in self.conflicts + self.denied]
        return components(pairs + [a.claims for a in self.agreements if len(a.claims) == 2])

    def by_fact(self, pairs: Sequence[Conflict]) -> list[list[Conflict]]:
        """``pairs`` (conflicts or denials of this group), one list per fact, in order."""
        facts: dict[str, list[Conflict]] = {}
        for x in pairs:
            facts.setdefault(self.fact_of[x.a.id], []).append(x)
        return list(facts.values())


def _each_states_both(a: Claim, b: Claim, group: Group, options: Options) -> bool:
    """Does each report also state the other's value, in a claim of the same group? Then the
    two values are two facts both reports give ("between 1991 and 1998", "the 1940s and
    1950s"), linked end to end: the reports do not disagree."""
    def states(doc: str, other: Claim) -> bool:
        return any(c.doc == doc and c.id != other.id and compare_claims(c, other, options) in ("agree", "compatible")
                   for c in group)

    return states(a.doc, b) and states(b.doc, a)


def _states_other_value(a: Claim, b: Claim, score: float, group: Group, options: Options) -> Claim | None:
    """A claim of b's report that agrees with a (or of a's report that agrees with b) and is
    at least ``rival_ratio`` as likely a's fact as b is. A report that states both values
    knows both facts; alignment could not tell which one the other report means, and the
    values say it means the one it agrees with ("the 36-year-old Klitschko ... the
    40-year-old American" against "the 40-year-old American"). Agrees, not merely is
    compatible: "nearly 40 vessels hijacked" admits "as many as 60 attacked" without stating
    it, and as a rival it hid that report's "nearly 100 attacked". A claim linked to another
    claim of x's own report is that claim's counterpart, not x's rival ("from October 26 to
    November 14": the other report's November 14 is the end of the period, not its start)."""
    for x, y in ((a, b), (b, a)):
        for s, c in group.candidates.get((x.id, y.doc), ()):
            if s < options.rival_ratio * score:
                break
            if group.partner(c, x.doc) not in (None, x.id):
                continue
            if c.id != y.id and compare_claims(x, c, options) == "agree":
                return c
    return None


def states_and_denies(a: Claim, b: Claim) -> bool:
    """One claim's clause denies what the other's states: the same predicate and modality, one
    negated ("pirates have not attacked nearly 100 vessels" / "have attacked as many as 100
    vessels", "leaders did not meet on Friday" / "leaders met on Friday"). Never an age: it
    describes its holder whatever the clause says of them ("Russell, 46, was not injured")."""
    fa, fb = a.frame, b.frame
    if fa is None or fb is None or isinstance(a, QuantityClaim) and a.quantity_kind == "age":
        return False
    return bool(fa.predicate) and fa.predicate == fb.predicate and fa.modality == fb.modality \
        and fa.polarity != fb.polarity


def other_scope(a: Claim, b: Claim, documents: Mapping[str, Document]) -> str | None:
    """Why two conflicting claims' values are of different scopes, so that they are not compared
    (the judge's reason, as a not-compared record says it), or None when they are of one scope:
    a denied value, a superlative's window, the rest of a set, a part of a window of events, a
    running total, a figure per item, the dates of two values, distances from two places, a part
    of a breakdown, another make or model. Each test only for a pair that the earlier ones let through."""
    pair = f"{describe(a)!r} / {describe(b)!r}"
    if (denied := next((c for c in (a, b) if not asserts_value(c)), None)) is not None:
        return f"{describe(denied)!r}: its clause denies it, so {denied.doc} does not state that value"
    if superlative_window(a, documents) != superlative_window(b, documents):
        return (f"{pair}: one is the window of a superlative ('lowest in five years'), the other how long "
                f"something took")
    rest_a, rest_b = counts_the_rest(a, documents), counts_the_rest(b, documents)
    if rest_a != rest_b:
        return f"{pair}: one counts the rest of a set ('two other rifles', 'two more times'), the other a whole"
    if window_part(a, documents) != window_part(b, documents):
        return f"{pair}: one counts a part of a window of events ('18 of its next 23 games'), the other does not"
    if running_total(a) != running_total(b):
        return f"{pair}: one is a running total ('so far', 'since October'), the other the count of one event or day"
    if per_item(a) != per_item(b):
        return f"{pair}: one is a figure per item or period ('in each season', 'an average of'), the other a total"
    if dates_of_two_values(a, b):
        return (f"{pair}: each dates a value of its own clause, and the values differ "
                f"({', '.join(a.frame.dated_values)} / {', '.join(b.frame.dated_values)}): the values of two times")
    if measured_from_elsewhere(a, b):
        return f"{pair}: distances from different places ({a.frame.landmark} / {b.frame.landmark})"
    if (part_of_breakdown(a) or rest_a) != (part_of_breakdown(b) or rest_b):  # "two other rifles" is a part too
        return f"{pair}: one is a part of a breakdown ('12 Somali and 11 Yemeni pirates'), the other a whole"
    model_a, model_b = make_or_model(a, documents), make_or_model(b, documents)
    if model_a != model_b:
        return (f"{pair}: they count different makes or models ({model_a or 'any'} / {model_b or 'any'}), one "
                f"perhaps a part of the other")
    return None


def judge_group(group: Group, documents: Mapping[str, Document], options: Options) -> JudgedGroup:
    """Compare the linked pairs of one group as intervals.

    Only directly linked pairs are compared: a group can chain A-B-C through middling links,
    and A and C were never shown to state the same fact.
    """
    judged = JudgedGroup(group)
    by_id = {c.id: c for c in group}
    if not group.links:
        for c in sorted(group, key=lambda c: (c.doc, c.start)):
            judged.single.append(Agreement("", c.kind, "single-source",
                                           f"only {c.doc} says {describe(c)!r}: {c.text!r}", 1.0,
                                           [evidence_for(c, documents)], [c.id]))
        return judged
    for pair, score in sorted(group.links.items(), key=lambda kv: sorted(kv[0])):
        a, b = sorted((by_id[i] for i in pair), key=lambda c: (c.doc, c.start))
        evidence = [evidence_for(a, documents), evidence_for(b, documents)]

        def not_compared(reason: str) -> None:
            judged.not_compared.append(Agreement("", a.kind, "not-compared", reason, round(score, 3),
                                                 evidence, [a.id, b.id]))
        if both_deictic(a, b, documents):
            not_compared(f"{a.doc} and {b.doc} each date their own publication day")
            continue
        outcome = compare_claims(a, b, options)
        if outcome is None:
            not_compared(f"{describe(a)!r} and {describe(b)!r} cannot be placed on one scale")
            continue
        scope = other_scope(a, b, documents) if outcome == "conflict" else None
        if scope is not None:
            not_compared(scope)
            continue
        aged = outcome == "conflict" and aged_apart(a, b, documents)
        if aged:
            outcome = "compatible"
        same_clock = outcome == "conflict" and same_clock_one_day_unwritten(a, b)
        if same_clock:
            outcome = "compatible"
        if outcome == "conflict" and readings_of_two_days([a], [b], documents):
            not_compared(f"{a.doc} and {b.doc} each read {describe(a)!r} / {describe(b)!r} on their own "
                         f"day ({documents[a.doc].date[:10]}, {documents[b.doc].date[:10]}): two days' readings")
            continue
        if outcome == "conflict":
            late = today_a_day_late(a, b, documents)
            if late is not None:
                not_compared(f"{late.doc}'s {late.text!r} is its own publication day, a day after the other "
                             f"report's date: a report published the next day keeps its 'today'")
                continue
            if anchored_apart(a, b):
                not_compared(f"{describe(a)!r} / {describe(b)!r}: each is dated in its own clause, to times "
                             f"that cannot meet ({_times(a.frame.anchor_times)} / {_times(b.frame.anchor_times)})")
                continue
            if _each_states_both(a, b, group, options):
                not_compared(f"{a.doc} and {b.doc} each state both {describe(a)!r} and {describe(b)!r}: "
                             f"two facts, not a disagreement")
                continue
            other = _states_other_value(a, b, score, group, options)
            if other is not None:
                not_compared(f"{other.doc} also states {describe(other)!r}, as likely the fact the other "
                             f"report's claim states: two facts, not a disagreement")
                continue
            if score < options.conflict_threshold:
                not_compared(f"{a.doc} says {describe(a)!r} and {b.doc} says {describe(b)!r}, but they "
                             f"may be about different facts (same fact: {score:.2f})")
                continue
            judged.conflicts.append(Conflict(a, b, score, incompatibility(a, b, options)))
        elif score >= options.conflict_threshold and states_and_denies(a, b):
            judged.denied.append(Conflict(a, b, score, 1.0))
        else:
            verb = "agree on" if outcome == "agree" else (
                "are compatible, given the years between the reports, on" if aged else
                "are compatible, one writing the time of day but not the day, on" if same_clock else "are compatible on")
            judged.agreements.append(Agreement(
                "", a.kind, outcome,
                f"{a.doc} and {b.doc} {verb} {describe(a)!r} / {describe(b)!r}",
                round(score, 3), evidence, [a.id, b.id],
            ))
    return judged


def conflict_components(judged: JudgedGroup, kind: str) -> list[list[Conflict]]:
    """The group's conflicts of one kind (``Claim.kind``), one list per fact
    (``JudgedGroup.fact_of``): a group chained through a link left not compared holds two facts
    (the year Page disappeared, 1957 / 1958, and the year of the film about her, 2005 / 2006),
    and each disagreement is its own finding; one fact disagreeing across many pairs of
    documents stays one."""
    return judged.by_fact([x for x in judged.conflicts if x.a.kind == kind])


def conflict_finding(rule: str, conflicts: Sequence[Conflict], documents: Mapping[str, Document],
                     options: Options, says: Callable[[Sequence[Claim]], str] | None = None) -> Finding:
    """The conflicting pairs of one fact as one finding that cites every source, not one
    finding per pair of documents; its same_fact and incompatible are the pairs' largest.
    ``says``: the message from the claims, in document order (default: each source's value)."""
    members = sorted({c.id: c for x in conflicts for c in (x.a, x.b)}.values(), key=lambda c: (c.doc, c.start))
    same = max(x.same_fact for x in conflicts)
    incompatible = max(x.incompatible for x in conflicts)
    return Finding(
        "", rule, severity_for(rule, same, options),
        says(members) if says is not None else f"sources disagree: {_values_by_source(members)}",
        round(same, 3), [evidence_for(c, documents) for c in members], [c.id for c in members],
        same_fact=round(same, 3), incompatible=incompatible,
    )


@dataclass
class Judgement:
    findings: list[Finding]
    agreements: list[Agreement]
    single_source: list[Agreement]
    not_compared: list[Agreement]


def run_rules(groups: Sequence[Group], cluster: Cluster, rules: Mapping[str, Rule] | None = None) -> Judgement:
    """Every registered rule on one cluster: the group rules on each aligned group in turn,
    then the cluster rules, in registry order. Findings of a rule set to "off" are dropped, and
    so is a cluster rule's finding whose sentences an earlier finding cites together;
    what a rule recognised as agreement is kept whatever its level."""
    rules = RULES if rules is None else rules
    by_group = [r for r in rules.values() if r.reads == "group"]
    by_cluster = [r for r in rules.values() if r.reads == "cluster"]
    findings: list[Finding] = []
    agreements: list[Agreement] = []
    single: list[Agreement] = []
    not_compared: list[Agreement] = []
    for group in groups:
        judged = judge_group(group, cluster.documents, cluster.options)
        agreements += judged.agreements
        single += judged.single
        not_compared += judged.not_compared
        for rule in by_group:
            found = rule.find(judged, cluster.documents, cluster.options)
            findings += found.findings
            agreements += found.agreements
    for rule in by_cluster:
        found = rule.find(cluster)
        # the same sentences already cited together by a finding are one finding: a denial read
        # from the parse that polarity-conflict has already found through the claims' values
        cited = [f.sentences() for f in findings]
        findings += [f for f in found.findings if not any(f.sentences() <= c for c in cited)]
        agreements += found.agreements
    findings = [f for f in findings if f.severity != "off"]
    return Judgement(findings, agreements, single, not_compared)
