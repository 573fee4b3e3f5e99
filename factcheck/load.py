"""Loading reports from files, folders, standard input or strings into ``Document`` objects.

One reader per format, chosen by extension in ``READERS``; each takes the decoded text and
returns documents. Every input yields at least one ``Document``: problems (missing path,
binary or non-UTF-8 file, empty file, malformed JSON/CSV, record without text) become a
document with ``status="error"`` and a one-line ``error``, so nothing is silently dropped.

Encoding: files must be UTF-8 (a UTF-8 byte-order mark is accepted and removed; a UTF-16
byte-order mark is decoded with a warning). Anything else is an error "not valid UTF-8 at
byte N", never a guess, since reports quote the text as evidence.

Metadata (a seed's first line `` date 2022-02-24 Title``, a ``Published on: ...`` line,
timestamps, Markdown front matter, a record's date field) gives the date, title and timezone
and is left out of ``Document.content`` so no claim is read from it (metadata.py);
``Document.text`` stays the text as read.
"""

from __future__ import annotations

import fnmatch
import io
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import FactcheckError
from .metadata import apply_metadata, parse_date, text_lines
from .types import Document


def _finish(doc: Document, body_start: int = 0, candidates: list | None = None, first_line: bool = True) -> Document:
    """Read the metadata (``metadata.apply_metadata``) and flag a document without article text."""
    if not apply_metadata(doc, body_start, candidates, first_line):
        what = "empty text" if not doc.text.strip() else "no article text, only metadata"
        return _fail(doc, what)
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
# Each reader: (text, id, source, base, fields) -> list[Document]; ``base`` holds defaults
# (cluster from the folder) for the documents it makes, ``fields`` the record keys that hold
# what factcheck reads when they are not its own names (Options.fields: {"text": "body"}).

# What a record or front matter may give, by factcheck's names; a cluster field is named by the
# cluster option instead (Options.cluster).
RECORD_FIELDS = ("id", "text", "date", "title", "source")


def _renamed(rec: dict, fields: Mapping[str, str]) -> dict:
    """The record under factcheck's names: each named key's value moves to its name ("body" ->
    "text"), and a key of factcheck's own name that a named one replaces is left out, so that
    a record with both "text" and "body" is read from "body" as asked."""
    if not fields:
        return rec
    out = {k: v for k, v in rec.items() if k not in fields and k not in fields.values()}
    out.update({name: rec[key] for name, key in fields.items() if key in rec})
    return out


def _read_plain(text: str, id: str, source: str | None, base: dict, fields: Mapping[str, str]) -> list[Document]:
    doc = Document(id=id, text=text, source=source, verbatim=True, **base)
    return [_finish(doc)]


_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)


def _read_markdown(text: str, id: str, source: str | None, base: dict, fields: Mapping[str, str]) -> list[Document]:
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
    candidates = _apply_fields(doc, _renamed(meta, fields), "front matter")
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


def _record(rec: Any, n: int, id_prefix: str, source: str | None, base: dict, what: str,
            fields: Mapping[str, str]) -> Document:
    """One JSON/JSONL/CSV record as a Document; ``n`` numbers it in its file (1-based)."""
    fallback_id = f"{id_prefix}#{n}"
    if not isinstance(rec, dict):
        return _fail(Document(id=fallback_id, text="", source=source, **base), f"{what} {n} is not an object")
    rec = _renamed(rec, fields)
    rid = rec.get("id")
    doc = Document(id=str(rid) if rid not in (None, "") else fallback_id, text="", source=source, **base)
    text, key = rec.get("text"), fields.get("text", "text")
    if text is None:
        return _fail(doc, f"{what} {n} has no {key!r} field" if "text" not in rec else f"{what} {n}: {key!r} is null")
    if not isinstance(text, str):
        return _fail(doc, f"{what} {n}: {key!r} is not a string")
    doc.text = text
    candidates = _apply_fields(doc, rec, "date field")
    if not text.strip():
        return _fail(doc, f"{what} {n} has empty text")
    return _finish(doc, 0, candidates)


def _records(obj: Any, text_key: str) -> list | None:
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        if text_key not in obj and isinstance(obj.get("documents"), list):
            return obj["documents"]
        return [obj]
    return None


def _read_json(text: str, id: str, source: str | None, base: dict, fields: Mapping[str, str]) -> list[Document]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _LoadError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    recs = _records(obj, fields.get("text", "text"))
    if recs is None:
        raise _LoadError("JSON is not an object or a list of objects")
    if not recs:
        raise _LoadError("no records in JSON")
    return [_record(r, n, id, source, base, "record", fields) for n, r in enumerate(recs, 1)]


def jsonl_document(line: str, n: int, id: str, source: str | None, base: dict | None = None,
                   fields: Mapping[str, str] | None = None) -> Document | None:
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
    return _record(rec, n, id, source, base, "line", fields or {})


def _read_jsonl(text: str, id: str, source: str | None, base: dict, fields: Mapping[str, str]) -> list[Document]:
    docs = [d for n, (_s, _e, line) in enumerate(text_lines(text), 1)
            if (d := jsonl_document(line, n, id, source, base, fields)) is not None]
    if not docs:
        raise _LoadError("empty file")
    return docs


def _read_csv(text: str, id: str, source: str | None, base: dict, fields: Mapping[str, str]) -> list[Document]:
    import pandas as pd

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise _LoadError(f"malformed CSV: {' '.join(str(exc).split())}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    key = fields.get("text", "text")
    if key not in frame.columns:
        named = ", ".join(repr(c) for c in frame.columns[:8]) + (", ..." if len(frame.columns) > 8 else "")
        hint = "" if "text" in fields else "; --field text=COLUMN reads another"
        raise _LoadError(f"CSV has no {key!r} column (its columns: {named}{hint})")
    if frame.empty:
        raise _LoadError("no rows in CSV")
    return [_record(rec, n, id, source, base, "row", fields) for n, rec in enumerate(frame.to_dict("records"), 1)]


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


def _read_html(text: str, id: str, source: str | None, base: dict, fields: Mapping[str, str]) -> list[Document]:
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


READERS: dict[str, Callable[[str, str, str | None, dict, Mapping[str, str]], list[Document]]] = {
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
# the formats whose documents are records, each with its own id (RECORD_FIELDS), not files
RECORD_EXTENSIONS = frozenset(ext for ext, reader in READERS.items() if reader in (_read_json, _read_jsonl, _read_csv))


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


def _read_file(path: Path, id: str, source: str, base: dict, fields: Mapping[str, str]) -> list[Document]:
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
    return _read_bytes(raw, reader, id, source, base, fields)


def _read_bytes(raw: bytes, reader, id: str, source: str | None, base: dict,
                fields: Mapping[str, str]) -> list[Document]:
    warnings: list[str] = []
    try:
        if not raw.strip():
            raise _LoadError("empty file")
        text = _decode(raw, warnings)
        docs = reader(text, id, source, base, fields)
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


def _read_stdin(stream: TextIO | None, fields: Mapping[str, str]) -> list[Document]:
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
    return _read_bytes(raw, _sniff(text), "stdin", source, {}, fields)


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


def _read_folder(folder: Path, given: str, include: Sequence[str], exclude: Sequence[str],
                 fields: Mapping[str, str]) -> list[Document]:
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
        docs.extend(_read_file(path, id, str(Path(given) / rel), base, fields))
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
    fields: Mapping[str, str] | None = None,
) -> list[Document]:
    """Load every document under ``paths`` (files, folders read recursively, ``-`` for stdin).

    Never raises for bad input: each problem is a Document with status "error". The one
    exception: FactcheckError when nothing at all was found (no paths, or only empty folders).
    ``include``/``exclude`` are fnmatch patterns on the ids of files found in folders (a
    pattern without "/" also matches the file name alone). ``fields``: the record keys that hold
    what factcheck reads, by its names (``{"text": "body"}``; Options.fields).
    """
    fields = dict(fields or {})
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise FactcheckError("no input given: name files, folders or - for standard input")
    docs: list[Document] = []
    empty_folders: list[str] = []
    for p in paths:
        given = str(p)
        if given == "-":
            docs.extend(_read_stdin(stdin, fields))
            continue
        path = Path(p)
        if path.is_dir():
            found = _read_folder(path, given, include, exclude, fields)
            if not found:
                empty_folders.append(given)
                filt = " matching --include/--exclude" if include or exclude else ""
                found = [_fail(Document(id=given, text="", source=given), f"no documents found in {given}{filt}")]
            docs.extend(found)
        elif not path.exists() and not path.is_symlink():
            docs.append(_fail(Document(id=given, text="", source=given), "no such file or directory"))
        else:
            docs.extend(_read_file(path, given, given, {}, fields))
    if len(empty_folders) == len(docs):
        raise FactcheckError(f"no documents found in {', '.join(empty_folders)}")
    dedupe_ids(docs)
    return docs


__all__ = ["load_documents", "load_text", "jsonl_document", "dedupe_ids", "READERS", "RECORD_FIELDS",
           "RECORD_EXTENSIONS"]
