"""Output formats, one module each (as Vale keeps one file per output format).

Every module has ``render(result, **context) -> str``; FORMATS maps the ``--format`` name to
the module and the file extension used when writing into ``--out DIR``.
"""

from __future__ import annotations

from importlib import import_module

# name -> (module, extension)
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "txt"),
    "md": ("markdown", "md"),
    "json": ("json_", "json"),
    "csv": ("csv_", "csv"),
    "html": ("html", "html"),
    "sarif": ("sarif", "sarif"),
    "junit": ("junit", "xml"),
    "github": ("github", "txt"),
    "jsonl": ("jsonl", "jsonl"),
}

# What `--out DIR` writes when no --format is given: the batch report set.
BATCH_FORMATS = ("md", "json", "csv", "html")


def render(fmt: str, result, **context) -> str:
    module_name, _ = FORMATS[fmt]
    module = import_module(f"{__name__}.{module_name}")
    return module.render(result, **context)


def extension(fmt: str) -> str:
    return FORMATS[fmt][1]
