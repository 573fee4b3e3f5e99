"""NLI candidate selection over a cluster's sentences at once: nearest neighbours, a cap per
sentence, cross-document and date-comparable pairs only, the same whatever the block size."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.contradiction import _date_classes, _nearest_pairs
from factcheck.options import Options
from factcheck.types import Document


def brute_force(vectors, doc, ok_docs, k, floor):
    sim = vectors @ vectors.T
    pairs = set()
    for i in range(len(vectors)):
        cols = [j for j in range(len(vectors)) if doc[j] != doc[i] and ok_docs(doc[i], doc[j]) and sim[i, j] >= floor]
        for j in sorted(cols, key=lambda j: -sim[i, j])[:k]:
            pairs.add((min(i, j), max(i, j)))
    return pairs


@pytest.mark.parametrize("block", [1, 37, 1 << 22])
def test_nearest_pairs_match_brute_force_at_any_block_size(block):
    rng = np.random.default_rng(7)
    v = rng.normal(size=(60, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    doc = np.repeat(np.arange(12), 5)
    cls = doc % 3  # three dates; classes 0 and 2 too far apart
    allowed = np.array([[1, 1, 0], [1, 1, 1], [0, 1, 1]], dtype=bool)
    got = {tuple(p) for p in _nearest_pairs(v, doc, cls, allowed, 4, 0.1, block_elems=block).tolist()}
    want = brute_force(v, doc, lambda a, b: allowed[a % 3, b % 3], 4, 0.1)
    assert got == want
    assert all(doc[i] != doc[j] and allowed[cls[i], cls[j]] for i, j in got)


def test_cap_is_per_sentence_not_per_document_pair():
    # one sentence, the same in 50 documents: it keeps its 3 nearest, not 3 per other document
    rng = np.random.default_rng(1)
    v = rng.normal(size=(50, 8)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    doc = np.arange(50)
    pairs = _nearest_pairs(v, doc, np.zeros(50, dtype=np.int64), np.ones((1, 1), dtype=bool), 3, -1.0)
    assert len(pairs) <= 50 * 3
    degree = np.bincount(pairs.ravel(), minlength=50)
    assert degree.min() >= 3  # each chose 3, and may be chosen by others


def test_date_classes_follow_the_date_gap():
    docs = [Document(id=f"d{i}", text="x", date=d) for i, d in
            enumerate(["2020-01-01", "2020-01-01", "2020-01-02", "2020-01-09", None, "2020-01-09"])]
    cls, allowed = _date_classes(docs, Options(max_date_gap_days=1))
    ok = lambda a, b: bool(allowed[cls[a], cls[b]])  # noqa: E731
    assert ok(0, 1) and ok(0, 2) and not ok(0, 3) and ok(3, 5) and ok(4, 0) and ok(4, 3)
    lone = _date_classes(docs[:1] + docs[2:3], Options(max_date_gap_days=1))
    assert not lone[1][0, 0]  # a date only one document has compares with no other document of it
    cls, allowed = _date_classes(docs, Options(max_date_gap_days=None))
    off = ~np.eye(len(allowed), dtype=bool)
    assert allowed[off].all()
    assert allowed[cls[0], cls[0]] and not allowed[cls[4], cls[4]]  # two documents of 2020-01-01, one undated
