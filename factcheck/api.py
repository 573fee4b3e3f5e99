"""The public Python API: check(), extract_claims(), compare()."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace
from pathlib import Path

from .options import Options
from .types import CheckResult, Claim, Document


def _options(options: Options | None, overrides: dict) -> Options:
    options = options or Options()
    known = {f.name for f in fields(Options)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return replace(options, **overrides)


def _documents(inputs) -> list[Document]:
    from .load import load_documents, load_text

    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    docs: list[Document] = []
    paths: list[str | Path] = []
    for i, item in enumerate(inputs):
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and Path(item).exists()):
            paths.append(item)
        elif isinstance(item, str):
            docs.append(load_text(item, id=f"text{i + 1}"))
        else:
            raise TypeError(f"cannot check {type(item).__name__}: give paths, texts or Documents")
    if paths:
        docs = load_documents(paths) + docs
    return docs


def check(inputs: Iterable[str | Path | Document] | str | Path | Document,
          options: Options | None = None, *, checker=None, **overrides) -> CheckResult:
    """Check a set of reports against each other.

    ``inputs``: paths (files or folders), texts, or Documents. Keyword overrides set Options
    fields, e.g. ``check(paths, nli=False, numeric_tolerance=0.05)``.
    """
    from .pipeline import Checker

    opts = _options(options, overrides)
    checker = checker or Checker(opts, nli=_nli_for(opts))
    return checker.check(_documents(inputs))


def _nli_for(options: Options):
    if not options.nli:
        return None
    try:
        from .nli import NLIModel
    except ImportError:
        return None
    return NLIModel.load(options.model, device=options.device, batch_size=options.batch_size)


def extract_claims(text: str, date: str | None = None, *, id: str = "text", nlp=None) -> list[Claim]:
    """Numeric and temporal claims of one text; relative dates resolve against ``date``."""
    from .extract import extract_from_parsed
    from .load import load_text
    from .nlp import load_spacy
    from .segment import parse_sentences, split_sentences

    doc = load_text(text, id=id, date=date)
    parsed = parse_sentences(split_sentences(doc), nlp or load_spacy())
    return extract_from_parsed(doc, parsed)
