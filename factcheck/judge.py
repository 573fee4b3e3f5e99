"""Comparing aligned claims as intervals: agree, compatible, conflict or single-source."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .align import Group, comparable
from .options import Options
from .types import Agreement, Claim, Document, Evidence, Finding, QuantityClaim, TimeClaim


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        lo = max(self.low, other.low)
        hi = min(self.high, other.high)
        if lo < hi:
            return True
        if lo > hi:
            return False
        # touching at one point: only an overlap if both sides include it
        lo_open = self.low_open if self.low == lo else other.low_open
        hi_open = self.high_open if self.high == hi else other.high_open
        if self.low == other.low == lo:
            lo_open = self.low_open or other.low_open
        if self.high == other.high == hi:
            hi_open = self.high_open or other.high_open
        return not (lo_open or hi_open)


_LITERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")


def written_slack(c: QuantityClaim, round_zeros: bool = True) -> float | None:
    """Half a unit of the last significant digit as written: "7,403" +-0.5, "7,400" +-50,
    "1.5 million" +-50,000. None for number words, whose precision the text does not show.
    ``round_zeros=False`` takes trailing zeros at their word ("7,400" +-0.5)."""
    m = _LITERAL.search(c.text)
    if not m or not c.value:
        return None
    literal = m.group(0).replace(",", "")
    written = float(literal)
    if not written:
        return None
    scale = c.value / written
    if "." in literal:
        step = 10.0 ** -len(literal.split(".")[1])
    else:
        step = 10.0 ** (len(literal) - len(literal.rstrip("0"))) if round_zeros else 1.0
    return 0.5 * step * abs(scale)


def point_slack(c: QuantityClaim, tolerance: float) -> float:
    """Reporters round, so a point value admits ``tolerance`` of itself, but never more than the
    precision it is written with: "7,403 cases" is not "more than 7,450 cases"."""
    rel = abs(c.value or 0.0) * tolerance
    written = written_slack(c)
    return rel if written is None else min(rel, written)


def quantity_interval(c: QuantityClaim, tolerance: float) -> Interval:
    """The values a claim admits. A plain point value gets a rounding slack (``point_slack``)."""
    low = c.low if c.low is not None else -math.inf
    high = c.high if c.high is not None else math.inf
    if c.modifier == "=" and c.value is not None:
        slack = point_slack(c, tolerance)
        return Interval(c.value - slack, c.value + slack)
    return Interval(low, high, low_open=c.modifier == ">", high_open=c.modifier == "<")


def compare_quantities(a: QuantityClaim, b: QuantityClaim, tolerance: float) -> str:
    if a.change and b.change and a.change != b.change and "to" not in (a.change_part, b.change_part):
        return "conflict"  # "rose 3%" and "fell 3%": one measure cannot move both ways
    if a.unit in _SIGNLESS and (a.value or 0) * (b.value or 0) < 0:
        # "fell by -3.16%" and "fell by 3.16%" state one change; the verb carries the sign
        a, b = _magnitude(a), _magnitude(b)
    if a.modifier == b.modifier and a.value is not None and b.value is not None:
        if a.modifier == "=":
            same_value = abs(a.value - b.value) <= point_slack(a, tolerance) + point_slack(b, tolerance)
        else:
            same_value = math.isclose(a.value, b.value, rel_tol=tolerance)
        same_high = a.modifier != "range" or math.isclose(a.high or 0, b.high or 0, rel_tol=tolerance)
        if same_value and same_high:
            return "agree"
    ia, ib = quantity_interval(a, tolerance), quantity_interval(b, tolerance)
    return "compatible" if ia.overlaps(ib) else "conflict"


_SIGNLESS = {"%", "point"}


def _magnitude(c: QuantityClaim) -> QuantityClaim:
    from dataclasses import replace

    if (c.value or 0) >= 0:
        return c
    lo, hi = c.low, c.high
    return replace(c, value=-c.value, low=-hi if hi is not None else None, high=-lo if lo is not None else None)


def _day(value: str | None, end: bool) -> float | None:
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            d = date(y, 12, 31) if end else date(y, 1, 1)
        elif len(parts) == 2:
            m = int(parts[1])
            d = date(y + (m == 12), m % 12 + 1, 1) if end else date(y, m, 1)
            if end:
                d = date.fromordinal(d.toordinal() - 1)
        else:
            d = date(y, int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return float(d.toordinal())


def time_interval(c: TimeClaim) -> Interval | None:
    """The days a resolved date claim covers; None when it cannot be placed on the calendar."""
    if not c.resolved or c.type not in ("DATE", "TIME"):
        return None
    if c.begin is None and c.until is None:
        return None
    low = _day(c.begin, end=False) if c.begin else -math.inf
    high = _day(c.until, end=True) if c.until else math.inf
    if low is None or high is None:
        return None
    return Interval(low, high)


def compare_times(a: TimeClaim, b: TimeClaim) -> str | None:
    """None when the two cannot be compared (unresolved, durations, sets)."""
    if a.type in ("DURATION", "SET") or b.type in ("DURATION", "SET"):
        return "agree" if a.type == b.type and a.value == b.value else None
    ia, ib = time_interval(a), time_interval(b)
    if ia is None or ib is None:
        return "agree" if a.value == b.value and a.resolved == b.resolved else None
    if a.value == b.value and a.mod == b.mod:
        return "agree"
    return "compatible" if ia.overlaps(ib) else "conflict"


def covers(a: Claim, b: Claim, options: Options) -> bool:
    """Does ``b`` admit every value ``a`` does ("more than 100" covers "120"; "120" does not cover "more than 100")?"""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        ia, ib = quantity_interval(a, options.numeric_tolerance), quantity_interval(b, options.numeric_tolerance)
    elif isinstance(a, TimeClaim) and isinstance(b, TimeClaim):
        ia, ib = time_interval(a), time_interval(b)
        if ia is None or ib is None:
            return a.value == b.value
    else:
        return False
    return ib.low <= ia.low and ia.high <= ib.high


def compare_claims(a: Claim, b: Claim, options: Options) -> str | None:
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        return compare_quantities(a, b, options.numeric_tolerance)
    if isinstance(a, TimeClaim) and isinstance(b, TimeClaim):
        return compare_times(a, b)
    return None


def evidence_for(c: Claim, documents: Mapping[str, Document]) -> Evidence:
    text = documents[c.doc].text[c.sentence_start : c.sentence_end]
    return Evidence(c.doc, c.sentence_start, c.sentence_end, text, c.id, c.start, c.end)


def describe(c: Claim) -> str:
    if isinstance(c, QuantityClaim):
        bound = {"=": "", "~": "about ", ">": "more than ", ">=": "at least ", "<": "less than ",
                 "<=": "at most ", "range": ""}[c.modifier]
        if c.modifier == "range":
            num = f"{_num(c.low)}-{_num(c.high)}"
        else:
            num = _num(c.value)
        unit = f" {c.unit}" if c.unit else ""
        quals = f" ({', '.join(c.qualifiers)})" if c.qualifiers else ""
        return f"{bound}{num}{unit}{quals}"
    if isinstance(c, TimeClaim):
        about = f" ({c.event})" if c.event else ""
        mod = f"{c.mod} " if c.mod else ""
        return f"{mod}{c.value}{about}"
    return c.text


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"


def _both_deictic(a: Claim, b: Claim, documents: Mapping[str, Document]) -> bool:
    """Both claims are "today" of reports dated differently: each names its own publication
    day (daily market reports), which says nothing about one event's date."""
    if not (isinstance(a, TimeClaim) and isinstance(b, TimeClaim)):
        return False
    da, db = documents[a.doc].date, documents[b.doc].date
    return bool(da and db and da != db and a.value[:10] == da and b.value[:10] == db)


_RULE = {"quantity": "numeric-conflict", "time": "temporal-conflict"}


def incompatibility(a: Claim, b: Claim, options: Options) -> float:
    """How sure the interval logic is that two conflicting claims cannot both be true: 1.0 when
    the values are apart by more than their rounding slack again, less for a near miss
    ("about 300" against "330"), where a reporter's looser rounding could join them."""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        ia, ib = quantity_interval(a, options.numeric_tolerance), quantity_interval(b, options.numeric_tolerance)
        gap = max(ia.low, ib.low) - min(ia.high, ib.high)
        size = max(abs(a.value or 0.0), abs(b.value or 0.0), 1e-9)
        # a vague quantity ("dozens") is hedged like "about": its interval is only suggested
        hedged = a.modifier == "~" or b.modifier == "~" or a.vague or b.vague
        slack = (0.1 if hedged else options.numeric_tolerance) * size
        if not math.isfinite(gap) or slack <= 0:
            return 1.0
        return round(min(1.0, 0.5 + 0.5 * gap / slack), 3)
    return 1.0


def severity_for(rule: str, same_fact: float, options: Options) -> str:
    """The rule's severity when both claims surely state one fact, one step lower otherwise."""
    base = options.severity_of(rule)
    if same_fact >= options.error_threshold or base in ("off", "info"):
        return base
    return "warning" if base == "error" else "info"


def _values_by_source(claims: Sequence[Claim]) -> str:
    return "; ".join(f"{c.doc} says {describe(c)!r}" for c in claims)


def judge(
    groups: Sequence[Group], documents: Mapping[str, Document], options: Options
) -> tuple[list[Finding], list[Agreement], list[Agreement], list[Agreement]]:
    """Findings (conflicts), agreements (agree / compatible pairs), single-source claims, and
    linked pairs that were not compared (with the reason).

    Only directly linked pairs are compared: a group can chain A-B-C through middling links,
    and A and C were never shown to state the same fact. The conflicting pairs of one group
    are one finding that cites every source, not one finding per pair of documents.
    """
    findings: list[Finding] = []
    agreements: list[Agreement] = []
    single: list[Agreement] = []
    not_compared: list[Agreement] = []
    for group in groups:
        by_id = {c.id: c for c in group}
        if not group.links:
            for c in sorted(group, key=lambda c: (c.doc, c.start)):
                single.append(Agreement("", c.kind, "single-source",
                                        f"only {c.doc} says {describe(c)!r}: {c.text!r}", 1.0,
                                        [evidence_for(c, documents)], [c.id]))
            continue
        conflicts: list[tuple[Claim, Claim, float, float]] = []
        for pair, score in sorted(group.links.items(), key=lambda kv: sorted(kv[0])):
            a, b = sorted((by_id[i] for i in pair), key=lambda c: (c.doc, c.start))
            evidence = [evidence_for(a, documents), evidence_for(b, documents)]
            if _both_deictic(a, b, documents):
                not_compared.append(Agreement("", a.kind, "not-compared",
                                              f"{a.doc} and {b.doc} each date their own publication day",
                                              round(score, 3), evidence, [a.id, b.id]))
                continue
            outcome = compare_claims(a, b, options)
            if outcome is None:
                not_compared.append(Agreement("", a.kind, "not-compared",
                                              f"{describe(a)!r} and {describe(b)!r} cannot be placed on one scale",
                                              round(score, 3), evidence, [a.id, b.id]))
                continue
            if outcome == "conflict":
                if score < options.conflict_threshold:
                    not_compared.append(Agreement(
                        "", a.kind, "not-compared",
                        f"{a.doc} says {describe(a)!r} and {b.doc} says {describe(b)!r}, but they "
                        f"may be about different facts (same fact: {score:.2f})",
                        round(score, 3), evidence, [a.id, b.id]))
                    continue
                conflicts.append((a, b, score, incompatibility(a, b, options)))
            else:
                verb = "agree on" if outcome == "agree" else "are compatible on"
                agreements.append(Agreement(
                    "", a.kind, outcome,
                    f"{a.doc} and {b.doc} {verb} {describe(a)!r} / {describe(b)!r}",
                    round(score, 3), evidence, [a.id, b.id],
                ))
        if conflicts:
            members = sorted({c.id: c for a, b, _, _ in conflicts for c in (a, b)}.values(),
                             key=lambda c: (c.doc, c.start))
            same = max(s for _, _, s, _ in conflicts)
            incompatible = max(i for _, _, _, i in conflicts)
            rule = _RULE[members[0].kind]
            findings.append(Finding(
                "", rule, severity_for(rule, same, options),
                f"sources disagree: {_values_by_source(members)}",
                round(same, 3), [evidence_for(c, documents) for c in members], [c.id for c in members],
                same_fact=round(same, 3), incompatible=incompatible,
            ))
    return findings, agreements, single, not_compared
