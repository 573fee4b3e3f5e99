"""Which claim pairs alignment scores (align.candidate_pairs): blocked, top K, bounded."""

from __future__ import annotations

import numpy as np

from factcheck.align import TOP_K, candidate_pairs
from factcheck.options import Options
from factcheck.types import Document, Frame, QuantityClaim


def _claim(doc: str, i: int, unit: str = "jet", frame: Frame | None = None) -> QuantityClaim:
    return QuantityClaim(id=f"{doc}#q{i}", doc=doc, start=i, end=i + 1, text="5", sentence_start=i,
                         sentence_end=i + 1, value=5, low=5, high=5, unit=unit, frame=frame)


def _ids(pairs) -> set[tuple[str, str]]:
    return {(a.id, b.id) for a, b in pairs}


def test_small_cluster_keeps_every_comparable_pair():
    docs = {d: Document(id=d, text="", cluster="c") for d in "abc"}
    docs["z"] = Document(id="z", text="", cluster="other")
    claims = [_claim("a", 0), _claim("a", 1, unit="km"), _claim("b", 0), _claim("b", 1), _claim("c", 0),
              _claim("z", 0)]
    rng = np.random.default_rng(0)
    vectors = {(c.doc, c.sentence_start): rng.normal(size=8) for c in claims}
    pairs = _ids(candidate_pairs(claims, docs, Options(), vectors))
    # one unit, different documents of one cluster, earlier document first
    assert pairs == {("a#q0", "b#q0"), ("a#q0", "b#q1"), ("a#q0", "c#q0"), ("b#q0", "c#q0"), ("b#q1", "c#q0")}
    assert _ids(candidate_pairs(claims, docs, Options(), None)) == pairs


def test_each_claim_keeps_its_top_k_by_cosine():
    n = 3 * TOP_K
    docs = {f"d{i}": Document(id=f"d{i}", text="", cluster="c") for i in range(n)}
    claims = [_claim(f"d{i}", 0) for i in range(n)]
    # on a circle: a claim's nearest are its neighbours by index
    angles = np.arange(n) * 2 * np.pi / n
    vectors = {(c.doc, 0): np.array([np.cos(t), np.sin(t)]) for c, t in zip(claims, angles)}
    pairs = candidate_pairs(claims, docs, Options(), vectors)
    partners: dict[str, set[str]] = {c.id: set() for c in claims}
    for a, b in pairs:
        partners[a.id].add(b.id)
        partners[b.id].add(a.id)
    assert len(pairs) < n * TOP_K  # not the n * (n - 1) / 2 of every pair
    near = {claims[(0 + d) % n].id for d in range(-TOP_K // 2, TOP_K // 2 + 1) if d}
    assert near <= partners[claims[0].id]
    assert claims[n // 2].id not in partners[claims[0].id]  # the far side of the circle


def test_a_moving_level_is_not_paired_across_a_long_gap():
    docs = {"a": Document(id="a", text="", cluster="c", date="2020-01-01"),
            "b": Document(id="b", text="", cluster="c", date="2021-01-01")}
    level = Frame(tense="present")
    fixed = Frame(tense="past", anchor=["2019"])
    claims = [_claim("a", 0, frame=level), _claim("a", 1, frame=fixed), _claim("b", 0, frame=level),
              _claim("b", 1, frame=fixed)]
    vectors = {(c.doc, c.sentence_start): np.ones(4) / 2 for c in claims}
    pairs = _ids(candidate_pairs(claims, docs, Options(max_date_gap_days=30), vectors))
    assert pairs == {("a#q1", "b#q1")}
    pairs = _ids(candidate_pairs(claims, docs, Options(max_date_gap_days=None), vectors))
    assert len(pairs) == 4
