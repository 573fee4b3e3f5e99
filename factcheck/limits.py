"""Size limits that keep one huge input from turning into a silent multi-minute run.

A document longer than ``max_document_chars`` is checked up to that point; a sentence longer
than ``max_sentence_chars`` (a 200,000-character line with no full stop, a table flattened
into one line) is parsed in pieces cut at whitespace. Both leave a warning on the document, so
the user hears about it; offsets still point into the text as loaded.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .types import Document, Sentence

_SPACE = re.compile(r"\s")


def _cut(text: str, start: int, limit: int) -> int:
    """An offset at most ``limit`` characters after ``start``, at whitespace when there is some
    in the second half of the window (a number is never cut in two), else exactly there."""
    end = start + limit
    if end >= len(text):
        return len(text)
    window = text[start + limit // 2:end]
    spaces = [m.start() for m in _SPACE.finditer(window)]
    at = start + limit // 2 + spaces[-1] if spaces else end
    return at if at > start else end


def clip_document(document: Document, max_chars: int) -> Document:
    """The document as far as it is checked: itself, or a view whose content ends near
    ``max_chars`` (same text, same offsets), with a warning on the original."""
    if max_chars <= 0 or len(document.text) <= max_chars:
        return document
    cut = _cut(document.text, 0, max_chars)
    regions = [(a, min(b, cut)) for a, b in document.regions() if a < cut]
    document.warnings.append(
        f"{len(document.text):,} characters, over max-document-chars ({max_chars:,}): "
        f"only the first {cut:,} are checked")
    return replace(document, content=regions)


def split_long_sentences(document: Document, sentences: list[Sentence], max_chars: int) -> list[Sentence]:
    """Sentences no longer than ``max_chars``: a longer one becomes pieces cut at whitespace,
    with one warning on the document."""
    if max_chars <= 0 or all(s.end - s.start <= max_chars for s in sentences):
        return sentences
    out: list[Sentence] = []
    long = []
    for s in sentences:
        if s.end - s.start <= max_chars:
            out.append(s)
            continue
        long.append(s.end - s.start)
        pos = 0
        while pos < len(s.text):
            end = _cut(s.text, pos, max_chars)
            piece = s.text[pos:end]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                out.append(Sentence(s.doc, s.start + pos + lead, s.start + pos + len(piece.rstrip()),
                                    piece.strip(), s.paragraph))
            pos = end
    document.warnings.append(
        f"{len(long)} sentence(s) over max-sentence-chars ({max_chars:,}), the longest "
        f"{max(long):,} characters: parsed in pieces, so a claim across a cut is missed")
    return out
