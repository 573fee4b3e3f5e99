"""GitHub Actions workflow commands: ``::error file=...,line=...::message`` annotations.

GitHub shows at most 10 error and 10 warning annotations per step (and 10 notices), so at most
10 of each level are emitted, most severe and highest score first; a plain line says how many
were left out. When ``GITHUB_STEP_SUMMARY`` is set, the full Markdown table of all findings is
appended to that file, so nothing is lost from the job summary.
"""

from __future__ import annotations

import os

from ._ci import by_severity, lines, path_of

MAX_PER_LEVEL = 10
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f, docs) -> str:
    ev = f.evidence[0] if f.evidence else None
    props = []
    if ev is not None:
        doc = docs.get(ev.doc)
        props.append(("file", path_of(doc, ev.doc)))
        pos = lines(doc, ev)
        if pos:
            props += [("line", pos["startLine"]), ("col", pos["startColumn"]), ("endLine", pos["endLine"])]
            if pos["endLine"] == pos["startLine"]:  # GitHub takes endColumn on one-line spans only
                props.append(("endColumn", pos["endColumn"]))
    props.append(("title", f"factcheck {f.rule}"))
    body = [f.message]
    for other in f.evidence[1:]:
        doc = docs.get(other.doc)
        pos = lines(doc, other)
        where = path_of(doc, other.doc) + (f":{pos['startLine']}" if pos else "")
        body.append(f"{where}: {other.text.strip()}")
    cmd = COMMAND.get(f.severity, "warning")
    return f"::{cmd} " + ",".join(f"{k}={_prop(str(v))}" for k, v in props) + "::" + _data("\n".join(body))


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ").strip()


def summary(result, **context) -> str:
    docs = {d.id: d for d in result.documents}
    suppressed = context.get("suppressed") or ()
    failed = [d for d in result.documents if d.status == "error"]
    out = ["## factcheck", ""]
    out.append(f"{len(result.findings)} finding(s) across {len(result.documents)} document(s)"
               + (f", {len(suppressed)} suppressed" if suppressed else "")
               + (f", {len(failed)} unreadable" if failed else "") + ".")
    out.append("")
    if result.findings:
        out += ["| severity | rule | location | message | score |", "|---|---|---|---|---|"]
        for f in by_severity(result.findings):
            locs = []
            for ev in f.evidence:
                doc = docs.get(ev.doc)
                pos = lines(doc, ev)
                locs.append(f"`{path_of(doc, ev.doc)}" + (f":{pos['startLine']}`" if pos else "`"))
            out.append(f"| {f.severity} | {f.rule} | {'<br>'.join(locs)} | {_cell(f.message)} | {f.score:.2f} |")
        out.append("")
    for d in failed:
        out.append(f"- unreadable: `{d.source or d.id}`: {_cell(d.error or '')}")
    if failed:
        out.append("")
    return "\n".join(out) + "\n"


def render(result, **context) -> str:
    docs = {d.id: d for d in result.documents}
    out = []
    for d in result.documents:
        if d.status == "error":
            out.append(f"::error file={_prop(path_of(d, d.id))},title=factcheck::{_data(d.error or 'unreadable')}")
    ordered = by_severity(result.findings)
    left_out = {}
    for level in ("error", "warning", "info"):
        these = [f for f in ordered if COMMAND.get(f.severity, "warning") == COMMAND[level]]
        budget = MAX_PER_LEVEL - (sum(d.status == "error" for d in result.documents) if level == "error" else 0)
        budget = max(0, budget)
        out += [annotation(f, docs) for f in these[:budget]]
        if len(these) > budget:
            left_out[level] = len(these) - budget
    if left_out:
        out.append("factcheck: not annotated (GitHub shows 10 per level): "
                   + ", ".join(f"{n} {lvl}" for lvl, n in left_out.items())
                   + "; see the job summary for all findings")
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(summary(result, **context))
    return "\n".join(out) + ("\n" if out else "")
