"""factcheck: do several reports about the same events agree? Numbers, dates and paraphrases,
each finding with the sentences it stands on."""

from .api import check, compare, extract_claims
from .options import Options
from .types import (
    Agreement,
    CheckResult,
    Claim,
    Document,
    Evidence,
    Finding,
    QuantityClaim,
    Sentence,
    TimeClaim,
)

__all__ = [
    "Agreement", "CheckResult", "Claim", "Document", "Evidence", "Finding", "Options",
    "QuantityClaim", "Sentence", "TimeClaim", "check", "compare", "extract_claims",
]
__version__ = "0.1.0"
