"""The spaCy pipeline as factcheck loads it (factcheck/nlp.py)."""

from __future__ import annotations

from factcheck.nlp import load_spacy


def test_wed_is_a_word_not_a_contraction():
    nlp = load_spacy()
    doc = nlp("Page, who wed twice, met him on Wed. 3 December. We'd like more.")
    words = [t.text for t in doc]
    assert "wed" in words and "Wed" in words and "d" not in words
    assert next(t for t in doc if t.text == "wed").lemma_ == "wed"  # a verb, not the pronoun "we"
    assert words[-5:-3] == ["We", "'d"]  # a contraction with its apostrophe is still read as one
