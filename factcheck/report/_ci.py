"""Helpers shared by the CI formats (sarif, junit, github): where a finding points in a file,
and which findings fail the build."""

from __future__ import annotations

from ..baseline import repo_relative

LEVEL_RANK = {"info": 0, "warning": 1, "error": 2}


def span(ev) -> tuple[int, int]:
    """The claim's offsets when the evidence has them, else the sentence's."""
    if ev.claim_start is not None and ev.claim_end is not None and ev.claim_end >= ev.claim_start:
        return ev.claim_start, ev.claim_end
    return ev.start, ev.end


def line_col(text: str, offset: int, utf16: bool = False) -> tuple[int, int]:
    """1-based line and column of ``offset``; the column counts UTF-16 code units if asked
    (SARIF's default columnKind), else code points."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    prefix = text[start:offset]
    col = (len(prefix.encode("utf-16-le")) // 2 if utf16 else len(prefix)) + 1
    return line, col


def lines(doc, ev, utf16: bool = False) -> dict | None:
    """startLine/startColumn/endLine/endColumn (end column exclusive) of the evidence, when the
    document text is the file verbatim; None otherwise."""
    if doc is None or not doc.verbatim or not doc.text:
        return None
    a, b = span(ev)
    sl, sc = line_col(doc.text, a, utf16)
    el, ec = line_col(doc.text, max(a, b), utf16)
    return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}


def path_of(doc, fallback: str) -> str:
    """The document's file relative to the repository root, else its source, else its id."""
    if doc is None:
        return fallback
    return repo_relative(doc.source) or doc.source or doc.id


def fail_threshold(context) -> int | None:
    """The rank a finding needs to fail the build (None: nothing fails), from options.fail_on."""
    opts = context.get("options")
    fail_on = getattr(opts, "fail_on", "error") if opts is not None else "error"
    return None if fail_on == "none" else LEVEL_RANK.get(fail_on, 2)


def by_severity(findings) -> list:
    """Most severe first, then highest score, then id (stable)."""
    return sorted(findings, key=lambda f: (-LEVEL_RANK.get(f.severity, -1), -(f.score or 0.0), f.id))
