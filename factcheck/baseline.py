"""Fingerprints, baselines and suppressions: how a CI job adopts factcheck on an existing corpus.

* ``fingerprint(finding, documents)`` names a finding by what it is about (rule, documents,
  the claims and sentences it cites, normalised), never by offsets or finding ids, so it stays
  the same when unrelated text moves. SARIF's ``partialFingerprints`` use it too.
* A baseline file (``factcheck baseline create``) records the fingerprints of the findings
  accepted today; ``factcheck check --baseline FILE`` then reports only new ones (as Ruff's
  ``--add-noqa`` or reviewdog's diff filter let a project start clean).
* Inline suppression, in the article itself, on the cited sentence's line or on a comment
  line right before it::

      <!-- factcheck-ignore numeric-conflict: the wire copy rounds to 100 -->
      They have over 100 jets on high alert.

  ``factcheck-ignore: reason`` (no rule) suppresses every rule. A reason is required.
* ``[[suppress]]`` entries in the config, each with a reason (see factcheck.config).

Suppressed findings do not count for the exit code; the CLI still counts them in its summary.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from .errors import FactcheckError
from .types import Document, Finding

BASELINE_VERSION = 1
FINGERPRINT_KEY = "factcheck/v1"  # the SARIF partialFingerprints key

# `factcheck-ignore[ rule[, rule]]: reason` anywhere on a line (inside <!-- -->, #, // ...)
_DIRECTIVE = re.compile(
    r"factcheck-ignore(?P<rules>(?:[ \t]+[a-z][a-z-]*(?:[ \t]*,[ \t]*[a-z][a-z-]*)*)?)[ \t]*"
    r"(?::[ \t]*(?P<reason>.*?))?[ \t]*(?:-->|\*/|$)",
    re.MULTILINE,
)
_COMMENT_LINE = re.compile(r"^\s*(?:<!--|#|//|/\*|;|%)?\s*factcheck-ignore\b")


# -- locations ---------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _root_of(folder: str) -> Path:
    here = Path(folder)
    for d in (here, *here.parents):
        if (d / ".git").exists():
            return d
    return Path.cwd().resolve()


def repo_root(path: str | Path) -> Path:
    """The repository root above ``path`` (the folder holding .git); the working directory if none."""
    p = Path(path).resolve()
    return _root_of(str(p if p.is_dir() else p.parent))


def repo_relative(source: str | None) -> str | None:
    """``source`` as a POSIX path relative to its repository root; None for stdin or feeds."""
    if not source or source == "-" or source.startswith("<"):
        return None
    p = Path(source)
    if not p.is_file():
        return None
    p = p.resolve()
    root = repo_root(p)
    try:
        return p.relative_to(root).as_posix()
    except ValueError:  # the file lies outside the repository (or the cwd fallback)
        return p.as_posix()


def doc_key(doc: Document | None, fallback: str) -> str:
    """A name for a document that does not depend on how its path was typed on the command line.

    A file read as one document: its repository-relative path. A record of a JSON/JSONL/CSV
    file: that path, ``#``, and the record's own id or number. Otherwise the document id.
    """
    if doc is None:
        return fallback
    rel = repo_relative(doc.source)
    if rel is None:
        return doc.id
    src = Path(doc.source).as_posix()
    if src == doc.id or src.endswith("/" + doc.id) or doc.id.endswith("/" + src):
        return rel
    head, sep, tail = doc.id.rpartition("#")
    if sep and (src == head or src.endswith("/" + head)):
        return f"{rel}#{tail}"
    return f"{rel}#{doc.id}"


# -- fingerprints ------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _as_dict(documents) -> dict[str, Document]:
    if documents is None:
        return {}
    if isinstance(documents, Mapping):
        return dict(documents)
    return {d.id: d for d in documents}


def claim_text(ev, doc: Document | None) -> str:
    if ev.claim_start is None or ev.claim_end is None:
        return ""
    if doc is not None and doc.text and ev.claim_end <= len(doc.text):
        return doc.text[ev.claim_start:ev.claim_end]
    if ev.start <= ev.claim_start <= ev.claim_end <= ev.end:
        return ev.text[ev.claim_start - ev.start:ev.claim_end - ev.start]
    return ""


def fingerprint(finding: Finding, documents: Iterable[Document] | Mapping[str, Document] | None = None) -> str:
    """A stable id for a finding: a hash of its rule, the documents it cites and the normalised
    texts of the claims and sentences it cites, in a fixed order; offsets never enter it."""
    docs = _as_dict(documents)
    parts = sorted(
        "\x1f".join((doc_key(docs.get(ev.doc), ev.doc), _norm(claim_text(ev, docs.get(ev.doc))), _norm(ev.text)))
        for ev in finding.evidence
    )
    payload = "\x1e".join(["factcheck-fingerprint-v1", finding.rule, *parts])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


# -- inline suppression ------------------------------------------------------------------------

@dataclass(frozen=True)
class Directive:
    rules: frozenset[str] | None  # None: every rule
    reason: str | None


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _directives(line: str) -> list[Directive]:
    out = []
    for m in _DIRECTIVE.finditer(line):
        rules = frozenset(r.strip() for r in m.group("rules").split(",") if r.strip()) or None
        reason = (m.group("reason") or "").strip() or None
        out.append(Directive(rules, reason))
    return out


def inline_directives(doc: Document, start: int, end: int) -> list[Directive]:
    """Directives that apply to the sentence at ``[start, end)``: those on its lines, and those
    on the comment-only line right before it (blank lines between are allowed)."""
    text = doc.text
    if not text or "factcheck-ignore" not in text:
        return []
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    a, _ = _line_bounds(text, start)
    _, b = _line_bounds(text, max(start, end - 1))
    found = _directives(text[a:b])
    # the previous non-blank line, if it is nothing but a directive comment
    pos = a
    while pos > 0:
        prev_end = pos - 1  # the newline that ends the previous line
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end]
        if line.strip():
            if _COMMENT_LINE.match(line):
                found += _directives(line)
            break
        pos = prev_start
    return found


def inline_reason(finding: Finding, documents) -> str | None:
    """The reason of an inline directive that suppresses ``finding``, or None."""
    docs = _as_dict(documents)
    for ev in finding.evidence:
        doc = docs.get(ev.doc)
        if doc is None:
            continue
        for d in inline_directives(doc, ev.start, ev.end):
            if d.reason and (d.rules is None or finding.rule in d.rules):
                return d.reason
    return None


# -- baseline files ----------------------------------------------------------------------------

def baseline_entries(findings: Sequence[Finding], documents) -> list[dict]:
    docs = _as_dict(documents)
    return [
        {
            "fingerprint": fingerprint(f, docs),
            "rule": f.rule,
            "message": f.message,
            "documents": sorted({doc_key(docs.get(ev.doc), ev.doc) for ev in f.evidence}),
        }
        for f in findings
    ]


def write_baseline(path: str | Path, findings: Sequence[Finding], documents) -> int:
    from . import __version__

    entries = sorted(baseline_entries(findings, documents), key=lambda e: (e["rule"], e["fingerprint"]))
    payload = {
        "version": BASELINE_VERSION,
        "tool": f"factcheck {__version__}",
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "findings": entries,
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def load_baseline(path: str | Path) -> set[str]:
    """The fingerprints recorded in a baseline file; FactcheckError naming the file if unusable."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FactcheckError(f"{path}: baseline file not found (create it with `factcheck baseline create`)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FactcheckError(f"{path}: cannot read baseline: {e}") from None
    except json.JSONDecodeError as e:
        raise FactcheckError(f"{path}: malformed baseline JSON at line {e.lineno}: {e.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise FactcheckError(f"{path}: not a factcheck baseline (no 'findings' list)")
    if data.get("version") != BASELINE_VERSION:
        raise FactcheckError(f"{path}: baseline version {data.get('version')!r} not supported "
                             f"(expected {BASELINE_VERSION}); re-create it")
    fps = set()
    for i, e in enumerate(data["findings"]):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise FactcheckError(f"{path}: findings[{i}] has no 'fingerprint'")
        fps.add(e["fingerprint"])
    return fps


# -- applying them -----------------------------------------------------------------------------

@dataclass
class Suppressed:
    finding: Finding
    fingerprint: str
    kind: str  # "inline" | "config" | "baseline"
    reason: str


def apply_suppressions(findings: Sequence[Finding], documents, *, config: Sequence = (),
                       baseline: set[str] | None = None) -> tuple[list[Finding], list[Suppressed]]:
    """Split findings into those to report and those suppressed (inline, config, then baseline)."""
    docs = _as_dict(documents)
    active: list[Finding] = []
    suppressed: list[Suppressed] = []
    for f in findings:
        fp = fingerprint(f, docs)
        reason = inline_reason(f, docs)
        if reason is not None:
            suppressed.append(Suppressed(f, fp, "inline", reason))
            continue
        rule = next((s for s in config if s.matches(f, fp, docs)), None)
        if rule is not None:
            suppressed.append(Suppressed(f, fp, "config", rule.reason))
            continue
        if baseline is not None and fp in baseline:
            suppressed.append(Suppressed(f, fp, "baseline", "in baseline"))
            continue
        active.append(f)
    return active, suppressed


__all__ = [
    "FINGERPRINT_KEY", "Suppressed", "apply_suppressions", "doc_key", "fingerprint", "inline_reason",
    "load_baseline", "repo_relative", "repo_root", "write_baseline",
]
