"""Streaming JSONL in, JSONL out (factcheck.stream): one cluster at a time, and the same lines,
ids and exit code as the whole-corpus check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.stream import plan

from .conftest import SEEDS


def _seed_records() -> list[dict]:
    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        lines = p.read_text(encoding="utf-8").split("\n", 1)
        date = lines[0].split()[1]
        out.append({"id": p.stem, "date": date, "text": lines[1]})
    return out


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Two copies of the seeds as clusters a and b, interleaved (not contiguous), one copy of an
    id repeated, one malformed line, one edited number so there is a finding in each cluster."""
    seeds = _seed_records()
    recs = []
    for i, r in enumerate(seeds):
        for cluster in ("a", "b"):
            rec = dict(r, id=f"{cluster}-{r['id']}", topic=cluster)
            if i == 1:
                old = "Stoltenberg said NATO stands in solidarity with Ukraine."
                assert old in rec["text"]
                rec["text"] = rec["text"].replace(old, old + " He said they have 80 jets on high alert"
                                                  " to protect allied airspace.")
            recs.append(rec)
    recs.append(dict(seeds[0], id="a-" + seeds[0]["id"], topic="a"))  # a duplicate id
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps(r) for r in recs]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(args, tmp_path, name) -> tuple[int, list[dict]]:
    out = tmp_path / name
    code = main(["check", *args, "--no-nli", "--format", "jsonl", "--output", str(out)])
    return code, [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]


def test_plan_groups_records_by_cluster_in_order_of_first_record(corpus):
    p = plan([corpus], "topic")
    assert [len(c) for c in p.clusters] == [3, 2, 1]  # a, b, then the malformed line (no cluster)
    ids = [r.id for r in p.clusters[0]]
    assert ids[0] == ids[2].rsplit("~", 1)[0] and ids[2].endswith("~2")  # renamed as the loader renames
    assert p.readable == 5
    assert plan([corpus], "auto") is None  # records without a cluster field need story clustering


def test_streamed_output_is_the_whole_corpus_output(corpus, tmp_path, capsys):
    code, streamed = _run([str(corpus), "--cluster", "topic"], tmp_path, "streamed.jsonl")
    err_streamed = capsys.readouterr().err
    # a second format turns streaming off: the ordinary check writes the same jsonl
    ref = tmp_path / "ref.jsonl"
    code_ref = main(["check", str(corpus), "--cluster", "topic", "--no-nli", "--format", "jsonl", "--output",
                     str(ref), "--format", "json", "--output", str(tmp_path / "ref.json")])
    err_ref = capsys.readouterr().err
    whole = [json.loads(l) for l in ref.read_text(encoding="utf-8").splitlines()]
    assert streamed == whole
    assert {e["doc"][0] for f in streamed for e in f["evidence"]} == {"a", "b"}  # a finding in each cluster
    assert [f["id"] for f in streamed] == [f"F{i}" for i in range(1, len(streamed) + 1)]
    assert code == code_ref == 2  # the malformed line is an input error either way
    assert "malformed JSON on line 3" in err_streamed
    assert sorted(err_streamed.splitlines()) == sorted(err_ref.splitlines())


def test_unstreamable_input_falls_back_to_the_whole_corpus_check(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps({"id": "x", "text": "caf\u00e9 100 jets"}, ensure_ascii=False).encode("latin-1") + b"\n")
    assert plan([path], "none") is None
    code = main(["check", str(path), "--no-nli", "--format", "jsonl", "--output", str(tmp_path / "o.jsonl")])
    assert code == 2  # the ordinary reader names the encoding problem


def test_record_fields_are_read_alike_streamed_and_whole(corpus, tmp_path, capsys):
    """--field: the same corpus under other keys streams to the same lines as under factcheck's
    own, and the whole-corpus check reads it alike."""
    renamed = tmp_path / "renamed.jsonl"
    lines = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            lines.append(line)
            continue
        lines.append(json.dumps({("body" if k == "text" else "uid" if k == "id" else k): v for k, v in rec.items()}))
    renamed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = ["--field", "text=body", "--field", "id=uid", "--cluster", "topic"]
    streamable = plan([renamed], "topic", {"text": "body", "id": "uid"})
    assert streamable is not None and streamable.readable == plan([corpus], "topic").readable == 5
    _, own = _run([str(corpus), "--cluster", "topic"], tmp_path, "own.jsonl")
    _, streamed = _run([str(renamed), *fields], tmp_path, "streamed.jsonl")
    whole = tmp_path / "whole.jsonl"
    main(["check", str(renamed), *fields, "--no-nli", "--format", "jsonl", "--output", str(whole),
          "--format", "json", "--output", str(tmp_path / "whole.json")])
    capsys.readouterr()
    assert streamed and streamed == own
    assert [json.loads(l) for l in whole.read_text(encoding="utf-8").splitlines()] == own
