"""The same-fact cross-encoder: what it reads, and what it changes in a check."""

from __future__ import annotations

import json

import pytest

from factcheck.api import extract_claims
from factcheck.crossfact import SHIPPED_DIR, SameFactCrossEncoder, marked


@pytest.fixture(scope="module")
def crossfact():
    return SameFactCrossEncoder.load()


def test_the_claim_is_shown_without_its_value(nlp):
    text = "NATO said on Thursday it has over 100 jets on high alert and 120 ships at sea."
    jets, ships = [c for c in extract_claims(text, id="a", nlp=nlp) if c.kind == "quantity"]
    shown = marked(jets, text)
    assert "[# jet]" in shown and "100" not in shown and "over 100" not in shown
    assert "# ships" in shown  # other numerals masked too: a value never reaches the model
    assert marked(ships, text).count("[") == 1
    day = next(c for c in extract_claims(text, id="a", date="2022-02-24", nlp=nlp) if c.kind == "time")
    assert "[date]" in marked(day, text) and "Thursday" not in marked(day, text)


def test_a_long_sentence_is_cut_to_a_window_around_the_claim(nlp):
    text = " ".join(["word"] * 80) + " 70 jets were kept on high alert " + " ".join(["other"] * 80) + "."
    claim = next(c for c in extract_claims(text, id="a", nlp=nlp) if c.kind == "quantity")
    shown = marked(claim, text).split()
    assert "[#" in shown and len(shown) <= 2 * 24 + 3


def test_the_shipped_model_is_plain_data_with_its_calibration():
    assert (SHIPPED_DIR / "model.safetensors").is_file()
    assert not list(SHIPPED_DIR.glob("*.bin")) and not list(SHIPPED_DIR.glob("*.pkl"))
    cal = json.loads((SHIPPED_DIR / "factcheck_calibration.json").read_text())
    assert cal["a"] > 0  # a higher score means more likely the same fact
    meta = json.loads((SHIPPED_DIR / "training_meta.json").read_text())
    assert meta["script"] == "models/train_crossfact.py"


def test_a_restatement_scores_above_another_fact_of_the_story(crossfact):
    jets = "NATO has [# jet] on high alert and # ships at sea, Stoltenberg said."
    restated = "Roughly [# jet] were kept on high alert, he said."
    other = "The alliance has sent [# jet] to Poland since # to train pilots."
    same, different = crossfact.predict([(jets, restated), (jets, other)])
    assert same > different
    assert 0.0 <= different <= same <= 1.0
    # one pair's score does not depend on its order
    assert crossfact.predict([(restated, jets)])[0] == pytest.approx(same, abs=1e-5)


def test_restated_jets_with_another_number_are_a_conflict(checker, seed_dir):
    from factcheck.load import load_documents

    second = sorted(seed_dir.glob("*.txt"))[1]
    second.write_text(second.read_text() + "\nRoughly 70 jets were kept on high alert, he said.\n")
    result = checker.check(load_documents([seed_dir]))
    hits = [f for f in result.findings if f.rule == "numeric-conflict"
            and any("Roughly 70 jets" in e.text for e in f.evidence)]
    assert hits, [f.message for f in result.findings] + [n.message for n in result.not_compared]
    assert any("100" in e.text for e in hits[0].evidence)


def test_restated_jets_with_a_compatible_number_are_not_flagged(checker, seed_dir):
    from factcheck.load import load_documents

    second = sorted(seed_dir.glob("*.txt"))[1]
    second.write_text(second.read_text() + "\nSome 120 jets were kept on high alert, he said.\n")
    result = checker.check(load_documents([seed_dir]))
    assert not [f for f in result.findings if any("120 jets" in e.text for e in f.evidence)]
