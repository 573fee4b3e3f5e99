"""Bad input never stops a run: numbers that overflow, a document or a cluster that trips a bug,
and a property test over random and number-like text (hypothesis, bounded in time)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import compare, extract_claims
from factcheck.cli import main
from factcheck.options import Options
from factcheck.types import Document

HEADER = "date: 2022-02-24\n\n"
JETS_100 = "They have over 100 jets on high alert to protect the airspace."
JETS_80 = "They have 80 jets on high alert to protect the airspace."


def spans_exact(claims, text):
    for c in claims:
        assert text[c.start:c.end] == c.text, c


@pytest.mark.parametrize("text", [
    "The value was 1e400 jets.", "They counted 1e309 votes.", "About 1e+1610 jets flew.",
    "1" * 5000 + " jets arrived.", "It cost 9" * 400 + " dollars.", "A ratio of 1" + "0" * 400 + "/3 was given.",
])
def test_numbers_too_big_for_a_float_are_not_claims_and_do_not_raise(nlp, text):
    claims = extract_claims(text, nlp=nlp)
    spans_exact(claims, text)
    for c in claims:
        if c.kind == "quantity" and c.value is not None:
            assert c.value == c.value and abs(c.value) < float("inf")


def test_compare_with_an_overflowing_number_does_not_raise(nlp):
    out = compare("1e+1610 jets", "100 jets", nlp=nlp, options=Options(nli=False))
    assert out["label"] in {"entailment", "neutral", "contradiction"}


def test_compare_without_nli_uses_the_numbers_and_no_model(nlp):
    out = compare("They have 120 ships at sea.", "They have 80 ships at sea.", nlp=nlp,
                  options=Options(nli=False))
    assert out["label"] == "contradiction" and out["scores"] is None
    out = compare("Prices rose.", "The weather is fine.", nlp=nlp, options=Options(nli=False))
    assert out["label"] == "neutral" and out["scores"] is None and "no NLI model" in out["reason"]


def test_a_document_with_1e400_beside_a_good_one_is_checked(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(HEADER + "The value was 1e400 jets. " + JETS_100 + "\n")
    (tmp_path / "b.txt").write_text(HEADER + JETS_80 + "\n")
    code = main(["check", "a.txt", "b.txt", "--no-nli", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in err and "internal error" not in err
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["numeric-conflict"]


# -- isolation: a bug in one document or cluster ------------------------------------------------
# No real input is known to crash the analysis any more, so a fault is injected into the real
# pipeline for one document (or cluster) only; everything else runs for real.

def _fail_for(monkeypatch, attr, predicate):
    from factcheck import pipeline

    real = getattr(pipeline, attr)

    def faulty(*args, **kwargs):
        if predicate(*args):
            raise ZeroDivisionError("division by zero\nwith a second line")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, attr, faulty)


def test_a_document_that_crashes_the_analysis_is_an_error_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(HEADER + JETS_100 + "\n")
    (tmp_path / "b.txt").write_text(HEADER + JETS_80 + "\n")
    (tmp_path / "bad.txt").write_text(HEADER + "They have 90 jets on high alert to protect the airspace.\n")
    _fail_for(monkeypatch, "extract_from_parsed", lambda doc, parsed: doc.id == "bad.txt")
    code = main(["check", ".", "--no-nli", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("factcheck: error:")]
    assert errors == ["factcheck: error: bad.txt: internal error while analysing: "
                      "ZeroDivisionError: division by zero with a second line"]
    payload = json.loads(out)
    status = {d["id"]: d["status"] for d in payload["documents"]}
    assert status == {"a.txt": "ok", "b.txt": "ok", "bad.txt": "error"}
    (f,) = payload["findings"]
    assert {ev["doc"] for ev in f["evidence"]} == {"a.txt", "b.txt"}


def test_a_document_that_crashes_the_shared_parse_is_found_and_the_others_are_parsed(checker, monkeypatch):
    # the sentences of up to PARSE_CHUNK documents are parsed in one nlp.pipe pass: a fault in
    # that pass is traced back to its document, and the others are parsed on their own
    docs = [Document(id=i, text=text, date="2022-02-24") for i, text in
            (("a", JETS_100), ("bad", "They have 90 jets on high alert."), ("b", JETS_80))]
    _fail_for(monkeypatch, "stream_parsed", lambda sentences, nlp: any(s.doc == "bad" for s in sentences))
    result = checker.check(docs)
    assert {d.id: d.status for d in result.documents} == {"a": "ok", "bad": "error", "b": "ok"}
    assert "internal error while analysing" in result.documents[1].error
    (f,) = result.findings
    assert {ev.doc for ev in f.evidence} == {"a", "b"}


def _in_workers(monkeypatch):
    """A checker that analyses in two worker processes whatever the input's size: one document
    a batch, each worker a batch at least."""
    from factcheck import pipeline, workers
    from factcheck.pipeline import Checker

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SENTENCES", 0)
    monkeypatch.setattr(workers, "TASK_SENTENCES", 1)
    return Checker(Options(nli=False, jobs=2))


DOCS = (("a", JETS_100), ("bad", "They have 90 jets on high alert."), ("b", JETS_80))


def test_a_document_that_crashes_a_worker_s_extraction_is_an_error_and_the_others_go_on(monkeypatch):
    from factcheck import workers

    real = workers.extract_from_parsed

    def faulty(document, parsed):  # forked workers inherit the patch
        if document.id == "bad":
            raise ZeroDivisionError("division by zero")
        return real(document, parsed)

    monkeypatch.setattr(workers, "extract_from_parsed", faulty)
    result = _in_workers(monkeypatch).check([Document(id=i, text=t, date="2022-02-24") for i, t in DOCS])
    assert {d.id: d.status for d in result.documents} == {"a": "ok", "bad": "error", "b": "ok"}
    assert result.documents[1].error == "internal error while analysing: ZeroDivisionError: division by zero"
    (f,) = result.findings
    assert {ev.doc for ev in f.evidence} == {"a", "b"}


def test_a_worker_that_dies_leaves_its_documents_to_the_main_process(monkeypatch, tmp_path):
    import os

    from factcheck import workers

    real = workers._analyse
    died = tmp_path / "died"

    def dying(nlp, task):
        if any(d.id == "bad" for d, _ in task):
            died.touch()
            os._exit(1)  # as a crash in the parser or the memory killer would end it
        return real(nlp, task)

    monkeypatch.setattr(workers, "_analyse", dying)
    result = _in_workers(monkeypatch).check([Document(id=i, text=t, date="2022-02-24") for i, t in DOCS])
    assert died.exists()  # a worker did die, and the run went on
    assert {d.id: d.status for d in result.documents} == {"a": "ok", "bad": "ok", "b": "ok"}
    assert [f.rule for f in result.findings] == ["numeric-conflict"]


def test_a_parse_that_fails_midway_keeps_the_documents_already_parsed(checker, monkeypatch):
    # documents are extracted while the rest of their chunk is still being parsed: a fault that
    # comes up partway through the stream keeps what was done and traces the rest one by one
    from factcheck import pipeline

    real = pipeline.stream_parsed
    done = []

    def faulty(sentences, nlp, **kwargs):
        for p in real(sentences, nlp, **kwargs):
            if p.sentence.doc == "bad":
                raise ZeroDivisionError("division by zero")
            done.append(p.sentence.doc)
            yield p

    monkeypatch.setattr(pipeline, "stream_parsed", faulty)
    docs = [Document(id=i, text=text, date="2022-02-24") for i, text in
            (("a", JETS_100), ("bad", "They have 90 jets on high alert."), ("b", JETS_80))]
    result = checker.check(docs)
    assert {d.id: d.status for d in result.documents} == {"a": "ok", "bad": "error", "b": "ok"}
    assert done[0] == "a" and done.count("a") == 1  # "a" was kept, not parsed again
    (f,) = result.findings
    assert {ev.doc for ev in f.evidence} == {"a", "b"}


def test_a_cluster_that_crashes_the_judging_is_lost_alone(checker, monkeypatch):
    docs = [Document(id=f"{c}{i}", text=text, date="2022-02-24", cluster=c)
            for c in ("x", "y") for i, text in enumerate((JETS_100, JETS_80))]
    _fail_for(monkeypatch, "run_rules", lambda groups, cluster, rules: any(
        d.cluster == "y" for d in cluster.documents.values()))
    result = checker.check(docs)
    status = {d.id: d.status for d in result.documents}
    assert status == {"x0": "ok", "x1": "ok", "y0": "error", "y1": "error"}
    assert result.documents[2].error.startswith("internal error while comparing cluster 'y': ZeroDivisionError")
    (f,) = result.findings
    assert f.id == "F1" and {ev.doc for ev in f.evidence} == {"x0", "x1"}
    assert {c.doc for c in result.claims} == {"x0", "x1", "y0", "y1"}


# -- property test -------------------------------------------------------------------------------

NUMBERS = ["1e400", "1e309", "1e+1610", "-1e-400", "0", "00", "1,000,000", "1,00", "3/0", "0/0", "1/3",
           ".5", "5.", "1.5bn", "$2 billion", "30%", "120-80", "10 to 5", "two dozen", "a third",
           "seventy-five", "half a dozen", "hundreds of thousands", "one hundred and five", "٣",
           "²", "½", "1e", "e5", "NaN", "inf", "-0", "9" * 40, "2022-02-30", "31/02/2022", "25:61",
           "Feb 30", "February 29, 2023", "10000 BC", "year 99999", "last week", "tomorrow",
           "on Thursday", "P2W", "5 p.m. IST", "1st", "the 3rd", "COVID-19", "F-35", "Article 5"]
WORDS = ["jets", "troops", "people", "killed", "over", "more than", "about", "at least", "NATO",
         "said", "the", "in", "on", "and", "not", "were", "will", "meet", "\n", "\n\n", ".", ",", "(", ")",
         "—", "\u200b", "\t", "é", "日本", "🙂", "'", '"', "-", "/"]
token = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(WORDS),
                  st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6))
texts = st.one_of(st.lists(token, max_size=25).map(" ".join),
                  st.text(max_size=60))
BOUNDED = settings(max_examples=40, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@BOUNDED
@given(text=texts, date=st.sampled_from([None, "2022-02-24", "2022-02", "2014"]))
def test_extract_claims_never_raises_and_spans_are_exact(nlp, text, date):
    claims = extract_claims(text, date=date, nlp=nlp)
    spans_exact(claims, text)


@BOUNDED
@given(a=texts, b=texts)
def test_check_never_raises(checker, a, b):
    docs = [Document(id="a", text=a, date="2022-02-24"), Document(id="b", text=b, date="2022-02-24")]
    result = checker.check(docs)
    assert [d.status for d in result.documents] == ["ok", "ok"], [d.error for d in result.documents]
    by_id = {d.id: d for d in result.documents}
    for c in result.claims:
        assert by_id[c.doc].text[c.start:c.end] == c.text


@BOUNDED
@given(a=texts, b=texts)
def test_compare_never_raises(nlp, a, b):
    if not a.strip() or not b.strip():
        return
    out = compare(a, b, nlp=nlp, options=Options(nli=False))
    assert out["label"] in {"entailment", "neutral", "contradiction"}


# -- an unreadable file, also when the suite runs as root (as CI does) -------------------------

def _as_user() -> list[str]:
    """A prefix that takes away root's power to read any file (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH), so that mode 000 means unreadable; nothing as another user."""
    import os
    import shutil

    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux): cannot drop the capability")
    return ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_an_unreadable_file_is_one_error_and_the_others_are_checked(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    (tmp_path / "a.txt").write_text(HEADER + JETS_100 + "\n")
    (tmp_path / "b.txt").write_text(HEADER + JETS_80 + "\n")
    secret = tmp_path / "secret.txt"
    secret.write_text(HEADER + JETS_80 + "\n")
    secret.chmod(0)
    try:
        proc = subprocess.run([*_as_user(), sys.executable, "-m", "factcheck", "check", ".", "--no-nli",
                               "--format", "json", "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    finally:
        secret.chmod(0o600)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == ["factcheck: error: secret.txt: permission denied"]
    payload = json.loads(proc.stdout)
    assert {d["id"]: d["status"] for d in payload["documents"]} == {"a.txt": "ok", "b.txt": "ok", "secret.txt": "error"}
    assert [f["rule"] for f in payload["findings"]] == ["numeric-conflict"]


def test_a_document_with_no_numbers_or_dates_is_checked_and_says_so(checker):
    # a headline or a list yields no claim: it stays in the result as checked, with a warning
    # that nothing in it was compared, and the reports beside it are compared as before
    docs = [Document(id=i, text=text, date="2022-02-24") for i, text in
            (("a", JETS_100), ("headline", "NATO SUMMIT LIVE"), ("b", JETS_80))]
    result = checker.check(docs)
    by_id = {d.id: d for d in result.documents}
    assert [d.status for d in result.documents] == ["ok", "ok", "ok"]
    assert by_id["headline"].warnings == ["no numbers or dates found: only what its clauses deny is compared (the NLI stage is off)"]
    assert by_id["a"].warnings == [] and by_id["b"].warnings == []
    (f,) = result.findings
    assert {ev.doc for ev in f.evidence} == {"a", "b"}


def test_a_warning_many_documents_share_is_counted_and_errors_keep_their_lines(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(6):  # undated: each warns that its relative dates are not resolved
        (tmp_path / f"r{i}.txt").write_text("They have 100 jets on high alert, he said.\n")
    (tmp_path / "empty.txt").write_text("")
    code = main(["check", ".", "--no-nli", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    lines = err.splitlines()
    named = [line for line in lines if line.startswith("factcheck: warning: r") and "no date" in line]
    assert len(named) == 3
    assert "factcheck: warning: 3 more documents: no date: relative dates are not resolved (the report lists each)" in lines
    assert "factcheck: error: empty.txt: empty file" in lines
    # nothing is lost: the report still lists every document with its warning
    docs = json.loads(out)["documents"]
    assert sum(any("no date" in w for w in d["warnings"]) for d in docs) == 6


def test_the_text_report_on_stdout_says_the_warnings_once(tmp_path, capsys, monkeypatch):
    """In a terminal stdout and stderr interleave: with the text report on stdout, which lists
    every document's warnings, stderr does not repeat them; an unreadable file keeps its
    stderr line."""
    monkeypatch.chdir(tmp_path)
    for i in range(2):
        (tmp_path / f"r{i}.txt").write_text("They have 100 jets on high alert, he said.\n")
    (tmp_path / "empty.txt").write_text("")
    code = main(["check", ".", "--no-nli"])
    out, err = capsys.readouterr()
    assert code == 2
    assert [line for line in out.splitlines() if "no date" in line] == [
        f"r{i}.txt: warning: no date: relative dates are not resolved" for i in range(2)]
    assert "no date" not in err
    assert "factcheck: error: empty.txt: empty file" in err.splitlines()
