"""CSV: one row per piece of evidence, so a spreadsheet can filter by document or rule."""

from __future__ import annotations

import pandas as pd

COLUMNS = ["item", "type", "rule", "severity", "outcome", "score", "message",
           "doc", "start", "end", "claim", "claim_start", "claim_end", "sentence"]


def rows(result):
    for kind, items in (("finding", result.findings), ("agreement", result.agreements),
                        ("single-source", result.single_source)):
        for item in items:
            for ev in item.evidence:
                yield {
                    "item": item.id,
                    "type": kind,
                    "rule": getattr(item, "rule", None),
                    "severity": getattr(item, "severity", None),
                    "outcome": getattr(item, "outcome", "conflict"),
                    "score": item.score,
                    "message": item.message,
                    "doc": ev.doc,
                    "start": ev.start,
                    "end": ev.end,
                    "claim": ev.claim,
                    "claim_start": ev.claim_start,
                    "claim_end": ev.claim_end,
                    "sentence": ev.text,
                }


# offsets are integers; a row without a claim has none, which must not turn 60 into "60.0"
_INTEGER = ("start", "end", "claim_start", "claim_end", "sentence_start", "sentence_end")


def _csv(frame: pd.DataFrame) -> str:
    for name in _INTEGER:
        if name in frame:
            frame[name] = frame[name].astype("Int64")
    return frame.to_csv(index=False)


def render(result, **context) -> str:
    return _csv(pd.DataFrame(list(rows(result)), columns=COLUMNS))


def claims_csv(claims) -> str:
    """The claims of `factcheck extract --format csv`, one row each, in CheckResult's columns."""
    from ..types import CheckResult

    return _csv(CheckResult([], claims=list(claims)).to_dataframe("claims"))
