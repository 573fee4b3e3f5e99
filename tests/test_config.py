"""Config discovery and validation (factcheck.config) and how the CLI applies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.cli import _options, build_parser, main
from factcheck.config import find_config, load_config, resolve_config
from factcheck.errors import FactcheckError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _args(argv):
    return build_parser().parse_args(argv)


def test_discovery_from_nested_folder(tmp_path, monkeypatch):
    cfg = _write(tmp_path / "factcheck.toml", 'fail-on = "warning"\nnumeric-tolerance = 0.1\n')
    nested = tmp_path / "a" / "b" / "c"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert find_config() == cfg.resolve()
    opts = _options(_args(["check", "x.txt"]))
    assert opts.fail_on == "warning"
    assert opts.numeric_tolerance == pytest.approx(0.1)
    # the cache sits next to the config, not in the nested working directory
    assert Path(opts.cache_dir) == tmp_path.resolve() / ".factcheck_cache"


def test_dot_file_and_pyproject(tmp_path, monkeypatch):
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.factcheck]\nnli = false\n')
    sub = tmp_path / "sub"
    _write(sub / "pyproject.toml", '[project]\nname = "y"\n')  # no [tool.factcheck]: keep searching
    monkeypatch.chdir(sub)
    assert find_config() == (tmp_path / "pyproject.toml").resolve()
    assert resolve_config().options().nli is False
    _write(sub / ".factcheck.toml", "batch-size = 4\n")
    assert find_config() == (sub / ".factcheck.toml").resolve()
    _write(sub / "factcheck.toml", "batch-size = 8\n")  # factcheck.toml wins in the same folder
    assert load_config(find_config()).options().batch_size == 8


def test_all_keys(tmp_path):
    cfg = load_config(_write(tmp_path / "factcheck.toml", """
fail-on = "info"
numeric-tolerance = 0.05
max-date-gap-days = 3
align-threshold = 0.5
nli = false
model = "some/model"
device = "cuda:0"
batch-size = 16
quantize = false
nli-threshold = 0.7
include = ["*.md"]
exclude = ["drafts/*"]
cache-dir = "build/cache"

[rules]
single-source = "info"
numeric-conflict = "warning"

[[suppress]]
rule = "numeric-conflict"
doc = "wire/*"
reason = "wire copy rounds"

[[suppress]]
fingerprint = "abc123"
reason = "accepted by the desk"
"""))
    opts = cfg.options()
    assert (opts.fail_on, opts.numeric_tolerance, opts.max_date_gap_days) == ("info", 0.05, 3)
    assert (opts.align_threshold, opts.nli, opts.model, opts.device) == (0.5, False, "some/model", "cuda:0")
    assert (opts.batch_size, opts.nli_threshold, opts.quantize) == (16, 0.7, False)
    assert opts.severity["single-source"] == "info" and opts.severity["numeric-conflict"] == "warning"
    assert opts.severity["temporal-conflict"] == "error"  # untouched rules keep their default
    assert Path(opts.cache_dir) == tmp_path / "build" / "cache"
    assert cfg.include == ["*.md"] and cfg.exclude == ["drafts/*"]
    assert [s.reason for s in cfg.suppress] == ["wire copy rounds", "accepted by the desk"]


@pytest.mark.parametrize("text, message", [
    ('fail_onn = "error"\n', "unknown key 'fail_onn'"),
    ('fail-on = "fatal"\n', "'fail-on'"),
    ("numeric-tolerance = \"big\"\n", "'numeric-tolerance'"),
    ("batch-size = 0\n", "'batch-size'"),
    ("nli = 1\n", "'nli'"),
    ("[rules]\nnumeric-conflcit = \"off\"\n", "unknown rule 'rules.numeric-conflcit'"),
    ("[rules]\nnumeric-conflict = \"fatal\"\n", "'rules.numeric-conflict'"),
    ("[[suppress]]\nrule = \"numeric-conflict\"\n", "'suppress[0].reason'"),
    ("[[suppress]]\nreason = \"x\"\n", "'suppress[0]'"),
    ("[[suppress]]\nfingerprint = \"x\"\nreason = \"y\"\nwhy = \"z\"\n", "unknown key 'suppress[0].why'"),
    ("fail-on = \n", "invalid TOML"),
    ("[fields]\ntxt = \"body\"\n", "unknown field 'txt'"),
    ("[fields]\ntext = \" \"\n", "empty record key for 'text'"),
])
def test_bad_config_is_one_error_naming_key_and_file(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "factcheck.toml", text)
    with pytest.raises(FactcheckError) as e:
        load_config("factcheck.toml")
    assert str(e.value).startswith("factcheck.toml: ")
    assert message in str(e.value)


def test_pyproject_key_names_the_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "pyproject.toml", "[tool.factcheck]\nfail_onn = 1\n")
    with pytest.raises(FactcheckError, match=r"pyproject.toml: unknown key 'tool.factcheck.fail_onn'"):
        resolve_config()


def test_cli_flags_override_config(tmp_path, monkeypatch):
    _write(tmp_path / "factcheck.toml", 'fail-on = "warning"\nnumeric-tolerance = 0.1\nnli = true\n')
    monkeypatch.chdir(tmp_path)
    opts = _options(_args(["check", "x.txt", "--fail-on", "error", "--tolerance", "0.3", "--no-nli",
                           "--cache-dir", "elsewhere"]))
    assert (opts.fail_on, opts.numeric_tolerance, opts.nli, opts.cache_dir) == ("error", 0.3, False, "elsewhere")
    assert _options(_args(["check", "x.txt", "--no-cache"])).cache_dir is None


def test_explicit_config_overrides_discovery(tmp_path, monkeypatch):
    _write(tmp_path / "factcheck.toml", 'fail-on = "warning"\n')
    other = _write(tmp_path / "ci" / "strict.toml", 'fail-on = "info"\n')
    monkeypatch.chdir(tmp_path)
    assert _options(_args(["check", "x.txt", "--config", str(other)])).fail_on == "info"


def test_no_config_means_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if find_config() is not None:  # a factcheck.toml above tmp_path (unlikely) would leak in
        pytest.skip("a config file exists above the temporary folder")
    opts = _options(_args(["check", "x.txt"]))
    assert opts.fail_on == "error" and opts.cache_dir == ".factcheck_cache"


def test_cli_bad_config_exits_2_naming_key_and_file(tmp_path, monkeypatch, capsys):
    _write(tmp_path / "factcheck.toml", 'fail_onn = "error"\n')
    _write(tmp_path / "a.txt", "They have 80 jets.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--no-nli"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "factcheck.toml: unknown key 'fail_onn'" in err


def test_cli_missing_config_file_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--no-nli", "--config", "nope.toml"]) == 2
    assert "nope.toml: config file not found" in capsys.readouterr().err


def test_record_fields_from_config_and_flags(tmp_path, monkeypatch):
    """[fields] in the config, --field over it key by key; a flag without NAME=KEY is a usage error."""
    _write(tmp_path / "factcheck.toml", '[fields]\ntext = "body"\ndate = "published"\n')
    monkeypatch.chdir(tmp_path)
    assert _options(_args(["check", "x.txt"])).fields == {"text": "body", "date": "published"}
    opts = _options(_args(["check", "x.txt", "--field", "date=published_at", "--field", "id=uid"]))
    assert opts.fields == {"text": "body", "date": "published_at", "id": "uid"}
    with pytest.raises(FactcheckError, match=r"--field expects NAME=KEY"):
        _options(_args(["check", "x.txt", "--field", "text"]))
    with pytest.raises(FactcheckError, match=r"bad value for '--field': unknown field 'cluster'"):
        _options(_args(["check", "x.txt", "--field", "cluster=topic"]))
