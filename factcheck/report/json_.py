"""The JSON report: the contract other tools read (documents, claims, findings, agreements)."""

from __future__ import annotations

import json


def render(result, **context) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
