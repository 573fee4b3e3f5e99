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


def render(result, **context) -> str:
    return pd.DataFrame(list(rows(result)), columns=COLUMNS).to_csv(index=False)
