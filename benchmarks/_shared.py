"""Where the benchmark data lives: ../shared beside the checkout (CI has it, users do not)."""

from __future__ import annotations

import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {path} not found (benchmark data lives in ../shared beside the checkout)")
        sys.exit(0)
    return path
