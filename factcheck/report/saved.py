"""The two things a readable report is built from: the JSON result and the documents' text.

A live ``CheckResult`` has both. A saved result (``factcheck report result.json``) has no text
(the JSON contract leaves it out), so the text is read again from each document's source
and used only when every sentence the result cites is still at the same offsets: a report
never highlights a file that changed since the check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import FactcheckError
from .view import SourceText


def metadata_spans(doc) -> tuple[tuple[int, int], ...]:
    """The parts of a loaded document outside its article content (metadata lines and
    timestamps), trimmed of white space: where the report looks for the date's source."""
    if getattr(doc, "content", None) is None:
        return ()
    from ..metadata import outside_regions

    return tuple(outside_regions(doc.text, 0, list(doc.content)))


def _source_text(doc) -> SourceText:
    return SourceText(doc.text, bool(getattr(doc, "verbatim", False)), metadata_spans(doc))


def from_result(result) -> tuple[dict[str, Any], dict[str, SourceText]]:
    """(JSON dict, texts) of a CheckResult, or of a dict already in the JSON shape."""
    if isinstance(result, dict):
        return result, {}
    texts = {d.id: _source_text(d) for d in result.documents if d.status == "ok" and d.text}
    return result.to_dict(), texts


def read_result(path: str) -> dict[str, Any]:
    """A result JSON written by ``factcheck check --format json``; one clear error otherwise."""
    try:
        raw = Path(path).read_text(encoding="utf-8") if path != "-" else __import__("sys").stdin.read()
    except FileNotFoundError:
        raise FactcheckError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FactcheckError(f"{path}: cannot read: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise FactcheckError(f"{path}: not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise FactcheckError(f"{path}: not a factcheck result (no 'documents' list); "
                             "write one with `factcheck check ... --format json`")
    for key in ("claims", "findings", "agreements", "single_source", "not_compared"):
        if not isinstance(data.get(key, []), list):
            raise FactcheckError(f"{path}: '{key}' is not a list")
    return data


def _cited(data: dict[str, Any]) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = {}
    for key in ("findings", "agreements", "single_source", "not_compared"):
        for item in data.get(key) or []:
            for ev in item.get("evidence") or []:
                out.setdefault(ev.get("doc", ""), []).append((ev["start"], ev["end"], ev.get("text", "")))
    return out


def reread_texts(data: dict[str, Any], base: Path | None = None,
                 fields: dict[str, str] | None = None) -> tuple[dict[str, SourceText], list[str]]:
    """Texts of a saved result's documents read again from their sources, and a note per
    document whose text could not be used; ``fields``: the record keys the check read them by
    (Options.fields, ``--field``)."""
    from ..load import RECORD_EXTENSIONS, load_documents

    cited = _cited(data)
    texts: dict[str, SourceText] = {}
    notes: list[str] = []
    loaded_by_source: dict[str, list] = {}
    for d in data.get("documents") or []:
        source = d.get("source")
        if d.get("status") == "error" or not source or source == "-" or source.startswith("<"):
            continue
        path = Path(source)
        if not path.is_absolute() and base is not None and not path.exists():
            path = base / source
        if not path.is_file():
            notes.append(f"{source}: not found, so its text is not shown")
            continue
        if source not in loaded_by_source:
            loaded_by_source[source] = load_documents([str(path)], fields=fields)
        docs = [x for x in loaded_by_source[source] if x.status == "ok"]
        records = path.suffix.lower() in RECORD_EXTENSIONS  # ids come from the records, not the file name
        doc = next((x for x in docs if x.id == d["id"]), docs[0] if len(docs) == 1 and not records else None)
        if doc is None:
            hint = " (if the check read its records by other keys, give the same --field)" if records else ""
            notes.append(f"{source}: document {d['id']} not found in it, so its text is not shown{hint}")
            continue
        if any(doc.text[s:e] != t for s, e, t in cited.get(d["id"], [])):
            notes.append(f"{source}: changed since the check, so its text is not shown")
            continue
        texts[d["id"]] = _source_text(doc)
    return texts, notes
