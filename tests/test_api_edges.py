"""API edges: DataFrames keep their columns when empty, a bad table name is a ValueError that
names the valid ones, and CSV offsets are integers."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import factcheck
from factcheck.cli import main
from factcheck.types import CheckResult, Document, Evidence, Finding


def empty():
    return CheckResult([Document(id="a", text="Nothing here.")])


@pytest.mark.parametrize("table, some", [
    ("claims", {"id", "doc", "start", "end", "text", "value", "unit", "type", "begin", "until"}),
    ("findings", {"id", "rule", "severity", "message", "score", "evidence"}),
    ("agreements", {"id", "kind", "outcome", "evidence"}),
    ("single_source", {"id", "kind", "outcome"}),
    ("documents", {"id", "source", "date", "status", "error"}),
])
def test_empty_tables_have_their_columns(table, some):
    frame = empty().to_dataframe(table)
    assert some <= set(frame.columns)
    assert len(frame) == (1 if table == "documents" else 0)


def test_unknown_table_is_a_value_error_naming_the_valid_ones():
    with pytest.raises(ValueError, match="unknown table 'bogus'") as e:
        empty().to_dataframe("bogus")
    for name in ("documents", "claims", "findings", "agreements", "single_source"):
        assert repr(name) in str(e.value)


def test_claim_offsets_are_integers(checker, seed_dir):
    from factcheck.load import load_documents

    frame = checker.check(load_documents([seed_dir])).to_dataframe("claims")
    assert len(frame) and str(frame["start"].dtype) == "Int64"
    assert (frame["end"] > frame["start"]).all()


def test_csv_offsets_are_integers_even_with_missing_claim_offsets():
    from factcheck.report import render

    doc = Document(id="a", text="x" * 100)
    with_claim = Evidence("a", 10, 70, "x" * 60, claim="a#q1", claim_start=20, claim_end=25)
    without = Evidence("a", 60, 90, "x" * 30)
    result = CheckResult([doc], findings=[Finding("F1", "contradiction", "error", "m", 0.9, [with_claim, without])])
    text = render("csv", result)
    assert ".0" not in text
    rows = pd.read_csv(io.StringIO(text))
    assert list(rows["start"]) == [10, 60] and rows["claim_start"].tolist()[0] == 20


def test_extract_csv_has_integer_offsets(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("date: 2022-02-24\n\nThey have 80 jets. NATO will meet tomorrow.\n")
    assert main(["extract", str(tmp_path / "a.txt"), "--format", "csv"]) == 0
    text = capsys.readouterr().out
    header, *lines = text.splitlines()
    cols = header.split(",")
    assert lines and {"start", "end", "value", "type"} <= set(cols)
    rows = pd.read_csv(io.StringIO(text))
    assert rows["start"].dtype.kind == "i" and rows["sentence_end"].dtype.kind == "i"
    assert all("." not in line.split(",")[cols.index("start")] for line in lines)


def test_extract_json_of_a_missing_file_lists_it(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "--format", "json"]) == 2
    payload = json.loads(capsys.readouterr().out)
    assert payload["claims"] == [] and payload["documents"][0]["status"] == "error"


def test_compare_without_the_model_decides_by_numbers_dates_and_wording(nlp):
    from factcheck.api import compare

    conflict = compare("NATO has over 100 jets on high alert.", "NATO has 70 jets on high alert.", nli=False, nlp=nlp)
    quiet = compare("NATO has over 100 jets on high alert.", "NATO has 120 jets on high alert.", nli=False, nlp=nlp)
    assert conflict["label"] == "contradiction" and conflict["scores"] is None
    assert quiet["label"] != "contradiction"


def test_check_reads_records_by_the_fields_named(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text('{"uid": "a", "body": "The army has 100 tanks."}\n{"uid": "b", "body": "The army has 40 tanks."}\n',
                    encoding="utf-8")
    plain = factcheck.check([path], nli=False, cluster="none")
    assert [d.status for d in plain.documents] == ["error", "error"]
    named = factcheck.check([path], nli=False, cluster="none", fields={"text": "body", "id": "uid"})
    assert [(d.id, d.status) for d in named.documents] == [("a", "ok"), ("b", "ok")]
    assert [f.rule for f in named.findings] == ["numeric-conflict"]
