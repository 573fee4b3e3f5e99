"""The Markdown report, written for an analyst: verdict first, then each conflict with the
sentences side by side, then what the sources corroborate and what only one says."""

from __future__ import annotations


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def quote(ev) -> str:
    """The sentence with the claim in bold, so the reader sees what was compared."""
    s = ev.text
    if ev.claim_start is not None and ev.start <= ev.claim_start <= ev.claim_end <= ev.end:
        a, b = ev.claim_start - ev.start, ev.claim_end - ev.start
        s = f"{s[:a]}**{s[a:b]}**{s[b:]}"
    return _cell(s)


def _evidence_table(evidence) -> list[str]:
    out = ["| source | sentence | offsets |", "|---|---|---|"]
    for ev in evidence:
        out.append(f"| `{ev.doc}` | {quote(ev)} | {ev.start}-{ev.end} |")
    return out


def render(result, **context) -> str:
    docs = result.documents
    failed = [d for d in docs if d.status == "error"]
    errors = [f for f in result.findings if f.severity == "error"]
    out = ["# factcheck report", ""]
    if result.findings:
        out.append(f"**{len(result.findings)} finding(s)** ({len(errors)} error) across "
                   f"{len(docs)} documents.")
    else:
        out.append(f"**No conflict found** across {len(docs) - len(failed)} readable documents.")
    if failed:
        out.append(f"**{len(failed)} document(s) could not be read** (see Documents).")
    out += ["", "## Documents", "", "| document | date | status | claims | note |", "|---|---|---|---|---|"]
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.doc] = counts.get(c.doc, 0) + 1
    for d in docs:
        note = d.error or "; ".join(d.warnings)
        out.append(f"| `{d.id}` | {d.date or '—'} | {d.status} | {counts.get(d.id, 0)} | {_cell(note or '')} |")

    out += ["", "## Conflicts", ""]
    if not result.findings:
        out.append("None.")
    for f in result.findings:
        out += [f"### {f.id} · {f.rule} · {f.severity}", "", _cell(f.message) + f" (score {f.score:.2f})", ""]
        out += _evidence_table(f.evidence) + [""]

    out += ["", "## Corroborated", ""]
    if not result.agreements:
        out.append("Nothing stated by more than one source was found.")
    for a in result.agreements:
        out += [f"### {a.id} · {a.kind} · {a.outcome}", "", _cell(a.message), ""]
        out += _evidence_table(a.evidence) + [""]

    out += ["", "## Single-source claims", ""]
    if not result.single_source:
        out.append("None.")
    else:
        out += ["| source | claim | sentence |", "|---|---|---|"]
        for s in result.single_source:
            ev = s.evidence[0]
            out.append(f"| `{ev.doc}` | {_cell(s.message.split(' says ', 1)[-1].split(': ', 1)[0])} | {quote(ev)} |")
    return "\n".join(out) + "\n"
