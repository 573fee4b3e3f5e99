"""Loading reports from files, folders, standard input or strings into ``Document`` objects.

One reader per format, chosen by extension in ``READERS``; each takes the decoded text and
returns documents. Every input yields at least one ``Document``: problems (missing path,
binary or non-UTF-8 file, empty file, malformed JSON/CSV, record without text) become a
document with ``status="error"`` and a one-line ``error``, so nothing is silently dropped.

Encoding: files must be UTF-8 (a UTF-8 byte-order mark is accepted and removed; a UTF-16
byte-order mark is decoded with a warning). Anything else is an error "not valid UTF-8 at
byte N", never a guess, since reports quote the text as evidence.

Metadata lines (a seed's first line `` date 2022-02-24 Title``, a ``Published on: ...``
line, Markdown front matter) give the date, title and timezone and are left out of
``Document.content`` so no claim is read from them; ``Document.text`` stays the text as read.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import lexicon
from .errors import FactcheckError
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


def _lines(text: str, start: int = 0) -> Iterable[tuple[int, int, str]]:
    """(start, end including newline, line without its line break) from offset ``start``."""
    for m in _LINE_RE.finditer(text, start):
        yield m.start(), m.end(), m.group().rstrip("\r\n")


def _scan_metadata(text: str, start: int, doc: Document, candidates: list, first_line: bool) -> list[tuple[int, int]]:
    """Find metadata lines in ``text[start:]``; fill title/date candidates; return their spans."""
    spans: list[tuple[int, int]] = []
    for i, (s, e, line) in enumerate(_lines(text, start)):
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
_CLOCK = (r"(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
          r"(?:\s*\(?(?:(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|(?-i:[A-Z]{2,4}))\)?)?")
_STAMP_DATE = (r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
               r"(?:" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:[,-]\s*|\s+)\d{4}"
               r"|\d{1,2}\s+" + _MON + r",?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})")
# "posted in Hit and Run Accidents on": a blog's byline names the category it is filed under
_STAMP_KW = (r"(?:first\s+|last\s+)?(?:published|updated|posted|modified)"
             r"(?:\s+in(?-i:(?:\s+(?:[A-Z][\w'-]*|and|of|the|&)){1,8}))?(?:\s+on)?\s*:?\s*")
# A timestamp inside running text, as scraped pages and wire feeds leave them: "Updated:
# November 11, 2011 20:09 IST", "Posted 11/27/2005 7:21 AM", "AUGUST 2, 2013 | 08:06AM PT",
# "8:13 AM PDT 8/2/2013", or a bare full date opening the text ("April 4, 2012 Despite ...").
_STAMP_RE = re.compile(
    r"(?P<kw>" + _STAMP_KW + r")?(?P<pre>" + _CLOCK + r"\s+)?(?P<date>" + _STAMP_DATE + r")"
    r"(?P<clock>[\s,|\u2013-]*" + _CLOCK + r")?"
    r"|(?P<kw2>" + _STAMP_KW + r")(?P<clock2>" + _CLOCK + r")",
    re.IGNORECASE,
)
_STAMP_GLUE = re.compile(r"[\s|,.\u2022\u00b7-]*")


def _stamp_date(text: str) -> str | None:
    date, _tz, _tail = _parse_date_text(text)
    if date:
        return date
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2,4})\s*", text)
    if m:
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _iso(y, int(m[1]), int(m[2]))
    from dateutil import parser as date_parser

    try:  # "Monday, Sep 10, 2012", "November 27-2005": the forms the date-line reader leaves
        return date_parser.parse(text.replace("-", " "), default=_dt.datetime(1, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _scan_stamps(text: str, regions: list[tuple[int, int]], candidates: list) -> list[tuple[int, int]]:
    """Timestamps in running text: they date the document and are not claims.

    A match counts when it carries a keyword ("Posted", "Updated") or a clock time, or when a
    full date opens a region or follows a sentence end and a capitalised word follows it
    (a dateline); "on May 3, 2013, the court ruled" is a claim and stays.
    """
    spans: list[tuple[int, int]] = []
    for r_start, r_end in regions:
        for m in _STAMP_RE.finditer(text, r_start, r_end):
            strong = m["kw"] or m["kw2"] or m["clock"] or m["pre"]
            opens = m.start() == r_start or re.search(r"[.!?\"\u201d]\s+$", text[max(r_start, m.start() - 3):m.start()])
            after = text[m.end():m.end() + 2]
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
            spans.append((m.start(), glue.end() if glue else end))
    return spans


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


def _finish(doc: Document, body_start: int = 0, candidates: list | None = None, first_line: bool = True) -> Document:
    """Read metadata lines, set date/tz/content, and flag a document without article text."""
    cands = list(candidates or [])
    line_cands: list = []
    skip = _scan_metadata(doc.text, body_start, doc, line_cands, first_line)
    regions = outside_regions(doc.text, body_start, skip)
    stamp_cands: list = []
    stamps = _scan_stamps(doc.text, regions, stamp_cands)
    if stamps:
        regions = outside_regions(doc.text, body_start, skip + stamps)
        line_cands += stamp_cands
    doc.content = regions
    if not doc.content:
        what = "empty text" if not doc.text.strip() else "no article text, only metadata"
        return _fail(doc, what)
    _choose_date(cands + line_cands, doc)
    return doc


def _fail(doc: Document, message: str) -> Document:
    doc.status = "error"
    doc.error = message
    return doc


# --------------------------------------------------------------------------- decoding


class _LoadError(Exception):
    """A problem that turns the whole input into one error document."""


def _decode(raw: bytes, warnings: list[str]) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _LoadError(f"not valid UTF-16 at byte {exc.start}") from None
        warnings.append("decoded as UTF-16 (byte-order mark)")
        return text
    nul = raw.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise _LoadError(f"binary file (NUL byte at byte {nul})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        at = exc.start + bom if exc.object is not raw else exc.start
        line = raw.count(b"\n", 0, at) + 1
        raise _LoadError(f"not valid UTF-8 at byte {at} (line {line}); save the file as UTF-8") from None


# --------------------------------------------------------------------------- readers
# Each reader: (text, id, source, base) -> list[Document]; ``base`` holds defaults
# (cluster from the folder) for the documents it makes.


def _read_plain(text: str, id: str, source: str | None, base: dict) -> list[Document]:
    doc = Document(id=id, text=text, source=source, verbatim=True, **base)
    return [_finish(doc)]


_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)


def _read_markdown(text: str, id: str, source: str | None, base: dict) -> list[Document]:
    doc = Document(id=id, text=text, source=source, verbatim=True, **base)
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return [_finish(doc)]
    from frontmatter import YAMLHandler  # python-frontmatter's YAML reader (safe loader)

    try:
        meta = YAMLHandler().load(m.group("yaml")) or {}
    except Exception as exc:  # yaml.YAMLError and its subclasses
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [_fail(doc, f"malformed front matter{where}: {problem}")]
    if not isinstance(meta, dict):
        return [_fail(doc, "malformed front matter: not a mapping of keys to values")]
    candidates = _apply_fields(doc, meta, "front matter")
    return [_finish(doc, m.end(), candidates, first_line=False)]


def _apply_fields(doc: Document, rec: dict, where: str) -> list:
    """Copy title/source/cluster/id from a record or front matter; return its date candidate."""
    for key in ("title", "source", "cluster"):
        if rec.get(key) not in (None, ""):
            setattr(doc, key, str(rec[key]))
    doc.fields.update({str(k): str(v) for k, v in rec.items()
                       if k not in ("text", "id") and isinstance(v, (str, int, float)) and not isinstance(v, bool)})
    if rec.get("id") not in (None, "") and where == "front matter":
        doc.id = str(rec["id"])
    raw = rec.get("date")
    if raw in (None, ""):
        return []
    date, tz = parse_date(raw)
    if not date:
        doc.warnings.append(f"unreadable date {str(raw)!r} in {where} ignored")
        return []
    return [(date, tz, where)]


def _record(rec: Any, n: int, id_prefix: str, source: str | None, base: dict, what: str) -> Document:
    """One JSON/JSONL/CSV record as a Document; ``n`` numbers it in its file (1-based)."""
    fallback_id = f"{id_prefix}#{n}"
    if not isinstance(rec, dict):
        return _fail(Document(id=fallback_id, text="", source=source, **base), f"{what} {n} is not an object")
    rid = rec.get("id")
    doc = Document(id=str(rid) if rid not in (None, "") else fallback_id, text="", source=source, **base)
    text = rec.get("text")
    if text is None:
        return _fail(doc, f"{what} {n} has no 'text' field")
    if not isinstance(text, str):
        return _fail(doc, f"{what} {n}: 'text' is not a string")
    doc.text = text
    candidates = _apply_fields(doc, rec, "date field")
    if not text.strip():
        return _fail(doc, f"{what} {n} has empty text")
    return _finish(doc, 0, candidates)


def _records(obj: Any) -> list | None:
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        if "text" not in obj and isinstance(obj.get("documents"), list):
            return obj["documents"]
        return [obj]
    return None


def _read_json(text: str, id: str, source: str | None, base: dict) -> list[Document]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _LoadError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    recs = _records(obj)
    if recs is None:
        raise _LoadError("JSON is not an object or a list of objects")
    if not recs:
        raise _LoadError("no records in JSON")
    return [_record(r, n, id, source, base, "record") for n, r in enumerate(recs, 1)]


def jsonl_document(line: str, n: int, id: str, source: str | None, base: dict | None = None) -> Document | None:
    """Line ``n`` (1-based) of the JSONL file ``id`` as a Document; None for a blank line.

    The one definition of a JSONL record, for the whole-file reader and for streaming
    (factcheck.stream), which reads a file a line at a time."""
    base = base or {}
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        doc = Document(id=f"{id}#{n}", text="", source=source, **base)
        return _fail(doc, f"malformed JSON on line {n}, column {exc.colno}: {exc.msg}")
    return _record(rec, n, id, source, base, "line")


def _read_jsonl(text: str, id: str, source: str | None, base: dict) -> list[Document]:
    docs = [d for n, (_s, _e, line) in enumerate(_lines(text), 1)
            if (d := jsonl_document(line, n, id, source, base)) is not None]
    if not docs:
        raise _LoadError("empty file")
    return docs


def _read_csv(text: str, id: str, source: str | None, base: dict) -> list[Document]:
    import pandas as pd

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise _LoadError(f"malformed CSV: {' '.join(str(exc).split())}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if "text" not in frame.columns:
        raise _LoadError("CSV has no 'text' column")
    if frame.empty:
        raise _LoadError("no rows in CSV")
    return [_record(rec, n, id, source, base, "row") for n, rec in enumerate(frame.to_dict("records"), 1)]


def _html_meta(soup) -> tuple[str | None, str | None]:
    """Title and date from <title>/<meta> tags/<time>, for when trafilatura finds none."""
    title = None
    og = soup.find("meta", attrs={"property": "og:title"})
    if og and og.get("content"):
        title = og["content"].strip()
    elif soup.title and soup.title.string:
        title = soup.title.string.strip()
    date = None
    for attrs in (
        {"property": "article:published_time"}, {"name": "date"}, {"name": "pubdate"},
        {"name": "publish-date"}, {"itemprop": "datePublished"}, {"name": "DC.date"},
    ):
        tag = soup.find("meta", attrs=attrs)
        if tag and tag.get("content"):
            date = tag["content"]
            break
    if date is None:
        tag = soup.find("time", attrs={"datetime": True})
        date = tag["datetime"] if tag else None
    return title, date


_BOILERPLATE = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe"]
_BLOCKS = [
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figcaption", "address", "hr",
]


def _soup_text(soup) -> str:
    """Text of the page without boilerplate: one line per block, inline tags kept in line."""
    for tag in soup(_BOILERPLATE):
        tag.decompose()
    root = soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return "\n".join(" ".join(line.split()) for line in root.get_text().split("\n"))


def _read_html(text: str, id: str, source: str | None, base: dict) -> list[Document]:
    from bs4 import BeautifulSoup

    doc = Document(id=id, text="", source=source, verbatim=False, **base)
    body = title = date = None
    try:
        import trafilatura

        result = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
        if result is not None:
            get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
            body, title, date = get("text"), get("title"), get("date")
    except Exception as exc:  # trafilatura missing or failing: BeautifulSoup below
        doc.warnings.append(f"trafilatura failed ({type(exc).__name__}); used plain HTML text")
    soup = BeautifulSoup(text, "lxml")
    meta_title, meta_date = _html_meta(soup)
    if not body or not body.strip():
        body = _soup_text(soup)
    doc.text = "\n\n".join(p.strip() for p in body.splitlines() if p.strip())
    doc.title = title or meta_title
    candidates = []
    for raw in (date, meta_date):  # trafilatura's date has no time zone; the <meta> may have one
        d, tz = parse_date(raw)
        if d:
            candidates.append((d, tz, "HTML metadata"))
    return [_finish(doc, 0, candidates, first_line=False)]


READERS: dict[str, Callable[[str, str, str | None, dict], list[Document]]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    "": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": _read_csv,
}


# --------------------------------------------------------------------------- public API


def load_text(
    text: str,
    id: str = "text",
    date: str | None = None,
    *,
    title: str | None = None,
    source: str | None = None,
    cluster: str | None = None,
) -> Document:
    """A string as a Document, read like a plain-text file (a `` date 2022-02-24 Title`` first
    line and "Published on: ..." lines are metadata). ``date``, when given, is one more date
    source: the most precise date wins."""
    doc = Document(id=id, text=text, source=source, title=title, cluster=cluster)
    candidates = []
    if date is not None:
        d, tz = parse_date(date)
        if d:
            candidates.append((d, tz, "argument"))
        else:
            doc.warnings.append(f"unreadable date {date!r} ignored")
    return _finish(doc, 0, candidates)


def _read_file(path: Path, id: str, source: str, base: dict) -> list[Document]:
    ext = path.suffix.lower()
    doc = Document(id=id, text="", source=source, **base)
    reader = READERS.get(ext)
    if reader is None:
        kinds = ", ".join(sorted(k for k in READERS if k))
        return [_fail(doc, f"unsupported file type {ext!r} (expected {kinds})")]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [_fail(doc, "no such file or directory")]
    except PermissionError:
        return [_fail(doc, "permission denied")]
    except OSError as exc:
        return [_fail(doc, f"cannot read file: {exc.strerror or exc}")]
    return _read_bytes(raw, reader, id, source, base)


def _read_bytes(raw: bytes, reader, id: str, source: str | None, base: dict) -> list[Document]:
    warnings: list[str] = []
    try:
        if not raw.strip():
            raise _LoadError("empty file")
        text = _decode(raw, warnings)
        docs = reader(text, id, source, base)
    except _LoadError as exc:
        docs = [_fail(Document(id=id, text="", source=source, **base), str(exc))]
    except Exception as exc:  # a reader bug or a library failing on odd input: still one document
        first = (str(exc).splitlines() or [""])[0][:200]
        docs = [_fail(Document(id=id, text="", source=source, **base), f"cannot read: {type(exc).__name__}: {first}")]
    for d in docs:
        d.warnings[:0] = warnings
    return docs


def _sniff(text: str) -> Callable:
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head == "[":
        return _read_json
    if head == "{":
        try:
            json.loads(text)
            return _read_json
        except json.JSONDecodeError:
            return _read_jsonl
    return _read_plain


def _read_stdin(stream: TextIO | None) -> list[Document]:
    stream = stream if stream is not None else sys.stdin
    source = "<stdin>"
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:  # bytes: no newline translation, same checks as files
            raw = buffer.read()
        else:
            raw = stream.read().encode("utf-8", "surrogatepass")
    except (OSError, UnicodeError) as exc:
        return [_fail(Document(id="stdin", text="", source=source), f"cannot read standard input: {exc}")]
    warnings: list[str] = []
    try:
        text = _decode(raw, warnings) if raw.strip() else ""
    except _LoadError as exc:
        return [_fail(Document(id="stdin", text="", source=source), str(exc))]
    if not text.strip():
        return [_fail(Document(id="stdin", text="", source=source), "empty input on standard input")]
    return _read_bytes(raw, _sniff(text), "stdin", source, {})


def _matches(id: str, patterns: Sequence[str]) -> bool:
    name = id.rsplit("/", 1)[-1]
    return any(
        fnmatch.fnmatchcase(id, p) or ("/" not in p and fnmatch.fnmatchcase(name, p)) for p in patterns
    )


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder`` in sorted order, skipping hidden files and folders."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _read_folder(folder: Path, given: str, include: Sequence[str], exclude: Sequence[str]) -> list[Document]:
    docs: list[Document] = []
    try:
        files = _walk(folder)
    except OSError as exc:
        return [_fail(Document(id=given, text="", source=given), f"cannot read folder: {exc.strerror or exc}")]
    for path in files:
        rel = path.relative_to(folder)
        id = rel.as_posix()
        if include and not _matches(id, include):
            continue
        if exclude and _matches(id, exclude):
            continue
        # a sub-folder names the cluster: meantime/corpus_airbus/1173.txt -> "corpus_airbus"
        parent = rel.parent.as_posix()
        base = {"cluster": parent} if parent != "." else {}
        docs.extend(_read_file(path, id, str(Path(given) / rel), base))
    return docs


def dedupe_ids(docs: list[Document]) -> None:
    """Rename repeated ids in order (``a``, ``a~2``, ...), each with a warning."""
    seen: set[str] = {d.id for d in docs}
    used: set[str] = set()
    for d in docs:
        if d.id in used:
            n = 2
            while f"{d.id}~{n}" in seen:
                n += 1
            new = f"{d.id}~{n}"
            d.warnings.append(f"duplicate id {d.id!r} renamed to {new!r}")
            d.id = new
            seen.add(new)
        used.add(d.id)


def load_documents(
    paths: Sequence[str | Path],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    stdin: TextIO | None = None,
) -> list[Document]:
    """Load every document under ``paths`` (files, folders read recursively, ``-`` for stdin).

    Never raises for bad input: each problem is a Document with status "error". The one
    exception: FactcheckError when nothing at all was found (no paths, or only empty folders).
    ``include``/``exclude`` are fnmatch patterns on the ids of files found in folders (a
    pattern without "/" also matches the file name alone).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise FactcheckError("no input given: name files, folders or - for standard input")
    docs: list[Document] = []
    empty_folders: list[str] = []
    for p in paths:
        given = str(p)
        if given == "-":
            docs.extend(_read_stdin(stdin))
            continue
        path = Path(p)
        if path.is_dir():
            found = _read_folder(path, given, include, exclude)
            if not found:
                empty_folders.append(given)
                filt = " matching --include/--exclude" if include or exclude else ""
                found = [_fail(Document(id=given, text="", source=given), f"no documents found in {given}{filt}")]
            docs.extend(found)
        elif not path.exists() and not path.is_symlink():
            docs.append(_fail(Document(id=given, text="", source=given), "no such file or directory"))
        else:
            docs.extend(_read_file(path, given, given, {}))
    if len(empty_folders) == len(docs):
        raise FactcheckError(f"no documents found in {', '.join(empty_folders)}")
    dedupe_ids(docs)
    return docs


__all__ = ["load_documents", "load_text", "jsonl_document", "dedupe_ids", "parse_date", "find_timezone", "READERS", "TIMEZONES", "NO_DATE_WARNING"]
