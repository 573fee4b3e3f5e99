"""The rule registry (factcheck/rules/) and `factcheck rules` / `factcheck rule NAME`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.load import load_documents
from factcheck.options import DEFAULT_SEVERITY, Options
from factcheck.pipeline import Checker
from factcheck.report import render
from factcheck.report.sarif import SARIF_LEVEL
from factcheck.rules import RULES, SILENCE, Found
from factcheck.types import CheckResult, Document, Evidence, Finding

RULE_DIR = Path(__file__).resolve().parents[1] / "factcheck" / "rules"


def test_one_module_per_rule_registered_once():
    modules = {p.stem.replace("_", "-") for p in RULE_DIR.glob("*.py") if p.stem != "__init__"}
    assert set(RULES) == modules == {"numeric-conflict", "temporal-conflict", "polarity-conflict", "contradiction",
                                     "single-source"}
    for stem, rule in ((p.stem, RULES[p.stem.replace("_", "-")]) for p in RULE_DIR.glob("*.py")
                       if p.stem != "__init__"):
        assert rule.find.__module__ == f"factcheck.rules.{stem}"  # each rule's finder is in its module
        assert rule.reads in ("group", "cluster")
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
        rule = RULES[r["id"]]
        assert r["shortDescription"]["text"] == rule.summary
        assert r["fullDescription"]["text"] == rule.help
        assert r["help"]["text"] == f"{rule.help} {SILENCE.format(id=rule.id)}"
        assert r["defaultConfiguration"]["level"] == SARIF_LEVEL[rule.default_severity]
        assert r["defaultConfiguration"].get("enabled", True) == (rule.default_severity != "off")
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
                   "(rules: numeric-conflict, temporal-conflict, polarity-conflict, contradiction, single-source)")


# -- the pipeline runs what is registered -------------------------------------------------------

A = "000_d27642fac88a8c5e.txt"
B = "001_cf6b84a07b3c0ba3.txt"
JETS_80 = ("Stoltenberg said NATO stands in solidarity with Ukraine. "
           "He said they have 80 jets on high alert to protect allied airspace.")


@pytest.fixture
def jets_80(seed_dir) -> Path:
    """The seeds with '80 jets' added to B, against A's 'over 100 jets'."""
    p = seed_dir / B
    p.write_text(p.read_text(encoding="utf-8").replace(
        "Stoltenberg said NATO stands in solidarity with Ukraine.", JETS_80, 1), encoding="utf-8")
    return seed_dir


def _checker(nlp, checker, options=None, rules=None) -> Checker:
    return Checker(options or Options(nli=False), nlp=nlp, samefact=checker.samefact, rules=rules)


def test_the_pipeline_runs_the_registered_finder(nlp, checker, jets_80):
    seen = []

    def recording(judged, documents, options):
        seen.append((judged, documents, options))
        return RULES["numeric-conflict"].find(judged, documents, options)

    rule = replace(RULES["numeric-conflict"], find=recording)
    result = _checker(nlp, checker, rules={**RULES, rule.id: rule}).check(load_documents([jets_80]))
    assert seen, "the registered finder was not called"
    # what the registry's finder finds on the groups it was given is the pipeline's finding
    (found,) = [f for judged, documents, options in seen
                for f in RULES["numeric-conflict"].find(judged, documents, options).findings]
    assert [f.rule for f in result.findings] == ["numeric-conflict"]
    assert {**result.findings[0].to_dict(), "id": ""} == found.to_dict()
    spans = sorted(e.text[e.claim_start - e.start:e.claim_end - e.start] for e in found.evidence)
    assert spans == ["80 jets", "over 100 jets"]
    assert {e.doc for e in found.evidence} == {A, B}
    # the default Checker runs the same rule from RULES; its sentence vectors were encoded in
    # other batches (its cache holds earlier tests' texts), which moves a bfloat16 score in
    # the third decimal
    default = [f.to_dict() for f in checker.check(load_documents([jets_80])).findings]
    assert [_without_scores(f) for f in default] == [_without_scores(f.to_dict()) for f in result.findings]
    assert [f["score"] for f in default] == pytest.approx([f.score for f in result.findings], abs=0.005)


def _without_scores(finding: dict) -> dict:
    return {k: v for k, v in finding.items() if k not in ("score", "same_fact")}


def test_a_rule_left_out_of_the_registry_is_not_run(nlp, checker, jets_80):
    without = {k: r for k, r in RULES.items() if k != "numeric-conflict"}
    result = _checker(nlp, checker, rules=without).check(load_documents([jets_80]))
    assert result.findings == []
    # judging is the same: the conflicting pair is neither an agreement nor not_compared
    full = checker.check(load_documents([jets_80]))
    assert full.findings
    assert [a.to_dict() for a in result.agreements] == [a.to_dict() for a in full.agreements]
    assert [a.to_dict() for a in result.not_compared] == [a.to_dict() for a in full.not_compared]


def test_a_new_rule_registered_is_run_on_every_group(nlp, checker, jets_80):
    def every_group(judged, documents, options):
        return Found([Finding("", "group-count", "info", f"{len(judged.group)} claims", 1.0, [])])

    extra = replace(RULES["single-source"], id="group-count", find=every_group)
    result = _checker(nlp, checker, rules={**RULES, extra.id: extra}).check(load_documents([jets_80]))
    counted = [f for f in result.findings if f.rule == "group-count"]
    assert len(counted) > 1 and sum(int(f.message.split()[0]) for f in counted) == len(result.claims)


def test_single_source_is_a_finding_when_turned_on(nlp, checker, jets_80):
    off = checker.check(load_documents([jets_80]))
    assert all(f.rule != "single-source" for f in off.findings) and off.single_source
    on = _checker(nlp, checker, Options(nli=False, severity={"single-source": "info"})).check(
        load_documents([jets_80]))
    single = [f for f in on.findings if f.rule == "single-source"]
    assert [(f.severity, f.claims, f.message) for f in single] == \
        [("info", s.claims, s.message) for s in on.single_source]
    assert [f.rule for f in on.findings if f.rule != "single-source"] == ["numeric-conflict"]


def test_the_contradiction_rule_finds_nothing_without_the_nli_stage(checker, jets_80):
    from factcheck.rules import Cluster

    analyses = checker.analyse_all(load_documents([jets_80]))
    docs = {a.document.id: a.document for a in analyses}
    cluster = Cluster(analyses, [c for a in analyses for c in a.claims], docs, {}, checker.options)
    assert RULES["contradiction"].find(cluster) == Found()
