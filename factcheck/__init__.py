"""factcheck: do several reports about the same events agree? Numbers, dates and paraphrases,
each finding with the sentences it stands on."""

from importlib import import_module

# Loaded on first use (PEP 562), so that `factcheck --help` or a usage error answers at once
# without importing pydantic, pandas or the pipeline.
_EXPORTS = {
    "check": "api", "compare": "api", "extract_claims": "api", "Options": "options",
    "Agreement": "types", "CheckResult": "types", "Claim": "types", "Document": "types",
    "Evidence": "types", "Finding": "types", "QuantityClaim": "types", "Sentence": "types",
    "TimeClaim": "types",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_EXPORTS])
