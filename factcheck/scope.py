"""Whether two conflicting claims' values are of one scope, so that comparing them means anything.

Two values can differ and both be true when they are of different scopes: a part and its whole
("12 Somali pirates" / "23 pirates"), a running total and one day's count, distances from two
places, a figure per item and a total, the windows of a superlative, two days' readings of a
market, two reports' own "today", dates that each time a value of their own clause. Each test
here reads the claims (and their documents); the judge (judge.py) says why a pair was left
uncompared.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from . import lexicon
from .extract.numbers import find_numbers
from .extract.timezones import TZ_PATTERN
from .intervals import Interval, calendar_fields, day_number, quantity_interval, time_interval
from .samefact import is_change, is_measure, unit_of
from .types import Claim, Document, QuantityClaim, TimeClaim


def both_deictic(a: Claim, b: Claim, documents: Mapping[str, Document]) -> bool:
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


def of_its_day(c: QuantityClaim) -> bool:
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
    report's day (``of_its_day``), and the reports are of different days: daily market reports,
    not one fact told two ways. The judge asks it of two claims, the contradiction rule of the
    claims of two sentences ("down 2.62% at 16:08 UTC" / "up 3.10% at 14:58 UTC")."""
    qa = [c for c in a if isinstance(c, QuantityClaim)]
    qb = [c for c in b if isinstance(c, QuantityClaim)]
    if not qa or not qb:
        return False
    da, db = documents[qa[0].doc].date, documents[qb[0].doc].date
    return bool(da and db and da[:10] != db[:10]) and all(of_its_day(c) for c in qa + qb)


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


def today_a_day_late(a: Claim, b: Claim, documents: Mapping[str, Document]) -> Claim | None:
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
        day, other = day_number(dx, end=False), time_interval(y)
        if day is not None and other is not None and other.low == other.high and day - other.low == 1:
            return x
    return None


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


def _number_end(c: Claim, text: str) -> int | None:
    """The document offset right after the claim's first number ("two" of "two other rifles")."""
    numbers = find_numbers(text[c.start:c.end])
    return c.start + numbers[0].end if numbers else None


def counts_the_rest(c: Claim, documents: Mapping[str, Document]) -> bool:
    """A count of the rest of a set, not of the whole (resources/remainders.tsv): the word right
    after the number ("two other rifles", "married two more times", "some 60 other people") or
    right before it ("another 20", "a further 20"); "20 or more" and "more than 20" are bounds."""
    if not isinstance(c, QuantityClaim) or c.quantity_kind != "count":
        return False
    rest = lexicon.words("remainders")
    text = documents[c.doc].text
    end = _number_end(c, text)
    after = _WORD.findall(text[end:c.end].lower()) if end is not None else []
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


# "18 of its next 23 games", "two of their previous ten games", "five of the last six": a part
# of a window of events the sentence names right after the number
_WINDOW_PART = re.compile(
    r"^\s+of\s+(?:its|their|his|her|our|the)\s+(?:next|previous|last|past|first|final|following|"
    r"preceding|remaining)\s+(?:\d[\d,]*|[a-z]+)\b", re.IGNORECASE)


def window_part(c: Claim, documents: Mapping[str, Document]) -> bool:
    """A count of a part of a window of events named right after it ("won 18 of its next 23
    games", "two of its previous ten"): a fact of that window, which a count of the season or
    of another window does not state."""
    if not isinstance(c, QuantityClaim) or c.quantity_kind != "count":
        return False
    text = documents[c.doc].text
    end = _number_end(c, text)
    return end is not None and bool(_WINDOW_PART.match(text[end:c.sentence_end]))


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
            if (low := day_number(v, end=False)) is not None and (high := day_number(v, end=True)) is not None]
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
    da, db = day_number(documents[a.doc].date, False), day_number(documents[b.doc].date, False)
    if da is None or db is None or da == db:
        return False
    early, late = (a, b) if da < db else (b, a)
    years = abs(db - da) / 365.25
    # an age is a count of whole years, not a rounded figure: no rounding slack
    grown = quantity_interval(early, 0.0)
    grown = Interval(grown.low + math.floor(years), grown.high + math.ceil(years), grown.low_open, grown.high_open)
    return grown.overlaps(quantity_interval(late, 0.0))


def asserts_value(c: Claim) -> bool:
    """Does the report state the claim's value? Not in a denied clause: "none of the other teams
    has offered more than eight years" says no team offered more than eight, so it is no
    value to set against "seven years"; what the denial itself contradicts is
    ``states_and_denies``'s. An age describes its holder whatever the clause says of them."""
    return c.frame is None or c.frame.polarity != "negative" or (
        isinstance(c, QuantityClaim) and c.quantity_kind == "age")
