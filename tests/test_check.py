"""End to end without the NLI stage: the seeds agree, edited seeds conflict, with evidence."""

from __future__ import annotations

import json

import pytest

from factcheck import check
from factcheck.cli import main
from factcheck.load import load_documents

A = "000_d27642fac88a8c5e.txt"
B = "001_cf6b84a07b3c0ba3.txt"


def run(checker, folder):
    return checker.check(load_documents([folder]))


def edit(folder, name, old, new):
    p = folder / name
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_evidence_exact(result):
    docs = {d.id: d for d in result.documents}
    for item in [*result.findings, *result.agreements, *result.single_source]:
        for ev in item.evidence:
            assert docs[ev.doc].text[ev.start:ev.end] == ev.text
            if ev.claim_start is not None:
                assert ev.start <= ev.claim_start < ev.claim_end <= ev.end


def test_seeds_agree(checker, seed_dir):
    result = run(checker, seed_dir)
    assert [d.status for d in result.documents] == ["ok", "ok"]
    assert result.findings == []
    agreed = {(c.text, c.value) for a in result.agreements for cid in a.claims
              for c in result.claims if c.id == cid and c.kind == "time"}
    assert ("2014", "2014") in agreed
    # every claim lands somewhere: agreed, single-source, or linked but not compared
    placed = {cid for item in [*result.agreements, *result.single_source, *result.not_compared]
              for cid in item.claims}
    assert {c.id for c in result.claims} <= placed
    single = [c for s in result.single_source for c in result.claims if c.id in s.claims]
    jets = [c for c in single if c.kind == "quantity" and c.unit == "jet"]
    ships = [c for c in single if c.kind == "quantity" and c.unit == "ship"]
    assert jets and jets[0].modifier == ">" and jets[0].value == 100
    assert ships and ships[0].modifier == ">" and ships[0].value == 120
    meeting = [c for c in single if c.kind == "time" and c.value == "2022-02-25"]
    assert meeting and "meet" in (meeting[0].event or "")
    assert_evidence_exact(result)


def test_edited_number_conflicts(checker, seed_dir):
    edit(seed_dir, B, "Stoltenberg said NATO stands in solidarity with Ukraine.",
         "Stoltenberg said NATO stands in solidarity with Ukraine. "
         "He said they have 80 jets on high alert to protect allied airspace.")
    result = run(checker, seed_dir)
    conflicts = [f for f in result.findings if f.rule == "numeric-conflict"]
    assert len(conflicts) == 1
    f = conflicts[0]
    # how sure: the same-fact probability sets the severity, the interval logic is certain
    opts = checker.options
    assert opts.conflict_threshold <= f.same_fact <= 1 and f.incompatible == 1.0
    assert f.severity == ("error" if f.same_fact >= opts.error_threshold else "warning")
    assert {e.doc for e in f.evidence} == {A, B}
    quoted = {result.documents[0].text[e.claim_start:e.claim_end] if e.doc == A
              else result.documents[1].text[e.claim_start:e.claim_end] for e in f.evidence}
    assert any("100" in q for q in quoted) and any("80" in q for q in quoted)
    assert_evidence_exact(result)


def test_compatible_number_is_not_a_conflict(checker, seed_dir):
    edit(seed_dir, B, "Stoltenberg said NATO stands in solidarity with Ukraine.",
         "Stoltenberg said NATO stands in solidarity with Ukraine. "
         "He said they have 120 jets on high alert to protect allied airspace.")
    result = run(checker, seed_dir)
    assert result.findings == []
    assert any(a.outcome == "compatible" and a.kind == "quantity" for a in result.agreements)


@pytest.mark.parametrize("old,new", [
    ("than Ukraine had in 2014.", "than Ukraine had in 2015."),
    ("So, we continue to stand together",
     "NATO leaders will meet on Saturday to discuss the next steps. So, we continue to stand together"),
])
def test_edited_date_conflicts(checker, seed_dir, old, new):
    edit(seed_dir, B, old, new)
    result = run(checker, seed_dir)
    conflicts = [f for f in result.findings if f.rule == "temporal-conflict"]
    assert len(conflicts) == 1, [f.message for f in result.findings]
    assert {e.doc for e in conflicts[0].evidence} == {A, B}
    assert_evidence_exact(result)


def test_documents_far_apart_in_time_are_not_compared(checker, tmp_path):
    (tmp_path / "a.txt").write_text(" date 2020-01-10\n\nThe company has 500 employees in Berlin.\n")
    (tmp_path / "b.txt").write_text(" date 2023-06-01\n\nThe company has 900 employees in Berlin.\n")
    assert run(checker, tmp_path).findings == []
    (tmp_path / "b.txt").write_text(" date 2020-01-11\n\nThe company has 900 employees in Berlin.\n")
    assert [f.rule for f in run(checker, tmp_path).findings] == ["numeric-conflict"]


def test_clusters_are_compared_only_within(checker, tmp_path):
    rows = [
        {"id": "a", "cluster": "x", "date": "2021-03-01", "text": "The storm killed 12 people in the town."},
        {"id": "b", "cluster": "y", "date": "2021-03-01", "text": "The storm killed 30 people in the town."},
    ]
    (tmp_path / "set.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    assert run(checker, tmp_path).findings == []
    rows[1]["cluster"] = "x"
    (tmp_path / "set.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    assert [f.rule for f in run(checker, tmp_path).findings] == ["numeric-conflict"]


def test_api_check_returns_typed_result(checker, seed_dir):
    result = check([seed_dir], checker=checker)
    d = result.to_dict()
    assert set(d) >= {"documents", "claims", "findings", "agreements"}
    claim = next(c for c in d["claims"] if c["kind"] == "quantity")
    assert {"id", "doc", "start", "end", "text", "sentence_start", "sentence_end",
            "value", "low", "high", "modifier", "unit", "qualifiers"} <= set(claim)
    frame = result.to_dataframe("claims")
    assert len(frame) == len(result.claims)


def test_cli_writes_report_set_and_exit_codes(seed_dir, tmp_path_factory, capsys):
    out = tmp_path_factory.mktemp("out") / "reports"
    assert main(["check", str(seed_dir), "--out", str(out), "--no-nli"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.csv", "report.html", "report.json", "report.md"]
    data = json.loads((out / "report.json").read_text())
    assert [d["status"] for d in data["documents"]] == ["ok", "ok"]
    assert "No conflict found" in (out / "report.md").read_text()
    assert capsys.readouterr().out.startswith("2 documents (0 failed), ")  # the summary after --out

    edit(seed_dir, B, "than Ukraine had in 2014.", "than Ukraine had in 2015.")
    assert main(["check", str(seed_dir), "--no-nli", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["findings"][0]["rule"] == "temporal-conflict"
    assert main(["check", str(seed_dir), "--no-nli", "--fail-on", "none"]) == 0


def test_cli_bad_input_is_one_line_and_exit_2(seed_dir, capsys):
    (seed_dir / "broken.txt").write_bytes(b" date 2022-02-24\n\nLe caf\xe9 a 100 tables.\n")  # Latin-1
    code = main(["check", str(seed_dir), "--no-nli", "--format", "json"])
    assert code == 2
    err = capsys.readouterr()
    lines = [line for line in err.err.splitlines() if "broken.txt" in line]
    assert len(lines) == 1 and "Traceback" not in err.err
    statuses = {d["id"]: d["status"] for d in json.loads(err.out)["documents"]}
    assert statuses == {A: "ok", B: "ok", "broken.txt": "error"}


def test_cli_extract_json(capsys):
    from tests.conftest import SEEDS

    assert main(["extract", str(SEEDS / A), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"documents", "claims"}
    kinds = {c["kind"] for c in payload["claims"]}
    assert kinds == {"quantity", "time"}


def test_a_change_is_not_compared_with_a_level(checker, tmp_path):
    (tmp_path / "a.txt").write_text(" date 2008-09-17\n\nThe Dow Jones index has a value of 10,769 points.\n")
    (tmp_path / "b.txt").write_text(" date 2008-09-17\n\nThe Dow Jones index surged 200 points.\n")
    assert run(checker, tmp_path).findings == []
    (tmp_path / "b.txt").write_text(" date 2008-09-17\n\nThe Dow Jones index has a value of 9,500 points.\n")
    assert [f.rule for f in run(checker, tmp_path).findings] == ["numeric-conflict"]


@pytest.mark.parametrize("task_sentences", [
    1,  # each seed a batch: factcheck's workers parse and extract
    10_000,  # one batch for both, fewer than the workers: spaCy's processes parse, this one extracts
])
def test_parallel_parsing_finds_what_one_process_finds(nlp, seed_dir, tmp_path_factory, monkeypatch, task_sentences):
    from factcheck import pipeline, workers
    from factcheck.options import Options
    from factcheck.pipeline import Checker

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SENTENCES", 0)  # the seeds are too few to fork for
    monkeypatch.setattr(workers, "TASK_SENTENCES", task_sentences)
    docs = load_documents([seed_dir])
    one = Checker(Options(nli=False, jobs=1), nlp=nlp).analyse_all(docs)
    two = Checker(Options(nli=False, jobs=2), nlp=nlp).analyse_all(load_documents([seed_dir]))

    def seen(analyses):
        return [(a.document.id, [(p.sentence.start, [t.dep_ for t in p.doc]) for p in a.sentences],
                 [(c.id, c.text, c.start, c.end, c.frame) for c in a.claims], a.propositions) for a in analyses]

    assert seen(one) == seen(two) and any(a.claims for a in one) and any(a.propositions for a in one)
    # read in the workers with the frames, the propositions are those a reading of their own finds
    from factcheck.frames import propositions

    assert all(a.propositions == propositions(a.sentences) for a in two)
    # the flag reaches the checker, and the run reports as a single process would
    tmp_path = tmp_path_factory.mktemp("reports")
    out = tmp_path / "two.json"
    assert main(["check", str(seed_dir), "--no-nli", "--jobs", "2", "-f", "json", "-o", str(out)]) == 0
    assert main(["check", str(seed_dir), "--no-nli", "-j", "1", "-f", "json", "-o", str(tmp_path / "one.json")]) == 0
    assert json.loads(out.read_text()) == json.loads((tmp_path / "one.json").read_text())
    from factcheck.cli import _options, build_parser

    assert _options(build_parser().parse_args(["check", "x", "-j", "2"])).jobs == 2
    assert _options(build_parser().parse_args(["check", "x"])).jobs == 0  # every CPU by default


def test_a_few_reports_are_parsed_without_forking(nlp, seed_dir, monkeypatch):
    import multiprocessing

    from factcheck.options import Options
    from factcheck.pipeline import Checker

    started = []
    real_start = multiprocessing.Process.start
    monkeypatch.setattr(multiprocessing.Process, "start", lambda self: started.append(self) or real_start(self))
    analyses = Checker(Options(nli=False, jobs=2), nlp=nlp).analyse_all(load_documents([seed_dir]))
    assert any(a.claims for a in analyses) and started == []
