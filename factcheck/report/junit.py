"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One testcase per document; a <failure> for each finding at or above --fail-on that cites the
document (a finding citing two documents fails both); an <error> for a document that could not
be read. Findings below --fail-on and suppressed ones are listed in <system-out>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..rules import RULES
from ._ci import LEVEL_RANK, fail_threshold, lines, path_of

# characters XML 1.0 cannot carry, even escaped
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text) -> str:
    return _INVALID_XML.sub("\ufffd", str(text))


def _where(ev, docs) -> str:
    doc = docs.get(ev.doc)
    pos = lines(doc, ev)
    where = path_of(doc, ev.doc)
    return f"{where}:{pos['startLine']}:{pos['startColumn']}" if pos else f"{where} [{ev.start}-{ev.end}]"


def _details(f, docs) -> str:
    out = [f"{f.severity} [{f.rule}] {f.message} (score {f.score:.2f})"]
    if f.rule in RULES:  # what the rule means, for a reader of the CI test report
        out.append(f"  rule: {RULES[f.rule].summary} (factcheck rule {f.rule})")
    out += [f"  {_where(ev, docs)}: {ev.text.strip()}" for ev in f.evidence]
    return "\n".join(out)


def render(result, **context) -> str:
    docs = {d.id: d for d in result.documents}
    threshold = fail_threshold(context)
    suppressed = context.get("suppressed") or ()

    cases = []
    n_fail = n_err = 0
    for d in result.documents:
        case = ET.Element("testcase", {"classname": _x(f"factcheck.{d.cluster}" if d.cluster else "factcheck"),
                                       "name": _x(d.id), "file": _x(path_of(d, d.id)), "time": "0"})
        out_lines = []
        if d.status == "error":
            err = ET.SubElement(case, "error", {"message": _x(d.error or "unreadable"), "type": "input-error"})
            err.text = _x(f"{d.source or d.id}: {d.error}")
            n_err += 1
        for f in result.findings:
            if not any(ev.doc == d.id for ev in f.evidence):
                continue
            if threshold is not None and LEVEL_RANK.get(f.severity, -1) >= threshold:
                fail = ET.SubElement(case, "failure", {"message": _x(f"[{f.rule}] {f.message}"), "type": f.rule})
                fail.text = _x(_details(f, docs))
                n_fail += 1
            else:
                out_lines.append(_details(f, docs))
        for s in suppressed:
            if any(ev.doc == d.id for ev in s.finding.evidence):
                out_lines.append(f"suppressed ({s.kind}: {s.reason}): {_details(s.finding, docs)}")
        out_lines += [f"warning: {w}" for w in d.warnings]
        if out_lines:
            ET.SubElement(case, "system-out").text = _x("\n".join(out_lines))
        cases.append(case)

    # a testcase counts once as failed even with several failures
    failed_cases = sum(1 for c in cases if c.find("failure") is not None and c.find("error") is None)
    counts = {"tests": str(len(cases)), "failures": str(failed_cases), "errors": str(n_err), "skipped": "0"}
    root = ET.Element("testsuites", {"name": "factcheck", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "factcheck", **counts, "time": "0"})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
