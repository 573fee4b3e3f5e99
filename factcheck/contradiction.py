"""The NLI stage: contradictory paraphrases across reports.

1. Candidates: per cluster, over all its sentences at once, sentence pairs that speak of the
   same thing: each sentence's nearest neighbours by cosine of MiniLM sentence embeddings among
   the sentences of other comparable documents (a cap per sentence, above a floor) that share
   content lemmas. The pairs scored grow linearly with the articles of a cluster, not with
   its document pairs.
2. The NLI model scores both directions; the contradiction score is the larger of the two,
   a paraphrase needs entailment both ways (so a pair that can only be a paraphrase is read
   backward only when it entails forward).
3. Wording cues (cues.py): a contradiction is reported only when something in the wording can
   make the two contradict (negation, number, swapped name, antonym, swapped roles); the
   model's word-overlap bias otherwise flags near-identical sentences.
4. Numbers and dates: NLI models are poor at them, so when the two sentences hold aligned
   claims, the interval logic decides. A pair whose claims already conflict is reported by
   the numeric/temporal rule, not twice; a pair whose claims are compatible is rescored with
   the numbers made equal, and kept only if it still contradicts.

This module selects and scores the pairs; the contradiction rule (factcheck/rules/contradiction.py)
turns them into findings and paraphrases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .align import comparable, similarity
from .intervals import compare_claims
from .samefact import masked
from .segment import sentence_lemmas
from .options import Options
from .types import Claim, Document, ParsedSentence

# Contradiction probability above which a pair is flagged, when neither the options nor the
# model directory give one (models/factcheck-nli-minilm/factcheck.json holds the calibrated value).
DEFAULT_THRESHOLD = 0.9
ENTAILMENT_THRESHOLD = 0.8  # both directions, for a paraphrase
CONVERSE_COSINE = 0.8  # a converse restatement must also be close in meaning overall
# A candidate pair without a contradiction cue is scored only from this cosine up: it can only
# be a paraphrase, and of the 235 paraphrases that scoring every candidate of the 462 open ECB+
# articles found (11,450 pairs, 108 with a cue), 233 are this close, while scoring 1,528 of the
# 11,342 pairs without a cue instead of all (benchmarks/nli_candidates.py prints the curve).
PARAPHRASE_COSINE = 0.8
# ... and from this share of content lemmas in common: a paraphrase both ways says little that
# the other does not. Of the 1,339 candidates of the open ECB+ articles and MEANTIME (every pair
# compared) at PARAPHRASE_COSINE or more, without a cue and not the same sentence, the 102 the
# model found paraphrases share 0.41 or more; 1,051 are scored from 0.35 instead of all 1,339
# (benchmarks/nli_candidates.py prints both curves).
PARAPHRASE_JACCARD = 0.35
NEIGHBOURS = 8  # nearest sentences of other documents scored per sentence, whatever the cluster's size
MIN_COSINE = 0.55
MIN_SHARED_LEMMAS = 2
MIN_TOKENS = 4  # "Read NATO's full statement here:" is not a claim


@dataclass
class Candidate:
    a: ParsedSentence
    b: ParsedSentence
    cosine: float
    jaccard: float = 0.0  # of the two sentences' content lemmas


def _date_classes(docs: Sequence[Document], options: Options) -> tuple[np.ndarray, np.ndarray]:
    """Documents by date (one class per distinct date string) and which classes may be compared.

    Comparability depends only on the dates (``align.comparable``), and a cluster has far fewer
    distinct dates than documents, so the class matrix stays small where a document matrix of
    ten thousand articles would not. The diagonal holds only for a class of two documents or more.
    """
    index: dict[str | None, int] = {}
    members: list[list[Document]] = []
    cls = np.empty(len(docs), dtype=np.int64)
    for i, d in enumerate(docs):
        c = index.setdefault(d.date, len(index))
        if c == len(members):
            members.append([])
        members[c].append(d)
        cls[i] = c
    allowed = np.zeros((len(members), len(members)), dtype=bool)
    for x, mx in enumerate(members):
        for y in range(x, len(members)):
            my = members[y]
            b = my[1] if x == y and len(my) > 1 else (None if x == y else my[0])
            allowed[x, y] = allowed[y, x] = b is not None and comparable(mx[0], b, options)
    return cls, allowed


def _nearest_pairs(vectors: np.ndarray, doc: np.ndarray, cls: np.ndarray, allowed: np.ndarray,
                   k: int, floor: float, block_elems: int = 1 << 22) -> np.ndarray:
    """Sentence pairs (i < j) where one is among the other's ``k`` nearest neighbours, from
    another document whose date is comparable, at cosine ``floor`` or more: shape (n, 2).

    The similarity matrix is computed a block of rows at a time, at most ``block_elems`` cells,
    so memory stays bounded however many sentences a cluster holds; the cost is one matrix
    product over the cluster's sentences and k pairs a sentence, linear in the articles for
    the part that costs (the NLI scoring of the pairs).
    """
    n = len(vectors)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    kk = min(k, n)
    step = max(1, block_elems // n)
    found = []
    for r0 in range(0, n, step):
        r1 = min(n, r0 + step)
        sim = vectors[r0:r1] @ vectors.T
        ok = allowed[cls[r0:r1]][:, cls] & (doc[r0:r1, None] != doc[None, :]) & (sim >= floor)
        sim = np.where(ok, sim, -np.inf)
        top = np.argpartition(-sim, kk - 1, axis=1)[:, :kk]
        keep = np.isfinite(np.take_along_axis(sim, top, axis=1))
        rows = np.broadcast_to(np.arange(r0, r1)[:, None], top.shape)[keep]
        cols = top[keep]
        found.append(np.stack([np.minimum(rows, cols), np.maximum(rows, cols)], axis=1))
    pairs = np.concatenate(found)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def nli_sentences(analysis) -> list[ParsedSentence]:
    """The sentences of an analysis that the NLI stage may compare: ``MIN_TOKENS`` or more."""
    return [p for p in analysis.sentences if len(p.doc) >= MIN_TOKENS]


def select_candidates(analyses, embedder, options: Options,
                      lemmas: Mapping[tuple[str, int], set[str]] | None = None) -> tuple[list[Candidate], int]:
    """Cross-document sentence pairs worth scoring, and the number of all cross-document pairs
    within clusters (what scoring everything would cost).

    Per cluster, over all its sentences at once: each sentence's ``NEIGHBOURS`` nearest
    sentences of other comparable documents (cosine of MiniLM embeddings, at least
    ``MIN_COSINE``), kept when the two share ``MIN_SHARED_LEMMAS`` content lemmas. A cap per
    sentence, not per document pair, so a cluster of n articles costs about n times a
    sentence's cap, not n squared document pairs. Candidates come in document order (the pair's
    first document, then its second, then sentence order), so finding ids are stable.
    """
    usable = {a.document.id: nli_sentences(a) for a in analyses}
    docs = {a.document.id: a.document for a in analyses}
    ids = [i for i in usable if usable[i]]
    position = {d: i for i, d in enumerate(ids)}
    by_cluster: dict[str | None, list[str]] = defaultdict(list)
    for i in ids:
        by_cluster[docs[i].cluster].append(i)
    total = 0
    work = []  # (cluster's documents that some other may be compared with, date classes)
    for members in by_cluster.values():
        sizes = np.array([len(usable[i]) for i in members], dtype=np.int64)
        total += int((sizes.sum() ** 2 - (sizes ** 2).sum()) // 2)
        cls, allowed = _date_classes([docs[i] for i in members], options)
        # embedding is the costly step: only documents that some other document may be compared with
        paired = [i for i, c in zip(members, cls) if allowed[c].any()]
        if len(paired) > 1:
            work.append((paired, {i: c for i, c in zip(members, cls)}, allowed))
    flat = [p for paired, _, _ in work for i in paired for p in usable[i]]
    # numerals masked, as alignment embeds the claims' sentences: a pair that differs only in
    # its numbers is one topic, and the pipeline's encoder (embed.TextVectors) then encodes
    # each claim's sentence once for both
    enc = embedder.encode([masked(p.sentence.text) for p in flat]) if flat else None
    if lemmas is None:  # the pipeline passes the map it built for alignment
        lemmas = sentence_lemmas(flat)

    def key(p: ParsedSentence) -> tuple[str, int]:
        return p.sentence.doc, p.sentence.start

    found: list[tuple[tuple[int, int, int, int], Candidate]] = []
    pos = 0
    for paired, cls_of, allowed in work:
        sents = [(i, r, p) for i in paired for r, p in enumerate(usable[i])]
        vectors = np.asarray(enc[pos : pos + len(sents)], dtype=np.float32)
        pos += len(sents)
        doc = np.array([position[i] for i, _, _ in sents], dtype=np.int64)
        cls = np.array([cls_of[i] for i, _, _ in sents], dtype=np.int64)
        for x, y in _nearest_pairs(vectors, doc, cls, allowed, NEIGHBOURS, MIN_COSINE):
            (da, r, pa), (db, c, pb) = sents[x], sents[y]
            la, lb = lemmas[key(pa)], lemmas[key(pb)]
            shared = len(la & lb)
            if shared < MIN_SHARED_LEMMAS:
                continue
            found.append(((position[da], position[db], r, c),
                          Candidate(pa, pb, float(vectors[x] @ vectors[y]), shared / (len(la) + len(lb) - shared))))
    found.sort(key=lambda t: t[0])
    return [c for _, c in found], total


def _equalise(text: str, offset: int, claims: Sequence[Claim], replacements: dict[str, str]) -> str:
    """The sentence with each claim's text replaced by its counterpart's, right to left."""
    for c in sorted(claims, key=lambda c: c.start, reverse=True):
        if c.id in replacements:
            s, e = c.start - offset, c.end - offset
            text = text[:s] + replacements[c.id] + text[e:]
    return text


def claim_verdict(ca: Sequence[Claim], cb: Sequence[Claim], options: Options):
    """Outcome of the aligned claims of two sentences: ("conflict"|"compatible"|None, pairs).

    Claims are paired one to one, each with its mutual best match by context ("4 mph" jogging
    goes with jogging, not with "8 mph" walking back) and then by order among same-unit claims.
    """
    def key(c: Claim):
        return c.kind, getattr(c, "unit", None)

    def ranks(side: Sequence[Claim]) -> list[int]:
        seen: dict = defaultdict(int)
        out = []
        for c in side:
            out.append(seen[key(c)])
            seen[key(c)] += 1
        return out

    ra, rb = ranks(ca), ranks(cb)
    # ties go to the earlier claim (the negated index), so the pairing never depends on luck
    scored = {(i, j): (similarity(a, b, set(), set()) + (0.05 if ra[i] == rb[j] else 0.0), -i, -j)
              for i, a in enumerate(ca) for j, b in enumerate(cb) if key(a) == key(b)}
    best_for_a = {i: max((v[0], v[2], j) for (i2, j), v in scored.items() if i2 == i)[2] for i, _ in scored}
    best_for_b = {j: max((v[0], v[1], i) for (i, j2), v in scored.items() if j2 == j)[2] for _, j in scored}
    pairs = []
    for (i, j) in sorted(scored):
        if best_for_a[i] == j and best_for_b[j] == i:
            outcome = compare_claims(ca[i], cb[j], options)
            if outcome is not None:
                pairs.append((ca[i], cb[j], outcome))
    if any(o == "conflict" for _, _, o in pairs):
        return "conflict", pairs
    if pairs:
        return "compatible", pairs
    return None, pairs


def score_pairs(nli, pairs: Sequence[tuple[str, str]], cache=None) -> np.ndarray:
    """NLI probabilities (entailment, neutral, contradiction), with an optional score cache."""
    if not pairs:
        return np.zeros((0, 3), dtype=np.float32)
    if cache is None:
        return nli.predict(pairs)
    known = cache.get_many(nli.name, pairs)
    missing = [i for i in range(len(pairs)) if i not in known]
    out = np.zeros((len(pairs), 3), dtype=np.float32)
    if missing:
        fresh = nli.predict([pairs[i] for i in missing])
        cache.put_many(nli.name, [pairs[i] for i in missing], fresh)
        for j, i in enumerate(missing):
            out[i] = fresh[j]
    for i, s in known.items():
        out[i] = s
    return out
