"""One check from documents to result: segment, extract, align, then the rules (factcheck/rules/).

A Checker holds the loaded pipelines (spaCy, the NLI model) so they are loaded once and
passed in, never kept in module globals.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .align import align
from .contradiction import nli_sentences
from .embed import TextVectors
from .extract import extract_from_parsed
from .frames import attach_frames
from .judge import run_rules
from .limits import clip_document, split_long_sentences
from .memory import release
from .options import Options
from .rules import Cluster
from .samefact import PHRASE_FEATURES, SameFactModel, comparable_key, masked, masked_sentence, phrases
from .segment import sentence_lemmas, split_sentences, stream_parsed
from .types import Agreement, CheckResult, Claim, Document, Finding, ParsedSentence, Proposition
from .workers import analyse, tasks

# Documents whose sentences are parsed in one nlp.pipe pass: enough sentences (some 500 of
# news) for spaCy's batches to fill, few enough that a chunk's parses stay small in memory.
PARSE_CHUNK = 32
# Fewer sentences than this are parsed in one process whatever ``jobs`` says: starting the
# workers costs about what a second core saves on some 80 sentences of news (four to ten
# articles), and a check of a few reports should not fork at all (benchmarks/speed.py).
PARALLEL_MIN_SENTENCES = 150
# A headline, a list or a table can hold no number or date a claim is made of: the document is
# checked with what it has, and says so, rather than passing as checked and consistent.
NO_CLAIMS = "no numbers or dates found: only what its clauses deny is compared (the NLI stage is off)"
NO_CLAIMS_NLI = "no numbers or dates found: only its sentences' wording is compared (NLI)"


@dataclass
class Analysis:
    document: Document
    sentences: list[ParsedSentence]
    claims: list[Claim]
    # its asserted clauses (frames.propositions), read with the claims' frames
    propositions: list[Proposition] = field(default_factory=list)


@dataclass
class ClusterVerdict:
    """What judging one cluster gave; ``error`` when it failed (its documents become errors)."""

    cluster: str | None
    documents: list[str]
    findings: list[Finding] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    single_source: list[Agreement] = field(default_factory=list)
    not_compared: list[Agreement] = field(default_factory=list)
    error: str | None = None


def cluster_groups(analyses: Sequence[Analysis]) -> list[list[Analysis]]:
    """Analyses grouped by cluster, groups in order of their first document (None is a cluster)."""
    groups: dict[str | None, list[Analysis]] = {}
    for a in analyses:
        groups.setdefault(a.document.cluster, []).append(a)
    return list(groups.values())


def merge_verdicts(analyses: Sequence[Analysis], verdicts: Sequence[ClusterVerdict]) -> CheckResult:
    """One result from per-cluster verdicts, in cluster order, ids numbered across the whole check.

    Both engines end here, so they number findings alike whatever order clusters finished in.
    """
    failed = {d: v.error for v in verdicts if v.error for d in v.documents}
    for a in analyses:
        if a.document.id in failed and a.document.status == "ok":
            a.document.status, a.document.error = "error", failed[a.document.id]
    position = {a.document.id: i for i, a in enumerate(analyses)}
    ordered = sorted(verdicts, key=lambda v: position[v.documents[0]] if v.documents else -1)
    findings = [f for v in ordered for f in v.findings]
    agreements = [x for v in ordered for x in v.agreements]
    single = [x for v in ordered for x in v.single_source]
    not_compared = [x for v in ordered for x in v.not_compared]
    for prefix, items in (("F", findings), ("A", agreements), ("S", single), ("N", not_compared)):
        for i, item in enumerate(items, 1):
            item.id = f"{prefix}{i}"
    claims = [c for a in analyses for c in a.claims]
    return CheckResult([a.document for a in analyses], claims, findings, agreements, single, not_compared)


class Checker:
    def __init__(self, options: Options | None = None, *, nlp=None, nli=None, embedder=None, cache=None,
                 samefact=None, progress=None, rules=None):
        from .nlp import load_spacy
        from .progress import Progress

        self.progress = progress or Progress(False)  # bars on stderr: factcheck.progress
        self.options = options or Options()
        self.nlp = nlp if nlp is not None else load_spacy()
        self.nli = nli
        self.cache = cache
        self._embedder = embedder
        # the encoder may first be asked for by TextVectors.prefetch's thread and by story
        # clustering at once: loaded once all the same
        self._embedder_lock = threading.Lock()
        self.vectors = TextVectors(lambda: self.embedder)  # alignment and the NLI stage share it
        self.samefact = samefact if samefact is not None else SameFactModel.load()
        self.rules = rules  # None: every rule in factcheck.rules.RULES

    @property
    def embedder(self):
        """The sentence encoder, loaded on first use: alignment and the NLI stage share it."""
        with self._embedder_lock:
            if self._embedder is None:
                from .embed import Embedder

                self._embedder = Embedder.load(self.options.device, self.options.quantize)
        return self._embedder

    def analyse(self, document: Document) -> Analysis:
        return self.analyse_all([document])[0]

    @property
    def jobs(self) -> int:
        return self.options.jobs or os.cpu_count() or 1

    def chunks(self, documents: Sequence[Document]) -> Iterator[Sequence[Document]]:
        """The documents in the chunks that ``_analyse_chunk`` parses in one pass: ``PARSE_CHUNK``
        documents, or ``PARSE_CHUNK`` * 4 per job when several processes parse, since each pass
        forks its workers anew."""
        size = PARSE_CHUNK if self.jobs == 1 else PARSE_CHUNK * 4 * self.jobs
        for i in range(0, len(documents), size):
            yield documents[i:i + size]

    def analyse_all(self, documents: Iterable[Document], step=None, prefetch: bool = False) -> list[Analysis]:
        """Analyse documents in ``chunks``, parsing the sentences of a chunk in one ``nlp.pipe``
        pass: spaCy batches well only over many sentences, and a news article has a dozen or
        two (``benchmarks/speed.py --bare``). ``step(n)`` is told of each chunk done.
        ``prefetch``: the caller will judge these analyses here, so the sentence encoder starts
        on what judging embeds while the rest parse (``_texts_to_encode``); not for analyses
        that are only extracted, or judged by another process (the Ray engine)."""
        analyses: list[Analysis] = []
        documents = list(documents)
        # one document is compared with nothing: its sentences need no vectors
        prefetch = prefetch and len(documents) > 1
        for chunk in self.chunks(documents):
            analyses += self._analyse_chunk(chunk, prefetch)
            if step is not None:
                step(len(chunk))
        return analyses

    def _analyse_chunk(self, documents: Sequence[Document], prefetch: bool = False,
                       parallel: bool = True) -> list[Analysis]:
        # one document that trips a bug must not stop the others: each step is guarded per document
        prepared: list[tuple | None] = []
        for d in documents:
            if d.status != "ok":
                prepared.append(None)
                continue
            try:
                view = clip_document(d, self.options.max_document_chars)
                prepared.append((view, split_long_sentences(d, split_sentences(view), self.options.max_sentence_chars)))
            except Exception as exc:
                _fail(d, "analysing", exc)
                prepared.append(None)
        sentences = [s for p in prepared if p for s in p[1]]
        jobs = self.jobs if parallel and len(sentences) >= PARALLEL_MIN_SENTENCES else 1
        # documents enough to give every worker a batch are analysed in the workers; a single
        # long document (a claim's frame needs all of its document's parses) is only parsed in
        # spaCy's processes and extracted here
        batches = tasks([p for p in prepared if p is not None]) if jobs > 1 else []
        if len(batches) >= jobs > 1:
            return self._analyse_in_workers(documents, prepared, batches, prefetch)
        stream = None
        out: list[Analysis] = []
        # Each document is extracted as soon as its sentences are parsed: with spaCy's worker
        # processes the extraction here overlaps their parsing instead of following it.
        for i, (d, p) in enumerate(zip(documents, prepared)):
            if p is None:
                out.append(Analysis(d, [], []))
                continue
            view, sentences_of_d = p
            try:
                if stream is None:
                    stream = stream_parsed(sentences, self.nlp, n_process=jobs)
                parsed = [next(stream) for _ in sentences_of_d]
            except Exception as exc:
                if stream is not None:
                    stream.close()  # stops spaCy's workers
                if len(documents) == 1:
                    _fail(d, "analysing", exc)
                    return [Analysis(d, [], [])]
                # the parse of the rest failed: find the document that trips it, one at a time
                return out + [a for rest in documents[i:] for a in self._analyse_chunk([rest], prefetch, False)]
            try:
                claims = extract_from_parsed(view, parsed)
                found = attach_frames(claims, parsed)
                out.append(self._analysed(d, parsed, claims, found, prefetch))
            except Exception as exc:
                _fail(d, "analysing", exc)
                out.append(Analysis(d, [], []))
        return out

    def _analyse_in_workers(self, documents: Sequence[Document], prepared: Sequence[tuple | None],
                            batches: list, prefetch: bool) -> list[Analysis]:
        """``_analyse_chunk`` in ``jobs`` worker processes (factcheck.workers), ``batches`` the
        prepared documents as ``workers.tasks`` cut them, each document taken up here as it
        comes back; if a worker dies, the documents not yet back are analysed here, one at a time."""
        out: list[Analysis] = []
        results = analyse(batches, self.nlp, self.jobs)
        try:
            for d, p in zip(documents, prepared):
                if p is None:
                    out.append(Analysis(d, [], []))
                    continue
                done = next(results)
                if done.failed:
                    _fail(d, "analysing", done.failed)
                    out.append(Analysis(d, [], []))
                    continue
                try:
                    out.append(self._analysed(d, done.parsed, done.claims, done.propositions, prefetch))
                except Exception as exc:
                    _fail(d, "analysing", exc)
                    out.append(Analysis(d, [], []))
        except Exception:
            results.close()
            rest = documents[len(out):]
            out += [a for d in rest for a in self._analyse_chunk([d], prefetch, parallel=False)]
        return out

    def _analysed(self, d: Document, parsed: list[ParsedSentence], claims: list[Claim],
                  found: list[Proposition], prefetch: bool) -> Analysis:
        """The analysis of a parsed document, its claims extracted and framed, its propositions read."""
        if not claims and parsed:
            d.warnings.append(NO_CLAIMS_NLI if self.options.nli else NO_CLAIMS)
        analysis = Analysis(d, parsed, claims, found)
        if prefetch:
            self.vectors.prefetch(self._texts_to_encode(analysis))
        return analysis

    def _texts_to_encode(self, analysis: Analysis) -> list[str]:
        """What judging will embed of a document (``_claim_vectors``, and with NLI the
        candidate selection's sentences), so that the encoder can start on it while the next
        documents parse (``TextVectors.prefetch``)."""
        text = analysis.document.text
        wanted = self.samefact.used(PHRASE_FEATURES)
        texts = [masked_sentence(c, text) for c in analysis.claims]
        texts += [p for c in analysis.claims for p in phrases(c, wanted)]
        if self.options.nli:
            texts += [masked(p.sentence.text) for p in nli_sentences(analysis)]
        return texts

    def check(self, documents: Sequence[Document]) -> CheckResult:
        progress = self.progress
        with progress.stage("parsing", len(documents), "doc") as step:
            analyses = self.analyse_all(documents, step, prefetch=True)
        self.assign_clusters(analyses)
        groups = cluster_groups(analyses)
        with progress.stage("judging", len(groups), "cluster") as step:
            verdicts = []
            for g in groups:
                verdicts.append(self.judge_cluster(g))
                step()
        return merge_verdicts(analyses, verdicts)

    def assign_clusters(self, analyses: Sequence[Analysis]) -> None:
        """Set each document's cluster as ``options.cluster`` says (see factcheck.cluster)."""
        from .cluster import apply_cluster_option

        apply_cluster_option(analyses, self.options.cluster, self._encode)

    def _encode(self, texts: list[str]):
        return self.embedder.encode(texts)  # loaded on first use

    def judge_cluster(self, analyses: Sequence[Analysis]) -> ClusterVerdict:
        """Judge the analyses of one cluster; an exception fails this cluster only."""
        ids = [a.document.id for a in analyses]
        cluster = analyses[0].document.cluster if analyses else None
        try:
            r = self.judge(analyses)
        except Exception as e:  # one broken cluster must not stop the others
            where = f"comparing cluster {cluster!r}" if cluster else "comparing"
            return ClusterVerdict(cluster, ids, error=_error_line(where, e))
        finally:
            release()  # what the models freed while judging it (factcheck.memory)
        return ClusterVerdict(cluster, ids, r.findings, r.agreements, r.single_source, r.not_compared)

    def judge(self, analyses: Sequence[Analysis]) -> CheckResult:
        documents = {a.document.id: a.document for a in analyses}
        claims = [c for a in analyses for c in a.claims]
        lemmas = sentence_lemmas(p for a in analyses for p in a.sentences)
        vectors, phrase_vectors = self._claim_vectors(analyses)
        groups = align(claims, documents, lemmas, self.options, samefact=self.samefact,
                       vectors=vectors, phrases=phrase_vectors)
        cluster = Cluster(analyses, claims, documents, lemmas, self.options, nli=self.nli,
                          embedder=lambda: self.vectors, cache=self.cache)
        judged = run_rules(groups, cluster, self.rules)
        findings, agreements = judged.findings, judged.agreements
        single, not_compared = judged.single_source, judged.not_compared
        for prefix, items in (("F", findings), ("A", agreements), ("S", single), ("N", not_compared)):
            for i, item in enumerate(items, 1):
                item.id = f"{prefix}{i}"
        return CheckResult([a.document for a in analyses], claims, findings, agreements, single, not_compared)

    def _claim_vectors(self, analyses: Sequence[Analysis], phrase_features: Sequence[str] | None = None,
                       ) -> tuple[dict[tuple[str, int], object], dict[str, object]]:
        """Embeddings of the claim-bearing sentences, numerals masked, keyed by (doc, sentence
        start), and of the claims' short phrases (samefact.phrases), keyed by text; only for the
        claims that have a comparable claim (same kind and unit) in another document of their
        cluster: the only ones alignment scores, and encoding is the costly step."""
        docs_of: dict[tuple, set[str]] = {}
        for a in analyses:
            for c in a.claims:
                docs_of.setdefault((a.document.cluster, comparable_key(c)), set()).add(c.doc)
        sentences = {}
        texts = set()
        # the phrases of a similarity the model weighs at 0 would be encoded for nothing; a fit
        # asks for all of them (``phrase_features``), or a feature once fitted to 0 would never
        # be computed again and could not regain weight in the next fit
        wanted = self.samefact.used(PHRASE_FEATURES) if phrase_features is None else tuple(phrase_features)
        for a in analyses:
            for c in a.claims:
                if len(docs_of[(a.document.cluster, comparable_key(c))]) < 2:
                    continue
                key = (c.doc, c.sentence_start)
                if key not in sentences:
                    sentences[key] = masked_sentence(c, a.document.text)
                texts.update(phrases(c, wanted))
        if not sentences:
            return {}, {}
        texts.update(sentences.values())
        vectors = self.vectors.lookup(sorted(texts))
        return {k: vectors[t] for k, t in sentences.items()}, vectors


def _error_line(step: str, exc: Exception | tuple[str, str]) -> str:
    """One line naming the step and the exception, for a failed document or cluster; ``exc``
    may be a worker's (exception name, message)."""
    name, message = exc if isinstance(exc, tuple) else (type(exc).__name__, str(exc))
    why = " ".join(message.split())[:200]
    return f"internal error while {step}: {name}" + (f": {why}" if why else "")


def _fail(document: Document, step: str, exc: Exception | tuple[str, str]) -> None:
    document.status = "error"
    document.error = _error_line(step, exc)
