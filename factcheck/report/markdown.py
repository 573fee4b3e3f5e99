"""The Markdown report, written for an analyst: verdict first, then the fact table (one row per
fact, one column per source), each conflict with the sentences side by side, the dated events,
and the documents.

Every text from the input is escaped: HTML characters become entities (a Markdown renderer
passes raw HTML through, so an input's ``<script>`` would otherwise run in a viewer) and
Markdown's own syntax characters are backslash-escaped, so input text always stays text.
"""

from __future__ import annotations

import html
import re

from . import view as _view
from .saved import from_result

_MD_SYNTAX = re.compile(r"([\\`*_\[\]|~])")


def esc(text: object) -> str:
    """Input text as Markdown that renders as exactly that text, on one line (runs of white
    space become one space; a table cell cannot hold a line break)."""
    s = re.sub(r"\s+", " ", str(text))
    s = html.escape(s, quote=False)
    s = _MD_SYNTAX.sub(r"\\\1", s)
    # a leading "#", ">", "+", "-" or "1." would start a heading, quote or list item
    s = re.sub(r"^(\s*)([#>+\-])", r"\1\\\2", s)
    return re.sub(r"^(\s*\d+)\.", r"\1\\.", s)


def _quote(m: _view.Mention) -> str:
    if not m.span:
        return esc(m.before).strip()
    return f"{esc(m.before)}**{esc(m.span).strip()}**{esc(m.after)}".strip()


def _where(m: _view.Mention, docs: dict[str, _view.DocView]) -> str:
    d = docs.get(m.doc)
    line = f"line {m.line}, " if m.line else ""
    return f"{esc(d.source if d else m.doc)} ({line}chars {m.start}-{m.end})"


def _frame(pairs: list[tuple[str, str]]) -> str:
    """who / what / where of a claim, on one line: "who: Jens Stoltenberg · what: have (present)"."""
    return " · ".join(f"{q}: {esc(a)}" for q, a in pairs)


def _sides(sides: list[_view.Side], docs: dict[str, _view.DocView]) -> list[str]:
    """Sources side by side as a table: value, sentence, the fact it states, where."""
    rows = ["| | " + " | ".join(esc(s.source) for s in sides) + " |",
            "|---|" + "---|" * len(sides),
            "| value | " + " | ".join(esc(s.value) or "—" for s in sides) + " |",
            "| sentence | " + " | ".join(_quote(s.mention) for s in sides) + " |"]
    if any(s.mention.frame for s in sides):
        rows.append("| fact | " + " | ".join(_frame(s.mention.frame) or "—" for s in sides) + " |")
    rows.append("| where | " + " | ".join(_where(s.mention, docs) for s in sides) + " |")
    return rows


def _date(d: _view.DocView) -> str:
    src = d.date_from
    if src is None:
        return "—"
    where = src.words + (f", line {src.line}" if src.line else "")
    return f"{esc(where)}: “{esc(src.quote)}”" if src.quote else esc(where)


def _cluster(c: _view.ClusterView, depth: str, out: list[str]) -> None:
    docs = c.docs_by_id
    out += ["", f"{depth}# Fact table", ""]
    if not c.facts:
        out.append("No numeric or temporal claim found.")
    else:
        out.append("One row per fact, one column per source; conflicts first. "
                   + " ".join(f"{n} {_view.OUTCOME_WORDS[o]}." for o, n in
                              sorted(c.outcome_counts.items(), key=lambda kv: _view.OUTCOMES.index(kv[0]))))
        out.append("")
        head = ["fact", "kind", "outcome", *(f"{esc(d.source)} ({esc(d.date_words or 'no date')})" for d in c.docs)]
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for f in c.facts:
            cells = []
            for d in c.docs:
                cell = f.cells.get(d.id)
                if cell is None:
                    cells.append("—")
                    continue
                value = esc(" / ".join(cell.values))
                cells.append(f"**{value}**" if cell.outcome == "conflict" else value)
            outcome = _view.OUTCOME_WORDS[f.outcome] + (f" ({', '.join(f.rules)})" if f.rules else "")
            label = esc(f.label) + (f" ({_frame(f.frame)})" if f.frame else "")
            out.append(f"| {label} | {f.kind} | {outcome} | " + " | ".join(cells) + " |")

    out += ["", f"{depth}# Findings", ""]
    if not c.findings:
        out.append("None: no two sources of this cluster were found to disagree.")
    for f in c.findings:
        out += [f"{depth}## {f.id} · {f.rule} · {f.severity}", ""]
        if f.confidence:
            out += [f"**How sure:** {esc(f.confidence)}", ""]
        out += [*_sides(f.sides, docs), ""]
        out.append(f"**Why:** {esc(_view.why(f))}")
        if f.help:
            out += ["", f"> {esc(f.help)}"]
        out.append("")

    if c.not_compared:
        out += ["", f"{depth}# Not compared", "", _view.NOT_COMPARED_INTRO, ""]
        for n in c.not_compared:
            sure = f"; {n.confidence}" if n.confidence else ""
            out += [f"{depth}## {n.id} · {esc(n.kind)} · not compared", "",
                    f"**Why not:** {esc(n.reason)}{esc(sure)}.", "", *_sides(n.sides, docs), ""]

    if c.timeline:
        out += ["", f"{depth}# Dated events", ""]
        for r in c.timeline.rows:
            marks = "; ".join(f"{esc(docs[m.doc].source if m.doc in docs else m.doc)}: {esc(m.label)}"
                              for m in r.marks)
            out.append(f"- **{esc(r.label)}** ({_view.OUTCOME_WORDS[r.outcome]}): {marks}")

    out += ["", f"{depth}# Documents", "", "| document | title | date | date from | status | claims | note |",
            "|---|---|---|---|---|---|---|"]
    for d in c.docs:
        note = "; ".join([*(d.error and [d.error] or []), *d.warnings])
        title = d.title if not d.title or len(d.title) <= 90 else d.title[:89] + "…"
        out.append(f"| {esc(d.source)} | {esc(title or '—')} | {esc(d.date_words or '—')} | "
                   f"{_date(d)} | {d.status} | {d.n_claims} | {esc(note) or '—'} |")


def render(result, **context) -> str:
    data, texts = from_result(result)
    report = _view.build(data, context.get("texts") or texts)
    readable = report.n_documents - len(report.failed)
    out = ["# factcheck report", ""]
    if report.n_findings:
        sev = ", ".join(f"{n} {s}" for s, n in sorted(report.severity_counts.items()))
        out.append(f"**{report.n_findings} finding(s)** ({sev}) across {readable} readable documents.")
    else:
        out.append(f"**No conflict found** across {readable} readable documents.")
    if context.get("suppressed"):
        out += ["", f"{len(context['suppressed'])} finding(s) suppressed (inline comment, config or baseline)."]
    n_facts = sum(report.outcome_counts.values())
    out += ["", f"{report.n_claims} claims in {n_facts} facts: "
            + ", ".join(f"{report.outcome_counts[o]} {_view.OUTCOME_WORDS[o]}"
                        for o in _view.OUTCOMES if report.outcome_counts.get(o)) + "."
            + (f" {report.n_not_compared} aligned pair(s) not compared (listed with the reason)."
               if report.n_not_compared else "")]
    if report.failed:
        out += ["", f"**{len(report.failed)} document(s) could not be read** and were not checked:", ""]
        out += [f"- {esc(d.path)}: {esc(d.error or 'unreadable')}" for d in report.failed]
    for note in context.get("notes") or []:
        out += ["", f"Note: {esc(note)}"]
    if report.rule_counts:
        out += ["", "| rule | findings |", "|---|---|"]
        out += [f"| {esc(r)} | {n} |" for r, n in sorted(report.rule_counts.items())]
    if len(report.clusters) == 1:
        _cluster(report.clusters[0], "#", out)
    else:
        shown = [o for o in _view.OUTCOMES if o != "unmatched" or report.outcome_counts.get(o)]
        out += ["", "## Clusters", "",
                "| cluster | about | documents | facts | " + " | ".join(_view.OUTCOME_WORDS[o] for o in shown) + " |",
                "|---|---|---|---|" + "---|" * len(shown)]
        for c in report.clusters:
            n = c.outcome_counts
            out.append(f"| {esc(c.name)} | {esc(', '.join(c.about))} | {len(c.docs)} | {len(c.facts)} | "
                       + " | ".join(str(n.get(o, 0)) for o in shown) + " |")
        for c in report.clusters:
            out += ["", f"## Cluster {esc(c.name)}" + (f" (about {esc(', '.join(c.about))})" if c.about else "")]
            _cluster(c, "##", out)
    return "\n".join(out) + "\n"
