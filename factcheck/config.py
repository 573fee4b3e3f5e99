"""Project configuration: ``factcheck.toml``, ``.factcheck.toml`` or ``[tool.factcheck]`` in
``pyproject.toml``, found by searching up from the working directory (as Ruff finds
``ruff.toml``); ``--config FILE`` names one explicitly. Command-line flags override it.

Every key is checked: an unknown key or a bad value is a FactcheckError that names the key
and the file, so a typo never silently does nothing.

    fail-on = "warning"
    numeric-tolerance = 0.05
    nli = false
    exclude = ["drafts/*"]

    [rules]
    single-source = "info"

    [[suppress]]
    rule = "numeric-conflict"
    doc = "wire/*"
    reason = "wire copy rounds figures"
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FactcheckError
from .options import DEFAULT_SEVERITY, SEVERITIES, Options

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("factcheck.toml", ".factcheck.toml")
FAIL_ON = ("error", "warning", "info", "none")


@dataclass
class Suppression:
    """A ``[[suppress]]`` entry: a fingerprint, or a rule and/or a document glob, with a reason."""

    reason: str
    fingerprint: str | None = None
    rule: str | None = None
    doc: str | None = None  # fnmatch glob on document ids (or sources)

    def matches(self, finding, fingerprint: str, documents: dict) -> bool:
        if self.fingerprint is not None:
            return self.fingerprint == fingerprint
        if self.rule is not None and self.rule != finding.rule:
            return False
        if self.doc is not None:
            names = set()
            for ev in finding.evidence:
                names.add(ev.doc)
                d = documents.get(ev.doc)
                if d is not None and d.source:
                    names.add(d.source)
            return any(fnmatch.fnmatchcase(n, self.doc) for n in names)
        return True


@dataclass
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)  # Options field -> value
    severity: dict[str, str] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    suppress: list[Suppression] = field(default_factory=list)

    def options(self, base: Options | None = None) -> Options:
        opts = base or Options()
        for name, value in self.values.items():
            setattr(opts, name, value)
        if self.severity:
            opts.severity = {**opts.severity, **self.severity}
        return opts


# key -> (Options field, checker); a checker returns the value or raises ValueError("why").
def _bool(v):
    if not isinstance(v, bool):
        raise ValueError("expected true or false")
    return v


def _number(lo=None, hi=None, integer=False, optional=False):
    def check(v):
        if isinstance(v, bool) or not isinstance(v, (int,) if integer else (int, float)):
            raise ValueError("expected an integer" if integer else "expected a number")
        if lo is not None and v < lo or hi is not None and v > hi:
            raise ValueError(f"expected a value in [{lo if lo is not None else '-inf'}, "
                             f"{hi if hi is not None else 'inf'}]")
        return v if integer else float(v)
    return check


def _string(v):
    if not isinstance(v, str) or not v:
        raise ValueError("expected a non-empty string")
    return v


def _choice(*choices):
    def check(v):
        if v not in choices:
            raise ValueError(f"expected one of {', '.join(map(repr, choices))}")
        return v
    return check


def _globs(v):
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(g, str) and g for g in v):
        raise ValueError("expected a list of glob strings")
    return list(v)


_KEYS = {
    "fail-on": ("fail_on", _choice(*FAIL_ON)),
    "numeric-tolerance": ("numeric_tolerance", _number(0.0, 1.0)),
    "max-date-gap-days": ("max_date_gap_days", _number(0, integer=True)),
    "align-threshold": ("align_threshold", _number(0.0, 1.0)),
    "nli": ("nli", _bool),
    "model": ("model", _string),
    "device": ("device", _string),
    "batch-size": ("batch_size", _number(1, integer=True)),
    "quantize": ("quantize", _bool),
    "nli-threshold": ("nli_threshold", _number(0.0, 1.0)),
    "cache-dir": ("cache_dir", _string),
    "cluster": ("cluster", _string),  # auto | none | a record field name
}
_TABLES = {"rules", "suppress", "include", "exclude"}


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (default: the working directory).

    In each folder, factcheck.toml wins over .factcheck.toml, which wins over a pyproject.toml
    that has a [tool.factcheck] table; a pyproject.toml without one does not stop the search.
    """
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # someone else's broken pyproject is not our config
            if isinstance(data.get("tool"), dict) and "factcheck" in data["tool"]:
                return pyproject
    return None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_config(path: str | Path) -> Config:
    """Read and validate one config file; raises FactcheckError naming the file and key."""
    path = Path(path)
    where = _display(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FactcheckError(f"{where}: config file not found") from None
    except OSError as e:
        raise FactcheckError(f"{where}: cannot read config: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise FactcheckError(f"{where}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise FactcheckError(f"{where}: invalid TOML: {e}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck") if isinstance(data.get("tool"), dict) else None
        if table is None:
            raise FactcheckError(f"{where}: no [tool.factcheck] table")
        if not isinstance(table, dict):
            raise FactcheckError(f"{where}: [tool.factcheck] must be a table")
        prefix = "tool.factcheck."
    else:
        table, prefix = data, ""
    return parse_config(table, path, prefix)


def parse_config(table: dict, path: Path | None = None, prefix: str = "") -> Config:
    where = _display(path) if path else "config"
    cfg = Config(path=path)

    def fail(key: str, why: str):
        raise FactcheckError(f"{where}: {why} '{prefix}{key}'" if why.startswith("unknown")
                             else f"{where}: bad value for '{prefix}{key}': {why}")

    for key, value in table.items():
        if key in _KEYS:
            name, check = _KEYS[key]
            try:
                cfg.values[name] = check(value)
            except ValueError as e:
                fail(key, f"{e} (got {value!r})")
        elif key in ("include", "exclude"):
            try:
                setattr(cfg, key, _globs(value))
            except ValueError as e:
                fail(key, str(e))
        elif key == "rules":
            if not isinstance(value, dict):
                fail(key, "expected a table of rule = severity")
            for rule, sev in value.items():
                if rule not in DEFAULT_SEVERITY:
                    raise FactcheckError(f"{where}: unknown rule '{prefix}rules.{rule}' "
                                         f"(rules: {', '.join(DEFAULT_SEVERITY)})")
                if sev not in SEVERITIES:
                    fail(f"rules.{rule}", f"expected one of {', '.join(map(repr, SEVERITIES))} (got {sev!r})")
                cfg.severity[rule] = sev
        elif key == "suppress":
            if not isinstance(value, list):
                fail(key, "expected [[suppress]] entries")
            for i, entry in enumerate(value):
                cfg.suppress.append(_suppression(entry, f"suppress[{i}]", fail, where, prefix))
        else:
            fail(key, "unknown key")
    if "cache_dir" in cfg.values and path is not None:
        # relative to the config file's folder, as Ruff's cache-dir is to its project root
        cfg.values["cache_dir"] = str((path.parent / cfg.values["cache_dir"]))
    return cfg


def _suppression(entry: Any, key: str, fail, where: str, prefix: str) -> Suppression:
    if not isinstance(entry, dict):
        fail(key, "expected a table")
    allowed = {"fingerprint", "rule", "doc", "reason"}
    for k in entry:
        if k not in allowed:
            fail(f"{key}.{k}", "unknown key")
    for k, v in entry.items():
        if not isinstance(v, str) or not v.strip():
            fail(f"{key}.{k}", "expected a non-empty string")
    if "reason" not in entry:
        raise FactcheckError(f"{where}: missing key '{prefix}{key}.reason': every suppression needs a reason")
    if "fingerprint" not in entry and "rule" not in entry and "doc" not in entry:
        raise FactcheckError(f"{where}: '{prefix}{key}' needs a fingerprint, or a rule and/or doc")
    if "rule" in entry and entry["rule"] not in DEFAULT_SEVERITY:
        fail(f"{key}.rule", f"unknown rule {entry['rule']!r}")
    return Suppression(reason=entry["reason"].strip(), fingerprint=entry.get("fingerprint"),
                       rule=entry.get("rule"), doc=entry.get("doc"))


def resolve_config(explicit: str | Path | None = None, start: str | Path | None = None) -> Config:
    """The config in effect: ``explicit`` if given, else the discovered one, else defaults."""
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()


__all__ = ["Config", "Suppression", "find_config", "load_config", "parse_config", "resolve_config"]
