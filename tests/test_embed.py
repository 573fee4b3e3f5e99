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

    def encode(self, texts, **options):
        self.seen += list(texts)
        return self.embedder.encode(texts, **options)


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


def test_prefetched_texts_are_encoded_once_in_the_background_with_the_same_vectors(embedder):
    import threading

    threads = []

    class Where(Recording):
        def encode(self, texts, **options):
            threads.append((threading.current_thread().name, options.get("runs")))
            return super().encode(texts, **options)

    rec = Where(embedder)
    vectors = TextVectors(lambda: rec)
    vectors.prefetch(["Roughly # jets were kept on high alert.", "Leaders meet tomorrow."])
    vectors.prefetch(["Leaders meet tomorrow.", "Ships are in the Baltic."])  # one text already asked for
    got = vectors.encode(["Ships are in the Baltic.", "Roughly # jets were kept on high alert.", "A new one."])
    assert sorted(rec.seen) == sorted(["Roughly # jets were kept on high alert.", "Leaders meet tomorrow.",
                                       "Ships are in the Baltic.", "A new one."])
    # the new text in the caller's thread; a prefetch in the background thread (one run at a
    # time) unless it had not started when the caller asked, then in the caller's
    assert threads[-1][0] == threading.current_thread().name
    assert any(name.startswith("factcheck-encode") and runs == 1 for name, runs in threads)
    direct = embedder.encode(["Ships are in the Baltic.", "Roughly # jets were kept on high alert.", "A new one."])
    np.testing.assert_allclose(got, direct, atol=1e-6)


def test_an_encoder_error_in_the_background_is_raised_where_the_vectors_are_needed():
    from factcheck.errors import FactcheckError

    class Broken:
        def encode(self, texts, **options):
            raise FactcheckError("sentence encoder at /x: cannot load (truncated file)")

    vectors = TextVectors(lambda: Broken())
    vectors.prefetch(["NATO has # jets."])
    with pytest.raises(FactcheckError, match="cannot load"):
        vectors.lookup(["NATO has # jets."])


def test_judging_the_analysed_seeds_encodes_only_what_analysing_them_prefetched(checker, seed_dir):
    from factcheck.load import load_documents

    rec = Recording(checker.embedder)
    asked: list[str] = []
    checker_vectors, checker.vectors = checker.vectors, TextVectors(lambda: rec)
    prefetch = checker.vectors.prefetch
    checker.vectors.prefetch = lambda texts: (asked.extend(texts), prefetch(texts))
    try:
        checker.judge(checker.analyse_all(load_documents([seed_dir]), prefetch=True))
    finally:
        checker.vectors = checker_vectors
    assert rec.seen and set(rec.seen) <= set(asked)
    assert len(rec.seen) == len(set(rec.seen))


def test_analysing_for_another_judge_encodes_nothing(checker, seed_dir):
    """`factcheck extract` and the Ray engine's analysers only analyse: nothing to embed."""
    from factcheck.load import load_documents

    rec = Recording(checker.embedder)
    checker_vectors, checker.vectors = checker.vectors, TextVectors(lambda: rec)
    try:
        checker.analyse_all(load_documents([seed_dir]))
        checker.vectors.lookup([])  # waits for anything started
    finally:
        checker.vectors = checker_vectors
    assert rec.seen == []


def test_loading_a_model_caps_the_kernel_cache_unless_the_user_chose(embedder, monkeypatch):
    from factcheck.memory import KERNEL_CACHE, limit_kernel_cache

    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", raising=False)
    Embedder.load(quantize=False)  # torch's oneDNN; the int8 export runs on ONNX Runtime
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


@pytest.fixture(scope="module")
def float32():
    return Embedder.load(quantize=False)


@pytest.fixture(scope="module")
def int8(embedder):
    """The default load: the int8 export on a CPU without AMX (the tests that need it skip otherwise)."""
    if embedder.session is None:
        pytest.skip("no int8 export on this CPU (AMX: bfloat16 torch)")
    return embedder


SENTENCES = ["Roughly [# jet] were kept on high alert, he said.",
             "NATO put over [# jet] on high alert.",
             "The quake struck Qeshm island, injuring five people.",
             "Democracy will always prevail over autocracy."]


def test_int8_export_is_the_default_on_a_cpu_without_amx_and_close_to_float32(int8, float32):
    assert int8.name.endswith("+int8") and int8.session is not None and int8.model is None
    a, b = int8.encode(SENTENCES), float32.encode(SENTENCES)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert (a * b).sum(1).min() > 0.95  # the same direction, not merely unit vectors
    # what the encoder is for: the restatement is nearer its source than an unrelated sentence
    assert a[0] @ a[1] > a[0] @ a[2] + 0.2


def test_int8_vectors_do_not_depend_on_the_other_texts_encoded(int8):
    alone = int8.encode(SENTENCES[:1])
    with_others = int8.encode(SENTENCES[2:] + SENTENCES[:1] + ["x " * 300])
    np.testing.assert_array_equal(alone[0], with_others[2])


def test_int8_runs_at_once_give_each_text_the_vector_it_gets_alone(int8):
    texts = [f"{s} ({i})" for i in range(9) for s in SENTENCES]  # more texts than threads, uneven
    one = Embedder(None, int8.tokenizer, int8.name, int8.max_length, session=int8.session, threads=1)
    many = Embedder(None, int8.tokenizer, int8.name, int8.max_length, session=int8.session, threads=3)
    np.testing.assert_array_equal(one.encode(texts), many.encode(texts))
    assert np.all(np.linalg.norm(many.encode(texts), axis=1) > 0.99)  # every row written


def test_int8_reads_the_tokens_transformers_would_including_past_the_length_cap(int8, float32):
    long = "The committee met again on Thursday to discuss the budget. " * 60  # past 256 tokens
    for text in SENTENCES + [long]:
        ids = float32.tokenizer(text, truncation=True, max_length=float32.max_length)["input_ids"]
        assert int8.tokenizer.encode(text).ids == ids
    assert len(int8.tokenizer.encode(long).ids) == float32.max_length


def test_an_export_made_from_another_package_version_is_not_run(tmp_path, monkeypatch):
    import json
    import shutil

    import factcheck.embed as embed

    monkeypatch.setattr(embed, "has_amx", lambda: False)
    copy = tmp_path / "encoder"
    shutil.copytree(embed.ENCODER_DIR, copy)
    monkeypatch.setattr(embed, "ENCODER_DIR", copy)
    assert Embedder.load().session is not None
    (copy / embed.SOURCE_FILE).write_text(json.dumps({"package": embed.PACKAGE, "version": "0.0.1"}))
    fallback = Embedder.load()
    assert fallback.session is None and fallback.name == "all-MiniLM-L6-v2"
    (copy / embed.SOURCE_FILE).unlink()
    assert Embedder.load().session is None
