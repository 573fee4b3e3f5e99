"""factcheck in CI: exit codes, several formats in one run, baselines, suppressions, the cache.

End-to-end tests run the real pipeline with --no-nli on two small dated reports; the exit-code
contract is also pinned with a stubbed Checker so that it does not depend on the extractors.
"""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck.cache import DB_NAME, ScoreCache
from factcheck.cli import main
from factcheck.types import CheckResult, Document, Evidence, Finding

HEADER = "date: 2022-02-24\n\n"
JETS_100 = "They have over 100 jets on high alert to protect the airspace."
JETS_80 = "They have 80 jets on high alert to protect the airspace."


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository folder (with .git) as the working directory, with no config file."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def run(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- exit codes, end to end --------------------------------------------------------------------

def test_clean_inputs_exit_0(repo, capsys):
    write(repo / "a.txt", HEADER + JETS_80 + "\n")
    write(repo / "b.txt", HEADER + "Officials said " + JETS_80[0].lower() + JETS_80[1:] + "\n")
    code, out, err = run(capsys, "a.txt", "b.txt", "--no-nli")
    assert code == 0, out + err


def test_conflicting_inputs_exit_1(repo, capsys):
    write(repo / "a.txt", HEADER + JETS_100 + "\n")
    write(repo / "b.txt", HEADER + JETS_80 + "\n")
    code, out, err = run(capsys, "a.txt", "b.txt", "--no-nli")
    assert code == 1, out + err
    assert "numeric-conflict" in out
    code, out, err = run(capsys, "a.txt", "b.txt", "--no-nli", "--fail-on", "none")
    assert code == 0


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty"),
    ("latin1.txt", b"They have \xff\xfe 80 jets.\n", "UTF-8"),
    ("broken.json", b'{"text": "x",', "malformed JSON"),
])
def test_broken_input_exits_2_with_one_line_naming_the_file(repo, capsys, name, content, message):
    write(repo / name, content)
    code, out, err = run(capsys, name, "--no-nli")
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("factcheck: error:")]
    assert len(errors) == 1
    assert name in errors[0] and message in errors[0]
    assert "Traceback" not in err


def test_missing_file_and_bad_usage_exit_2(repo, capsys):
    code, _, err = run(capsys, "nope.txt", "--no-nli")
    assert code == 2 and "nope.txt" in err
    code, _, err = run(capsys, "a.txt", "--fail-on", "fatal")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_bad_config_exits_2(repo, capsys):
    write(repo / "factcheck.toml", "[rules]\nnumeric-conflict = \"fatal\"\n")
    write(repo / "a.txt", HEADER + JETS_80 + "\n")
    code, _, err = run(capsys, "a.txt", "--no-nli")
    assert code == 2
    assert err.strip() == ("factcheck: error: factcheck.toml: bad value for 'rules.numeric-conflict': "
                           "expected one of 'error', 'warning', 'info', 'off' (got 'fatal')")


# -- exit codes with a stubbed checker ---------------------------------------------------------

def _stub(monkeypatch, findings, documents=None, exc=None):
    from factcheck import pipeline

    def check(self, docs):
        if exc is not None:
            raise exc
        return CheckResult(documents=documents or list(docs), findings=list(findings))

    monkeypatch.setattr(pipeline.Checker, "check", check)


def _finding(severity="error", rule="numeric-conflict"):
    ev = Evidence(doc="a.txt", start=18, end=18 + len(JETS_80), text=JETS_80)
    return Finding("F1", rule, severity, "a.txt and b.txt disagree", 0.9, [ev])


@pytest.mark.parametrize("severity, fail_on, expected", [
    ("error", None, 1), ("warning", None, 0), ("warning", "warning", 1), ("info", "warning", 0),
    ("info", "info", 1), ("error", "none", 0),
])
def test_fail_on_threshold(repo, capsys, monkeypatch, severity, fail_on, expected):
    write(repo / "a.txt", HEADER + JETS_80 + "\n")
    _stub(monkeypatch, [_finding(severity)])
    argv = ["a.txt", "--no-nli"] + (["--fail-on", fail_on] if fail_on else [])
    assert run(capsys, *argv)[0] == expected


def test_fail_on_from_config(repo, capsys, monkeypatch):
    write(repo / "a.txt", HEADER + JETS_80 + "\n")
    write(repo / "factcheck.toml", 'fail-on = "warning"\n')
    _stub(monkeypatch, [_finding("warning")])
    assert run(capsys, "a.txt", "--no-nli")[0] == 1
    assert run(capsys, "a.txt", "--no-nli", "--fail-on", "error")[0] == 0  # the flag wins


def test_crash_exits_2_not_1(repo, capsys, monkeypatch):
    write(repo / "a.txt", HEADER + JETS_80 + "\n")
    _stub(monkeypatch, [], exc=RuntimeError("boom"))
    code, _, err = run(capsys, "a.txt", "--no-nli")
    assert code == 2
    assert "internal error: RuntimeError: boom" in err and len(err.strip().splitlines()) == 1


# -- several formats in one run ----------------------------------------------------------------

def test_sarif_junit_github_and_md_in_one_run(repo, capsys, monkeypatch):
    write(repo / "news" / "a.txt", HEADER + JETS_100 + "\n")
    write(repo / "news" / "b.txt", HEADER + JETS_80 + "\n")
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys, "news", "--no-nli", "--format", "sarif", "--output", "out/x.sarif",
                       "--format", "junit", "--output", "out/junit.xml", "--format", "md",
                       "--output", "out/report.md", "--format", "github")
    assert code == 1
    log = json.loads((repo / "out" / "x.sarif").read_text(encoding="utf-8"))
    (res,) = log["runs"][0]["results"]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a.txt"
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert ET.parse(repo / "out" / "junit.xml").getroot().find(".//failure") is not None
    assert (repo / "out" / "report.md").read_text(encoding="utf-8").startswith("# factcheck report")
    assert out.startswith("::error file=news/a.txt,line=3,col=11,")
    assert "numeric-conflict" in summary.read_text(encoding="utf-8")


# -- baseline ----------------------------------------------------------------------------------

def test_baseline_round_trip(repo, capsys):
    write(repo / "news" / "a.txt", HEADER + JETS_100 + "\n")
    write(repo / "news" / "b.txt", HEADER + JETS_80 + "\n")
    assert main(["baseline", "create", "news", "--no-nli", "--output", ".factcheck-baseline.json"]) == 0
    capsys.readouterr()
    data = json.loads((repo / ".factcheck-baseline.json").read_text(encoding="utf-8"))
    (entry,) = data["findings"]
    assert entry["rule"] == "numeric-conflict" and entry["message"] and len(entry["fingerprint"]) == 32

    code, out, err = run(capsys, "news", "--no-nli", "--baseline", ".factcheck-baseline.json", "-f", "jsonl")
    assert code == 0 and out == ""
    assert "1 finding(s) suppressed (1 baseline)" in err

    # the same reports, typed differently on the command line and with a paragraph inserted
    write(repo / "news" / "a.txt", HEADER + "A new first paragraph.\n\n" + JETS_100 + "\n")
    code, out, _ = run(capsys, "news/a.txt", str(repo / "news" / "b.txt"), "--no-nli",
                       "--baseline", ".factcheck-baseline.json", "-f", "jsonl")
    assert code == 0 and out == ""

    # a new conflict is reported, and only it
    write(repo / "news" / "c.txt", HEADER + "They have 60 jets on high alert to protect the airspace.\n")
    code, out, _ = run(capsys, "news", "--no-nli", "--baseline", ".factcheck-baseline.json", "-f", "jsonl")
    assert code == 1
    new = [json.loads(line) for line in out.splitlines()]
    assert new and all(any(ev["doc"] == "c.txt" for ev in f["evidence"]) for f in new)


def test_bad_baseline_exits_2(repo, capsys):
    write(repo / "a.txt", HEADER + JETS_80 + "\n")
    write(repo / "bl.json", "{not json")
    code, _, err = run(capsys, "a.txt", "--no-nli", "--baseline", "bl.json")
    assert code == 2 and "bl.json" in err
    code, _, err = run(capsys, "a.txt", "--no-nli", "--baseline", "missing.json")
    assert code == 2 and "missing.json" in err


# -- suppressions ------------------------------------------------------------------------------

@pytest.mark.parametrize("b_text, suppressed", [
    (HEADER + "<!-- factcheck-ignore numeric-conflict: the wire copy rounds -->\n" + JETS_80 + "\n", True),
    (HEADER + JETS_80 + " <!-- factcheck-ignore: checked with the ministry -->\n", True),
    (HEADER + "<!-- factcheck-ignore temporal-conflict: other rule -->\n" + JETS_80 + "\n", False),
    (HEADER + "<!-- factcheck-ignore numeric-conflict -->\n" + JETS_80 + "\n", False),  # no reason
])
def test_inline_suppression(repo, capsys, b_text, suppressed):
    write(repo / "a.txt", HEADER + JETS_100 + "\n")
    write(repo / "b.txt", b_text)
    code, out, err = run(capsys, "a.txt", "b.txt", "--no-nli", "--fail-on", "warning")
    if suppressed:
        assert code == 0, out + err
        assert "1 finding(s) suppressed (1 inline)" in err
    else:
        assert code == 1, out + err


def test_inline_directive_applies_only_to_the_next_sentence(repo):
    from factcheck.baseline import inline_reason

    text = HEADER + "<!-- factcheck-ignore: ok -->\n" + JETS_80 + "\nAnother line with 5 jets.\n"
    doc = Document(id="b.txt", text=text)
    first = text.index(JETS_80)
    other = text.index("Another")
    f1 = Finding("F1", "numeric-conflict", "error", "m", 1.0,
                 [Evidence("b.txt", first, first + len(JETS_80), JETS_80)])
    f2 = Finding("F2", "numeric-conflict", "error", "m", 1.0,
                 [Evidence("b.txt", other, other + 25, text[other:other + 25])])
    assert inline_reason(f1, [doc]) == "ok"
    assert inline_reason(f2, [doc]) is None


def test_config_suppression(repo, capsys):
    write(repo / "a.txt", HEADER + JETS_100 + "\n")
    write(repo / "b.txt", HEADER + JETS_80 + "\n")
    write(repo / "factcheck.toml", '[[suppress]]\nrule = "numeric-conflict"\ndoc = "b.*"\n'
                                    'reason = "b rounds its figures"\n')
    code, _, err = run(capsys, "a.txt", "b.txt", "--no-nli")
    assert code == 0 and "(1 config)" in err
    write(repo / "factcheck.toml", '[[suppress]]\nrule = "temporal-conflict"\nreason = "x"\n')
    assert run(capsys, "a.txt", "b.txt", "--no-nli")[0] == 1


def test_suppressed_findings_are_marked_in_sarif(repo, capsys):
    write(repo / "a.txt", HEADER + JETS_100 + "\n")
    write(repo / "b.txt", HEADER + "<!-- factcheck-ignore numeric-conflict: rounding -->\n" + JETS_80 + "\n")
    code, out, _ = run(capsys, "a.txt", "b.txt", "--no-nli", "-f", "sarif")
    assert code == 0
    (res,) = json.loads(out)["runs"][0]["results"]
    assert res["suppressions"][0]["kind"] == "inSource" and res["suppressions"][0]["justification"] == "rounding"


# -- the NLI score cache -----------------------------------------------------------------------

def test_cache_round_trip_and_hits(tmp_path):
    pairs = [("They have 100 jets.", "They have 80 jets."), ("A met B.", "B met A."), ("x", "y")]
    scores = [[0.1, 0.2, 0.7], [0.8, 0.15, 0.05], [0.3, 0.3, 0.4]]
    with ScoreCache(tmp_path / "cache") as cache:
        assert cache.get_many("m1", pairs) == {}
        cache.put_many("m1", pairs[:2], scores[:2])
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file()
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")
    cache = ScoreCache(tmp_path / "cache")  # a second run: a fresh object on the same folder
    got = cache.get_many("m1", pairs)
    assert got == {0: scores[0], 1: scores[1]}
    assert (cache.hits, cache.misses) == (2, 1)
    assert cache.get_many("m2", pairs) == {}  # another model never sees m1's scores
    assert cache.get_many("m1", [pairs[1], pairs[1]]) == {0: scores[1], 1: scores[1]}
    assert len(cache) == 2


def test_cache_none_holds_nothing(tmp_path):
    cache = ScoreCache(None)
    cache.put_many("m", [("a", "b")], [[1.0]])
    assert cache.get_many("m", [("a", "b")]) == {} and not cache.enabled


def test_cache_many_pairs_in_chunks(tmp_path):
    pairs = [(f"p{i}", f"h{i}") for i in range(1200)]
    cache = ScoreCache(tmp_path)
    cache.put_many("m", pairs, [[i / 1200] for i in range(1200)])
    got = cache.get_many("m", pairs)
    assert len(got) == 1200 and got[1199] == [1199 / 1200]


def test_cache_corrupt_or_unwritable_never_fails(tmp_path, capsys):
    write(tmp_path / "c" / DB_NAME, b"this is not a database" * 100)
    cache = ScoreCache(tmp_path / "c")
    cache.put_many("m", [("a", "b")], [[1.0]])
    assert cache.get_many("m", [("a", "b")]) == {}
    assert "going on without the cache" in capsys.readouterr().err
    blocker = write(tmp_path / "file", "x")
    assert not ScoreCache(blocker / "sub").enabled  # a file where the folder should be


def test_cli_hands_the_cache_to_the_nli_stage(repo, capsys, monkeypatch):
    seen = []

    class FakeChecker:
        def __init__(self, options, *, nli=None, cache=None, **kw):
            seen.append(cache)

        def check(self, docs):
            return CheckResult(documents=list(docs))

    monkeypatch.setattr("factcheck.pipeline.Checker", FakeChecker)
    monkeypatch.setattr("factcheck.api._nli_for", lambda opts: object())
    write(repo / "a.txt", HEADER + JETS_80 + "\n")
    assert run(capsys, "a.txt")[0] == 0
    assert isinstance(seen[-1], ScoreCache) and seen[-1].path == Path(".factcheck_cache")
    assert (repo / ".factcheck_cache" / DB_NAME).is_file()
    assert run(capsys, "a.txt", "--cache-dir", "build/cache")[0] == 0
    assert seen[-1].path == Path("build/cache")
    assert run(capsys, "a.txt", "--no-cache")[0] == 0
    assert seen[-1] is None
    monkeypatch.setattr("factcheck.api._nli_for", lambda opts: None)
    assert run(capsys, "a.txt")[0] == 0
    assert seen[-1] is None  # no NLI stage, no cache folder


def test_cache_is_sqlite(tmp_path):
    ScoreCache(tmp_path).put_many("m", [("a", "b")], [[0.5, 0.5]])
    rows = sqlite3.connect(tmp_path / DB_NAME).execute("SELECT model, scores FROM scores").fetchall()
    assert rows == [("m", "[0.5, 0.5]")]


# -- integration files -------------------------------------------------------------------------

def test_pre_commit_hook_definition():
    text = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: factcheck" in text and "entry: factcheck check" in text
    assert "language: python" in text and "pass_filenames: true" in text
    import re

    files = re.search(r"files: (.+)", text).group(1).strip()
    for name in ("a.txt", "b.md", "c.html", "d.json", "e.jsonl", "f.csv"):
        assert re.search(files, name), name
    assert not re.search(files, "setup.py")
