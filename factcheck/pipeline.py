"""One check from documents to result: segment, extract, align, judge (and the NLI stage).

A Checker holds the loaded pipelines (spaCy, the NLI model) so they are loaded once and
passed in, never kept in module globals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .align import align
from .extract import extract_from_parsed
from .frames import attach_frames
from .judge import judge
from .limits import clip_document, split_long_sentences
from .options import Options
from .samefact import SameFactModel, masked
from .segment import content_lemmas, parse_sentences, split_sentences
from .types import CheckResult, Claim, Document, ParsedSentence


@dataclass
class Analysis:
    document: Document
    sentences: list[ParsedSentence]
    claims: list[Claim]


class Checker:
    def __init__(self, options: Options | None = None, *, nlp=None, nli=None, embedder=None, cache=None,
                 samefact=None):
        from .nlp import load_spacy

        self.options = options or Options()
        self.nlp = nlp if nlp is not None else load_spacy()
        self.nli = nli
        self.cache = cache
        self._embedder = embedder
        self._vectors: dict[str, object] = {}
        self.samefact = samefact if samefact is not None else SameFactModel.load()

    @property
    def embedder(self):
        """The sentence encoder, loaded on first use: alignment and the NLI stage share it."""
        if self._embedder is None:
            from .embed import Embedder

            self._embedder = Embedder.load(self.options.device)
        return self._embedder

    def analyse(self, document: Document) -> Analysis:
        if document.status != "ok":
            return Analysis(document, [], [])
        try:
            view = clip_document(document, self.options.max_document_chars)
            sentences = split_long_sentences(document, split_sentences(view), self.options.max_sentence_chars)
            parsed = parse_sentences(sentences, self.nlp)
            claims = extract_from_parsed(view, parsed)
            attach_frames(claims, parsed)
            return Analysis(document, parsed, claims)
        except Exception as exc:  # one document that trips a bug must not stop the others
            _fail(document, "analysing", exc)
            return Analysis(document, [], [])

    def analyse_all(self, documents: Iterable[Document]) -> list[Analysis]:
        return [self.analyse(d) for d in documents]

    def check(self, documents: Sequence[Document]) -> CheckResult:
        analyses = self.analyse_all(documents)
        try:
            return self.judge(analyses)
        except Exception:
            return self._judge_by_cluster(analyses)

    def _judge_by_cluster(self, analyses: Sequence[Analysis]) -> CheckResult:
        """Judging failed somewhere: judge each cluster alone, so that only the cluster that
        fails is lost (its documents marked as errors) and the others are still reported."""
        clusters: dict[str | None, list[Analysis]] = {}
        for a in analyses:
            clusters.setdefault(a.document.cluster, []).append(a)
        claims, findings, agreements, single = [], [], [], []
        for name, group in clusters.items():
            try:
                part = self.judge(group)
            except Exception as exc:
                for a in group:
                    if a.document.status == "ok":
                        _fail(a.document, f"comparing cluster {name!r}" if name else "comparing", exc)
                claims += [c for a in group for c in a.claims]
                continue
            claims += part.claims
            findings += part.findings
            agreements += part.agreements
            single += part.single_source
        for prefix, items in (("F", findings), ("A", agreements), ("S", single)):
            for i, item in enumerate(items, 1):
                item.id = f"{prefix}{i}"
        return CheckResult([a.document for a in analyses], claims, findings, agreements, single)

    def judge(self, analyses: Sequence[Analysis]) -> CheckResult:
        documents = {a.document.id: a.document for a in analyses}
        claims = [c for a in analyses for c in a.claims]
        lemmas = {
            (p.sentence.doc, p.sentence.start): content_lemmas(p)
            for a in analyses
            for p in a.sentences
        }
        groups = align(claims, documents, lemmas, self.options, samefact=self.samefact,
                       vectors=self._claim_vectors(analyses))
        findings, agreements, single, not_compared = judge(groups, documents, self.options)
        if self.nli is not None:
            from .contradiction import find_contradictions

            more_findings, paraphrases = find_contradictions(
                analyses, claims, self.nli, self.options, embedder=self.embedder, cache=self.cache,
                lemmas=lemmas,
            )
            findings += more_findings
            agreements += paraphrases
        findings = [f for f in findings if f.severity != "off"]
        for prefix, items in (("F", findings), ("A", agreements), ("S", single), ("N", not_compared)):
            for i, item in enumerate(items, 1):
                item.id = f"{prefix}{i}"
        return CheckResult([a.document for a in analyses], claims, findings, agreements, single, not_compared)

    def _claim_vectors(self, analyses: Sequence[Analysis]) -> dict[tuple[str, int], object]:
        """Embeddings of the claim-bearing sentences, numerals masked, of documents that share a
        cluster with another document (the only ones alignment compares)."""
        per_cluster: dict[str | None, int] = {}
        for a in analyses:
            if a.claims:
                per_cluster[a.document.cluster] = per_cluster.get(a.document.cluster, 0) + 1
        sentences = {}
        for a in analyses:
            if per_cluster.get(a.document.cluster, 0) < 2:
                continue
            for c in a.claims:
                key = (c.doc, c.sentence_start)
                if key not in sentences:
                    sentences[key] = masked(a.document.text[c.sentence_start : c.sentence_end])
        missing = sorted({t for t in sentences.values() if t not in self._vectors})
        if missing:
            # a Checker that judges many sets (a benchmark, a server) embeds a sentence once
            if len(self._vectors) > 200_000:
                self._vectors.clear()
            self._vectors.update(zip(missing, self.embedder.encode(missing)))
        return {k: self._vectors[t] for k, t in sentences.items()}


def _fail(document: Document, step: str, exc: Exception) -> None:
    """Mark a document as failed with one line naming the step and the exception."""
    why = " ".join(str(exc).split())[:200]
    document.status = "error"
    document.error = f"internal error while {step}: {type(exc).__name__}" + (f": {why}" if why else "")
