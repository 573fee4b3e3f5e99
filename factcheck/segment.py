"""Sentences with character offsets into the document text, and their spaCy parses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import sentencex

from .types import Document, ParsedSentence, Sentence

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    pos = start
    for m in _BLANK_LINE.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def split_sentences(document: Document) -> list[Sentence]:
    """Split the content regions into paragraphs on blank lines, then into sentences.

    sentencex keeps abbreviations ("U.S.", "Jan.") and quotes together and reports offsets,
    so every sentence maps back to the text as loaded; whitespace is trimmed from each span.
    """
    sentences: list[Sentence] = []
    paragraph = 0
    for region_start, region_end in document.regions():
        for p_start, p_end in _paragraphs(document.text, region_start, region_end):
            chunk = document.text[p_start:p_end]
            if not chunk.strip():
                continue
            for b in sentencex.get_sentence_boundaries("en", chunk):
                s, e = b["start_index"], b["end_index"]
                raw = chunk[s:e]
                lead = len(raw) - len(raw.lstrip())
                trail = len(raw) - len(raw.rstrip())
                s, e = s + lead, e - trail
                if e <= s:
                    continue
                sentences.append(
                    Sentence(document.id, p_start + s, p_start + e, chunk[s:e], paragraph)
                )
            paragraph += 1
    return sentences


def parse_sentences(sentences: Sequence[Sentence], nlp, batch_size: int = 64) -> list[ParsedSentence]:
    """Parse every sentence with spaCy in one batched pass."""
    docs = nlp.pipe((s.text for s in sentences), batch_size=batch_size)
    return [ParsedSentence(s, d) for s, d in zip(sentences, docs)]
