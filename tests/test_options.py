"""Options as a pydantic model: one name per option (snake case in Python, kebab case in files
and flags), strict types, ranges, unknown names rejected, every option settable from a file."""

from __future__ import annotations

import pytest

from factcheck.api import _options as api_options
from factcheck.cli import main
from factcheck.config import OPTION_KEYS, load_config
from factcheck.errors import FactcheckError
from factcheck.options import DEFAULT_SEVERITY, Options

# the fields and defaults other modules rely on; a new field may be added, none renamed
DEFAULTS = {
    "numeric_tolerance": 0.02, "max_date_gap_days": 1, "align_threshold": 0.05, "conflict_threshold": 0.35, "error_threshold": 0.5,
    "nli": True, "model": None, "device": "cpu", "batch_size": None, "quantize": True, "nli_threshold": None,
    "fail_on": "error", "cache_dir": None, "max_document_chars": 300_000, "max_sentence_chars": 1_000,
}


def test_fields_and_defaults_are_kept():
    opts = Options()
    for name, value in DEFAULTS.items():
        assert getattr(opts, name) == value, name
    assert opts.severity == DEFAULT_SEVERITY
    assert opts.severity_of("single-source") == "off" and opts.severity_of("unknown-rule") == "warning"


@pytest.mark.parametrize("kwargs", [
    {"numeric_tolerance": 1.5}, {"numeric_tolerance": -0.1}, {"batch_size": 0}, {"nli": 1},
    {"fail_on": "fatal"}, {"severity": {"numeric-conflict": "fatal"}}, {"severity": {"no-such-rule": "off"}},
    {"max_document_chars": -5}, {"align_threshold": "high"}, {"device": ""},
])
def test_bad_values_are_rejected(kwargs):
    with pytest.raises(ValueError):
        Options(**kwargs)
    opts = Options()
    ((name, value),) = kwargs.items()
    with pytest.raises(ValueError):  # assignment is checked too
        setattr(opts, name, value)


def test_negative_date_gap_means_no_limit_and_unknown_names_fail():
    assert Options(max_date_gap_days=-1).max_date_gap_days is None
    with pytest.raises(ValueError):
        Options(numeric_tolerence=0.1)


def test_api_overrides_name_the_option():
    with pytest.raises(ValueError, match=r"bad value for 'numeric_tolerance': .*less than or equal to 1 \(got 5\)"):
        api_options(None, {"numeric_tolerance": 5})
    with pytest.raises(TypeError, match="numeric_tolerence"):
        api_options(None, {"numeric_tolerence": 0.1})
    base = Options(nli=False)
    assert api_options(base, {"batch_size": 8}).nli is False and base.batch_size is None


# a valid, non-default value for every option key of the file
FILE_VALUES = {
    "numeric-tolerance": ("0.1", 0.1), "max-date-gap-days": ("-1", None), "align-threshold": ("0.4", 0.4),
    "conflict-threshold": ("0.7", 0.7), "rival-ratio": ("2", 2.0), "error-threshold": ("0.8", 0.8), "nli": ("false", False), "model": ('"some/model"', "some/model"),
    "device": ('"cuda:0"', "cuda:0"), "batch-size": ("8", 8), "quantize": ("false", False),
    "nli-threshold": ("0.6", 0.6), "fail-on": ('"info"', "info"), "cache-dir": ('"c"', None),
    "max-document-chars": ("5000", 5000), "max-sentence-chars": ("0", 0), "cluster": ('"topic"', "topic"),
    "jobs": ("2", 2), "fields": ('{text = "body"}', {"text": "body"}),
}


def test_every_option_is_settable_from_the_file(tmp_path):
    assert set(FILE_VALUES) == set(OPTION_KEYS), "a new option needs a line in FILE_VALUES"
    path = tmp_path / "factcheck.toml"
    path.write_text("".join(f"{k} = {v}\n" for k, (v, _) in FILE_VALUES.items()))
    opts = load_config(path).options()
    for key, (_, expected) in FILE_VALUES.items():
        if key != "cache-dir":
            assert getattr(opts, OPTION_KEYS[key]) == expected, key
    assert opts.cache_dir == str(tmp_path / "c")  # relative to the config file


@pytest.mark.parametrize("text, message", [
    ("numeric-tolerance = 2\n", "factcheck.toml: bad value for 'numeric-tolerance': input should be less than or equal to 1 (got 2)"),
    ("max-sentence-chars = 1.5\n", "factcheck.toml: bad value for 'max-sentence-chars': input should be a valid integer (got 1.5)"),
    ("fail_on = \"info\"\n", "factcheck.toml: unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ("severity = {}\n", "factcheck.toml: unknown key 'severity'"),
])
def test_file_values_are_checked_naming_key_and_file(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text(text)
    with pytest.raises(FactcheckError) as e:
        load_config("factcheck.toml")
    assert str(e.value).startswith(message), str(e.value)


def test_flags_are_checked_by_the_same_model(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("They have 80 jets.\n")
    assert main(["check", "a.txt", "--numeric-tolerance", "5"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("factcheck: error: usage: bad value for '--numeric-tolerance': "
                   "input should be less than or equal to 1 (got 5.0)")
    assert main(["check", "a.txt", "--batch-size", "0"]) == 2
    assert "'--batch-size'" in capsys.readouterr().err
