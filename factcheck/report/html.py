"""A self-contained HTML page of the same report, for sharing outside a terminal."""

from __future__ import annotations

from html import escape

_STYLE = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
th{background:#f4f4f4;text-align:left}mark{background:#ffe08a}.error{color:#b00020}.ok{color:#1b7f3b}code{font-size:90%}"""


def _quote(ev) -> str:
    s = ev.text
    if ev.claim_start is not None and ev.start <= ev.claim_start <= ev.claim_end <= ev.end:
        a, b = ev.claim_start - ev.start, ev.claim_end - ev.start
        return f"{escape(s[:a])}<mark>{escape(s[a:b])}</mark>{escape(s[b:])}"
    return escape(s)


def _evidence(evidence) -> str:
    rows = "".join(
        f"<tr><td><code>{escape(e.doc)}</code></td><td>{_quote(e)}</td><td>{e.start}–{e.end}</td></tr>"
        for e in evidence
    )
    return f"<table><tr><th>source</th><th>sentence</th><th>offsets</th></tr>{rows}</table>"


def render(result, **context) -> str:
    parts = [f"<!doctype html><meta charset=utf-8><title>factcheck report</title><style>{_STYLE}</style>",
             "<h1>factcheck report</h1>"]
    if result.findings:
        parts.append(f"<p class=error><b>{len(result.findings)} finding(s)</b></p>")
    else:
        parts.append("<p class=ok><b>No conflict found.</b></p>")
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.doc] = counts.get(c.doc, 0) + 1
    rows = "".join(
        f"<tr><td><code>{escape(d.id)}</code></td><td>{escape(d.date or '—')}</td>"
        f"<td class={'error' if d.status == 'error' else 'ok'}>{d.status}</td><td>{counts.get(d.id, 0)}</td>"
        f"<td>{escape(d.error or '; '.join(d.warnings))}</td></tr>"
        for d in result.documents
    )
    parts.append("<h2>Documents</h2><table><tr><th>document</th><th>date</th><th>status</th>"
                 f"<th>claims</th><th>note</th></tr>{rows}</table>")
    parts.append("<h2>Conflicts</h2>" + ("" if result.findings else "<p>None.</p>"))
    for f in result.findings:
        parts.append(f"<h3>{f.id} · {escape(f.rule)} · <span class=error>{f.severity}</span></h3>"
                     f"<p>{escape(f.message)} (score {f.score:.2f})</p>{_evidence(f.evidence)}")
    parts.append("<h2>Corroborated</h2>" + ("" if result.agreements else "<p>None.</p>"))
    for a in result.agreements:
        parts.append(f"<h3>{a.id} · {a.kind} · {a.outcome}</h3><p>{escape(a.message)}</p>{_evidence(a.evidence)}")
    parts.append("<h2>Single-source claims</h2>" + ("" if result.single_source else "<p>None.</p>"))
    if result.single_source:
        parts.append(_evidence([s.evidence[0] for s in result.single_source]))
    return "\n".join(parts) + "\n"
