"""The NLI stage: contradictory paraphrases across reports.

1. Candidates: for each pair of comparable documents, sentence pairs that speak of the same
   thing: cosine similarity of MiniLM sentence embeddings (top-k per sentence, above a floor)
   and shared content lemmas. This keeps the pairs scored close to linear in the number of
   sentences instead of all cross-document pairs.
2. The NLI model scores both directions; the contradiction score is the larger of the two,
   a paraphrase needs entailment both ways.
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
from .cues import find_cues
from .judge import compare_claims
from .segment import content_lemmas
from .options import Options
from .types import Claim, ParsedSentence

# Contradiction probability above which a pair is flagged, when neither the options nor the
# model directory give one (models/factcheck-nli-minilm/factcheck.json holds the calibrated value).
DEFAULT_THRESHOLD = 0.9
ENTAILMENT_THRESHOLD = 0.8  # both directions, for a paraphrase
CONVERSE_COSINE = 0.8  # a converse restatement must also be close in meaning overall
TOP_K = 3
MIN_COSINE = 0.55
MIN_SHARED_LEMMAS = 2
MIN_TOKENS = 4  # "Read NATO's full statement here:" is not a claim


@dataclass
class Candidate:
    a: ParsedSentence
    b: ParsedSentence
    cosine: float


def select_candidates(analyses, embedder, options: Options,
                      lemmas: Mapping[tuple[str, int], set[str]] | None = None) -> tuple[list[Candidate], int]:
    """Cross-document sentence pairs worth scoring, and the number of all cross-document pairs
    within clusters (what scoring everything would cost)."""
    usable = {a.document.id: [p for p in a.sentences if len(p.doc) >= MIN_TOKENS] for a in analyses}
    docs = {a.document.id: a.document for a in analyses}
    ids = [i for i in usable if usable[i]]
    # embedding is the costly step: only documents that some other document may be compared with
    paired = {x for x in ids for y in ids if comparable(docs[x], docs[y], options)}
    vectors = {}
    flat = [p for i in ids if i in paired for p in usable[i]]
    if flat:
        enc = embedder.encode([p.sentence.text for p in flat])
        pos = 0
        for i in (i for i in ids if i in paired):
            n = len(usable[i])
            vectors[i] = enc[pos : pos + n]
            pos += n
    if lemmas is None:  # the pipeline passes the map it built for alignment
        lemmas = {(p.sentence.doc, p.sentence.start): content_lemmas(p) for p in flat}
    candidates: list[Candidate] = []
    total = 0
    for x, da in enumerate(ids):
        for db in ids[x + 1 :]:
            if docs[da].cluster != docs[db].cluster:
                continue
            total += len(usable[da]) * len(usable[db])
            if not comparable(docs[da], docs[db], options):
                continue
            sim = vectors[da] @ vectors[db].T
            keep = set()
            k = min(TOP_K, sim.shape[1])
            for r, row in enumerate(sim):
                for c in np.argpartition(-row, k - 1)[:k]:
                    keep.add((r, int(c)))
            k = min(TOP_K, sim.shape[0])
            for c, col in enumerate(sim.T):
                for r in np.argpartition(-col, k - 1)[:k]:
                    keep.add((int(r), c))
            for r, c in sorted(keep):
                if sim[r, c] < MIN_COSINE:
                    continue
                pa, pb = usable[da][r], usable[db][c]
                shared = lemmas[(pa.sentence.doc, pa.sentence.start)] & lemmas[(pb.sentence.doc, pb.sentence.start)]
                if len(shared) < MIN_SHARED_LEMMAS:
                    continue
                candidates.append(Candidate(pa, pb, float(sim[r, c])))
    return candidates, total


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
