"""The settings of one check, in one typed object that the CLI, the config file and the API share."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info", "off")

# Rule -> default severity. single-source is reported but never fails a build by default: one
# report saying something the others do not is normal, not an inconsistency.
DEFAULT_SEVERITY = {
    "numeric-conflict": "error",
    "temporal-conflict": "error",
    "contradiction": "error",
    "single-source": "off",
}


@dataclass
class Options:
    # Relative slack for stated point values ("1.5 million" vs "1.52 million"): reporters round.
    # Never wider than the precision the number is written with: "7,403" means 7,403 +- 0.5.
    numeric_tolerance: float = 0.02
    # Claims from documents dated further apart than this are about different moments
    # (markets move, tolls rise, follow-up stories), so they are not compared. None: always.
    max_date_gap_days: int | None = 1
    # Minimum alignment score for two claims to be taken as speaking of the same thing, and
    # the higher bar for calling them a conflict: a wrong agreement costs little, a false
    # alarm costs the reader's trust.
    align_threshold: float = 0.35
    conflict_threshold: float = 0.55
    nli: bool = True
    model: str | None = None  # None: the shipped factcheck-nli-minilm
    device: str = "cpu"
    batch_size: int = 32
    # dynamic int8 on CPU: about 2.6x faster NLI, 1 to 3.5 points less accurate (models/README.md)
    quantize: bool = False
    nli_threshold: float | None = None  # None: the shipped model's calibrated threshold
    severity: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    fail_on: str = "error"
    # Folder of the on-disk NLI score cache (factcheck.cache.ScoreCache); None: no cache. The
    # API leaves it off; the CLI turns it on (.factcheck_cache next to the config) unless --no-cache.
    cache_dir: str | None = None
    # Which documents are compared: "auto" groups documents that name no cluster into stories
    # (factcheck/cluster.py), "none" compares them all with each other, any other value is the
    # record field that names the cluster ("topic").
    cluster: str = "auto"

    def severity_of(self, rule: str) -> str:
        return self.severity.get(rule, DEFAULT_SEVERITY.get(rule, "warning"))
