"""Do two claims of different reports state the same fact?

A logistic model over features of the two claims' frames (factcheck/frames.py) and words: the
same counted thing is required, then the predicate, the participants, the qualifiers, the
clause's own time and the words around the claims weigh for or against. The values are never
a feature: the model says whether the claims are about one fact, the interval logic says
whether their values can both be true.

The weights are fitted by ``models/fit_samefact.py`` on labelled pairs from real news (open
ECB+ clusters and MEANTIME) and ship as plain JSON (``factcheck/resources/samefact.json``).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from . import lexicon
from .names import same_entity, same_person
from .types import Claim, Document, Frame, QuantityClaim, TimeClaim
from .units import dimension

_UNIT_ALIASES = {"percent": "%", "per cent": "%", "pct": "%", "dollar": "USD", "$": "USD"}
_MEASURES = {"%", "point", "km", "mile", "kg", "ton", "tonne", "meter", "metre", "foot", "year",
             "month", "day", "hour", "minute", "second", "percentage point", "barrel", "acre",
             "mi", "m", "ft", "lb", "mph", "kph", "magnitude", "caliber"}
# A number governed by one of these is a change ("fell 200 points"), not a level ("has a value
# of 10,769 points"); a change and a level never measure the same thing.
_CHANGE_VERBS = {
    "rise", "fall", "drop", "gain", "lose", "surge", "climb", "decline", "increase", "decrease",
    "grow", "jump", "plunge", "slide", "slip", "tumble", "soar", "shed", "add", "cut", "raise",
    "reduce", "shrink", "sink", "rebound", "recover", "dip", "edge", "lower", "boost",
}

FEATURES = (
    "is_time", "measure_unit", "context", "sentence", "qualifier_shared", "qualifier_clash",
    "predicate_same", "predicate_clash", "subject_same", "subject_clash", "participants_shared",
    "participants_clash", "anchor_clash", "anchor_one_side", "tense_clash", "modality_clash",
    "event", "date_gap", "date_gap_fixed", "undated", "cosine", "thing_same", "thing_sim", "predicate_sim", "subject_sim",
    "holder_same", "holder_clash", "total_one_side", "kind_rarity",
)

# The direction each feature's meaning gives it, which the fit keeps (models/fit_samefact.py,
# SignedLogistic): evidence for one fact (a shared counted thing, predicate, participant;
# similar words) or against it (a clash). Features in neither (the kind of claim, dates,
# undated) take either sign.
FOR_SAME = frozenset({"context", "sentence", "qualifier_shared", "predicate_same", "subject_same",
                      "participants_shared", "event", "cosine", "thing_same", "thing_sim", "predicate_sim",
                      "subject_sim", "holder_same", "kind_rarity"})
AGAINST_SAME = frozenset({"qualifier_clash", "predicate_clash", "subject_clash", "participants_clash",
                          "anchor_clash", "tense_clash", "modality_clash", "holder_clash", "total_one_side"})

# pairs below both are never the same fact in the labelled data and are not scored at all
MIN_COSINE = 0.3
MIN_SENTENCE = 0.1

_NUMERAL = re.compile(r"\d[\d,.:/]*")
_CLOCK_VALUE = re.compile(r"T\d")  # a TIMEX3 value with a clock time: "2013-09-14T19:00"


def masked(sentence: str) -> str:
    """The sentence with its numerals masked, so that its embedding says what it is about,
    not which values it states."""
    return _NUMERAL.sub("#", sentence)


def masked_sentence(claim: Claim, text: str) -> str:
    """The claim's sentence, numerals masked, ``text`` being its document's: what alignment
    embeds of a claim."""
    return masked(text[claim.sentence_start:claim.sentence_end])


# words kept on each side of a claim in ``marked``: the words far from a claim in a long news
# sentence rarely say which fact it states
WINDOW = 24


def marker(claim: Claim) -> str:
    """What a claim is about without its value: "[# jet]", "[# USD]", "[date]"."""
    if isinstance(claim, TimeClaim):
        return f"[{claim.type.lower()}]"
    unit = getattr(claim, "unit", None) or ""
    return f"[# {unit}]".replace(" ]", "]")


def marked(claim: Claim, text: str) -> str:
    """The claim's sentence (a window of it) with the claim replaced by its ``marker`` and every
    other numeral masked, ``text`` being the document text its offsets point into: a pair
    model's input that shows which fact a claim states but never its value (the
    ``input`` of each claim in models/data/samefact_pairs.jsonl.gz)."""
    before = text[claim.sentence_start:claim.start].split()[-WINDOW:]
    after = text[claim.end:claim.sentence_end].split()[:WINDOW]
    return masked(" ".join([*before, marker(claim), *after]))


def plausible(cosine: float, sentence: float) -> bool:
    """``cosine`` of the masked sentences' embeddings, ``sentence`` the Jaccard of their content
    lemmas (the ``cosine`` and ``sentence`` features)."""
    return cosine >= MIN_COSINE or sentence >= MIN_SENTENCE


def unit_of(claim: QuantityClaim) -> str | None:
    u = (claim.unit or "").strip().lower()
    if not u:
        return None
    return _UNIT_ALIASES.get(u, claim.unit if len(u) == 3 and claim.unit.isupper() else u)


def is_measure(unit: str | None) -> bool:
    """Currencies (ISO codes) and units of measure, as opposed to counted things (jets)."""
    return unit is None or unit in _MEASURES or (len(unit) == 3 and unit.isupper())


def is_change(claim: QuantityClaim) -> bool:
    """The size of a change ("rose 5%", "fell by 200 points"), as opposed to a level."""
    if claim.change is not None:
        return claim.change_part != "to"
    return not _CHANGE_VERBS.isdisjoint(claim.context)


def moving(claim: Claim) -> bool:
    """A level stated in the present with no time of its own ("the company has 500
    employees", a running toll, a share price) may have changed between two reports; a dated
    or past fact ("2 boats escaped on Thursday", the day a hearing is set for) has not."""
    if not isinstance(claim, QuantityClaim) or claim.frame is None:
        return False
    return claim.frame.tense in ("present", None) and not claim.frame.anchor


def counted_thing(claim: Claim) -> str | None:
    """The thing a count counts ("jet", "protester"); None for measures, money, bare numbers."""
    if not isinstance(claim, QuantityClaim):
        return None
    unit = unit_of(claim)
    return None if is_measure(unit) else unit


def comparable_key(claim: Claim) -> tuple:
    """Claims can be comparable (``comparable_claims``) only when their keys are equal.

    A unit of measure or a currency must be the same; the thing a count counts need not be,
    since reports name it in their own words ("protesters" / "demonstrators"): how close the
    two are is a feature (``thing_sim``), weighed with the rest. Units of one dimension are
    one key ("km" / "mi"), compared after conversion (units.py)."""
    if isinstance(claim, QuantityClaim):
        unit = unit_of(claim)
        measure = (dimension(unit) or unit) if is_measure(unit) else "thing"
        # a fraction in words is a share like a percentage: "half" / "50 percent"
        kind = "percent" if claim.quantity_kind == "fraction" else claim.quantity_kind
        return ("quantity", measure, kind, is_change(claim))
    if isinstance(claim, TimeClaim):
        # a part of a day ("Monday night", "Saturday evening") names its day as a date does and
        # is compared with dates at that grain (intervals.compare_times: an undated report's
        # "Monday night" against another's "Friday"); a clock time stays among clock times,
        # since a bare "7 p.m." is put on its report's day by the resolver's guess
        day = claim.type == "TIME" and not _CLOCK_VALUE.search(claim.value)
        return ("time", "DATE" if day else claim.type)
    return (claim.kind,)


def comparable_claims(a: Claim, b: Claim) -> bool:
    """The hard conditions: one kind, one counted thing or unit, level with level; an age is
    never a count, a percentage never percentage points (extract/quantities.py)."""
    key = comparable_key(a)
    return a.doc != b.doc and key[0] in ("quantity", "time") and key == comparable_key(b)


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: a short context fully inside a long one still counts as shared."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _clash(fa: Frame, fb: Frame, name: str, backshift: tuple[str, str], unset: bool = False) -> bool:
    """Do the two frames' tenses (or modalities) differ? ``backshift``: (reported, direct): a
    reported clause's past or "would" is the speaker's present or "will" as well (the sequence
    of tenses: "70 jets were kept on high alert, he said" / "we have 100 jets on high alert"),
    so the pair does not clash. ``unset``: a value against none clashes (a modality against an
    assertion); else only two values can."""
    a, b = getattr(fa, name), getattr(fb, name)
    if a == b or not unset and not (a and b):
        return False
    for x, y, own in ((a, b, fa), (b, a, fb)):
        if (x, y) == backshift and own.reported:
            return False
    return True


def holders(fa: Frame, fb: Frame) -> bool | None:
    """Are two ages one person's: yes, no, or not known? Two names (``same_person``), or a
    name and a description one report gives and the other gives the named person ("the
    45-year-old Australian" / "Australian actor Hugh Jackman, 40"); a description no report
    gives the named person, or none, is not known."""
    if fa.holder and fb.holder:
        return same_person(fa.holder, fb.holder)
    named, unnamed = (fa, fb) if fa.holder else (fb, fa)
    if named.holder and set(unnamed.holder_roles) & set(named.holder_roles):
        return True
    return None


def _shared(xs: list[str], ys: list[str]) -> int:
    return sum(any(same_entity(x, y) for y in ys) for x in xs)


_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and"}
# a sentence that sums ("a total of 26 crew", "overall", "a combined 157 games") states a whole;
# its match without one may state a part ("19 men aboard the skiffs" / "12 Somali and 11
# Yemeni"). Read from the sentence's words (resources/sum_words.tsv), since the content lemmas
# leave out adverbs ("Overall, he finished the season with 51 homers") and tag "combined" a verb
# or an adjective
_TOTAL_WORDS = re.compile(rf"\b(?:{lexicon.alternation('sum_words')})\b", re.I)


def event_words(claim: TimeClaim) -> set[str]:
    return {w for w in (claim.event or "").lower().split() if w.isalpha() and w not in _STOP}


@lru_cache(maxsize=4096)
def _day(value: str | None) -> int | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    from datetime import date

    try:
        return date(int(m[1]), int(m[2]), int(m[3])).toordinal()
    except ValueError:
        return None


# the phrase each similarity feature compares, as ``phrases`` reads it from a claim
PHRASE_FEATURES = ("thing_sim", "predicate_sim", "subject_sim")


def phrases(claim: Claim, features: Iterable[str] = PHRASE_FEATURES) -> list[str]:
    """The short phrases whose meanings ``pair_features`` compares: the counted thing, the
    predicate and the subject (embedded once per text, ``phrases`` argument of pair_features);
    ``features``: only those of these similarity features (``SameFactModel.used``)."""
    frame = claim.frame or Frame()
    wanted = set(features)
    found = zip(PHRASE_FEATURES, (counted_thing(claim), frame.predicate, frame.subject))
    return [p for name, p in found if p and name in wanted]


def _phrase_sim(x: str | None, y: str | None, vectors: Mapping[str, object] | None) -> float:
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if vectors is None or x not in vectors or y not in vectors:
        return 0.0
    return max(0.0, float(vectors[x] @ vectors[y]))


def kind_counts(claims: Iterable[Claim]) -> dict[str, int]:
    """For each claim (by id), how many claims of its kind its document states, itself
    included: one comparable key and one counted thing (``counts`` of pair_features). Counted
    once per cluster, not per pair."""
    claims = list(claims)
    kinds = [(c.doc, comparable_key(c), counted_thing(c)) for c in claims]
    per_kind = Counter(kinds)
    return {c.id: per_kind[k] for c, k in zip(claims, kinds)}


@dataclass(frozen=True)
class ClaimFacts:
    """What ``pair_features`` reads of one claim, derived once per claim rather than once per
    pair (alignment scores each claim against up to ``align.TOP_K`` others)."""

    kind: str
    frame: Frame
    unit: str | None
    thing: str | None
    context: frozenset[str]
    qualifiers: frozenset[str]
    qualifier_words: frozenset[str]
    anchor: frozenset[str]
    events: frozenset[str]
    moving: bool
    sums: bool  # its sentence sums: "in total", "overall", "combined" (``_TOTAL_WORDS``)

    @classmethod
    def of(cls, claim: Claim, text: str) -> ClaimFacts:
        """``text``: the claim's document text, which holds its sentence."""
        frame = claim.frame or Frame()
        quals = frozenset(q.lower() for q in frame.qualifiers)
        return cls(
            kind=claim.kind, frame=frame,
            unit=unit_of(claim) if isinstance(claim, QuantityClaim) else None,
            thing=counted_thing(claim), context=frozenset(claim.context), qualifiers=quals,
            qualifier_words=frozenset(" ".join(quals).split()) - _STOP, anchor=frozenset(frame.anchor),
            events=frozenset(event_words(claim)) if isinstance(claim, TimeClaim) else frozenset(),
            moving=moving(claim),
            sums=bool(_TOTAL_WORDS.search(text, claim.sentence_start, claim.sentence_end)))


def pair_features(a: Claim, b: Claim, sent_a: set[str], sent_b: set[str],
                  doc_a: Document, doc_b: Document, cosine: float = 0.0,
                  vectors: Mapping[str, object] | None = None,
                  counts: Mapping[str, int] | None = None,
                  facts: dict[str, ClaimFacts] | None = None) -> dict[str, float]:
    """Features of a pair; ``cosine``: of the two sentences' embeddings, numerals masked;
    ``vectors``: unit embeddings of the claims' ``phrases``, by text; ``counts``: the claims
    of each claim's kind in its document, by claim id (``kind_counts``); ``facts``: each
    claim's ``ClaimFacts`` by claim id, filled as claims are first seen (a caller that scores
    many pairs passes one dict)."""
    if facts is None:
        xa, xb = ClaimFacts.of(a, doc_a.text), ClaimFacts.of(b, doc_b.text)
    else:
        xa = facts.get(a.id) or facts.setdefault(a.id, ClaimFacts.of(a, doc_a.text))
        xb = facts.get(b.id) or facts.setdefault(b.id, ClaimFacts.of(b, doc_b.text))
    fa, fb = xa.frame, xb.frame
    thing_a, thing_b = xa.thing, xb.thing
    units = {xa.unit, xb.unit}
    ctx_a, ctx_b = xa.context - units, xb.context - units
    qa, qb = xa.qualifiers, xb.qualifiers
    q_shared = bool(qa and qb and (qa & qb or overlap(xa.qualifier_words, xb.qualifier_words) > 0))
    pa, pb = fa.participants, fb.participants
    shared = _shared(pa, pb)
    anchor_a, anchor_b = xa.anchor, xb.anchor
    da, db = _day(doc_a.date), _day(doc_b.date)
    gap = math.log1p(abs(da - db)) if da is not None and db is not None else 0.0
    moves = xa.moving or xb.moving
    held = holders(fa, fb)
    f = {
        "is_time": float(xa.kind == "time"),
        "measure_unit": float(isinstance(a, QuantityClaim) and is_measure(xa.unit)),
        "context": overlap(ctx_a, ctx_b),
        "sentence": jaccard(sent_a, sent_b),
        "qualifier_shared": float(q_shared),
        "qualifier_clash": float(bool(qa and qb) and not q_shared),
        "predicate_same": float(bool(fa.predicate) and fa.predicate == fb.predicate),
        "predicate_clash": float(bool(fa.predicate and fb.predicate) and fa.predicate != fb.predicate),
        "subject_same": float(bool(fa.subject and fb.subject) and same_entity(fa.subject, fb.subject)),
        "subject_clash": float(bool(fa.subject and fb.subject) and not same_entity(fa.subject, fb.subject)),
        "participants_shared": shared / max(1, min(len(pa), len(pb))) if pa and pb else 0.0,
        "participants_clash": float(bool(pa and pb) and shared == 0),
        "anchor_clash": float(bool(anchor_a and anchor_b) and not anchor_a & anchor_b),
        "anchor_one_side": float(bool(anchor_a) != bool(anchor_b)),
        "tense_clash": float(_clash(fa, fb, "tense", ("past", "present"))),
        "modality_clash": float(_clash(fa, fb, "modality", ("would", "will"), unset=True)),
        "event": overlap(xa.events, xb.events) if isinstance(a, TimeClaim) and isinstance(b, TimeClaim) else 0.0,
        # the gap between two reports says whether a moving level is still the same fact, not
        # whether a fact fixed in time is (the day a hearing is set for, how many boats escaped):
        # two features, so the fit weighs each on its own
        "date_gap": gap if moves else 0.0,
        "date_gap_fixed": 0.0 if moves else gap,
        "undated": float(da is None or db is None),
        "cosine": cosine,
        "thing_same": float(thing_a is not None and thing_a == thing_b),
        "thing_sim": _phrase_sim(thing_a, thing_b, vectors),
        "predicate_sim": _phrase_sim(fa.predicate, fb.predicate, vectors),
        "subject_sim": _phrase_sim(fa.subject, fb.subject, vectors),
        "holder_same": float(held is True),
        "holder_clash": float(held is False),
        "total_one_side": float(xa.sums != xb.sums),
        # a report that counts jets once and another that counts them once most likely count
        # the same jets, however differently they word it; a report that counts people ten
        # times gives each of its counts nine rivals
        "kind_rarity": 1.0 / max(counts.get(a.id, 1), counts.get(b.id, 1), 1) if counts else 0.0,
    }
    return f


@dataclass(frozen=True)
class SameFactModel:
    """Logistic regression: P(same fact) = sigmoid(bias + sum(weight * feature))."""

    weights: Mapping[str, float]
    bias: float
    means: Mapping[str, float]
    scales: Mapping[str, float]

    @classmethod
    def load(cls, path: str | None = None) -> SameFactModel:
        if path is None:
            raw = resources.files("factcheck").joinpath("resources/samefact.json").read_text("utf-8")
        else:
            with open(path, encoding="utf-8") as f:
                raw = f.read()
        data = json.loads(raw)
        return cls(data["weights"], data["bias"], data["means"], data["scales"])

    @cached_property
    def _terms(self) -> tuple[tuple[str, float, float, float], ...]:
        # alignment calls predict for every candidate pair (25,000 on MEANTIME): the weights'
        # lookups are done once, and the sum keeps its order, so the result is the same float
        return tuple((name, w, self.means.get(name, 0.0), self.scales.get(name, 1.0) or 1.0)
                     for name, w in self.weights.items())

    def used(self, names: Iterable[str]) -> tuple[str, ...]:
        """Those of ``names`` the model weighs: a feature fitted to weight 0 (SignedLogistic
        clips a weight whose sign its meaning forbids) need not be computed."""
        return tuple(n for n in names if self.weights.get(n, 0.0) != 0.0)

    def predict(self, features: Mapping[str, float]) -> float:
        z = self.bias
        for name, w, mean, scale in self._terms:
            z += w * (features.get(name, 0.0) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
