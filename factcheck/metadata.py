"""A document's own date, time zone and title, read from its metadata and never taken for claims.

A seed's first line (`` date 2022-02-24 Title``), a ``Published on: ...`` or ``Updated ...``
line, and timestamps in the running text ("Posted: Thursday, May 2, 2013 10:15 AM EDT", a
dateline) date the document: their spans are left out of ``Document.content``, so no claim is
read from them, while ``Document.text`` stays the text as read. When several give a date, the
most precise wins and a disagreement is a warning. The readers (load.py) call
``apply_metadata`` on each document they make.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any

from . import lexicon
from .extract.timezones import TIMEZONES as _SHARED_TIMEZONES
from .types import Document


NO_DATE_WARNING = "no date: relative dates are not resolved"

# --------------------------------------------------------------------------- dates

_MONTHS = {k: int(v) for k, v in lexicon.numbers("months").items()}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# UTC offsets of the abbreviations news sites print after a time. Ambiguous ones take the
# reading most common in English-language news (IST: India, CST: US Central).
TIMEZONES = {k: v[0] for k, v in _SHARED_TIMEZONES.items() if v}

_ISO_RE = re.compile(
    r"(?P<y>\d{4})(?:[-/](?P<m>\d{1,2})(?:[-/](?P<d>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:\s*(?P<tz>Z(?!\w)|[+-]\d{2}:?\d{2}))?"
)
_MDY_RE = re.compile(
    rf"(?:(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_RE})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<mon3>{_MONTH_RE})\.?,?\s+(?P<y3>\d{{4}}))\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*", re.IGNORECASE
)
_TZ_RE = re.compile(
    r"(?:\b(?:UTC|GMT)\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)\b"
    r"|(?<![\w+-])(?P<num>[+-]\d{2}:?\d{2})\b"
    r"|\b(?P<abbr>[A-Z]{2,5})\b)"
)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """The ISO string at the given precision, or None when it is not a real date."""
    try:
        _dt.date(y, m or 1, d or 1)
    except ValueError:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _offset(sign_hhmm: str) -> str | None:
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", sign_hhmm)
    if not m or int(m.group(2)) > 14:
        return None
    return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"


def find_timezone(text: str) -> str | None:
    """The UTC offset named in ``text``: an abbreviation (IST) or a number (+0530, GMT-4)."""
    for m in _TZ_RE.finditer(text):
        if m.group("off"):
            return _offset(m.group("off"))
        if m.group("num"):
            return _offset(m.group("num"))
        if m.group("abbr") in TIMEZONES:
            return TIMEZONES[m.group("abbr")]
    return None


def parse_date(value: Any) -> tuple[str | None, str | None]:
    """Normalise a date value to (ISO date at its precision, UTC offset or None).

    Accepts ``date``/``datetime`` objects, a year as int, ISO dates and datetimes
    ("2022-02-24T17:40:00+05:30", "2022-02", "2022"), and written dates
    ("Thursday, February 24, 2022, 05:40 PM IST", "24 Feb 2022", "February 2022").
    The date is the one written, not converted to UTC. Returns (None, None) when unreadable.
    """
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, _dt.datetime):
        tz = None
        if value.utcoffset() is not None:
            secs = int(value.utcoffset().total_seconds())
            sign = "-" if secs < 0 else "+"
            tz = f"{sign}{abs(secs) // 3600:02d}:{abs(secs) % 3600 // 60:02d}"
        return value.date().isoformat(), tz
    if isinstance(value, _dt.date):
        return value.isoformat(), None
    if isinstance(value, int):
        return _iso(value), None
    date, tz, _tail = _parse_date_text(str(value))
    return date, tz


def _parse_date_text(s: str) -> tuple[str | None, str | None, str]:
    """(date, tz, the text after the date) of a written or ISO date at the start of ``s``."""
    s = s.strip()
    m = _ISO_RE.match(s)
    if m and (m.end() == len(s) or not s[m.end()].isalnum()):
        date = _iso(int(m["y"]), int(m["m"]) if m["m"] else None, int(m["d"]) if m["d"] else None)
        if date and (m.end() == len(s) or m["m"]):  # a bare year only when it is all there is
            tz = _offset(m["tz"]) if m["tz"] and m["tz"] != "Z" else ("+00:00" if m["tz"] else None)
            return date, tz or find_timezone(s[m.end():]), s[m.end():]
    rest = _WEEKDAY_RE.sub("", s, count=1) if _WEEKDAY_RE.match(s) else s
    m = _MDY_RE.match(rest)
    if m:
        if m["mon"]:
            date = _iso(int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"]))
        elif m["mon2"]:
            date = _iso(int(m["y2"]), _MONTHS[m["mon2"].lower()], int(m["d2"]))
        else:
            date = _iso(int(m["y3"]), _MONTHS[m["mon3"].lower()])
        if date:
            return date, find_timezone(rest[m.end():]), rest[m.end():]
    return None, None, s


def _precision(date: str) -> int:
    return date.count("-")  # 0 year, 1 month, 2 day


def _choose_date(candidates: list[tuple[str, str | None, str]], doc: Document) -> None:
    """Pick the most precise candidate (ties: the first listed); warn when sources disagree.

    ``candidates`` are (date, tz, where) in priority order.
    """
    if not candidates:
        doc.warnings.append(NO_DATE_WARNING)
        return
    best = max(candidates, key=lambda c: _precision(c[0]))  # max keeps the first of equals
    doc.date = best[0]
    doc.tz = best[1] or next((c[1] for c in candidates if c[1]), None)
    for date, _tz, where in candidates:
        if not best[0].startswith(date) and not date.startswith(best[0]):
            doc.warnings.append(f"dates disagree: {date} ({where}) vs {best[0]} ({best[2]}); using {best[0]}")


# --------------------------------------------------------------------------- metadata lines

_DATE_LINE_RE = re.compile(r"^ ?date:?[ \t]+(?P<date>\d{4}(?:-\d{2}){0,2})\b[ \t]*(?P<title>.*?)[ \t]*$")
_PUBLISHED_RE = re.compile(
    r"^[ \t]*(?P<kind>published|updated|last updated|posted|first published)(?:[ \t]+on)?"
    r"[ \t]*:?[ \t]*(?P<rest>.+?)[ \t]*$",
    re.IGNORECASE,
)
# what may follow the date on a Published-on line: a time, a zone, "| By Reuters"
_TAIL_RE = re.compile(
    r"[\s,]*(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)?[\s,]*"
    r"(?:\(?(?:(?-i:[A-Z]{1,5})|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)\)?)?[\s.]*(?:[|\u2022\u00b7-]\s*.*|by\s.*)?$",
    re.IGNORECASE,
)
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


def text_lines(text: str, start: int = 0) -> Iterable[tuple[int, int, str]]:
    """(start, end including newline, line without its line break) from offset ``start``."""
    for m in _LINE_RE.finditer(text, start):
        yield m.start(), m.end(), m.group().rstrip("\r\n")


def _scan_metadata(text: str, start: int, doc: Document, candidates: list, first_line: bool) -> list[tuple[int, int]]:
    """Find metadata lines in ``text[start:]``; fill title/date candidates; return their spans."""
    spans: list[tuple[int, int]] = []
    for i, (s, e, line) in enumerate(text_lines(text, start)):
        if i == 0 and first_line:
            bom = len(line) - len(line.lstrip("\ufeff"))
            m = _DATE_LINE_RE.match(line[bom:])
            if m:
                # Only the "date ..." prefix is metadata: the rest of the line is the headline
                # or, in some feeds, the whole lead paragraph, and its claims count.
                spans.append((s, s + bom + m.start("title")) if m["title"] else (s, e))
                date = _iso(*(int(p) for p in m["date"].split("-")))
                if date:
                    candidates.append((date, None, "date line"))
                else:
                    doc.warnings.append(f"invalid date {m['date']!r} on line 1 ignored")
                if m["title"] and not doc.title:
                    doc.title = m["title"]
                continue
        if len(line) > 120:
            continue
        m = _PUBLISHED_RE.match(line)
        if m:
            date, tz, tail = _parse_date_text(m["rest"])
            if date and _TAIL_RE.match(tail):  # "Posted on May 5, 2022, the video shows" is text
                spans.append((s, e))
                candidates.append((date, tz, f"{m['kind'].lower()} line"))
    # "updated" dates come after "published" ones in priority at equal precision
    candidates.sort(key=lambda c: c[2].startswith(("updated", "last updated")))
    return spans


# a month's name, full or shortened, from its first three letters ("sep", "sept", "september")
_MON = r"(?:" + "|".join(sorted({r[0][:3] if r[2] == "full" else r[0] for r in lexicon.rows("months")},
                                key=len, reverse=True)) + r")[a-z]*\.?"
_CLOCK = (r"(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?|hrs\b)?"
          r"(?:\s*\(?(?:(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|(?-i:[A-Z]{2,4}))\)?)?")
_STAMP_DATE = (r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
               r"(?:" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:[,-]\s*|\s+)\d{4}"
               r"|\d{1,2}\s+" + _MON + r",?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}"
               r"|\d{4}(?P<sep>[-./])\d{2}(?P=sep)\d{2})")
# "posted in Hit and Run Accidents on": a blog's byline names the category it is filed under
_STAMP_KW = (r"(?:(?:first|last|article|story)\s+)?(?:published|updated|posted|modified|edited|created)(?:\s+(?:time|date))?"
             r"(?:\s+in(?-i:(?:\s+(?:[A-Z][\w'-]*|and|of|the|&)){1,8}))?(?:\s+on)?\s*:?\s*")
# A timestamp inside running text, as scraped pages and wire feeds leave them: "Updated:
# November 11, 2011 20:09 IST", "Posted 11/27/2005 7:21 AM", "AUGUST 2, 2013 | 08:06AM PT",
# "8:13 AM PDT 8/2/2013", "Friday August 2, 2013 @ 8:13am PDT", "10:24 AM, MON 22 JUL 2013",
# "Sat Nov 12 2011,01:19 hrs", or a bare full date opening the text ("April 4, 2012 Despite ...").
_STAMP_RE = re.compile(
    r"(?P<kw>" + _STAMP_KW + r")?(?P<pre>" + _CLOCK + r"[\s,|@\u2013-]+)?(?P<date>" + _STAMP_DATE + r")"
    r"(?P<clock>[\s,|@\u2013-]*" + _CLOCK + r")?"
    r"|(?P<kw2>" + _STAMP_KW + r")(?P<clock2>" + _CLOCK + r")",
    re.IGNORECASE,
)
_STAMP_GLUE = re.compile(r"[\s|,.\u2022\u00b7-]*")
# Every timestamp holds a year, a d/m/y date or a clock time: the pattern, whose optional
# keyword and clock come first, is tried only near those digits, which keeps a scraped page of
# megabytes from costing seconds (a 30 MB text: 16 s before). A timestamp starts at most
# _STAMP_BEFORE characters before those digits (a keyword with a blog's category of up to eight
# words, a clock, a weekday, a month) and ends at most _STAMP_AFTER after them (the rest of the
# date, a clock and its zone), so the matches are the same as over the whole text.
_STAMP_ANCHOR = re.compile(r"\d{4}|\d{1,2}/\d{1,2}/\d{2}|\d{1,2}[:.]\d{2}")
_STAMP_BEFORE, _STAMP_AFTER = 400, 120


def _stamp_date(text: str) -> str | None:
    date, _tz, _tail = _parse_date_text(text)
    if date:
        return date
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2,4})\s*", text)
    if m:
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _iso(y, int(m[1]), int(m[2]))
    m = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", text)
    if m:  # "08.07.2012": dots are the day-first writing (a US page writes slashes)
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    from dateutil import parser as date_parser

    try:  # "Monday, Sep 10, 2012", "November 27-2005": the forms the date-line reader leaves
        return date_parser.parse(text.replace("-", " "), default=_dt.datetime(1, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _stamp_matches(text: str, start: int, end: int):
    """``_STAMP_RE.finditer(text, start, end)``, searched only around the digits every timestamp
    holds (``_STAMP_ANCHOR``), windows that meet merged into one."""
    lo = hi = -1
    for a in _STAMP_ANCHOR.finditer(text, start, end):
        s, e = max(start, a.start() - _STAMP_BEFORE), min(end, a.end() + _STAMP_AFTER)
        if s <= hi:
            hi = max(hi, e)
            continue
        if hi >= 0:
            yield from _STAMP_RE.finditer(text, lo, hi)
        lo, hi = s, e
    if hi >= 0:
        yield from _STAMP_RE.finditer(text, lo, hi)


# a dateline's place before its date, at the start of the text: "WASHINGTON, DC, April 28,
# 2009 The Obama administration ...": capitalised words, up to three parts between commas
_PLACE_BEFORE = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+)*[A-Z][\w.'\u2019-]*(?:\s*,\s*(?:[A-Z][\w.'\u2019-]*\s+)*"
                           r"[A-Z][\w.'\u2019-]*){0,2}\s*,\s*")
# the words that put a date into a sentence of its own ("Since March 11, 2005 Nichols has ...")
_INTRODUCES_DATE = lexicon.words("date_introducers")
_WORD_BEFORE = re.compile(r"([A-Za-z0-9][\w'\u2019-]*)\s+$")


def _after_headline(text: str, start: int, i: int) -> bool:
    """A date right after a capitalised word or a number, with no stop or comma between, that no
    preposition introduces: the end of a headline the page ran into its text ("... Sheriff's
    Deputy July 26, 2005 District Attorney Steve Cooley announced ...")."""
    word = _WORD_BEFORE.search(text[max(start, i - 40):i])
    return word is not None and (word[1][0].isupper() or word[1][0].isdigit()) \
        and word[1].lower() not in _INTRODUCES_DATE


def _scan_stamps(text: str, regions: list[tuple[int, int]], candidates: list) -> list[tuple[int, int]]:
    """Timestamps in running text: they date the document and are not claims.

    A match counts when it carries a keyword ("Posted", "Updated") or a clock time, or when a
    full date opens a region, follows a sentence end or a headline run into the text ("Ellen
    DeGeneres to host 2014 Oscars August 2, 2013 ...") and a capitalised word follows it (a
    dateline); "on May 3, 2013, the court ruled" is a claim and stays.
    """
    spans: list[tuple[int, int]] = []
    for r_start, r_end in regions:
        for m in _stamp_matches(text, r_start, r_end):
            strong = m["kw"] or m["kw2"] or m["clock"] or m["pre"]
            place = m.start() - r_start <= 40 and _PLACE_BEFORE.fullmatch(text, r_start, m.start())
            opens = m.start() == r_start or place or re.search(r"[.!?\"\u201d]\s+$", text[max(r_start, m.start() - 3):m.start()]) \
                or _after_headline(text, r_start, m.start())
            # what follows, past the blank the clock's pattern may have taken with it
            after = text[m.end() - 1:m.end() + 2] if text[m.end() - 1:m.end()].isspace() else text[m.end():m.end() + 2]
            dateline = opens and re.match(r"\s*\|?\s+[A-Z0-9\"\u201c]", text[m.end():m.end() + 4])
            if re.match(r"\s*,?\s*[a-z]", text[m.end():m.end() + 4]):
                continue  # "Posted on May 5, 2022, the video shows": a clause goes on
            if not (strong and (opens or m["kw"] or m["kw2"] or (m["clock"] and re.match(r"\s+[A-Z]", after))) or dateline):
                continue
            if m["date"]:
                date = _stamp_date(m["date"])
                if date:
                    candidates.append((date, find_timezone(m.group(0)), "timestamp"))
            end = m.end()
            glue = _STAMP_GLUE.match(text, end, r_end)
            spans.append((r_start if place else m.start(), glue.end() if glue else end))
    return spans


# A scraped page's stamps run together before its lead, in forms the single-stamp pattern
# does not cover: "on Jul 7 2012,5:55p Wladimir ...", "POSTED: 1052 GMT (1852 HKT), April 10,
# 2007 A Michigan man ...", "on April 30, 2008 at 4:31 AM, updated April 30, 2008 at 8:33 AM A
# jury ...", "8:24am: Silverman believes ..." (a live blog's entry). Read token by token from
# the start of the text: dates, clocks, time zones, stamp words and separators.
_ZONES = "|".join(sorted((re.escape(z) for z in TIMEZONES), key=len, reverse=True))
_LEAD_TOKEN = re.compile(
    r"\s*(?:(?P<date>" + _STAMP_DATE + r"|" + _MON + r"\.?\s+\d{1,2}\b)"
    r"|(?P<clock>\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?\s?m\b\.?|[ap]\b|hrs\b))?|\d{4}\s+(?=(?-i:" + _ZONES + r")\b))"
    r"|(?P<kw>" + _STAMP_KW + r")"
    r"|(?P<word>on|at)\b"
    r"|(?P<zone>(?-i:" + _ZONES + r")\b)"
    r"|(?P<punct>[,|.:@()\u2013-]))",
    re.IGNORECASE,
)


_LEAD_MAX = 300


def _leading_stamps(text: str, start: int, end: int, candidates: list) -> int | None:
    """Where the stamps that open ``text[start:end]`` end, or None: the run must hold a date
    with a clock or a stamp word, or be a lone clock with a colon ("8:24am:"), and stop before
    the lead's first word, capitalised, after a blank ("On December 15, 2008, Boston offered"
    and "At 9.25 a.m. Navy personnel spotted" stay text). The first date joins ``candidates``."""
    pos, last, dates, clocks, words, first = start, None, 0, 0, 0, None
    end = min(end, start + _LEAD_MAX)  # a page's opening stamps are short; a text of separators is not one
    while pos < end:
        m = _LEAD_TOKEN.match(text, pos, end)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m["date"]:
            dates += 1
            if re.search(r"\d{4}|/\d{2}\b", m["date"]):  # a month and day alone ("Jul. 7") name no year
                first = first or m["date"]
        clocks += bool(m["clock"])
        words += bool(m["kw"])
        if m["date"] or m["clock"] or m["kw"] or m["zone"] or m["punct"] in (".", ":", ")", "|"):
            if re.match(r"\s+[A-Z\"\u201c]", text[pos:pos + 3]):
                last = pos
    if last is None or not (dates and (clocks or words) or clocks and not dates and text[start:last].rstrip().endswith(":")):
        return None
    if first and (date := _stamp_date(first)):
        candidates.append((date, find_timezone(text[start:last]), "timestamp"))
    return last


def outside_regions(text: str, start: int, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``text[start:]`` outside ``skip``, trimmed of surrounding whitespace."""
    out, pos = [], start
    for s, e in sorted(skip) + [(len(text), len(text))]:
        a, b = pos, s
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        pos = max(pos, e)
    return out


def apply_metadata(doc: Document, body_start: int = 0, candidates: list | None = None,
                   first_line: bool = True) -> bool:
    """Read ``doc``'s metadata lines and timestamps from ``body_start``: set its content (the text
    outside them) and, when there is content, its date and time zone from ``candidates`` (the
    format's own fields, (date, tz, where) in priority order) and what the text states. False when
    nothing but metadata is left."""
    cands = list(candidates or [])
    line_cands: list = []
    skip = _scan_metadata(doc.text, body_start, doc, line_cands, first_line)
    regions = outside_regions(doc.text, body_start, skip)
    stamp_cands: list = []
    stamps = _scan_stamps(doc.text, regions, stamp_cands)
    if regions and (lead := _leading_stamps(doc.text, regions[0][0], regions[0][1], stamp_cands)) is not None:
        stamps.append((regions[0][0], lead))
    if stamps:
        regions = outside_regions(doc.text, body_start, skip + stamps)
        line_cands += stamp_cands
    doc.content = regions
    if not doc.content:
        return False
    _choose_date(cands + line_cands, doc)
    return True
