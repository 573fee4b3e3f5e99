"""The CI formats (sarif, junit, github, jsonl) on CheckResults built directly from the types."""

from __future__ import annotations

import json
from dataclasses import replace
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck import report
from factcheck.baseline import FINGERPRINT_KEY, Suppressed, fingerprint
from factcheck.options import Options
from factcheck.types import CheckResult, Document, Evidence, Finding

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

A = "date: 2022-02-24\n\nNATO met on Thursday.\nThey have over 100 jets on high alert to protect the airspace.\n"
B = "date: 2022-02-24\n\nThey have 80 jets on high alert to protect the airspace.\n"


def evidence(doc: Document, sentence: str, claim: str) -> Evidence:
    s = doc.text.index(sentence)
    c = doc.text.index(claim, s)
    return Evidence(doc=doc.id, start=s, end=s + len(sentence), text=sentence,
                    claim=f"{doc.id}#q1", claim_start=c, claim_end=c + len(claim))


def make_result(tmp_path: Path, a_text: str = A, b_text: str = B, n_findings: int = 1,
                severity: str = "error") -> CheckResult:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "news").mkdir(exist_ok=True)
    docs = []
    for name, text in (("a.txt", a_text), ("b.txt", b_text)):
        path = tmp_path / "news" / name
        path.write_text(text, encoding="utf-8")
        docs.append(Document(id=name, text=text, source=str(path), date="2022-02-24", verbatim=True))
    a, b = docs
    findings = []
    for i in range(n_findings):
        findings.append(Finding(
            id=f"F{i + 1}", rule="numeric-conflict", severity=severity,
            message=f"a.txt says 'more than 100 jet' but b.txt says '80 jet' ({i})", score=(i + 1) / 100,
            evidence=[evidence(a, "They have over 100 jets on high alert to protect the airspace.", "over 100 jets"),
                      evidence(b, "They have 80 jets on high alert to protect the airspace.", "80 jets")],
            claims=["a.txt#q1", "b.txt#q1"],
        ))
    return CheckResult(documents=docs, findings=findings)


# -- SARIF -------------------------------------------------------------------------------------

def test_sarif_structure(tmp_path):
    result = make_result(tmp_path)
    log = json.loads(report.render("sarif", result))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) >= {"numeric-conflict", "temporal-conflict", "contradiction", "single-source"}
    for r in rules.values():
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
        assert r["defaultConfiguration"]["level"] in {"error", "warning", "note", "none"}
    assert rules["single-source"]["defaultConfiguration"] == {"level": "none", "enabled": False}

    (res,) = run["results"]
    assert res["ruleId"] == "numeric-conflict" and res["level"] == "error"
    assert driver["rules"][res["ruleIndex"]]["id"] == "numeric-conflict"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "news/a.txt"  # relative to the folder holding .git
    # "over 100 jets" on line 4: 'They have ' is 10 characters, so column 11; end column exclusive
    assert loc["region"] == {"startLine": 4, "startColumn": 11, "endLine": 4, "endColumn": 24,
                             "snippet": {"text": "over 100 jets"}}
    (rel,) = res["relatedLocations"]
    assert rel["physicalLocation"]["artifactLocation"]["uri"] == "news/b.txt"
    assert rel["physicalLocation"]["region"]["startLine"] == 3
    assert res["partialFingerprints"][FINGERPRINT_KEY] == fingerprint(result.findings[0], result.documents)
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_validates_against_schema(tmp_path):
    if not SARIF_SCHEMA.is_file():
        pytest.skip("shared/ with the SARIF schema is absent")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    result = make_result(tmp_path, n_findings=2)
    # a non-verbatim document (charOffset/charLength), an unreadable one and a suppressed finding
    html = Document(id="c.html", text="They have 90 jets on high alert.", source=str(tmp_path / "c.html"))
    result.documents.append(html)
    result.documents.append(Document(id="d.json", text="", source="d.json", status="error",
                                     error="malformed JSON at line 1, column 2: Expecting value"))
    result.findings.append(Finding("F3", "contradiction", "warning", "c.html contradicts a.txt", 0.9,
                                   [evidence(html, "They have 90 jets on high alert.", "90 jets"),
                                    result.findings[0].evidence[0]]))
    sup = Suppressed(result.findings.pop(0), "x", "inline", "wire copy rounds")
    log = json.loads(report.render("sarif", result, options=Options(), suppressed=[sup]))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert any(r.get("suppressions") == [{"kind": "inSource", "status": "accepted",
                                          "justification": "wire copy rounds"}] for r in run["results"])
    c_loc = next(r for r in run["results"] if r["ruleId"] == "contradiction")["locations"][0]
    assert set(c_loc["physicalLocation"]["region"]) >= {"charOffset", "charLength"}
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_empty_result_is_valid(tmp_path):
    log = json.loads(report.render("sarif", CheckResult(documents=[])))
    assert log["runs"][0]["results"] == []
    if SARIF_SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_fingerprint_stable_when_a_paragraph_is_inserted_above(tmp_path):
    before = make_result(tmp_path)
    fp1 = fingerprint(before.findings[0], before.documents)
    sarif1 = json.loads(report.render("sarif", before))["runs"][0]["results"][0]
    moved = A.replace("NATO met on Thursday.\n", "NATO met on Thursday.\n\nA new paragraph, 20 lines of it.\n\n")
    after = make_result(tmp_path, a_text=moved)
    assert after.findings[0].evidence[0].start != before.findings[0].evidence[0].start
    assert fingerprint(after.findings[0], after.documents) == fp1
    sarif2 = json.loads(report.render("sarif", after))["runs"][0]["results"][0]
    assert sarif2["partialFingerprints"] == sarif1["partialFingerprints"]
    assert sarif2["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    # ...but a changed claim is a different finding
    changed = make_result(tmp_path)
    ev = changed.findings[0].evidence[1]
    changed.findings[0].evidence[1] = replace(ev, text=ev.text.replace("80", "70"))
    assert fingerprint(changed.findings[0], changed.documents) != fp1


def test_fingerprint_ignores_how_the_path_was_typed(tmp_path, monkeypatch):
    result = make_result(tmp_path)
    fp = fingerprint(result.findings[0], result.documents)
    monkeypatch.chdir(tmp_path)
    for d in result.documents:  # "news/a.txt" typed relative instead of absolute
        d.source = f"news/{d.id}"
    assert fingerprint(result.findings[0], result.documents) == fp


# -- JUnit -------------------------------------------------------------------------------------

def test_junit_parses_with_one_testcase_per_document(tmp_path):
    result = make_result(tmp_path, n_findings=2)
    result.documents.append(Document(id="bad.txt", text="", source="bad.txt", status="error",
                                     error="invalid UTF-8 at byte 3"))
    root = ET.fromstring(report.render("junit", result, options=Options()))
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["a.txt", "b.txt", "bad.txt"]
    assert len(cases[0].findall("failure")) == 2 and len(cases[1].findall("failure")) == 2
    assert cases[0].find("failure").get("type") == "numeric-conflict"
    assert "news/a.txt:4:11" in cases[0].find("failure").text
    assert cases[2].find("error") is not None and cases[2].find("failure") is None
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "1")


def test_junit_findings_below_fail_on_are_not_failures(tmp_path):
    result = make_result(tmp_path, severity="info")
    root = ET.fromstring(report.render("junit", result, options=Options()))
    assert root.find(".//failure") is None
    assert "numeric-conflict" in root.find(".//system-out").text


def test_junit_survives_control_characters(tmp_path):
    result = make_result(tmp_path)
    result.findings[0].message = "bad \x00\x0b char"
    ET.fromstring(report.render("junit", result))


# -- GitHub ------------------------------------------------------------------------------------

def test_github_annotation_line(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = report.render("github", make_result(tmp_path)).splitlines()
    assert out[0].startswith("::error file=news/a.txt,line=4,col=11,endLine=4,endColumn=24,"
                             "title=factcheck numeric-conflict::")
    assert "%0Anews/b.txt:3: They have 80 jets" in out[0]


def test_github_caps_annotations_and_writes_full_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = make_result(tmp_path, n_findings=15)
    result.findings += make_result(tmp_path, n_findings=3, severity="warning").findings
    out = report.render("github", result)
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    warnings = [line for line in out.splitlines() if line.startswith("::warning ")]
    assert len(errors) == 10 and len(warnings) == 3
    # highest score first: findings 15 .. 6 are annotated
    assert "(14)" in errors[0] and "(5)" in errors[-1]
    assert "5 error" in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n")  # appended, not overwritten
    rows = [line for line in text.splitlines() if line.startswith("| error") or line.startswith("| warning")]
    assert len(rows) == 18


def test_github_escapes_properties_and_data():
    from factcheck.report.github import _data, _prop

    assert _prop("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert _data("50% off\nnext") == "50%25 off%0Anext"


# -- JSON Lines --------------------------------------------------------------------------------

def test_jsonl_one_finding_per_line_same_shape_as_json(tmp_path):
    result = make_result(tmp_path, n_findings=3)
    lines = report.render("jsonl", result).splitlines()
    assert len(lines) == 3
    full = json.loads(report.render("json", result))["findings"]
    assert [json.loads(line) for line in lines] == full
    assert report.render("jsonl", CheckResult(documents=[])) == ""


def test_formats_registered():
    for name, ext in (("sarif", "sarif"), ("junit", "xml"), ("github", "txt"), ("jsonl", "jsonl")):
        assert report.extension(name) == ext


# -- Markdown (the report people read) ---------------------------------------------------------

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> *bold* [link](http://x) | pipe'


def test_md_escapes_hostile_input_from_a_real_check(checker, tmp_path):
    from markdown_it import MarkdownIt

    from factcheck.load import load_documents

    (tmp_path / "a.txt").write_text(f" date 2022-02-24\n\nThey have over 100 jets on high alert {HOSTILE}.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text(f" date 2022-02-24\n\nThey have 80 jets on high alert {HOSTILE}.\n",
                                    encoding="utf-8")
    result = checker.check(load_documents([str(tmp_path)]))
    md = report.render("md", result)
    assert "<script" not in md and "<img" not in md
    html = MarkdownIt("commonmark").enable("table").render(md)  # raw HTML on, as GitHub's renderer
    assert "<script" not in html and "<img" not in html and "<a href" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as the text it is
    assert "*bold*" in html and "<em>" not in html


def test_md_fact_table_and_findings_side_by_side(tmp_path, monkeypatch):
    from factcheck.types import QuantityClaim

    result = make_result(tmp_path)
    monkeypatch.chdir(tmp_path)
    for d in result.documents:
        d.source = f"news/{d.id}"  # as the user typed it
    for ev, (value, mod) in zip(result.findings[0].evidence, ((100, ">"), (80, "="))):
        result.claims.append(QuantityClaim(
            id=ev.claim, doc=ev.doc, start=ev.claim_start, end=ev.claim_end, text="x",
            sentence_start=ev.start, sentence_end=ev.end, value=value, low=value, high=None,
            modifier=mod, unit="jet", qualifiers=["on high alert"]))
    md = report.render("md", result)
    lines = md.splitlines()
    header = next(line for line in lines if line.startswith("| fact |"))
    assert "| news/a.txt (Thu 24 Feb 2022) | news/b.txt (Thu 24 Feb 2022) |" in header
    row = lines[lines.index(header) + 2]
    assert row.startswith("| jets on high alert | quantity |")
    assert "**over 100 jets**" in row and "**80 jets**" in row and "conflict" in row
    assert "| value | over 100 jets | 80 jets |" in md
    assert "line 4, chars" in md  # line numbers beside the offsets
    assert "more than 100 jet'" not in md.split("## Findings")[1].split("**Why:**")[0]


def test_md_and_html_use_words_a_reader_knows(checker):
    from factcheck.load import load_documents

    from .conftest import SEEDS

    result = checker.check(load_documents([str(SEEDS)]))
    assert any(c.to_dict().get("value") == "PRESENT_REF" for c in result.claims)  # the case at hand
    for fmt in ("md", "html"):
        text = report.render(fmt, result)
        assert "PRESENT_REF" not in text
        assert "| now |" in text if fmt == "md" else ">now</td>" in text
        assert "over 100 jets" in text and "more than 100 jet " not in text and "100 jet<" not in text


def test_humanise_words():
    from factcheck.report import humanise as h

    assert h.quantity({"value": 100, "modifier": ">", "unit": "jet"}) == "over 100 jets"
    assert h.quantity({"value": 1, "modifier": "=", "unit": "person"}) == "1 person"
    assert h.quantity({"value": 3, "modifier": "=", "unit": "person"}) == "3 people"
    assert h.quantity({"value": 2e9, "modifier": "~", "unit": "USD"}) == "about $2 billion"
    assert h.quantity({"value": 30, "modifier": "=", "unit": "%"}) == "30%"
    assert h.quantity({"modifier": "range", "low": 200, "high": 350, "unit": "passenger"}) == "200–350 passengers"
    # a bound with its near side: "nearly", "just over"
    assert h.quantity({"value": 100, "modifier": "<=", "low": 90, "high": 100, "unit": "jet"}) == "nearly 100 jets"
    assert h.quantity({"value": 100, "modifier": ">=", "low": 100, "high": 110, "unit": "jet"}) == "just over 100 jets"
    assert h.quantity({"value": 100, "modifier": ">=", "low": 100, "high": None, "unit": "jet"}) == "at least 100 jets"
    assert h.counted({"unit": "ship", "qualifiers": ["allied", "at sea"], "subject": "they"}) == "allied ships at sea"
    assert h.line_of("a\nb\nc", 4) == 3
    assert h.confidence({"same_fact": 0.97, "incompatible": 1.0}) == \
        "almost certainly the same fact (0.97); cannot both be true (1.00)"
    assert h.confidence({"same_fact": 0.45, "incompatible": 0.75}) == \
        "perhaps the same fact (0.45); probably cannot both be true (0.75; a looser rounding could join them)"
    assert h.confidence({"rule": "contradiction", "score": 0.91, "message": "a and b contradict each other"}) == \
        "contradiction score 0.91 (the NLI model's probability, 0 to 1)"
    assert h.confidence({"rule": "contradiction", "score": 0.4,
                         "message": "a denies what b states ('die' of 'x': negated in a, stated in b; a clause read from the parse)"}) == \
        "a negated clause, read from the parse; 0.40 of the sentences' content words shared"
    assert h.confidence({"rule": "contradiction", "score": 0.86,
                         "message": "a and b contradict each other (negation, otherwise the same words; NLI contradiction 0.12)"}) == \
        "one sentence is the other negated or inverted; 0.86 of their content words shared"
    # one band table, symmetric: 0.17 is as sure "not" as 0.83 is sure "yes"
    assert h.likely(0.83) == "very likely" and h.likely(0.17) == "very likely not"
    assert [h.likely(p) for p in (0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95)] == [
        "almost certainly not", "very likely not", "probably not", "perhaps", "probably", "very likely",
        "almost certainly"]
    reason, sure = h.not_compared({"message": "a says 'x' and b says 'y', but they may be about different "
                                              "facts (same fact: 0.17)", "score": 0.174})
    assert "may be about different facts" in reason and sure == "very likely not the same fact (0.17)"
    assert h.not_compared({"message": "something new", "score": 0.5})[0] == "something new"


def test_timex_values_in_words():
    from factcheck import words as w

    assert w.timex("PRESENT_REF") == "now"
    assert w.timex("2022-02-24") == "Thu 24 Feb 2022"
    assert w.timex("2022-02") == "Feb 2022"
    assert w.timex("2022-W08") == "week 8 of 2022"
    assert w.timex("P2W") == "2 weeks"
    assert w.when({"value": "2022-02", "mod": "START", "type": "DATE"}) == "early Feb 2022"
    # an undated report's dates keep markers no reader can read: in words, relative to the report
    assert w.timex("XXXX-WXX-4") == "Thursday"
    assert w.timex("XXXX-WXX-3T19:00") == "Wednesday, 19:00" and w.timex("XXXX-WXX-5TNI") == "Friday night"
    assert w.when({"value": "XXXX-WXX-4", "type": "SET"}) == "every Thursday"
    assert w.timex("XXXX-12-02") == "2 Dec" and w.timex("XXXX-12") == "December"
    assert w.timex("XXXX-XX-XX") == "the report's day" and w.timex("XXXX") == "the report's year"
    assert w.timex("XXXX-XX-XXT18:41") == "the report's day, 18:41"
    assert w.timex("19") == "the 1900s" and w.timex("XXXX-H2") == "the second half of the report's year"
    assert w.timex("REF-P9D") == "9 days earlier" and w.timex("REF+PT2H") == "2 hours later"
    assert w.timex("REF-P1Y") == "the year before" and w.timex("REF-P1DTNI") == "the night before"
    assert w.when({"value": "REF+P1D", "mod": "APPROX", "type": "DATE"}) == "about the day after"
    assert w.number(7400) == "7,400" and w.number(1.5e6) == "1.5 million" and w.plural("person", 3) == "people"
    # compounds of man and child, a hyphened noun's last part, spelled units; symbols and rates kept
    assert [w.plural(u) for u in ("crewman", "policewoman", "human", "grandchild", "co-worker", "nmi", "ft2")] == [
        "crewmen", "policewomen", "humans", "grandchildren", "co-workers", "nautical miles", "square feet"]
    assert [w.plural(u) for u in ("mph", "GHz", "km / h", "F-35", "km2")] == ["mph", "GHz", "km / h", "F-35", "km2"]
    assert w.plural("nmi", 1) == "nautical mile"


def test_humanise_frame_in_words():
    from factcheck.report import humanise as h

    frame = {"predicate": "have", "polarity": "positive", "modality": None, "tense": "present",
             "subject": "jens stoltenberg", "participants": ["arctic", "mediterranean", "nato"],
             "places": ["arctic", "mediterranean"], "qualifiers": ["on high alert"], "anchor": ["2014"]}
    text = "NATO's Jens Stoltenberg: jets from the Arctic to the Mediterranean."
    assert h.frame(frame, text) == [("who", "Jens Stoltenberg"), ("what", "have (present)"), ("with", "NATO"),
                                    ("where", "Arctic, Mediterranean"), ("when", "2014"), ("how", "on high alert")]
    # what the row's label says already is not said twice; a pronoun is no answer to "who"
    assert h.frame({**frame, "subject": "they"}, text, skip="jets on high alert")[0] == ("what", "have (present)")
    negated = {"predicate": "meet", "polarity": "negative", "modality": "will", "tense": "future"}
    assert h.frame(negated) == [("what", "will not meet")]
    assert h.frame(None) == []
    # a qualifier that runs on into a clause of its own is cut at its comma, a long one at 8 words
    long = {"qualifiers": ["in the attack, which the Indian navy had originally announced by saying it had sunk",
                           "as friends and family of the victim paid glowing tribute to him on Saturday"]}
    assert h.frame(long) == [("how", "in the attack, as friends and family of the victim paid …")]


def test_html_and_md_render_fields_the_judge_may_add(tmp_path):
    """same_fact / incompatible on findings and a claim's frame are shown when present."""
    data = make_result(tmp_path).to_dict()
    data["findings"][0].update(same_fact=0.9, incompatible=0.97)
    data["claims"] = [{"id": "a.txt#q1", "doc": "a.txt", "kind": "quantity", "start": 0, "end": 1, "text": "x",
                       "sentence_start": 0, "sentence_end": 1, "value": 100, "modifier": ">", "unit": "jet",
                       "frame": {"predicate": "have", "tense": "present", "subject": "nato", "anchor": ["now"]}}]
    html = report.render("html", data)
    assert "very likely the same fact (0.90); almost certainly cannot both be true (0.97" in html
    assert "<i>who</i> nato</span><span><i>what</i> have (present)</span><span><i>when</i> now</span>" in html
    md = report.render("md", data)
    assert "almost certainly cannot both be true" in md and "who: nato · what: have (present) · when: now" in md


def test_md_and_html_count_suppressed_findings(tmp_path):
    result = make_result(tmp_path)
    suppressed = [object(), object()]
    assert "2 finding(s) suppressed" in report.render("md", result, suppressed=suppressed)
    assert "2 findings suppressed" in report.render("html", result, suppressed=suppressed)


def test_date_source_of_a_timestamp_in_running_text():
    """A scraped article dated by a timestamp glued to its first sentence: the report names the
    timestamp and quotes it, so the analyst can check the date against the text."""
    from factcheck.load import load_text
    from factcheck.report import view
    from factcheck.report.saved import from_result
    from factcheck.types import CheckResult

    text = ("Updated: November 11, 2011 20:09 IST The Indian Navy on Thursday thwarted an attack "
            "by pirates on merchant vessels in the Gulf of Aden.")
    doc = load_text(text, id="navy.txt", source="navy.txt")
    assert doc.date == "2011-11-11"
    data, texts = from_result(CheckResult(documents=[doc]))
    src = view.date_source(data["documents"][0], texts["navy.txt"])
    assert src.words == "a timestamp in the text"
    assert src.quote.startswith("Updated: November 11, 2011 20:09")
    # the same document from a saved result whose text is not at hand: only the kind of input
    assert view.date_source(data["documents"][0], None).words == "the input's metadata"
    # a date the loader names (a later pipeline may write date_source) is said in words
    assert view.date_source({**data["documents"][0], "date_source": "date field"}, None).words == \
        "the record's date field"


def test_clusters_read_in_number_order_and_unread_documents_make_no_cluster():
    """With --cluster auto a document that could not be read has no story: it is listed with
    the failed documents, not as a cluster named "all documents"; "story-2" comes before
    "story-10"."""
    from factcheck.report import view

    docs = [{"id": f"d{n}", "cluster": f"story-{n}", "status": "ok"} for n in (10, 2, 1)]
    docs.append({"id": "empty", "cluster": None, "status": "error", "error": "line 4 has empty text"})
    built = view.build({"documents": docs, "claims": [], "findings": [], "agreements": [],
                        "single_source": [], "not_compared": []})
    assert [c.name for c in built.clusters] == ["story-1", "story-2", "story-10"]
    assert [d.id for d in built.failed] == ["empty"]


def test_a_cluster_is_labelled_with_who_its_claims_name_in_the_most_documents():
    from factcheck.report import view
    from factcheck.report.view import SourceText

    def claim(doc, n, *names):
        return {"id": f"{doc}#q{n}", "doc": doc, "kind": "quantity", "text": "2", "start": 0, "end": 1,
                "frame": {"participants": list(names)}}

    docs = [{"id": d, "cluster": "story-1", "status": "ok"} for d in ("a", "b", "c")]
    claims = [claim("a", 1, "bettie page", "playboy"), claim("b", 1, "bettie page"), claim("c", 1, "bettie page"),
              claim("b", 2, "playboy"), claim("a", 2, "hugh hefner")]  # Hefner in one report only
    texts = {"a": SourceText("Bettie Page posed for Playboy.")}
    built = view.build({"documents": docs, "claims": claims, "findings": [], "agreements": [],
                        "single_source": [], "not_compared": []}, texts)
    assert built.clusters[0].about == ["Bettie Page", "Playboy"]  # cased as the text writes them


def test_md_lists_the_not_compared_pairs_with_their_reason():
    ev = [{"doc": d, "start": 0, "end": 22, "text": t, "claim": f"{d}#q1", "claim_start": 0, "claim_end": 2}
          for d, t in (("a", "80 jets <b>flew</b> north."), ("b", "100 jets flew north."))]
    data = {
        "documents": [{"id": d, "source": f"{d}.txt", "date": "2022-02-24", "status": "ok"} for d in ("a", "b")],
        "claims": [{"id": f"{d}#q1", "doc": d, "kind": "quantity", "start": 0, "end": 2, "text": str(v),
                    "sentence_start": 0, "sentence_end": 22, "value": v, "modifier": "=", "unit": "jet"}
                   for d, v in (("a", 80), ("b", 100))],
        "findings": [], "agreements": [], "single_source": [],
        "not_compared": [{"id": "N1", "kind": "quantity", "outcome": "not-compared", "score": 0.12,
                          "claims": ["a#q1", "b#q1"], "evidence": ev,
                          "message": "a says '80 jet' and b says '100 jet', but they may be about different "
                                     "facts (same fact: 0.12)"}],
    }
    md = report.render("md", data)
    section = md.split("## Not compared")[1]
    assert "**Why not:** the values differ, but the sentences may be about different facts" in section
    assert "very likely not the same fact (0.12)" in section
    assert "| value | 80 jets | 100 jets |" in section
    assert "&lt;b&gt;flew&lt;/b&gt;" in section and "<b>" not in md
    # the pair joins no rows (perhaps two facts): each claim is a row, outcome "not compared"
    assert "| jets | quantity | not compared | 80 jets | — |" in md
    assert "| jets | quantity | not compared | — | 100 jets |" in md


def test_the_near_misses_lead_the_not_compared_pairs_likeliest_first():
    """Of the pairs not compared, those left out only for being below the conflict bar (their
    values differ) are the disagreements an analyst checks first: they come first, the likeliest
    to be one fact first, and the pairs left out for another reason after them, in their order."""
    import re

    claims, pairs = [], []
    for i, (score, why) in enumerate([(0.5, "the two values cannot be placed on one scale"),
                                      (0.12, "but they may be about different facts (same fact: 0.12)"),
                                      (0.3, "but they may be about different facts (same fact: 0.30)")]):
        claims += [{"id": f"{d}#q{i}", "doc": d, "kind": "quantity", "start": 0, "end": 2, "text": "80",
                    "sentence_start": 0, "sentence_end": 10, "value": v + i, "modifier": "=", "unit": "jet"}
                   for d, v in (("a", 80), ("b", 100))]
        pairs.append({"id": f"N{i + 1}", "kind": "quantity", "outcome": "not-compared", "score": score,
                      "claims": [f"a#q{i}", f"b#q{i}"], "message": f"a says x and b says y, {why}",
                      "evidence": [{"doc": d, "start": 0, "end": 10, "text": "80 jets x", "claim": f"{d}#q{i}",
                                    "claim_start": 0, "claim_end": 2} for d in "ab"]})
    data = {"documents": [{"id": d, "source": f"{d}.txt", "date": "2022-02-24", "status": "ok"} for d in "ab"],
            "claims": claims, "findings": [], "agreements": [], "single_source": [], "not_compared": pairs}
    assert re.findall(r"## (N\d) ·", report.render("md", data)) == ["N3", "N2", "N1"]
    assert re.findall(r'<article class="unjudged" id="pair-(N\d)"', report.render("html", data)) == ["N3", "N2", "N1"]


def test_html_lists_many_not_compared_pairs_as_one_table_row_each():
    """Past a dozen pairs a cluster lists them as table rows (a 500-article run has thousands):
    still every pair, with both claims, values and reason."""
    import re

    ev = lambda d, c: {"doc": d, "start": 0, "end": 10, "text": "80 jets <b>x</b>", "claim": c,  # noqa: E731
                       "claim_start": 0, "claim_end": 2}
    claims, pairs = [], []
    for i in range(13):
        claims += [{"id": f"{d}#q{i}", "doc": d, "kind": "quantity", "start": 0, "end": 2, "text": "80",
                    "sentence_start": 0, "sentence_end": 10, "value": v + i, "modifier": "=", "unit": "jet"}
                   for d, v in (("a", 80), ("b", 100))]
        pairs.append({"id": f"N{i + 1}", "kind": "quantity", "outcome": "not-compared", "score": 0.1,
                      "claims": [f"a#q{i}", f"b#q{i}"], "evidence": [ev("a", f"a#q{i}"), ev("b", f"b#q{i}")],
                      "message": "x, but they may be about different facts (same fact: 0.10)"})
    data = {"documents": [{"id": d, "source": f"{d}.txt", "date": "2022-02-24", "status": "ok"} for d in "ab"],
            "claims": claims, "findings": [], "agreements": [], "single_source": [], "not_compared": pairs}
    page = report.render("html", data)
    rows = re.findall(r'<tr id="pair-(N\d+)">(.*?)</tr>', page, re.S)
    assert [r[0] for r in rows] == [p["id"] for p in pairs]
    for (_, row), pair in zip(rows, pairs):
        assert re.findall(r'data-claim="([^"]+)"', row) == pair["claims"]
        assert "very likely not the same fact (0.10)" in row and "may be about different facts" in row
    assert "<b>x</b>" not in page


def test_md_labels_a_quoted_sentence_without_the_quote_mark_it_leaves_open():
    # a quote that runs on into the next sentence: the cited sentence opens a quotation mark that
    # it never closes, which a label would show as a quote left open
    texts = {"a": '"Autocracy will always lose to democracy. Oppression will lose," he said.',
             "b": '"Democracy will always prevail over autocracy," said Stoltenberg.'}
    sentences = {"a": texts["a"][:41], "b": texts["b"]}
    ev = [{"doc": d, "start": 0, "end": len(t), "text": t} for d, t in sentences.items()]
    data = {
        "documents": [{"id": d, "source": f"{d}.txt", "date": "2022-02-24", "status": "ok"} for d in texts],
        "claims": [], "findings": [], "single_source": [], "not_compared": [],
        "agreements": [{"id": "A1", "kind": "paraphrase", "outcome": "agree", "score": 0.9, "claims": [],
                        "evidence": ev, "message": "a and b say the same"}],
    }
    md = report.render("md", data)
    row = next(line for line in md.splitlines() if "| paraphrase |" in line)
    assert row.startswith("| Autocracy will always lose to democracy. | paraphrase | agree |")
    # a sentence whose quote closes keeps both marks
    assert row.endswith('| "Democracy will always prevail over autocracy," said Stolte… |')


def test_documents_of_one_file_are_named_by_their_ids():
    """A JSONL file holds many documents: the report names each by its id (columns, citations),
    not by the file they all share; a file of one document keeps its path."""
    ev = [{"doc": d, "start": 0, "end": 20, "text": "80 jets flew north.", "claim": f"{d}#q1",
           "claim_start": 0, "claim_end": 2} for d in ("a", "b")]
    data = {
        "documents": [{"id": "a", "source": "wire/set.jsonl", "date": "2022-02-24", "status": "ok"},
                      {"id": "b", "source": "wire/set.jsonl", "date": "2022-02-24", "status": "ok"},
                      {"id": "c.txt", "source": "extra/c.txt", "date": "2022-02-24", "status": "ok"},
                      {"id": "wire/set.jsonl:3", "source": "wire/set.jsonl", "status": "error",
                       "error": "line 3 has empty text"}],
        "claims": [{"id": f"{d}#q1", "doc": d, "kind": "quantity", "start": 0, "end": 2, "text": "80",
                    "sentence_start": 0, "sentence_end": 20, "value": 80, "modifier": "=", "unit": "jet"}
                   for d in ("a", "b")],
        "findings": [], "single_source": [], "not_compared": [],
        "agreements": [{"id": "A1", "kind": "quantity", "outcome": "agree", "score": 0.9, "claims": ["a#q1", "b#q1"],
                        "evidence": ev, "message": "a and b agree on '80 jet' / '80 jet'"}],
    }
    md = report.render("md", data)
    assert "| fact | kind | outcome | a (Thu 24 Feb 2022) | b (Thu 24 Feb 2022) | extra/c.txt (Thu 24 Feb 2022) |" in md
    assert "wire/set.jsonl (" not in md  # no column or citation named by the shared file
    assert "- wire/set.jsonl: line 3 has empty text" in md  # the failed one: the file it was in


def test_a_conflict_of_lengths_of_time_is_explained_as_one():
    """"nine days after" / "a week after" are lengths of time, not dates: the Why line says so."""
    def claim(d, value, text):
        return {"id": f"{d}#t1", "doc": d, "kind": "time", "type": "DURATION", "value": value, "start": 0,
                "end": len(text), "text": text, "sentence_start": 0, "sentence_end": 30}

    ev = [{"doc": d, "start": 0, "end": 30, "text": f"She died {t} after a heart attack.", "claim": f"{d}#t1",
           "claim_start": 9, "claim_end": 9 + len(t)} for d, t in (("a", "nine days"), ("b", "a week"))]
    finding = {"id": "F1", "rule": "temporal-conflict", "severity": "error", "score": 0.64, "same_fact": 0.64,
               "incompatible": 1.0, "message": "sources disagree", "evidence": ev, "claims": ["a#t1", "b#t1"]}
    data = {"documents": [{"id": d, "source": f"{d}.txt", "date": "2008-12-12", "status": "ok"} for d in ("a", "b")],
            "claims": [claim("a", "P9D", "nine days"), claim("b", "P1W", "a week")],
            "findings": [finding], "agreements": [], "single_source": [], "not_compared": []}
    md = report.render("md", data)
    assert "**Why:** a.txt says 9 days, b.txt says 1 week: the lengths of time the two admit do not overlap" in md
    finding["claims"] = []  # claims unknown (a sentence pair): the dates' reason, as before
    assert "the dates do not overlap" in report.render("md", data)


def test_two_times_not_compared_are_explained_as_times():
    from factcheck.report import humanise as h

    msg = "'Friday (x)' and 'the day before (y)' cannot be placed on one scale"
    assert h.not_compared({"kind": "time", "message": msg})[0].startswith("the two times cannot be put on one calendar")
    assert h.not_compared({"kind": "quantity", "message": msg})[0].startswith("the two values cannot be put on one scale")
