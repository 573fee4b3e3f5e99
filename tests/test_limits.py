"""Limits: a document over max-document-chars is checked up to there, a sentence over
max-sentence-chars is parsed in pieces; both warn, naming the document."""

from __future__ import annotations

from factcheck.cli import main
from factcheck.limits import clip_document, split_long_sentences
from factcheck.options import Options
from factcheck.pipeline import Checker
from factcheck.segment import split_sentences
from factcheck.types import Document

SENTENCE = "They have 80 jets on high alert to protect the airspace. "


def test_a_long_document_is_checked_up_to_the_limit_with_a_warning(nlp):
    text = SENTENCE * 100 + "At the very end they had 999 tanks."
    doc = Document(id="big", text=text, date="2022-02-24")
    checker = Checker(Options(nli=False, max_document_chars=1_000), nlp=nlp)
    result = checker.check([doc])
    assert doc.status == "ok"
    assert result.claims and max(c.end for c in result.claims) <= 1_000
    assert not any(c.value == 999 for c in result.claims if c.kind == "quantity")
    (warning,) = doc.warnings
    assert "max-document-chars (1,000)" in warning and f"{len(text):,} characters" in warning
    for c in result.claims:
        assert text[c.start:c.end] == c.text


def test_clip_cuts_at_whitespace_and_keeps_offsets():
    doc = Document(id="d", text="12345 " * 50)
    view = clip_document(doc, 100)
    ((a, b),) = view.regions()
    assert a == 0 and 50 <= b <= 100 and doc.text[b] == " "
    assert view.text is doc.text and doc.content is None  # the original is untouched but for the warning
    assert clip_document(Document(id="s", text="short"), 100).warnings == []


def test_a_long_sentence_is_parsed_in_pieces_with_a_warning(nlp):
    line = "; ".join(f"unit {i} has {i + 10} jets" for i in range(1_000))  # one 'sentence', no stop
    doc = Document(id="line", text=line, date="2022-02-24")
    sentences = split_long_sentences(doc, split_sentences(doc), 500)
    assert len(sentences) > 1 and all(s.end - s.start <= 500 for s in sentences)
    for s in sentences:
        assert line[s.start:s.end] == s.text
    assert "max-sentence-chars (500)" in doc.warnings[0] and f"{len(line):,}" in doc.warnings[0]

    doc = Document(id="line", text=line, date="2022-02-24")
    result = Checker(Options(nli=False, max_sentence_chars=500), nlp=nlp).check([doc])
    values = {c.value for c in result.claims if c.kind == "quantity"}
    assert {10.0, 1009.0} <= values  # the first and the last piece were both read
    for c in result.claims:
        assert line[c.start:c.end] == c.text


def test_cli_warns_naming_the_document_and_limits_come_from_config(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text("max-document-chars = 500\nmax-sentence-chars = 200\n")
    (tmp_path / "big.txt").write_text("date: 2022-02-24\n\n" + SENTENCE * 40, encoding="utf-8")
    code = main(["check", "big.txt", "--no-nli"])
    out, err = capsys.readouterr()
    assert code == 0
    # the text report on stdout names the document and the limit (stderr does not repeat it)
    warnings = [line for line in out.splitlines() if line.startswith("big.txt: warning:")]
    assert len(warnings) == 1 and "max-document-chars (500)" in warnings[0]
    assert "max-document-chars" not in err
