"""Fast failure and lazy models: arguments, config and input paths are checked before any model
loads, and a run without the NLI stage never loads the NLI model. Asserted on what a fresh
interpreter has imported (timings are printed by benchmarks/startup.py, not tested)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("spacy", "torch", "transformers", "onnxruntime", "factcheck.nli")
PROBE = """
import json, sys
from factcheck.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": [m for m in %r if m in sys.modules]}), file=sys.stderr)
""" % (HEAVY,)


def probe(cwd, *argv):
    """Run the CLI in a fresh interpreter; (exit code, heavy modules imported, stderr lines)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)
    lines = proc.stderr.strip().splitlines()
    info = json.loads(lines[-1])
    return info["code"], set(info["loaded"]), lines[:-1]


@pytest.mark.parametrize("argv, says", [
    (["check", "missing.txt"], "missing.txt: no such file or directory"),
    (["check", "a.txt", "--fail-on", "fatal"], "usage: argument --fail-on"),
    (["check", "a.txt", "--tolerance", "x"], "usage: argument --numeric-tolerance/--tolerance: invalid float"),
    (["check", "a.txt", "-f", "json", "-f", "md"], "only one can go to standard output"),
    (["check", "a.txt", "--config", "nope.toml"], "nope.toml: config file not found"),
    (["check", "a.txt", "--baseline", "nope.json"], "nope.json"),
    (["extract", "missing.txt"], "missing.txt: no such file or directory"),
    (["compare", "", "They have 80 jets."], "both sentences must be non-empty"),
    (["compare", "a", "b", "--date-a", "yesterday"], "--date-a 'yesterday'"),
    (["frobnicate"], "usage: argument command"),
])
def test_bad_usage_and_missing_paths_fail_before_any_model_loads(tmp_path, argv, says):
    (tmp_path / "a.txt").write_text("date: 2022-02-24\n\nThey have 80 jets.\n", encoding="utf-8")
    code, loaded, err = probe(tmp_path, *argv)
    assert code == 2
    assert loaded == set(), f"{argv} imported {loaded} before failing"
    assert len(err) == 1 and says in err[0], err


def test_a_bad_config_key_fails_before_any_model_loads(tmp_path):
    (tmp_path / "factcheck.toml").write_text('fail_onn = "error"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("They have 80 jets.\n", encoding="utf-8")
    code, loaded, err = probe(tmp_path, "check", "a.txt")
    assert (code, loaded) == (2, set())
    assert err == ["factcheck: error: factcheck.toml: unknown key 'fail_onn' (did you mean 'fail-on'?)"]


def test_no_nli_never_loads_the_nli_model_nor_torch(tmp_path):
    (tmp_path / "a.txt").write_text("date: 2022-02-24\n\nThey have over 100 jets on high alert.\n")
    (tmp_path / "b.txt").write_text("date: 2022-02-24\n\nThey have 80 jets on high alert.\n")
    from factcheck.embed import _int8_file

    # a check aligns claims with the sentence encoder, never with the NLI model; the encoder's
    # int8 export (the default without AMX) runs on ONNX Runtime without transformers or torch
    code, loaded, _ = probe(tmp_path, "check", "a.txt", "b.txt", "--no-nli", "--fail-on", "warning")
    assert code == 1 and "factcheck.nli" not in loaded
    assert loaded == _model_modules(int8=_int8_file() is not None), loaded
    # one document: nothing to align, so no encoder either
    code, loaded, _ = probe(tmp_path, "check", "a.txt", "--no-nli")
    assert code == 0 and loaded == {"spacy"}
    code, loaded, _ = probe(tmp_path, "compare", "They have 120 ships.", "They have 80 ships.", "--no-nli")
    assert code == 0 and loaded == {"spacy"}


def _model_modules(int8: bool) -> set[str]:
    """What a run with the default models imports: spaCy, and ONNX Runtime alone for an int8
    export where the CPU has no AMX; torch is asked about AMX only where numpy says the CPU may
    have it, and runs the models (with transformers) where it has."""
    from factcheck.precision import _cpu_features, has_amx

    features = _cpu_features()
    maybe_amx = not features or features.get("AVX512_SPR") or features.get("AVX512FP16")
    if int8 and not has_amx():
        return {"spacy", "onnxruntime"} | ({"torch"} if maybe_amx else set())
    return {"spacy", "torch", "transformers"}


def test_the_shipped_nli_model_runs_without_torch_or_transformers(tmp_path):
    (tmp_path / "a.txt").write_text("date: 2022-02-24\n\nNATO has no plans to send troops to Ukraine.\n")
    (tmp_path / "b.txt").write_text("date: 2022-02-24\n\nNATO plans to send troops to Ukraine.\n")
    from factcheck.embed import _int8_file
    from factcheck.nli import ONNX_INT8_FILE, SHIPPED_MODEL_DIR

    int8 = _int8_file() is not None and (SHIPPED_MODEL_DIR / ONNX_INT8_FILE).is_file()
    code, loaded, _ = probe(tmp_path, "check", "a.txt", "b.txt", "--no-cache", "-f", "json", "-o", "out.json")
    assert "factcheck.nli" in loaded
    assert loaded - {"factcheck.nli"} == _model_modules(int8), loaded
    findings = json.loads((tmp_path / "out.json").read_text())["findings"]
    assert [f["rule"] for f in findings] == ["contradiction"], findings  # the model did run
