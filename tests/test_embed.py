"""The sentence encoder's text cache (embed.TextVectors), shared by alignment and the NLI stage."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.embed import Embedder, TextVectors


class Recording:
    """The real encoder, remembering what it was asked to encode."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen += list(texts)
        return self.embedder.encode(texts)


@pytest.fixture(scope="module")
def embedder():
    return Embedder.load()


def test_each_text_is_encoded_once_and_rows_follow_the_order_asked(embedder):
    rec = Recording(embedder)
    vectors = TextVectors(lambda: rec)
    first = vectors.encode(["NATO has # jets.", "Leaders meet tomorrow.", "NATO has # jets."])
    assert sorted(rec.seen) == ["Leaders meet tomorrow.", "NATO has # jets."]
    np.testing.assert_array_equal(first[0], first[2])
    assert float(first[0] @ first[1]) < 0.9
    second = vectors.encode(["Leaders meet tomorrow.", "Ships are in the Baltic."])
    assert rec.seen[2:] == ["Ships are in the Baltic."]
    np.testing.assert_array_equal(second[0], first[1])
    direct = embedder.encode(["Ships are in the Baltic."])[0]
    assert float(direct @ second[1]) > 0.99


def test_cache_is_emptied_past_its_limit(embedder):
    rec = Recording(embedder)
    vectors = TextVectors(lambda: rec, limit=2)
    vectors.encode(["one", "two"])
    vectors.encode(["three"])  # over the limit: starts afresh
    vectors.encode(["one"])
    assert rec.seen == ["one", "two", "three", "one"]
    assert vectors.encode([]).shape == (0, 384)


def test_nli_selection_reuses_the_claim_sentences_alignment_encoded(checker, seed_dir):
    from factcheck.contradiction import select_candidates
    from factcheck.load import load_documents
    from factcheck.samefact import masked

    analyses = checker.analyse_all(load_documents([seed_dir]))
    rec = Recording(checker.embedder)
    checker_vectors, checker.vectors = checker.vectors, TextVectors(lambda: rec)
    try:
        claim_vectors, _ = checker._claim_vectors(analyses)
        claim_sentences = {masked(a.document.text[s:e]) for a in analyses for c in a.claims
                           for s, e in [(c.sentence_start, c.sentence_end)] if (c.doc, s) in claim_vectors}
        assert claim_sentences and claim_sentences <= set(rec.seen)
        before = len(rec.seen)
        candidates, _ = select_candidates(analyses, checker.vectors, checker.options)
        again = rec.seen[before:]
    finally:
        checker.vectors = checker_vectors
    assert candidates  # the seeds share a story
    assert again and not set(again) & claim_sentences


def test_loading_a_model_caps_the_kernel_cache_unless_the_user_chose(embedder, monkeypatch):
    from factcheck.memory import KERNEL_CACHE, limit_kernel_cache

    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", raising=False)
    Embedder.load()
    import os

    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == str(KERNEL_CACHE)
    monkeypatch.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "512")
    limit_kernel_cache()
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "512"


def test_texts_cached_before_the_cache_empties_are_encoded_again(embedder):
    rec = Recording(embedder)
    vectors = TextVectors(lambda: rec, limit=3)
    vectors.encode(["one", "two"])
    got = vectors.lookup(["two", "three", "four"])  # past the limit, "two" included
    assert sorted(got) == ["four", "three", "two"]
    assert rec.seen[2:] == ["four", "three", "two"]
