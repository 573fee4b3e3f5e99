"""Character offsets to 1-based line and column, for formats that cite lines."""

from __future__ import annotations


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
