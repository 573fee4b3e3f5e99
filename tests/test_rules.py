"""The rule registry (factcheck/rules/) and `factcheck rules` / `factcheck rule NAME`."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.cli import main
from factcheck.options import DEFAULT_SEVERITY
from factcheck.report import render
from factcheck.rules import RULES
from factcheck.types import CheckResult, Document, Evidence, Finding

RULE_DIR = Path(__file__).resolve().parents[1] / "factcheck" / "rules"


def test_one_module_per_rule_registered_once():
    modules = {p.stem.replace("_", "-") for p in RULE_DIR.glob("*.py") if p.stem != "__init__"}
    assert set(RULES) == modules == {"numeric-conflict", "temporal-conflict", "contradiction", "single-source"}
    for rule in RULES.values():
        assert rule.default_severity in ("error", "warning", "info", "off")
        assert "\n" not in rule.summary and rule.summary.endswith(".")
        assert len(rule.help) > len(rule.summary) * 2 and "Why" in rule.help


def test_options_sarif_and_junit_read_the_registry():
    assert DEFAULT_SEVERITY == {r.id: r.default_severity for r in RULES.values()}
    doc = Document(id="a.txt", text="They have 80 jets.", verbatim=True)
    f = Finding("F1", "numeric-conflict", "error", "a and b disagree", 0.9, [Evidence("a.txt", 0, 18, doc.text)])
    result = CheckResult([doc], findings=[f])
    rules = json.loads(render("sarif", result))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for r in rules:
        assert r["shortDescription"]["text"] == RULES[r["id"]].summary
        assert r["fullDescription"]["text"] == RULES[r["id"]].help
        assert r["help"]["text"].startswith(RULES[r["id"]].help)
    assert RULES["numeric-conflict"].summary in render("junit", result)


def test_rules_lists_every_rule_with_its_default(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["rule", "default", "summary"]
    rows = {line.split()[0]: line.split()[1] for line in lines[1:]}
    assert rows == DEFAULT_SEVERITY
    assert main(["rules", "--format", "json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == list(RULES)


def test_rule_explains_one_and_an_unknown_name_is_one_line(capsys):
    assert main(["rule", "single-source"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# single-source\n\nA claim is stated by only one report.\n")
    assert "Default severity: off" in out and "factcheck-ignore single-source" in out
    assert main(["rule", "numeric-conflcit"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("factcheck: error: unknown rule 'numeric-conflcit' "
                   "(rules: numeric-conflict, temporal-conflict, contradiction, single-source)")
