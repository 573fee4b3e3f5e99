"""The settings of one check, in one typed object that the CLI, the config file and the API share.

A pydantic model, so that every value is checked in one place whichever way it comes in:
types are strict (``nli = 1`` is not true), ranges are checked, unknown names are rejected.
In files and on the command line an option is spelt in kebab case (``numeric-tolerance``,
``--numeric-tolerance``), in Python in snake case (``numeric_tolerance``); it is one name.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .rules import RULES

SEVERITIES = ("error", "warning", "info", "off")

# Rule -> default severity, from the rule registry (factcheck/rules/). single-source is reported
# but never fails a build by default: one report saying what the others do not is normal.
DEFAULT_SEVERITY = {rule.id: rule.default_severity for rule in RULES.values()}


def kebab(name: str) -> str:
    return name.replace("_", "-")


class Options(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True,
                              alias_generator=kebab, populate_by_name=True)

    # Relative slack for stated point values ("1.5 million" vs "1.52 million"): reporters round.
    # Never wider than the precision the number is written with: "7,403" means 7,403 +- 0.5.
    numeric_tolerance: float = Field(0.02, ge=0.0, le=1.0)
    # Claims from documents dated further apart than this are about different moments
    # Reports dated further apart than this are compared only on facts fixed in time (a date, a
    # past event), not on levels that move (a running toll, a share price, "has 500
    # employees"); the NLI stage does not compare them at all. None (or a negative number,
    # since TOML has no null): no window.
    max_date_gap_days: int | None = Field(1, ge=0)
    # Probability that two claims state the same fact (samefact.py) for them to be linked, the
    # higher bar for reporting their difference as a conflict, and the bar above which that
    # conflict has the rule's full severity (below it: one step lower). A wrong agreement
    # costs little; a false alarm costs the reader's trust. Set on the open benchmarks: the
    # conflict bar is the lowest (in steps of 0.05) at which the clean clusters' findings, each
    # topic judged by the model fitted without it, stay within the 0.3 per cluster
    # (README, "Where the threshold stands").
    align_threshold: float = Field(0.05, ge=0.0, le=1.0)
    conflict_threshold: float = Field(0.35, ge=0.0, le=1.0)
    error_threshold: float = Field(0.5, ge=0.0, le=1.0)
    # A conflict is not reported when the report of one side also states the other side's
    # value in a claim at least this share as likely to be the fact (judge._states_other_value);
    # swept on the open benchmarks' fit topics (README).
    rival_ratio: float = Field(0.25, ge=0.0)  # above 1: never
    nli: bool = True
    model: str | None = Field(None, min_length=1)  # None: the shipped factcheck-nli-minilm
    device: str = Field("cpu", min_length=1)
    batch_size: int | None = Field(None, ge=1, le=4096)  # None: 1 for int8 (nli.py says why), else 32
    # reduced-precision NLI on CPU: bfloat16 where the CPU has AMX, else int8 (ONNX Runtime for the
    # shipped model); faster than float32 and within a point of its accuracy on every benchmark set
    # (models/README.md). False: float32 torch
    quantize: bool = True
    nli_threshold: float | None = Field(None, ge=0.0, le=1.0)  # None: the shipped model's calibrated threshold
    severity: dict[str, Literal["error", "warning", "info", "off"]] = Field(
        default_factory=lambda: dict(DEFAULT_SEVERITY))
    fail_on: Literal["error", "warning", "info", "none"] = "error"
    # Folder of the on-disk NLI score cache (factcheck.cache.ScoreCache); None: no cache. The
    # API leaves it off; the CLI turns it on (.factcheck_cache next to the config) unless --no-cache.
    cache_dir: str | None = Field(None, min_length=1)
    # Limits that keep one huge input from a silent multi-minute run (factcheck.limits): a
    # longer document is checked up to here, a longer sentence parsed in pieces; both warn.
    # 300,000 characters is some 50,000 words, twenty long features; a news sentence is rarely
    # over 400 characters, and spaCy's memory grows with the length of what it parses. 0: no limit.
    max_document_chars: int = Field(300_000, ge=0)
    max_sentence_chars: int = Field(1_000, ge=0)
    # Processes that parse and extract in parallel (factcheck.workers); 0: one per CPU, the default, as
    # linters use every core. Parsing is most of a run without NLI and one spaCy process uses
    # one core (benchmarks/speed.py --jobs); a small input is parsed in one process anyway
    # (pipeline.PARALLEL_MIN_SENTENCES).
    jobs: int = Field(0, ge=0, le=256)

    @field_validator("max_date_gap_days", mode="before")
    @classmethod
    def _negative_is_no_limit(cls, v):
        return None if isinstance(v, int) and not isinstance(v, bool) and v < 0 else v

    @field_validator("severity")
    @classmethod
    def _known_rules(cls, v: dict) -> dict:
        unknown = sorted(set(v) - set(DEFAULT_SEVERITY))
        if unknown:
            raise ValueError(f"unknown rule {unknown[0]!r} (rules: {', '.join(DEFAULT_SEVERITY)})")
        return {**DEFAULT_SEVERITY, **v}
    # Which documents are compared: "auto" groups documents that name no cluster into stories
    # (factcheck/cluster.py), "none" compares them all with each other, any other value is the
    # record field that names the cluster ("topic").
    cluster: str = Field("auto", min_length=1)
    # Where JSON, JSONL and CSV records and front matter keep what factcheck reads, when their keys
    # are not its own: {"text": "body", "date": "published_at"}. An archive is read as it is,
    # not rewritten first.
    fields: dict[str, str] = Field(default_factory=dict)

    @field_validator("fields")
    @classmethod
    def _record_fields(cls, v: dict) -> dict:
        from .load import RECORD_FIELDS

        for name, key in v.items():
            if name not in RECORD_FIELDS:
                raise ValueError(f"unknown field {name!r} (fields: {', '.join(RECORD_FIELDS)}; "
                                 "the cluster's is named by the cluster option)")
            if not key.strip():
                raise ValueError(f"empty record key for {name!r}")
        return dict(v)

    def severity_of(self, rule: str) -> str:
        return self.severity.get(rule, DEFAULT_SEVERITY.get(rule, "warning"))


def describe_error(exc, names: dict[str, str] | None = None) -> str:
    """One line from a pydantic ValidationError: the option (as the user spelt it, via
    ``names``: field -> shown name) and why, for the first problem found."""
    err = exc.errors()[0]
    loc = [str(p) for p in err.get("loc", ())]
    field = loc[0] if loc else "?"
    names = names or {}
    # pydantic locates the error by the key it was given: the field name or its kebab alias
    shown = next((names[k] for k in (field, kebab(field), field.replace("-", "_")) if k in names), kebab(field))
    key = ".".join([shown, *loc[1:]])
    if err.get("type") == "extra_forbidden":
        return f"unknown option '{key}'"
    why = err.get("msg", "invalid value")
    why = why[0].lower() + why[1:] if why else why
    if why.startswith("value error, "):
        why = why[len("value error, "):]
    return f"bad value for '{key}': {why} (got {err.get('input')!r})"
