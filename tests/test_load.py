"""Loading files, folders, stdin and strings into Documents; bad input becomes error documents."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.load import load_documents, load_text
from factcheck.metadata import NO_DATE_WARNING, parse_date

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
MEANTIME = SHARED / "benchmarks" / "news" / "meantime"

SEED0 = "000_d27642fac88a8c5e.txt"
SEED1 = "001_cf6b84a07b3c0ba3.txt"


def body(doc) -> str:
    return "".join(doc.text[s:e] for s, e in doc.regions())


def by_id(docs):
    return {d.id: d for d in docs}


# ----------------------------------------------------------------------------- seeds


def test_seed_folder_ids_dates_titles():
    docs = load_documents([SEEDS])
    assert [d.id for d in docs] == [SEED0, SEED1]
    d0, d1 = docs
    assert all(d.status == "ok" and d.error is None for d in docs)
    assert d0.date == "2022-02-24" and d0.tz is None
    assert d0.title.startswith("NATO Secretary-General Jens Stoltenberg on Thursday said")
    # the Published-on line (a day) beats the first line's " date 2022-02" (a month)
    assert d1.date == "2022-02-24" and d1.tz == "+05:30"
    assert d1.title.startswith("NATO (North Atlantic Treaty Organization) on Thursday condemned")
    assert d0.warnings == [] and d1.warnings == []


def test_seed_text_is_the_file_and_metadata_is_not_content():
    for doc in load_documents([SEEDS]):
        path = SEEDS / doc.id
        with open(path, encoding="utf-8", newline="") as f:
            assert doc.text == f.read()
        assert doc.verbatim is True
        assert doc.source == str(SEEDS / doc.id)
        content = body(doc)
        assert "date 2022" not in content
        assert "Published on" not in content
        # the headline after the date is content (seed 001 puts its whole lead paragraph there)
        assert doc.text[doc.content[0][0]:].startswith("NATO")
        assert doc.content[0][0] == doc.text.index("NATO")
    d1 = load_documents([SEEDS / SEED1])[0]
    assert d1.text[d1.content[-1][1]:].strip().startswith("Published on:")
    assert d1.text[: d1.content[-1][1]].endswith("We stand united to defend each other.")


def test_file_named_directly_keeps_the_path_as_id():
    given = str(SEEDS / SEED0)
    (doc,) = load_documents([given])
    assert doc.id == given and doc.source == given


def test_crlf_offsets_exact(tmp_path):
    raw = b" date 2022-03 A title\r\n\r\nBody line one.\r\n\r\nPosted on: 2 March 2022 09:00 GMT\r\n"
    (tmp_path / "a.txt").write_bytes(raw)
    (doc,) = load_documents([tmp_path])
    assert doc.text == raw.decode()
    assert doc.date == "2022-03-02" and doc.tz == "+00:00" and doc.title == "A title"
    assert body(doc) == "A title\r\n\r\nBody line one."  # the headline is content


def test_no_extension_is_plain_text_and_date_line_without_space(tmp_path):
    (tmp_path / "README").write_text("date 2021-05 Title here\n\nIt rained.\n", encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert doc.id == "README" and doc.date == "2021-05" and doc.title == "Title here"


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2022-02-24", ("2022-02-24", None)),
        ("2022-02", ("2022-02", None)),
        ("2022", ("2022", None)),
        (2022, ("2022", None)),
        ("2022-02-24T17:40:00+05:30", ("2022-02-24", "+05:30")),
        ("2022-02-24T09:00:00Z", ("2022-02-24", "+00:00")),
        ("2022-02-24 09:00 EST", ("2022-02-24", "-05:00")),
        ("Thursday, February 24, 2022, 05:40 PM IST", ("2022-02-24", "+05:30")),
        ("24 Feb 2022 10:30 GMT", ("2022-02-24", "+00:00")),
        ("Feb. 3rd, 2021", ("2021-02-03", None)),
        ("February 2022", ("2022-02", None)),
        ("yesterday", (None, None)),
        ("2022-13-01", (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_objects():
    import datetime as dt

    assert parse_date(dt.date(2022, 2, 24)) == ("2022-02-24", None)
    tz = dt.timezone(dt.timedelta(hours=-4))
    assert parse_date(dt.datetime(2022, 2, 24, 23, 0, tzinfo=tz)) == ("2022-02-24", "-04:00")


def test_no_date_is_ok_with_warning(tmp_path):
    (tmp_path / "a.txt").write_text("Something happened.\n", encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert doc.status == "ok" and doc.date is None
    assert doc.warnings == [NO_DATE_WARNING]
    assert doc.content == [(0, len("Something happened."))]


def test_disagreeing_dates_warn(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2022-02-24 T\n\nBody.\n\nPublished: 25 February 2022\n", encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert doc.date == "2022-02-24"  # equal precision: the first line wins
    assert any("dates disagree" in w for w in doc.warnings)


def test_updated_line_does_not_beat_published(tmp_path):
    text = "Body.\n\nUpdated on: March 1, 2022\nPublished on: February 27, 2022\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert doc.date == "2022-02-27"
    assert body(doc) .endswith("Body.")


@pytest.mark.parametrize(
    "text",
    ["Posted on Twitter, the video shows 40 tanks.", "Posted on May 5, 2022, the video shows 40 tanks."],
)
def test_posted_sentence_in_body_is_content(tmp_path, text):
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert body(doc) == text and doc.date is None


@pytest.mark.parametrize(
    "line,date,tz",
    [
        ("Published: 24 Feb 2022 | By Reuters", "2022-02-24", None),
        ("Updated: 2022-02-25T10:00:00Z", "2022-02-25", "+00:00"),
        ("Published 2022-02-24 at 5.40 pm (GMT+5:30)", "2022-02-24", "+05:30"),
        ("Posted on: Feb 24, 2022 15:00 EST.", "2022-02-24", "-05:00"),
    ],
)
def test_published_line_variants(line, date, tz):
    doc = load_text(f"Body.\n\n{line}\n")
    assert (doc.date, doc.tz) == (date, tz)
    assert body(doc) .endswith("Body.")


# ----------------------------------------------------------------------------- load_text


def test_load_text_parses_date_line():
    doc = load_text(" date 2022-02-24 Headline\n\nNATO put 100 jets on alert.")
    assert doc.id == "text" and doc.date == "2022-02-24" and doc.title == "Headline"
    assert body(doc) == "Headline\n\nNATO put 100 jets on alert."


def test_load_text_date_argument():
    doc = load_text("NATO put 100 jets on alert.", id="x", date="2022-02-24T10:00:00+01:00")
    assert doc.id == "x" and doc.date == "2022-02-24" and doc.tz == "+01:00"
    assert doc.warnings == []
    assert load_text("Text.", date="2022-02").date == "2022-02"
    assert load_text("").status == "error"


# ----------------------------------------------------------------------------- markdown, html


def test_markdown_front_matter():
    (doc,) = load_documents([DATA / "report.md"])
    assert doc.id == "wire-nato-1"  # the front matter's id
    assert doc.date == "2022-02-24" and doc.tz == "+01:00"
    assert doc.title == "NATO puts jets on high alert"
    assert doc.source == "example-wire" and doc.cluster == "nato"
    assert doc.verbatim and doc.text == (DATA / "report.md").read_text(encoding="utf-8")
    content = body(doc)
    assert content.startswith("# NATO puts jets on high alert")
    assert "title:" not in content and "---" not in content


def test_markdown_bad_front_matter(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2022-02\n---\nBody.\n", encoding="utf-8")
    a, b = load_documents([tmp_path])
    assert a.status == "error" and "malformed front matter" in a.error
    assert b.status == "ok" and b.date == "2022-02" and body(b) .endswith("Body.")


def test_html_main_text_without_boilerplate():
    (doc,) = load_documents([DATA / "article.html"])
    assert doc.status == "ok" and doc.verbatim is False
    assert doc.title == "NATO condemns Russia's invasion of Ukraine"
    assert doc.date == "2022-02-24" and doc.tz == "+05:30"
    assert "more than 100 jets on high alert" in doc.text
    assert "Secretary-General Jens Stoltenberg said the alliance" in doc.text
    for junk in ("Subscribe", "recipes", "Copyright", "tracking"):
        assert junk not in doc.text
    assert "\n\n" in doc.text  # paragraphs separated by blank lines


def test_html_fallback_without_trafilatura(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    (doc,) = load_documents([DATA / "article.html"])
    assert doc.status == "ok"
    assert "more than 100 jets on high alert" in doc.text
    assert "Secretary-General Jens Stoltenberg said the alliance" in doc.text  # inline tags stay in line
    assert doc.text.startswith("NATO condemns Russia's invasion of Ukraine\n\nNATO on Thursday")
    assert "Subscribe" not in doc.text and "Copyright" not in doc.text and "tracking" not in doc.text
    assert doc.date == "2022-02-24" and doc.tz == "+05:30"
    assert any("trafilatura" in w for w in doc.warnings)


# ----------------------------------------------------------------------------- records


def test_jsonl_records(tmp_path):
    lines = [
        {"id": "a", "text": "One.", "date": "2022-02-24", "cluster": "c1", "source": "Wire", "title": "T"},
        {"id": 7, "text": "Two.", "date": "2022-02-24T23:30:00-05:00", "cluster": "c1"},
        {"text": "Three."},
    ]
    p = tmp_path / "r.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    docs = load_documents([tmp_path])
    assert [d.id for d in docs] == ["a", "7", "r.jsonl#3"]
    a, b, c = docs
    assert (a.date, a.cluster, a.source, a.title) == ("2022-02-24", "c1", "Wire", "T")
    assert (b.date, b.tz) == ("2022-02-24", "-05:00")
    assert c.date is None and NO_DATE_WARNING in c.warnings and c.source == str(p)
    assert all(d.verbatim is False and d.status == "ok" for d in docs)


def test_json_shapes(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "x", "text": "X.", "date": "2022-02"}), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([{"id": "y", "text": "Y."}, {"text": "Z."}]), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"documents": [{"id": "w", "text": "W.", "cluster": "k"}]}), encoding="utf-8")
    docs = by_id(load_documents([tmp_path]))
    assert set(docs) == {"x", "y", "list.json#2", "w"}
    assert docs["x"].date == "2022-02"
    assert docs["w"].cluster == "k"


def test_csv_records(tmp_path):
    (tmp_path / "r.csv").write_text(
        'id,text,date,cluster\n007,"NATO put 100 jets, on alert.",2022-02-24,c\n,Second.,,\n', encoding="utf-8"
    )
    a, b = load_documents([tmp_path])
    assert a.id == "007" and a.text == "NATO put 100 jets, on alert." and a.date == "2022-02-24" and a.cluster == "c"
    assert b.id == "r.csv#2" and b.date is None and b.cluster is None


def test_record_date_line_in_text_is_metadata():
    stream = io.StringIO(json.dumps({"id": "s", "text": " date 2022-02-24 Head\n\nBody."}))
    (d,) = load_documents(["-"], stdin=stream)
    assert d.date == "2022-02-24" and body(d) .endswith("Body.")


# ----------------------------------------------------------------------------- stdin


def test_stdin_plain():
    (doc,) = load_documents(["-"], stdin=io.StringIO(" date 2022-02-24 T\n\nBody.\n"))
    assert doc.id == "stdin" and doc.source == "<stdin>" and doc.date == "2022-02-24" and body(doc) .endswith("Body.")


def test_stdin_jsonl_and_json():
    jsonl = '{"id": "a", "text": "A."}\n{"id": "b", "text": "B."}\n'
    assert [d.id for d in load_documents(["-"], stdin=io.StringIO(jsonl))] == ["a", "b"]
    arr = json.dumps([{"text": "A."}])
    assert [d.id for d in load_documents(["-"], stdin=io.StringIO(arr))] == ["stdin#1"]


def test_stdin_bytes_buffer_keeps_crlf():
    raw = b"Line one.\r\n\r\nLine two.\r\n"
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    (doc,) = load_documents(["-"], stdin=stream)
    assert doc.text == raw.decode()


def test_stdin_empty():
    (doc,) = load_documents(["-"], stdin=io.StringIO("  \n"))
    assert doc.status == "error" and "empty" in doc.error


# ----------------------------------------------------------------------------- bad input


def test_bad_inputs_become_error_documents(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(" date 2022-02-24 Good\n\nFine.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9 au lait.".encode("latin-1"))
    (tmp_path / "onlymeta.txt").write_text(" date 2022-02-24\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"id": "x", "text": "a",\n  "date": }', encoding="utf-8")
    (tmp_path / "notext.json").write_text('[{"id": "nt", "body": "no text key"}]', encoding="utf-8")
    (tmp_path / "emptytext.json").write_text('[{"id": "et", "text": "  "}]', encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"id": "ok1", "text": "A."}\n{broken\n{"id": "nt2"}\n', encoding="utf-8")
    (tmp_path / "bad.csv").write_text('id,text\n1,"unclosed\n', encoding="utf-8")
    (tmp_path / "notext.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    missing = tmp_path / "missing.txt"

    docs = load_documents([tmp_path, missing])
    d = by_id(docs)
    assert d["good.txt"].status == "ok" and d["good.txt"].date == "2022-02-24"
    assert d["ok1"].status == "ok"
    expected = {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "binary.txt": "binary file (NUL byte at byte 3)",
        "latin1.txt": "not valid UTF-8 at byte 3",
        "onlymeta.txt": "no article text",
        "bad.json": "malformed JSON at line 2, column 11",
        "nt": "has no 'text' field",
        "et": "empty text",
        "lines.jsonl#2": "malformed JSON on line 2",
        "nt2": "line 3 has no 'text' field",
        "bad.csv": "malformed CSV",
        "notext.csv": "no 'text' column",
        "image.png": "unsupported file type '.png'",
        str(missing): "no such file or directory",
    }
    for id, message in expected.items():
        assert d[id].status == "error", id
        assert message in d[id].error, (id, d[id].error)
        assert "\n" not in d[id].error
    assert len(docs) == len(expected) + 2


def test_unreadable_file_reported(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text("x", encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    (doc,) = load_documents([p])
    assert doc.status == "error" and doc.error == "permission denied" and doc.id == str(p)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("x", encoding="utf-8")
    p.chmod(0)
    try:
        (doc,) = load_documents([p])
        assert doc.status == "error" and "permission denied" in doc.error
    finally:
        p.chmod(0o600)


def test_utf8_bom_and_utf16(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeff date 2022-02-24 T\n\nBody.".encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes("Body sixteen.".encode("utf-16"))
    bom, u16 = load_documents([tmp_path])
    assert bom.date == "2022-02-24" and bom.text.startswith(" date") and body(bom) .endswith("Body.")
    assert u16.status == "ok" and u16.text == "Body sixteen." and any("UTF-16" in w for w in u16.warnings)


def test_empty_folder_alone_raises(tmp_path):
    with pytest.raises(FactcheckError, match="no documents found"):
        load_documents([tmp_path])
    with pytest.raises(FactcheckError):
        load_documents([])


def test_empty_folder_with_other_input_is_an_error_document(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    docs = load_documents([empty, SEEDS / SEED0])
    assert docs[0].status == "error" and "no documents found" in docs[0].error
    assert docs[1].status == "ok"


# ----------------------------------------------------------------------------- folders


def test_folder_recursive_sorted_hidden_skipped_cluster_from_subfolder(tmp_path):
    for rel in ["b/2.txt", "a/1.txt", "a/sub/3.txt", "0.txt", ".hidden.txt", ".git/x.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("Body.\n", encoding="utf-8")
    docs = load_documents([tmp_path])
    assert [d.id for d in docs] == ["0.txt", "a/1.txt", "a/sub/3.txt", "b/2.txt"]
    assert [d.cluster for d in docs] == [None, "a", "a/sub", "b"]


def test_duplicate_ids_get_a_suffix(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("Body.\n", encoding="utf-8")
    (tmp_path / "r.jsonl").write_text('{"id": "a.txt", "text": "T."}\n', encoding="utf-8")
    docs = load_documents([tmp_path / "x", tmp_path / "y", tmp_path / "r.jsonl"])
    assert [d.id for d in docs] == ["a.txt", "a.txt~2", "a.txt~3"]
    assert any("duplicate id 'a.txt'" in w for w in docs[1].warnings)
    assert not any("duplicate" in w for w in docs[0].warnings)


def test_include_exclude(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "s")
    (tmp_path / "s" / "notes.md").write_text("Notes.\n", encoding="utf-8")
    (tmp_path / "s" / "sub").mkdir()
    (tmp_path / "s" / "sub" / "002.txt").write_text("Body.\n", encoding="utf-8")
    ids = lambda **kw: [d.id for d in load_documents([tmp_path / "s"], **kw)]  # noqa: E731
    assert ids(include=["*.txt"]) == [SEED0, SEED1, "sub/002.txt"]
    assert ids(include=["0*.txt"]) == [SEED0, SEED1, "sub/002.txt"]  # no "/": file name matches
    assert ids(include=["sub/*"]) == ["sub/002.txt"]
    assert ids(exclude=["*.md", "001_*"]) == [SEED0, "sub/002.txt"]
    docs = load_documents([tmp_path / "s", SEEDS / SEED0], include=["nothing*"])
    assert docs[0].status == "error" and "matching --include/--exclude" in docs[0].error
    assert docs[1].status == "ok"  # a file named directly is not filtered


# ----------------------------------------------------------------------------- shared benchmark


@pytest.mark.skipif(not MEANTIME.is_dir(), reason="shared benchmark data not available")
def test_meantime_folder():
    docs = load_documents([MEANTIME])
    assert len(docs) == 119
    assert all(d.status == "ok" and d.date for d in docs)
    assert {d.cluster for d in docs} == {"corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"}
    assert len({d.id for d in docs}) == 119
    assert all(d.title and "date" not in body(d)[:5] for d in docs)


@pytest.mark.skipif(not (MEANTIME.parent / "meantime.jsonl").is_file(), reason="shared benchmark data not available")
def test_meantime_jsonl_matches_folder():
    docs = load_documents([MEANTIME.parent / "meantime.jsonl"])
    assert len(docs) == 120 and all(d.status == "ok" for d in docs)
    assert sum(1 for d in docs if d.date) == 119
    if MEANTIME.is_dir():
        folder = {Path(d.id).stem: d for d in load_documents([MEANTIME])}
        for d in docs:
            if d.id in folder:
                assert folder[d.id].date == d.date and folder[d.id].cluster == d.cluster


def test_reader_crash_is_contained(tmp_path, monkeypatch):
    import factcheck.load as load

    def boom(*args):
        raise RuntimeError("reader exploded\nsecond line")

    monkeypatch.setitem(load.READERS, ".txt", boom)
    (tmp_path / "a.txt").write_text("Body.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Body.", encoding="utf-8")
    a, b = load_documents([tmp_path])
    assert a.status == "error" and a.error == "cannot read: RuntimeError: reader exploded"
    assert b.status == "ok"


def test_deeply_nested_json_does_not_raise(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert doc.status == "error"


def test_invalid_utf8_names_the_file_byte_and_line(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfFirst line.\nCaf\xe9.\n")
    (doc,) = load_documents([tmp_path])
    assert doc.status == "error"
    assert doc.error.startswith("not valid UTF-8 at byte 18 (line 2)")


@pytest.mark.parametrize("text, date, body", [
    ("Updated: November 11, 2011 20:09 IST The Indian Navy thwarted an attack.", "2011-11-11",
     "The Indian Navy thwarted an attack."),
    ("Posted 11/27/2005 7:21 AM Updated 11/27/2005 3:41 PM An earthquake shook Iran.", "2005-11-27",
     "An earthquake shook Iran."),
    ("April 10, 2007-7:07AM A man was arrested.", "2007-04-10", "A man was arrested."),
    # a headline, then the page's stamp with an "@" before the clock
    ("DeGeneres To Host Oscars Friday August 2, 2013 @ 8:13am PDT It will be her second stint.",
     "2013-08-02", "DeGeneres To Host Oscars | It will be her second stint."),
    # a clock before the date, a comma between; a clock in "hrs"
    ("10:24 AM, MON 22 JUL 2013 Police are investigating a fire.", "2013-07-22", "Police are investigating a fire."),
    ("Sat Nov 12 2011,01:19 hrs Warship INS Sukanya foiled an attack.", "2011-11-12",
     "Warship INS Sukanya foiled an attack."),
    ("Published: 2012.08.08 09:01 AM A fire on Tuesday destroyed the building.", "2012-08-08",
     "A fire on Tuesday destroyed the building."),
    ("The trial starts Monday. Monday, Sep 10, 2012 | Updated 9:01 AM The jury is seated.", "2012-09-10",
     "The trial starts Monday. | The jury is seated."),
    # a blog byline names the category the post is filed under
    ("posted in Hit and Run Accidents on Friday, September 20, 2013. The driver fled.", "2013-09-20",
     "The driver fled."),
    # a dateline after a headline run into the text, with no stop between
    ("Man Charged with Murdering Sheriff's Deputy July 26, 2005 District Attorney Steve Cooley spoke.",
     "2005-07-26", "Man Charged with Murdering Sheriff's Deputy | District Attorney Steve Cooley spoke."),
    ("Since March 11, 2005 Nichols has been in jail.", None, "Since March 11, 2005 Nichols has been in jail."),
    # "Published time:", "Edited time:"; a clock that ends the stamp before the text goes on
    ("Published time: March 12, 2013 02:03 Edited time: March 13, 2013 02:15 Police intervened after a vigil.",
     "2013-03-12", "Police intervened after a vigil."),
    # a dateline's place before its date, at the start of the text
    ("WASHINGTON, DC, April 28, 2009 The Obama administration today revoked a rule.", "2009-04-28",
     "The Obama administration today revoked a rule."),
    ("In Washington, DC, April 28, 2009 was a warm day.", None, "In Washington, DC, April 28, 2009 was a warm day."),
    # a scraped page's stamps run together before the lead
    ("on Jul 7 2012,5:55p Wladimir Klitschko won his fight.", "2012-07-07", "Wladimir Klitschko won his fight."),
    ("POSTED: 1052 GMT (1852 HKT), April 10, 2007 A Michigan man shot two people.", "2007-04-10",
     "A Michigan man shot two people."),
    ("on April 30, 2008 at 4:31 AM, updated April 30, 2008 at 8:33 AM A jury convicted a man.", "2008-04-30",
     "A jury convicted a man."),
    ("Jul. 7 5:59 PM EDT Klitschko stopped Thompson.", None, "Klitschko stopped Thompson."),  # no year: no date
    ("8:24am: Silverman believes it to be for eight years.", None, "Silverman believes it to be for eight years."),
    # "Article posted on", a day-first date with dots (8 July, not 7 August)
    ("Article posted on 08.07.2012 Heavyweight champion Wladimir Klitschko won.", "2012-07-08",
     "Heavyweight champion Wladimir Klitschko won."),
    # a lead that opens with its own date or clock stays text
    ("On December 15, 2008, Boston offered him $200 million.", None,
     "On December 15, 2008, Boston offered him $200 million."),
    ("At 9.25 a.m. Navy personnel spotted five boats.", None, "At 9.25 a.m. Navy personnel spotted five boats."),
    # dates inside clauses are claims, not timestamps
    ("He posted in the Forum on September 20, 2013, that the car was red.", None,
     "He posted in the Forum on September 20, 2013, that the car was red."),
    ("On May 3, 2013, the court ruled that 5 men were guilty.", None,
     "On May 3, 2013, the court ruled that 5 men were guilty."),
    ("Posted on May 5, 2022, the video shows 40 tanks.", None, "Posted on May 5, 2022, the video shows 40 tanks."),
])
def test_timestamps_in_running_text_date_the_document_and_are_not_content(text, date, body):
    doc = load_text(text)
    assert doc.date == date
    assert " | ".join(doc.text[s:e] for s, e in doc.content) == body


def test_timestamps_are_searched_near_their_digits_with_the_same_matches():
    # the scan tries the pattern only around years, d/m/y dates and clock times; what it finds
    # must be what the pattern finds over the whole text, however far apart the stamps sit
    from factcheck.metadata import _STAMP_RE, _stamp_matches

    stamps = ["Updated: November 11, 2011 20:09 IST", "Posted 11/27/2005 7:21 AM",
              "posted in Hit and Run Accidents And Other Things on Friday, September 20, 2013 | 08:06AM PT",
              "8:13 AM PDT 8/2/2013", "Monday, Sep 10, 2012 | Updated 9:01 AM", "2013-04-28"]
    fillers = ["", " ", "The navy said 80 jets flew. " * 3, "x" * 399, "y" * 401, "z" * 2000]
    for i, filler in enumerate(fillers):
        text = filler.join(["", *stamps[i:], *stamps[:i], ""]) + " The End."
        whole = [(m.start(), m.end()) for m in _STAMP_RE.finditer(text, 0, len(text))]
        assert whole and [(m.start(), m.end()) for m in _stamp_matches(text, 0, len(text))] == whole
    # a text without a year, a date or a clock has no timestamp, and no window to search
    assert list(_stamp_matches("They have 80 jets on high alert. " * 1000, 0, 33_000)) == []


def test_record_fields_named_by_the_user_are_read_under_factchecks_names(tmp_path):
    """An archive keeps its own keys (Options.fields): the named key is read, a key of
    factcheck's own name that a named one replaces is not, and a missing or null named key is
    one error naming that key."""
    fields = {"text": "body", "id": "article_id", "date": "published_at", "title": "headline"}
    (tmp_path / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"article_id": "w1", "body": "Ten people died.", "published_at": "2022-02-24", "headline": "Toll",
         "text": "Not this one.", "desk": "world"},
        {"article_id": "w2", "body": None},
        {"article_id": "w3"},
    ]) + "\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("article_id,body\nc1,Nine people died.\n", encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"article_id": "j1", "body": "Eight died."}), encoding="utf-8")
    (tmp_path / "page.md").write_text("---\nheadline: A page\npublished_at: 2021-05-04\n---\nSeven died.\n",
                                      encoding="utf-8")
    d = by_id(load_documents([tmp_path], fields=fields))
    w1 = d["w1"]
    assert (w1.status, w1.text, w1.date, w1.title) == ("ok", "Ten people died.", "2022-02-24", "Toll")
    assert w1.fields.get("desk") == "world" and "body" not in w1.fields and "text" not in w1.fields
    assert d["w2"].status == "error" and d["w2"].error == "line 2: 'body' is null"
    assert d["w3"].status == "error" and d["w3"].error == "line 3 has no 'body' field"
    assert d["c1"].text == "Nine people died." and d["j1"].text == "Eight died."
    assert (d["page.md"].title, d["page.md"].date) == ("A page", "2021-05-04")
    # without the mapping the same files are read by factcheck's own names, and say what is missing
    plain = by_id(load_documents([tmp_path]))
    assert plain["wire.jsonl#1"].text == "Not this one."
    assert "its columns: 'article_id', 'body'" in plain["rows.csv"].error and "--field text=" in plain["rows.csv"].error
