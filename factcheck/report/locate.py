"""Character offsets to 1-based line and column, and document paths as a person types them,
for the formats that cite lines."""

from __future__ import annotations

import os
from pathlib import Path


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def display_path(source: str | None, cwd: str | Path | None = None) -> str | None:
    """``source`` relative to the working directory when it lies under it (what an editor or a
    terminal can open from where the user stands), else absolute; None when it is no file."""
    if not source or source == "-" or source.startswith("<"):
        return None
    path = Path(source)
    if not path.is_absolute() and not path.exists():
        return None
    here = Path(cwd or os.getcwd()).resolve()
    full = path.resolve() if path.exists() else (here / path)
    try:
        return full.relative_to(here).as_posix()
    except ValueError:
        return str(full)


def display_name(doc, cwd: str | Path | None = None) -> str:
    """How a document is named to a person: its file relative to the working directory when the
    document is a whole file, ``record (file)`` for a record of a feed, else its id."""
    path = display_path(getattr(doc, "source", None), cwd)
    if path is None:
        return doc.id
    whole_file = Path(doc.source).as_posix().endswith(doc.id) or doc.id == doc.source
    return path if whole_file else f"{doc.id} ({path})"
