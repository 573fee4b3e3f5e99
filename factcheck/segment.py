"""Sentences with character offsets into the document text, and their spaCy parses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import sentencex

from . import lexicon
from .types import Document, ParsedSentence, Sentence

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# sentencex never splits inside quotation marks, but news quotes run to several sentences
# ("... than Ukraine had in 2014. So, we continue ..."), and one sentence is the unit of
# evidence and of NLI. Split again after a lower-case word or digit and sentence-final
# punctuation when a capital follows; "U.S. Army" (capital before the stop) stays whole.
_INNER_BOUNDARY = re.compile(r"(?<=[a-z0-9%)][.!?])([\"\u201d\u2019']?)\s+(?=[\"\u201c\u2018']?[A-Z])")
# A headline or subhead run into the lead by a scraper ("Ten dead in southern Iran quake A
# powerful earthquake has hit ...", "Actress Esther Williams Dies at 91 The champion swimmer
# ..."), or a quote closed without its stop: an article with a capital inside a sentence,
# before a lower-case word, opens the next one. Not after another article ("the A list").
_RUN_IN_BOUNDARY = re.compile(r"(?<=[a-z0-9\"\u201d\u2019')])\s+(?=(?:A|An|The)\s+[a-z0-9])")
_ARTICLES = {"a", "an", "the"}
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "st",
    "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc", "no", "approx", "dept", "est", "fig", "mt", "ft", "rev",
}
_ABBREVIATIONS |= {r[0] for r in lexicon.rows("months") if r[2] == "abbr"}  # "Sept. 12"


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
            for s, e in _boundaries(chunk, headline=not sentences):
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


# "at 9:25 a.m. Thursday", "10 p.m. EST": news style puts the day or the zone after a clock
# time, and a sentence rarely opens with one, so the stop of "a.m." is no boundary before them
_CLOCK_END = re.compile(r"\b[ap]\.\s?m\.$", re.IGNORECASE)  # "9:25 a.m.", "3 p. m."


@lru_cache(maxsize=1)
def _clock_followers() -> frozenset[str]:
    from . import lexicon

    return lexicon.words("weekdays") | lexicon.words("months") | {z.lower() for z in lexicon.table("timezones")}


def _continues_clock(before: str, after: str) -> bool:
    if not _CLOCK_END.search(before.rstrip()):
        return False
    word = re.match(r"\W*([A-Za-z]+)", after)
    return word is not None and word.group(1).lower() in _clock_followers()


# "on Wed. Dec. 3", "Tues., Jan. 5": a weekday's abbreviation before its date is no sentence's
# end; "the Sun." before a capital that names no month still is
_WEEKDAY_ABBR_END = re.compile(r"\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.,?$", re.IGNORECASE)


def _continues_date(before: str, after: str) -> bool:
    if not _WEEKDAY_ABBR_END.search(before.rstrip()):
        return False
    word = re.match(r"\W*([A-Za-z]+|\d)", after)
    return word is not None and (word.group(1).isdigit() or word.group(1).lower() in lexicon.words("months"))


def _continues(before: str, after: str) -> bool:
    """A candidate boundary that splits one sentence: after a clock time or a weekday's
    abbreviation, before the day or date that goes with it."""
    return _continues_clock(before, after) or _continues_date(before, after)


# what is read around a candidate boundary: enough for a word and "a.m.", and a paragraph of a
# single 200,000-character line is not copied again at every candidate
_LOOK_BACK = 40


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _word_before(chunk: str, start: int, i: int) -> str | None:
    word = _LAST_WORD.search(chunk[max(start, i - _LOOK_BACK):i])
    return word.group(1).lower() if word else None


_HEADLINE_WORDS = lexicon.words("headline_words")
_WORD = re.compile(r"\S+")


def _headline_end(chunk: str, start: int, end: int) -> int | None:
    """Where a title-case headline run into the text's first sentence ends: a run of five or
    more capitalised words (or numbers) that holds two small words a headline capitalises
    ("Into", "For", "In") and is followed by a lower-case word ends before its last article
    ("... Drunken Hit-And-Run | The Hennepin County Attorney filed"), else before its last
    word, which opens the lead ("... For Undisclosed Reasons | It's been a long time")."""
    toks = []  # the run and the word after it, no further: the sentence may be very long
    for m in _WORD.finditer(chunk, start, end):
        toks.append(m)
        if not (m[0][0].isupper() or m[0][0].isdigit() or m[0] in ("-", "&")):
            break
    else:
        return None  # the whole sentence is a run: a headline alone, nothing to cut
    run = len(toks) - 1
    if run < 5 or not toks[run][0][0].islower():
        return None
    words = [t[0].strip(",:;\"'\u201c\u201d").lower() for t in toks[:run]]
    # two of them: a name may capitalise one ("Bank Of America Corp said ...")
    if sum(w in _HEADLINE_WORDS for w in words[1:]) < 2:
        return None
    articles = [i for i in range(2, run) if words[i] in _ARTICLES]
    cut = articles[-1] if articles else run - 1
    return toks[cut].start() if cut >= 2 else None


def _boundaries(chunk: str, headline: bool = False) -> Iterable[tuple[int, int]]:
    """Sentence spans of a paragraph; ``headline``: the paragraph opens the text, where a
    headline may run into the lead (``_headline_end``)."""
    spans: list[list[int]] = []
    for b in sentencex.get_sentence_boundaries("en", chunk):
        start, end = b["start_index"], b["end_index"]
        if spans and _continues(chunk[spans[-1][0]:start], chunk[start:end]):
            spans[-1][1] = end  # "at 9:25 a.m. | Thursday, the navy ...": one sentence
        else:
            spans.append([start, end])
    if headline and spans and (cut := _headline_end(chunk, *spans[0])) is not None:
        spans[0:1] = [[spans[0][0], cut], [cut, spans[0][1]]]
    for start, end in spans:
        cuts = []  # (end of one sentence, start of the next)
        for m in _INNER_BOUNDARY.finditer(chunk, start, end):
            if _word_before(chunk, start, m.start()) in _ABBREVIATIONS \
                    or _continues(chunk[max(start, m.start() - _LOOK_BACK):m.start() + 1],
                                  chunk[m.end():m.end() + _LOOK_BACK]):
                continue
            cuts.append((m.start() + len(m.group(1)), m.end()))
        for m in _RUN_IN_BOUNDARY.finditer(chunk, start, end):
            if _word_before(chunk, start, m.start()) not in _ARTICLES:
                cuts.append((m.start(), m.end()))
        pos = start
        for cut, nxt in sorted(cuts):
            if cut > pos:
                yield pos, cut
                pos = nxt
        yield pos, end


def parse_sentences(sentences: Sequence[Sentence], nlp, batch_size: int = 256, n_process: int = 1) -> list[ParsedSentence]:
    """Parse every sentence with spaCy in one batched pass (``stream_parsed``), all at once."""
    return list(stream_parsed(sentences, nlp, batch_size, n_process))


def stream_parsed(sentences: Sequence[Sentence], nlp, batch_size: int = 256,
                  n_process: int = 1) -> Iterator[ParsedSentence]:
    """Parse every sentence with spaCy in one batched pass, handing each parse out as it comes;
    ``n_process`` > 1 shares the batches out to that many worker processes, which spaCy forks
    for this pass, so the caller can use the first parses while the workers do the rest (the
    sentences of one long document; documents enough to share out go to factcheck.workers,
    which extract their claims too)."""
    if n_process > 1:
        # every worker gets a batch even when the sentences are few
        batch_size = max(1, min(batch_size, -(-len(sentences) // n_process)))
    docs = nlp.pipe((s.text for s in sentences), batch_size=batch_size, n_process=n_process)
    try:
        for s in sentences:
            yield ParsedSentence(s, next(docs))
    finally:
        docs.close()  # a caller that stops early stops spaCy's workers too


_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


def sentence_lemmas(parsed: Iterable[ParsedSentence]) -> dict[tuple[str, int], set[str]]:
    """``content_lemmas`` of each sentence, keyed by (doc, sentence start) as claims point to it."""
    return {(p.sentence.doc, p.sentence.start): content_lemmas(p) for p in parsed}


def content_lemmas(parsed: ParsedSentence) -> set[str]:
    """Lower-case lemmas of a sentence's content words: what alignment and pair selection compare."""
    return {
        t.lemma_.lower()
        for t in parsed.doc
        if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha and len(t) > 1
    }
