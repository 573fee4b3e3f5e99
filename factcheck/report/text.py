"""Concise terminal output, one line per finding, in the `path:line:col: rule message` style
that editors and CI logs link to (as Ruff and Vale print)."""

from __future__ import annotations

from .locate import line_col


def render(result, **context) -> str:
    docs = {d.id: d for d in result.documents}
    lines = []
    for d in result.documents:
        if d.status == "error":
            lines.append(f"{d.source or d.id}: error: {d.error}")
        for w in d.warnings:
            lines.append(f"{d.source or d.id}: warning: {w}")
    for f in result.findings:
        ev = f.evidence[0]
        doc = docs.get(ev.doc)
        line, col = line_col(doc.text, ev.claim_start if ev.claim_start is not None else ev.start) if doc else (1, 1)
        lines.append(f"{ev.doc}:{line}:{col}: {f.severity} [{f.rule}] {f.message}")
    n_err = sum(d.status == "error" for d in result.documents)
    suppressed = context.get("suppressed") or []
    lines.append(
        f"{len(result.documents)} documents ({n_err} unreadable), {len(result.claims)} claims, "
        f"{len(result.findings)} findings{f' ({len(suppressed)} suppressed)' if suppressed else ''}, "
        f"{len(result.agreements)} agreements"
    )
    return "\n".join(lines) + "\n"
