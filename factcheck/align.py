"""Which claims in different reports state the same fact.

Two claims are candidates when they are of one kind and one counted thing or unit, and come
from different documents of the same cluster; a level that moves (``moving``) is compared only
between reports at most ``max_date_gap_days`` apart, a fact fixed in time at any distance; and
one is among the other's ``TOP_K`` nearest such claims by the cosine of their sentences, so the
cost is linear in the articles of a cluster. The same-fact model (samefact.py) gives the
probability that they state one fact, from their frames, words and meaning; claims are linked
to their most probable match in each other document when that match is mutual, and linked
claims form groups.

``similarity`` is the older lexical score, still used to pair the claims of two given
sentences one to one (contradiction.claim_verdict), where the sentences are already aligned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np

from .components import components
from .options import Options
from .samefact import (SameFactModel, comparable_key, event_words, is_change, is_measure, jaccard, kind_counts,
                       moving, overlap, pair_features, plausible, unit_of)
from .types import Claim, Document, QuantityClaim, TimeClaim

def similarity(a: Claim, b: Claim, sent_a: set[str], sent_b: set[str]) -> float:
    """How sure we are that two claims are about the same thing, in [0, 1].

    Claims that state the same value get a small bonus: wrongly pairing two equal claims
    only costs a spurious agreement, while a conflict needs the words alone to tie them.
    """
    if a.kind != b.kind:
        return 0.0
    ctx = overlap(set(a.context), set(b.context))
    sent = jaccard(sent_a, sent_b)
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        ua, ub = unit_of(a), unit_of(b)
        # the unit is matched on its own; as context it would make "15 points" look like
        # "10,769 points" of the Dow Jones
        ctx = overlap(set(a.context) - {a.unit}, set(b.context) - {b.unit})
        if ua != ub or is_change(a) != is_change(b):
            return 0.0
        same = 0.1 if (a.modifier, a.value, a.high) == (b.modifier, b.value, b.high) else 0.0
        if is_measure(ua):
            # a bare number, money, a percentage: the unit says nothing about what is
            # measured ("$4.8 billion" lost vs "$82 billion" of assets), the words must
            return 0.5 * ctx + 0.5 * sent - 0.1 + same
        quals = overlap({q.lower() for q in a.qualifiers}, {q.lower() for q in b.qualifiers})
        return min(1.0, 0.35 + 0.3 * ctx + 0.2 * sent + 0.15 * quals + same)
    if isinstance(a, TimeClaim) and isinstance(b, TimeClaim):
        if a.type != b.type:
            return 0.0
        event = overlap(event_words(a), event_words(b))
        # a resolved day or month stated by two reports of the same day is itself a strong tie
        same = 0.25 if (a.value, a.mod) == (b.value, b.mod) else 0.0
        return min(1.0, 0.45 * event + 0.35 * ctx + 0.2 * sent + same)
    return 0.0


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def date_gap(da: Document, db: Document) -> int | None:
    a, b = _parse_date(da.date), _parse_date(db.date)
    return None if a is None or b is None else abs((a - b).days)


def far_apart(da: Document, db: Document, options: Options) -> bool:
    """Both dated, more than ``max_date_gap_days`` apart: too far for a moving level."""
    gap = date_gap(da, db)
    return options.max_date_gap_days is not None and gap is not None and gap > options.max_date_gap_days


def comparable(da: Document, db: Document, options: Options) -> bool:
    """Documents whose sentences the NLI stage may compare: same cluster, dates close enough."""
    return da.id != db.id and da.cluster == db.cluster and not far_apart(da, db, options)


class Group(list):
    """The claims of one group, with the alignment score of each linked pair and, for each
    member, every claim of another report it could have been linked to (``candidates``,
    keyed by (member id, other doc): (probability, claim), most probable first)."""

    def __init__(self, members: list[Claim], links: Mapping[frozenset[str], float],
                 candidates: Mapping[tuple[str, str], list[tuple[float, Claim]]] | None = None,
                 partners: Mapping[str, Mapping[str, str]] | None = None):
        super().__init__(members)
        ids = {c.id for c in members}
        self.links = {k: v for k, v in links.items() if k <= ids}
        self.candidates = {k: v for k, v in (candidates or {}).items() if k[0] in ids}
        # claim id -> {doc: id of the claim of that doc it is linked to}, over the whole
        # cluster: a candidate of this group may be linked in another (shared, not copied)
        self.partners = partners or {}

    def partner(self, claim: Claim, doc: str) -> str | None:
        """The claim of ``doc`` that ``claim`` is linked to, in any group."""
        return self.partners.get(claim.id, {}).get(doc)

    def score(self, a: Claim, b: Claim) -> float:
        return self.links.get(frozenset((a.id, b.id)), 0.0)


# Each claim is scored against at most TOP_K claims of its key in the other documents of its
# cluster: its nearest by masked-sentence cosine (a pair is scored when either claim keeps the
# other). The same-fact model is a Python call per pair, so without a bound alignment grows with
# the square of the articles (1,434 comparable claim pairs an article at 100 ECB+ articles, 28
# at 10); with it, linearly. A count's key takes any counted thing, so a block holds many
# claims even in a small cluster: on the 40 open ECB+ clean clusters (findings_snapshot.py
# --no-nli) 24 changed one finding and about 65 claim agreements, 48 no finding and 4 weak
# agreements (p 0.05-0.07) of 2,752, 96 nothing; at 462 articles in one cluster 24 / 48 / 96
# score 185 / 356 / 675 claim pairs an article.
TOP_K = 48
# Rows of a block's cosine matrix computed at once: memory stays _ROWS x (claims of one key).
_ROWS = 256


def candidate_pairs(claims: Sequence[Claim], documents: Mapping[str, Document], options: Options,
                    vectors: Mapping[tuple[str, int], np.ndarray] | None) -> list[tuple[Claim, Claim]]:
    """The claim pairs alignment scores, each as (claim of the earlier document, of the later),
    in the order of the former loop over every pair (document pair, then claim pair), so that
    ties between equally probable matches fall as they always have.

    Claims are blocked by cluster and ``comparable_key``; within a block, a pair of different
    documents is allowed unless it is a moving level between reports far apart (``far_apart``),
    and each claim keeps its ``TOP_K`` allowed partners of highest cosine, from one matrix
    product per block (``_ROWS`` rows at a time). The lexical half of ``plausible`` (sentence
    Jaccard) is left to the caller for these pairs only, so a pair of low cosine but high word
    overlap outside both claims' top K is no longer scored. Without ``vectors`` nothing ranks
    the pairs and every allowed pair is returned.
    """
    by_doc: dict[str, list[Claim]] = defaultdict(list)  # documents in the order of their first claim
    for c in claims:
        if c.doc in documents:
            by_doc[c.doc].append(c)
    rank = {d: i for i, d in enumerate(by_doc)}
    position = {c.id: i for found in by_doc.values() for i, c in enumerate(found)}
    # far_apart's test, once per document and then on arrays: an undated report is NaN
    day = {d: np.nan if (p := _parse_date(documents[d].date)) is None else p.toordinal() for d in by_doc}
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for d, found in by_doc.items():
        for c in found:
            key = comparable_key(c)
            if key[0] in ("quantity", "time"):
                blocks[(documents[d].cluster, key)].append(c)

    pairs: list[tuple[Claim, Claim]] = []
    for block in blocks.values():
        n = len(block)
        docs = np.array([rank[c.doc] for c in block])
        if (docs == docs[0]).all():
            continue
        movers = np.array([moving(c) for c in block])
        days = np.array([day[c.doc] for c in block])
        k = TOP_K if vectors is not None else n
        found = [vectors.get((c.doc, c.sentence_start)) for c in block] if vectors is not None else [None] * n
        dim = next((len(v) for v in found if v is not None), 1)
        matrix = np.stack([np.zeros(dim, np.float32) if v is None else v for v in found]).astype(np.float32)
        chosen: set[tuple[int, int]] = set()
        for lo in range(0, n, _ROWS):
            rows = slice(lo, min(n, lo + _ROWS))
            allowed = docs[rows, None] != docs[None, :]
            if options.max_date_gap_days is not None and movers.any():
                with np.errstate(invalid="ignore"):  # an undated report is never far apart
                    far = np.abs(days[rows, None] - days[None, :]) > options.max_date_gap_days
                allowed &= ~(far & (movers[rows, None] | movers[None, :]))
            cos = np.where(allowed, matrix[rows] @ matrix.T, -np.inf)
            top = np.argpartition(-cos, k - 1, axis=1)[:, :k] if k < n else np.broadcast_to(np.arange(n), cos.shape)
            mine = np.repeat(np.arange(lo, rows.stop), top.shape[1])
            theirs = top.ravel()
            keep = allowed[mine - lo, theirs]  # a row with fewer than k allowed also picks -inf
            for i, j in zip(mine[keep].tolist(), theirs[keep].tolist()):
                chosen.add((i, j) if docs[i] < docs[j] else (j, i))
        pairs.extend((block[i], block[j]) for i, j in chosen)
    return sorted(pairs, key=lambda p: (rank[p[0].doc], rank[p[1].doc], position[p[0].id], position[p[1].id]))


def align(
    claims: Sequence[Claim],
    documents: Mapping[str, Document],
    sentence_lemmas: Mapping[tuple[str, int], set[str]],
    options: Options,
    *,
    samefact: SameFactModel,
    vectors: Mapping[tuple[str, int], np.ndarray] | None = None,
    phrases: Mapping[str, np.ndarray] | None = None,
) -> list[Group]:
    """Group claims across documents by the probability that they state the same fact.

    Every claim is in exactly one group; a group of one is a single-source claim. A claim is
    linked to its most probable match in another document only when that match is mutual and
    at least ``options.align_threshold`` likely, so one vague claim cannot pull several
    unrelated ones into its group. ``vectors``: embeddings of the claims' sentences with their
    numerals masked (``samefact.masked``), keyed by (doc, sentence start); ``phrases``: of the
    claims' short phrases (``samefact.phrases``), keyed by text.
    """
    def lemmas(c: Claim) -> set[str]:
        return sentence_lemmas.get((c.doc, c.sentence_start), set())

    def cosine(a: Claim, b: Claim) -> float:
        if vectors is None:
            return 0.0
        va, vb = vectors.get((a.doc, a.sentence_start)), vectors.get((b.doc, b.sentence_start))
        return float(va @ vb) if va is not None and vb is not None else 0.0

    # candidates[(claim id, other doc id)]: (probability, claim in the other doc), most probable
    # first after the sort below; a stable sort keeps the first offered of equal ones first
    candidates: dict[tuple[str, str], list[tuple[float, Claim]]] = defaultdict(list)
    counts = kind_counts(claims)
    facts: dict = {}  # samefact.ClaimFacts by claim id, each derived once
    for a, b in candidate_pairs(claims, documents, options, vectors):
        cos = cosine(a, b)  # again, per pair: the exact value the model was fitted on
        if not plausible(cos, jaccard(lemmas(a), lemmas(b))):
            continue  # known before the features are computed
        f = pair_features(a, b, lemmas(a), lemmas(b), documents[a.doc], documents[b.doc], cos, phrases, counts, facts)
        s = samefact.predict(f)
        if s >= options.align_threshold:
            candidates[(a.id, b.doc)].append((s, b))
            candidates[(b.id, a.doc)].append((s, a))
    for found in candidates.values():
        found.sort(key=lambda sc: -sc[0])

    by_id = {c.id: c for c in claims}
    links: dict[frozenset[str], float] = {}
    for (aid, _), found in candidates.items():
        score, b = found[0]
        back = candidates.get((b.id, by_id[aid].doc))
        if back is not None and back[0][1].id == aid:
            links[frozenset((aid, b.id))] = score
    root_of = components(links, (c.id for c in claims))  # each claim's group

    # each group is handed its own links and candidates: filtering all of them per group
    # would be quadratic in the claims of a cluster
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[root_of[c.id]].append(c)
    links_of: dict[str, dict] = defaultdict(dict)
    for pair, score in links.items():
        links_of[root_of[next(iter(pair))]][pair] = score
    candidates_of: dict[str, dict] = defaultdict(dict)
    for key, found in candidates.items():
        candidates_of[root_of[key[0]]][key] = found
    partners: dict[str, dict[str, str]] = defaultdict(dict)
    for pair in links:
        x, y = pair
        partners[x][by_id[y].doc] = y
        partners[y][by_id[x].doc] = x
    return [Group(members, links_of[root], candidates_of[root], partners) for root, members in groups.items()]
