"""Values as intervals: can two claims' values both be true?

A quantity admits the values its modifier and written precision allow ("over 100", "7,400"
+-50), a date the days it covers, a duration the lengths its wording allows; two claims of one
scale agree, are compatible (their intervals meet) or conflict. Judging (judge.py), the
``compare`` command and the arithmetic of ``compare`` share this logic.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from .options import Options
from .types import Claim, QuantityClaim, TimeClaim
from .units import convert


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
    b = convert(b, a.unit) if a.unit and b.unit else b  # "280 km" / "150 nautical miles"
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


def day_number(value: str | None, end: bool) -> float | None:
    """The ordinal of the first (or, ``end``, the last) day a TIMEX3 date value covers: "2008" ->
    1 January or 31 December 2008; None for a value that is no calendar date."""
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
    low = day_number(c.begin, end=False) if c.begin else -math.inf
    high = day_number(c.until, end=True) if c.until else math.inf
    if low is None or high is None:
        return None
    return Interval(low, high)


# TIMEX3 duration units in days; months and years at their mean length, since "18 months" and
# "a year and a half" must meet whatever month they start in
_DURATION_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0, "TH": 1 / 24, "TM": 1 / 1440, "TS": 1 / 86400}


_DURATION = re.compile(r"P(?:(?P<Y>[\d.]+)Y)?(?:(?P<M>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?"
                       r"(?:T(?:(?P<TH>[\d.]+)H)?(?:(?P<TM>[\d.]+)M)?(?:(?P<TS>[\d.]+)S)?)?$")


def duration_days(value: str) -> float | None:
    """Days of a TIMEX3 duration ("P18M" -> 547.9); None for vague ones ("PXY") and sets."""
    m = _DURATION.match(value or "")
    if not m or not any(m.groupdict().values()):
        return None
    try:
        return sum(float(v) * _DURATION_DAYS[k] for k, v in m.groupdict().items() if v)
    except ValueError:
        return None


def duration_interval(c: TimeClaim, tolerance: float) -> Interval | None:
    """The lengths a duration claim admits, in days, read as a quantity claim is: "more than
    five years" is open above, "about a decade" admits APPROX_TOLERANCE, a plain one rounding."""
    from .extract.quantities import APPROX_TOLERANCE

    days = duration_days(c.value) if c.type == "DURATION" else None
    if days is None:
        return None
    if c.mod in ("MORE_THAN", "AFTER"):
        return Interval(days, math.inf, low_open=True)
    if c.mod in ("EQUAL_OR_MORE", "ON_OR_AFTER"):
        return Interval(days, math.inf)
    if c.mod in ("LESS_THAN", "BEFORE"):
        return Interval(0.0, days, high_open=True)
    if c.mod in ("EQUAL_OR_LESS", "ON_OR_BEFORE"):
        return Interval(0.0, days)
    slack = days * (APPROX_TOLERANCE if c.mod == "APPROX" else tolerance)
    return Interval(days - slack, days + slack)


_FIELDS = re.compile(r"(?P<year>\d{4}|XXXX)(?:-(?:(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"
                     r"|W(?:\d{2}|XX)-(?P<weekday>[1-7])))?(?=$|T)")


def calendar_fields(value: str) -> dict[str, int]:
    """The calendar fields a TIMEX3 date value states, whatever it leaves open: "XXXX-03-03" ->
    month 3, day 3; "XXXX-WXX-2" (an undated report's "Tuesday") -> weekday 2; a full day
    also gives its weekday, so that it can meet an unresolved weekday."""
    m = _FIELDS.match(value or "")
    if not m:
        return {}
    fields = {k: int(v) for k, v in m.groupdict().items() if v and not v.startswith("X")}
    if {"year", "month", "day"} <= fields.keys():
        try:
            fields["weekday"] = date(fields["year"], fields["month"], fields["day"]).isoweekday()
        except ValueError:
            return {}
    return fields


def _compare_fields(a: TimeClaim, b: TimeClaim) -> str | None:
    """Two dates that cannot both be placed on the calendar (an undated report's "March 3" or
    "on Tuesday") are still compared on the fields both state: once the two state one fact, a
    March 3 and a March 13, or a Tuesday and a Friday the 13th, cannot both be its day. A
    bounded or hedged date ("before March") is left alone."""
    if a.mod is not None or b.mod is not None or a.type not in ("DATE", "TIME") or b.type not in ("DATE", "TIME"):
        return None
    fa, fb = calendar_fields(a.value), calendar_fields(b.value)
    shared = fa.keys() & fb.keys()
    if not shared:
        return None
    return "conflict" if any(fa[k] != fb[k] for k in shared) else "compatible"


def compare_times(a: TimeClaim, b: TimeClaim, tolerance: float = 0.02) -> str | None:
    """None when the two cannot be compared (unresolved, vague durations, sets)."""
    if a.type == b.type == "DURATION":
        if a.value == b.value and a.mod == b.mod:
            return "agree"
        ia, ib = duration_interval(a, tolerance), duration_interval(b, tolerance)
        if ia is None or ib is None:
            return None
        return "compatible" if ia.overlaps(ib) else "conflict"
    if a.type in ("DURATION", "SET") or b.type in ("DURATION", "SET"):
        return "agree" if a.type == b.type and a.value == b.value else None
    ia, ib = time_interval(a), time_interval(b)
    if ia is None or ib is None:
        if a.value == b.value and a.resolved == b.resolved:
            return "agree"
        return _compare_fields(a, b)
    if a.value == b.value and a.mod == b.mod:
        return "agree"
    if a.mod == b.mod and a.mod in _ENDPOINTS:
        # "from October 26 to November 14" against "from October 16 ...", "since 2005" against
        # "since 2008": each names the day one period starts (or ends), so the days themselves
        # must meet, not the open-ended stretches after them
        ia, ib = _endpoint(a), _endpoint(b)
        if ia is None or ib is None:
            return None
    return "compatible" if ia.overlaps(ib) else "conflict"


_ENDPOINTS = ("ON_OR_AFTER", "ON_OR_BEFORE")


def _endpoint(c: TimeClaim) -> Interval | None:
    """The days of the date a "from"/"since" or "until"/"by" claim names, without its mod."""
    low, high = day_number(c.value, end=False), day_number(c.value, end=True)
    return None if low is None or high is None else Interval(low, high)


def covers(a: Claim, b: Claim, options: Options) -> bool:
    """Does ``b`` admit every value ``a`` does ("more than 100" covers "120"; "120" does not cover "more than 100")?"""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        b = convert(b, a.unit) if a.unit and b.unit else b
        ia, ib = quantity_interval(a, options.numeric_tolerance), quantity_interval(b, options.numeric_tolerance)
    elif isinstance(a, TimeClaim) and isinstance(b, TimeClaim):
        if a.type == b.type == "DURATION":
            ia, ib = duration_interval(a, options.numeric_tolerance), duration_interval(b, options.numeric_tolerance)
        else:
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
        return compare_times(a, b, options.numeric_tolerance)
    return None


def incompatibility(a: Claim, b: Claim, options: Options) -> float:
    """How sure the interval logic is that two conflicting claims cannot both be true: 1.0 when
    the values are apart by more than their rounding slack again, less for a near miss
    ("about 300" against "330"), where a reporter's looser rounding could join them."""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        b = convert(b, a.unit) if a.unit and b.unit else b
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
