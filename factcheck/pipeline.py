"""One check from documents to result: segment, extract, align, judge (and the NLI stage).

A Checker holds the loaded pipelines (spaCy, the NLI model) so they are loaded once and
passed in, never kept in module globals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .align import align
from .extract import extract_from_parsed
from .judge import judge
from .options import Options
from .segment import content_lemmas, parse_sentences, split_sentences
from .types import Agreement, CheckResult, Claim, Document, Finding, ParsedSentence


@dataclass
class Analysis:
    document: Document
    sentences: list[ParsedSentence]
    claims: list[Claim]


@dataclass
class ClusterVerdict:
    """What judging one cluster gave; ``error`` when it failed (its documents become errors)."""

    cluster: str | None
    documents: list[str]
    findings: list[Finding] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    single_source: list[Agreement] = field(default_factory=list)
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
    for prefix, items in (("F", findings), ("A", agreements), ("S", single)):
        for i, item in enumerate(items, 1):
            item.id = f"{prefix}{i}"
    claims = [c for a in analyses for c in a.claims]
    return CheckResult([a.document for a in analyses], claims, findings, agreements, single)


class Checker:
    def __init__(self, options: Options | None = None, *, nlp=None, nli=None, embedder=None, cache=None,
                 progress=None):
        from .nlp import load_spacy
        from .progress import Progress

        self.progress = progress or Progress(False)  # bars on stderr: factcheck.progress
        self.options = options or Options()
        self.nlp = nlp if nlp is not None else load_spacy()
        self.nli = nli
        self.cache = cache
        self.embedder = embedder
        if nli is not None and embedder is None:
            from .embed import Embedder

            self.embedder = Embedder.load(self.options.device)

    def analyse(self, document: Document) -> Analysis:
        if document.status != "ok":
            return Analysis(document, [], [])
        parsed = parse_sentences(split_sentences(document), self.nlp)
        return Analysis(document, parsed, extract_from_parsed(document, parsed))

    def analyse_all(self, documents: Iterable[Document]) -> list[Analysis]:
        return [self.analyse(d) for d in documents]

    def check(self, documents: Sequence[Document]) -> CheckResult:
        progress = self.progress
        with progress.stage("parsing", len(documents), "doc") as step:
            analyses = []
            for d in documents:
                analyses.append(self.analyse(d))
                step()
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
        if self.embedder is None:  # clustering without the NLI stage still needs the encoder
            from .embed import Embedder

            self.embedder = Embedder.load(self.options.device)
        return self.embedder.encode(texts)

    def judge_cluster(self, analyses: Sequence[Analysis]) -> ClusterVerdict:
        """Judge the analyses of one cluster; an exception fails this cluster only."""
        ids = [a.document.id for a in analyses]
        cluster = analyses[0].document.cluster if analyses else None
        try:
            r = self.judge(analyses)
        except Exception as e:  # one broken cluster must not stop the others
            return ClusterVerdict(cluster, ids, error=f"judging cluster {cluster or '(none)'} failed: "
                                  f"{type(e).__name__}: {e}")
        return ClusterVerdict(cluster, ids, r.findings, r.agreements, r.single_source)

    def judge(self, analyses: Sequence[Analysis]) -> CheckResult:
        documents = {a.document.id: a.document for a in analyses}
        claims = [c for a in analyses for c in a.claims]
        lemmas = {
            (p.sentence.doc, p.sentence.start): content_lemmas(p)
            for a in analyses
            for p in a.sentences
        }
        groups = align(claims, documents, lemmas, self.options)
        findings, agreements, single = judge(groups, documents, self.options)
        if self.nli is not None:
            from .contradiction import find_contradictions

            more_findings, paraphrases = find_contradictions(
                analyses, claims, self.nli, self.options, embedder=self.embedder, cache=self.cache,
                lemmas=lemmas,
            )
            findings += more_findings
            agreements += paraphrases
        findings = [f for f in findings if f.severity != "off"]
        for prefix, items in (("F", findings), ("A", agreements), ("S", single)):
            for i, item in enumerate(items, 1):
                item.id = f"{prefix}{i}"
        return CheckResult([a.document for a in analyses], claims, findings, agreements, single)
