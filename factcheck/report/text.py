"""Concise terminal output, one line per finding, in the `path:line:col: rule message` style
that editors and CI logs link to (as Ruff and Vale print). Paths are relative to the working
directory, so a terminal or an editor opens them from where the user stands; ``color=True``
adds ANSI colours (the CLI decides: --color, NO_COLOR, whether stdout is a terminal)."""

from __future__ import annotations

from .locate import display_name, line_col

_SGR = {"error": "31;1", "warning": "33;1", "info": "36", "path": "1", "dim": "2"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\033[{_SGR[style]}m{text}\033[0m" if color else text


def _where(doc, fallback: str) -> str:
    """The file when the document is one verbatim (line and column are the file's), else the id."""
    if doc is None:
        return fallback
    name = display_name(doc)
    return name if doc.verbatim and "(" not in name else doc.id


def render(result, color: bool = False, **context) -> str:
    docs = {d.id: d for d in result.documents}
    lines = []
    for d in result.documents:
        if d.status == "error":
            lines.append(f"{_paint(display_name(d), 'path', color)}: {_paint('error', 'error', color)}: {d.error}")
        for w in d.warnings:
            lines.append(f"{_paint(display_name(d), 'path', color)}: {_paint('warning', 'warning', color)}: {w}")
    for f in result.findings:
        ev = f.evidence[0]
        doc = docs.get(ev.doc)
        line, col = line_col(doc.text, ev.claim_start if ev.claim_start is not None else ev.start) if doc else (1, 1)
        where = _paint(f"{_where(doc, ev.doc)}:{line}:{col}", "path", color)
        lines.append(f"{where}: {_paint(f.severity, f.severity, color)} {_paint(f'[{f.rule}]', 'dim', color)} "
                     f"{f.message}")
    n_err = sum(d.status == "error" for d in result.documents)
    suppressed = context.get("suppressed") or []
    lines.append(
        f"{len(result.documents)} documents ({n_err} failed), {len(result.claims)} claims, "
        f"{len(result.findings)} findings{f' ({len(suppressed)} suppressed)' if suppressed else ''}, "
        f"{len(result.agreements)} agreements"
    )
    return "\n".join(lines) + "\n"
