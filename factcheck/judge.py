"""Comparing aligned claims as intervals (agree, compatible, conflict, single-source, not
compared), and running the registered rules (factcheck/rules/) on a cluster.

The interval logic lives here because several rules and the ``compare`` command share it; what
makes a comparison a finding is each rule's own module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from . import lexicon
from .align import Group
from .components import components
from .extract.numbers import find_numbers
from .extract.timezones import TZ_PATTERN
from .options import Options
from .rules import RULES, Cluster, Rule
from .samefact import is_change, is_measure, unit_of
from .units import convert
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
    low, high = _day(c.value, end=False), _day(c.value, end=True)
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


# a clock time as written: "10am", "9:25 a.m.", "3 p. m.", "16:08" (never a bare number)
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)|\d{1,2}[:.]\d{2}", re.IGNORECASE)
# the same with its zone, one of the temporal extractor's (resources/timezones.tsv): "14:48 UTC"
_CLOCK_ZONED = r"(?:" + _CLOCK.pattern + r")(?:\s*" + TZ_PATTERN + r")?"

# a time of the report's own day, not of the fact's: "at 16:08 UTC", "earlier today", "the start
# of the day" say when on the day the report was written
_DAY_BOUND = re.compile(
    r"^(?:as of |at )?(?:(?:earlier |later )?today|this (?:morning|afternoon|evening)|tonight|"
    r"the (?:start|end|close|open) of (?:the )?(?:day|trading|session)|noon|midnight|"
    # a clock time: "16:08", "3 p.m.", "10:30 a.m. EST", "14:48 UTC"
    + _CLOCK_ZONED + r")$", re.IGNORECASE)


_PARTITIVE = frozenset({"of them", "of those", "of these", "of us", "of you", "of whom", "of which"})


def _of_its_day(c: QuantityClaim) -> bool:
    """A reading of its report's day: timed only on that day ("down 2.62% at 16:08 UTC", "1.75%
    lower than the start of the day"), a bare figure with nothing counted and no time of its
    own ("the FTSE 100 dropped ... to below the 5000 mark at 4907.20": an index, a rate), or a
    move of a measure with no time of its own ("dropped in value by 2.36%")."""
    if c.quantity_kind == "age":
        return False  # a person's, not a measure's
    anchors = c.frame.anchor if c.frame is not None else []
    if not all(_DAY_BOUND.match(x) for x in anchors):
        return False  # a time of its own ("in 2005", "last week")
    qualifiers = [q.lower() for q in (c.frame.qualifiers if c.frame is not None else [])]
    # a clock time the parse leaves as a qualifier ("at 16:08 UTC") times the claim as well
    clock = any(_DAY_BOUND.match(q) for q in qualifiers)
    # "four of them managed to escape" counts things its pronoun names, not a bare figure
    partitive = any(q in _PARTITIVE for q in qualifiers)
    bare = c.unit is None and c.quantity_kind == "count" and not partitive
    # a move of a measure with no time of its own ("dropped in value by 2.36%") is the day's move
    move = is_change(c) and is_measure(unit_of(c))
    return bool(anchors) or clock or bare or move


def readings_of_two_days(a: Sequence[Claim], b: Sequence[Claim], documents: Mapping[str, Document]) -> bool:
    """Every quantity claim of ``a`` and of ``b`` (one report's each) reads a measure on its own
    report's day (``_of_its_day``), and the reports are of different days: daily market reports,
    not one fact told two ways. The judge asks it of two claims, the contradiction rule of the
    claims of two sentences ("down 2.62% at 16:08 UTC" / "up 3.10% at 14:58 UTC")."""
    qa = [c for c in a if isinstance(c, QuantityClaim)]
    qb = [c for c in b if isinstance(c, QuantityClaim)]
    if not qa or not qb:
        return False
    da, db = documents[qa[0].doc].date, documents[qb[0].doc].date
    return bool(da and db and da[:10] != db[:10]) and all(_of_its_day(c) for c in qa + qb)


# a clock time that writes no day of its own: "at about 7 p.m.", "just before 5:30 p.m. EST"
_CLOCK_ONLY = re.compile(r"^(?:(?:at|about|around|approximately|roughly|some|just|shortly|before|after|by)\s+)*"
                         + _CLOCK_ZONED + "$", re.IGNORECASE)


_TIME_OF_DAY = re.compile(r"T(\d{2}:\d{2})")  # of a TIMEX3 value: "2013-09-14T19:00"


def same_clock_one_day_unwritten(a: Claim, b: Claim) -> bool:
    """Two clock times, one of which writes no day ("at about 7 p.m.", placed on its report's
    day), at the same time of day: the day of the bare one is the resolver's guess, the time
    of day is what the report says, and it agrees ("around 7 p.m. Friday")."""
    if not (isinstance(a, TimeClaim) and isinstance(b, TimeClaim)) or a.type != "TIME" or b.type != "TIME":
        return False
    if not (_CLOCK_ONLY.match(a.text.strip()) or _CLOCK_ONLY.match(b.text.strip())):
        return False
    ca, cb = _TIME_OF_DAY.search(a.value), _TIME_OF_DAY.search(b.value)
    return ca is not None and cb is not None and ca.group(1) == cb.group(1)


def _today_a_day_late(a: Claim, b: Claim, documents: Mapping[str, Document]) -> Claim | None:
    """The claim that names its own report's publication day ("this morning") when the other
    report, dated differently, puts the fact on the day before: a report published after
    midnight, or a wire story run again the next day, keeps the "today" it was written with,
    so a day's difference between them says nothing about the event. None otherwise."""
    if not (isinstance(a, TimeClaim) and isinstance(b, TimeClaim)):
        return None
    for x, y in ((a, b), (b, a)):
        dx, dy = documents[x.doc].date, documents[y.doc].date
        # written without a date of its own ("this morning", "today", "about 10am today"): a date
        # in digits that happens to be the publication day was checked by its writer
        deictic = not any(ch.isdigit() for ch in _CLOCK.sub("", x.text))
        if not (deictic and dx and dy and dx[:10] != dy[:10] and x.value[:10] == dx[:10]):
            continue
        day, other = _day(dx, end=False), time_interval(y)
        if day is not None and other is not None and other.low == other.high and day - other.low == 1:
            return x
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


# words between a superlative's "in" and its window: "in the past five years", "in more than a decade"
_WINDOW_FILLERS = frozenset({"the", "past", "last", "more", "than", "nearly", "almost", "about", "over", "some"})


def superlative_window(c: Claim, documents: Mapping[str, Document]) -> bool:
    """A duration that is the window of a superlative or a record ("fell to its lowest level
    in five years", "the first time in a decade"), read off the words before it in its
    sentence (resources/superlatives.tsv): how far back the comparison runs, not how long the
    event took."""
    if not isinstance(c, TimeClaim) or c.type != "DURATION":
        return False
    before = documents[c.doc].text[c.sentence_start:c.start].lower().split()[-8:]
    while before and before[-1] in _WINDOW_FILLERS:
        before.pop()  # "in the past", "in more than"
    if not before or before[-1] not in ("in", "for", "over"):
        return False
    return any(w.strip(",;:'\"") in lexicon.words("superlatives") for w in before[:-1][-5:])


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def counts_the_rest(c: Claim, documents: Mapping[str, Document]) -> bool:
    """A count of the rest of a set, not of the whole (resources/remainders.tsv): the word right
    after the number ("two other rifles", "married two more times", "some 60 other people") or
    right before it ("another 20", "a further 20"); "20 or more" and "more than 20" are bounds."""
    if not isinstance(c, QuantityClaim) or c.quantity_kind != "count":
        return False
    rest = lexicon.words("remainders")
    text = documents[c.doc].text
    span = text[c.start:c.end].lower()
    numbers = find_numbers(span)
    after = _WORD.findall(span[numbers[0].end:] if numbers else "")
    if after and after[0] in rest and after[0] != "another" and not (len(after) > 1 and after[1] == "than"):
        return True
    before = _WORD.findall(text[max(c.sentence_start, c.start - 24):c.start].lower())[-2:]
    return bool(before) and (before[-1] == "another" or len(before) == 2 and before[0] in ("a", "an")
                             and before[1] in rest)


# a make or model code between a count and its noun: "AK-47", "AK 47", "F-16", "A380", "Boeing 747"
_MODEL = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*(?:\s?-\s?|\s)?\d+[A-Za-z]*)(?![\w-])")


def make_or_model(c: Claim, documents: Mapping[str, Document]) -> str | None:
    """The make or model a count's noun carries between the number and the noun ("seven AK-47
    assault rifles", "12 AK 47 guns": "ak47"; "two F-16 jets": "f16"), as letters and digits,
    lower case. A count of one model set against a count with none may be a part against its
    whole ("nine rifles", of which seven AK-47s); two models are two things."""
    if not isinstance(c, QuantityClaim) or c.quantity_kind != "count" or not c.unit:
        return None
    text = documents[c.doc].text
    numbers = find_numbers(text[c.start:c.end])
    if not numbers:
        return None
    start = c.start + numbers[0].end
    window = text[start:min(c.sentence_end, start + 40)]
    # the noun as written, found by the first letters of its lemma ("rifl" of "Rifles"); an
    # irregular plural the window does not show ("men") leaves the count without a model
    noun = re.search(rf"\b{re.escape(c.unit[:4])}", window, re.I)
    found = _MODEL.search(window[:noun.start()]) if noun else None
    return re.sub(r"[^0-9a-z]", "", found.group(1).lower()) if found else None


def running_total(c: Claim) -> bool:
    """A count summed over many events or a span of time (``Frame.running_total``: "so far",
    "to date", "since October"): compared with the count of one event it is a whole against
    its part."""
    return c.frame is not None and c.frame.running_total


def per_item(c: Claim) -> bool:
    """A value per item or per period, a rate or an average (``Frame.per_item``: "in each of the
    past five seasons", "an average of"): compared with a total it is another measure."""
    return c.frame is not None and c.frame.per_item


def anchor_span(c: Claim) -> Interval | None:
    """The days from the first to the last of a count's or measure's own dates
    (``Frame.anchor_times``) that name calendar days: "in 2005", "on Tuesday" of a dated report."""
    if c.frame is None:
        return None
    days = [(low, high) for v in c.frame.anchor_times
            if (low := _day(v, end=False)) is not None and (high := _day(v, end=True)) is not None]
    return Interval(min(d[0] for d in days), max(d[1] for d in days)) if days else None


def anchored_apart(a: Claim, b: Claim) -> bool:
    """Are two numbers each dated in their own clause, to times that cannot meet ("a 6.1 quake in
    September" / "a 5.6 quake on Sunday", "500 staff in 2005" / "600 in 2008")? Then they are
    numbers of two times, not one fact. Dates that cannot be placed on the calendar (an undated
    report's "in March", "on Tuesday") are compared on the fields both state, one date each."""
    if not isinstance(a, QuantityClaim) or not isinstance(b, QuantityClaim) or a.frame is None or b.frame is None:
        return False
    ia, ib = anchor_span(a), anchor_span(b)
    if ia is not None and ib is not None:
        return not ia.overlaps(ib)
    if len(a.frame.anchor_times) == len(b.frame.anchor_times) == 1:
        fa, fb = calendar_fields(a.frame.anchor_times[0]), calendar_fields(b.frame.anchor_times[0])
        return any(fa[k] != fb[k] for k in fa.keys() & fb.keys())
    return False


def dates_of_two_values(a: Claim, b: Claim) -> bool:
    """Two dates that each date a number of their own clause, of one unit or counted thing, whose
    values differ ("revenue was $5 billion in 2010" / "$6 billion in 2011"): each date is the time
    of its value, so the reports give the values of two times, not two dates of one event. With
    equal values ("five people were killed on Monday" / "on Tuesday") the dates do disagree.
    Only a date's frame has ``dated_values``."""
    if a.frame is None or b.frame is None or not a.frame.dated_values or not b.frame.dated_values:
        return False
    va = [v.split("=", 1) for v in a.frame.dated_values]
    vb = [v.split("=", 1) for v in b.frame.dated_values]
    shared = {u for u, _ in va} & {u for u, _ in vb}
    return any({x for u, x in va if u == unit}.isdisjoint({x for u, x in vb if u == unit}) for unit in shared)


def measured_from_elsewhere(a: Claim, b: Claim) -> bool:
    """Two distances measured from places that share no word ("150 nautical miles west of Aden" /
    "13 nautical miles from the Mysore"): the distances of two places, not one fact."""
    la, lb = (c.frame.landmark if c.frame is not None else None for c in (a, b))
    return bool(la and lb) and not set(la.split()) & set(lb.split())


def part_of_breakdown(c: Claim) -> bool:
    """One of several counts of one noun (``Frame.part``: "12 Somali and 11 Yemeni pirates")."""
    return c.frame is not None and c.frame.part


def aged_apart(a: Claim, b: Claim, documents: Mapping[str, Document]) -> bool:
    """Two ages of one person from reports years apart, which the years between them explain:
    a person of 27 in a 2005 report is 29 in a 2007 one (the later age minus the earlier lies
    between the whole years between the reports' dates, rounded down and up). A person grows
    older; the report's date, not a weight, says by how much. Undated reports: no allowance."""
    if not (isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim)
            and a.quantity_kind == b.quantity_kind == "age" and a.unit == b.unit == "year"):
        return False
    da, db = _day(documents[a.doc].date, False), _day(documents[b.doc].date, False)
    if da is None or db is None or da == db:
        return False
    early, late = (a, b) if da < db else (b, a)
    years = abs(db - da) / 365.25
    # an age is a count of whole years, not a rounded figure: no rounding slack
    grown = quantity_interval(early, 0.0)
    grown = Interval(grown.low + math.floor(years), grown.high + math.ceil(years), grown.low_open, grown.high_open)
    return grown.overlaps(quantity_interval(late, 0.0))


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


def asserts_value(c: Claim) -> bool:
    """Does the report state the claim's value? Not in a denied clause: "none of the other teams
    has offered more than eight years" says no team offered more than eight, so it is no
    value to set against "seven years"; what the denial itself contradicts is
    ``states_and_denies``'s. An age describes its holder whatever the clause says of them."""
    return c.frame is None or c.frame.polarity != "negative" or (
        isinstance(c, QuantityClaim) and c.quantity_kind == "age")


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
    a denied value, a superlative's window, the rest of a set, a running total, a figure per
    item, the dates of two values, distances from two places, a part of a breakdown, another
    make or model. Each test only for a pair that the earlier ones let through."""
    pair = f"{describe(a)!r} / {describe(b)!r}"
    if (denied := next((c for c in (a, b) if not asserts_value(c)), None)) is not None:
        return f"{describe(denied)!r}: its clause denies it, so {denied.doc} does not state that value"
    if superlative_window(a, documents) != superlative_window(b, documents):
        return (f"{pair}: one is the window of a superlative ('lowest in five years'), the other how long "
                f"something took")
    rest_a, rest_b = counts_the_rest(a, documents), counts_the_rest(b, documents)
    if rest_a != rest_b:
        return f"{pair}: one counts the rest of a set ('two other rifles', 'two more times'), the other a whole"
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
        if _both_deictic(a, b, documents):
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
            late = _today_a_day_late(a, b, documents)
            if late is not None:
                not_compared(f"{late.doc}'s {late.text!r} is its own publication day, a day after the other "
                             f"report's date: a report published the next day keeps its 'today'")
                continue
            if anchored_apart(a, b):
                not_compared(f"{describe(a)!r} / {describe(b)!r}: each is dated in its own clause, to times "
                             f"that cannot meet ({', '.join(a.frame.anchor_times)} / {', '.join(b.frame.anchor_times)})")
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
    then the cluster rules, in registry order. Findings of a rule set to "off" are dropped;
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
        findings += found.findings
        agreements += found.agreements
    findings = [f for f in findings if f.severity != "off"]
    return Judgement(findings, agreements, single, not_compared)
