"""JSON Lines: one finding per line, each shaped as in the JSON report's ``findings`` list, for
`jq`, log shippers and line-oriented diffing."""

from __future__ import annotations

import json


def render(result, **context) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in result.findings)
