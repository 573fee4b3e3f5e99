"""SARIF 2.1.0, for GitHub code scanning and any SARIF viewer.

One run; ``tool.driver`` lists every rule with its metadata. Each finding is a result whose
location is the first cited claim (line and column when the document is the file verbatim,
else charOffset/charLength into the loaded text) and whose relatedLocations are the other
sources. ``partialFingerprints`` carry factcheck.baseline.fingerprint, so a result keeps its
identity when unrelated text moves. Findings suppressed inline or by config are included with
``suppressions``; findings in the baseline are left out. Unreadable documents are
toolExecutionNotifications.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..baseline import FINGERPRINT_KEY, fingerprint, repo_relative, repo_root
from ..rules import RULES, SILENCE
from ._ci import lines, span

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/factcheck/"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note", "off": "none"}

def _rule(rule_id: str) -> dict:
    """The SARIF reportingDescriptor of a rule, from the registry (factcheck/rules/)."""
    rule = RULES.get(rule_id)
    short = rule.summary if rule else f"factcheck rule {rule_id}."
    full = rule.help if rule else short
    help_text = f"{full} {SILENCE.format(id=rule_id)}" if rule else full
    default = rule.default_severity if rule else "warning"
    config = {"level": SARIF_LEVEL.get(default, "warning")}
    if default == "off":
        config["enabled"] = False
    return {
        "id": rule_id,
        "name": "".join(w.capitalize() for w in rule_id.split("-")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": config,
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": INFORMATION_URI,
    }


def _artifact(doc, fallback: str) -> dict:
    rel = repo_relative(doc.source) if doc is not None else None
    if rel is not None and not rel.startswith("/"):
        return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}
    if rel is not None:  # outside the repository: an absolute file URI
        return {"uri": Path(rel).as_uri()}
    name = (doc.source or doc.id) if doc is not None else fallback
    return {"uri": quote(name.replace("\\", "/"), safe="/")}


def _location(ev, doc, message: str | None = None, id: int | None = None) -> dict:
    region = lines(doc, ev, utf16=True)
    a, b = span(ev)
    if region is None:
        region = {"charOffset": a, "charLength": max(0, b - a)}
    if doc is not None and doc.text and 0 <= a <= b <= len(doc.text):
        region["snippet"] = {"text": doc.text[a:b]}
    loc: dict = {"physicalLocation": {"artifactLocation": _artifact(doc, ev.doc), "region": region}}
    if doc is not None and doc.verbatim and doc.text:
        s, e = max(0, ev.start), min(len(doc.text), ev.end)
        ctx = lines(doc, type(ev)(doc=ev.doc, start=s, end=e, text=ev.text), utf16=True)
        if ctx is not None and e > s:
            ctx["snippet"] = {"text": doc.text[s:e]}
            loc["physicalLocation"]["contextRegion"] = ctx
    if id is not None:
        loc["id"] = id
    if message:
        loc["message"] = {"text": message}
    return loc


def _result(f, docs, rule_index: dict, suppression: dict | None = None) -> dict:
    first, *others = f.evidence or [None]
    res: dict = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": SARIF_LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message},
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, docs)},
        "properties": {"findingId": f.id, "score": round(float(f.score or 0.0), 4),
                       "documents": sorted({ev.doc for ev in f.evidence})},
    }
    if first is not None:
        res["locations"] = [_location(first, docs.get(first.doc))]
    related = [
        _location(ev, docs.get(ev.doc), message=f"{ev.doc}: {ev.text.strip()}", id=i)
        for i, ev in enumerate(others, 1)
    ]
    if related:
        res["relatedLocations"] = related
    if 0.0 <= (f.score or 0.0) <= 1.0:
        res["rank"] = round(100.0 * float(f.score or 0.0), 1)
    if suppression is not None:
        res["suppressions"] = [suppression]
    return res


def _root_uri(documents) -> str:
    for d in documents:
        if d.source and repo_relative(d.source):
            return repo_root(d.source).as_uri() + "/"
    return Path.cwd().resolve().as_uri() + "/"


def sarif_log(result, **context) -> dict:
    from .. import __version__

    docs = {d.id: d for d in result.documents}
    suppressed = [s for s in context.get("suppressed") or () if s.kind != "baseline"]
    rule_ids = list(RULES)
    for f in [*result.findings, *(s.finding for s in suppressed)]:
        if f.rule not in rule_ids:
            rule_ids.append(f.rule)
    rule_index = {r: i for i, r in enumerate(rule_ids)}

    results = [_result(f, docs, rule_index) for f in result.findings]
    for s in suppressed:
        kind = "inSource" if s.kind == "inline" else "external"
        results.append(_result(s.finding, docs, rule_index,
                               {"kind": kind, "status": "accepted", "justification": s.reason}))

    notifications = []
    for d in result.documents:
        where = {"locations": [{"physicalLocation": {"artifactLocation": _artifact(d, d.id)}}]}
        if d.status == "error":
            notifications.append({"level": "error", "message": {"text": f"{d.source or d.id}: {d.error}"}, **where})
        for w in d.warnings:
            notifications.append({"level": "warning", "message": {"text": f"{d.source or d.id}: {w}"}, **where})

    invocation: dict = {"executionSuccessful": not any(d.status == "error" for d in result.documents)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(r) for r in rule_ids],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri(result.documents)}},
            "invocations": [invocation],
            "results": results,
        }],
    }


def render(result, **context) -> str:
    return json.dumps(sarif_log(result, **context), indent=2, ensure_ascii=False) + "\n"
