"""Numeric claims with the real spaCy pipeline: bounds, units, qualifiers, non-claims, offsets."""

from __future__ import annotations

import pytest

from factcheck.extract.numbers import find_numbers, parse_number
from factcheck.extract.quantities import APPROX_TOLERANCE, extract_quantities, find_quantities
from factcheck.nlp import load_spacy
from factcheck.segment import parse_sentences, split_sentences
from factcheck.types import Document

SEED = (
    "He also stated that they have over 100 jets on high alert to protect our airspace, as well "
    "as more than 120 allied ships at sea from the Arctic to the Mediterranean."
)


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def claims(nlp, text: str, doc_id: str = "d"):
    document = Document(id=doc_id, text=text)
    out = extract_quantities(document, parse_sentences(split_sentences(document), nlp))
    for c in out:  # offsets always cite the source exactly
        assert text[c.start : c.end] == c.text
        assert c.sentence_start <= c.start < c.end <= c.sentence_end
        assert c.doc == doc_id and c.kind == "quantity" and c.id == ""
    return out


def one(nlp, text: str):
    out = claims(nlp, text)
    assert len(out) == 1, [c.text for c in out]
    return out[0]


# --- number parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("two dozen", 24), ("1,700", 1700), ("1.5 million", 1.5e6), ("1.2bn", 1.2e9),
        ("seventy-five", 75), ("one hundred and five", 105), ("half a dozen", 6), ("82", 82),
        ("twenty-one trillion three hundred", 21_000_000_000_300), ("3/4", 0.75), ("100k", 1e5),
        ("hundreds of thousands", 200_000), ("a hundred", 100),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "jets", "nineteen eighty", "third"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_find_numbers_spans():
    text = "Over 100 jets, two dozen ships and 1.5 million people."
    found = [(n.text, n.value) for n in find_numbers(text)]
    assert found == [("100", 100), ("two dozen", 24), ("1.5 million", 1.5e6)]


# --- the seed sentence -----------------------------------------------------------------------


def test_seed_jets_and_ships(nlp):
    jets, ships = claims(nlp, SEED)
    assert (jets.text, jets.modifier, jets.value, jets.low, jets.high) == ("over 100 jets", ">", 100, 100, None)
    assert jets.unit == "jet" and jets.qualifiers == ["on high alert"]
    assert jets.subject == "they"
    assert "jet" in jets.context and "alert" in jets.context
    assert (ships.modifier, ships.value, ships.unit) == (">", 120, "ship")
    assert ships.text == "more than 120 allied ships"
    assert "allied" in ships.qualifiers and "at sea" in ships.qualifiers
    # the second prepositional phrase ("from the Arctic ...") is not a qualifier
    assert not any("Arctic" in q for q in ships.qualifiers)


def test_noun_subject_preferred_as_text(nlp):
    c = one(nlp, "NATO has deployed 40,000 troops to the eastern flank.")
    assert (c.value, c.unit, c.subject) == (40000, "troop", "NATO")
    assert c.qualifiers == ["to the eastern flank"]
    assert "deploy" in c.context


# --- bounds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, modifier, low, high",
    [
        ("At least 82 people were killed.", ">=", 82, None),
        ("No fewer than 82 people were killed.", ">=", 82, None),
        ("Fewer than 50 people were killed.", "<", None, 50),
        ("Up to 50 people were killed.", "<=", None, 50),
        ("Nearly 50 people were killed.", "<=", 50 * (1 - APPROX_TOLERANCE), 50),
        ("About 50 people were killed.", "~", 45, 55),
        ("An estimated 50 people were killed.", "~", 45, 55),
        ("Exactly 50 people were killed.", "=", 50, 50),
        ("Between 10 and 20 soldiers were killed.", "range", 10, 20),
        ("Some 10-20 soldiers were killed.", "range", 10, 20),
        ("From 10 to 20 soldiers were wounded.", "range", 10, 20),
        ("Dozens of people were killed.", "range", 24, 144),  # no exact 24
        ("Hundreds of people were killed.", "range", 100, 1000),
        ("100 or more people were killed.", ">=", 100, None),
    ],
)
def test_bounds(nlp, text, modifier, low, high):
    c = one(nlp, text)
    assert c.modifier == modifier
    assert c.low == pytest.approx(low) if low is not None else c.low is None
    assert c.high == pytest.approx(high) if high is not None else c.high is None


def test_range_text_and_values(nlp):
    c = one(nlp, "Officials said between 10 and 20 soldiers died in the attack.")
    assert c.text == "between 10 and 20 soldiers"
    assert (c.value, c.low, c.high, c.unit) == (10, 10, 20, "soldier")


def test_at_least_82_killed_without_noun(nlp):
    c = one(nlp, "At least 82 were killed in the blast.")
    assert (c.modifier, c.value, c.low, c.high) == (">=", 82, 82, None)
    assert c.unit == "people"
    assert c.text == "At least 82"
    assert "kill" in c.context


def test_change_from_to_is_not_a_range(nlp):
    out = claims(nlp, "Inflation rose from 5 to 7 percent last year.")
    assert [(c.value, c.modifier, c.unit) for c in out] == [(5, "=", "%"), (7, "=", "%")]


# --- numbers, scales, units ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Two dozen ships arrived.", 24, "ship"),
        ("The war displaced 1.5 million people.", 1.5e6, "people"),
        ("The EU pledged $2 billion in aid.", 2e9, "USD"),
        ("The bank lent EUR 1.2bn to the company.", 1.2e9, "EUR"),
        ("The club paid £5m for the player.", 5e6, "GBP"),
        ("Turnout was 30% in the capital.", 30, "%"),
        ("Turnout was 30 percent in the capital.", 30, "%"),
        ("Police arrested 1,700 protesters.", 1700, "protester"),
        ("Seventy-five soldiers were captured.", 75, "soldier"),
        ("The missile flew 700 kilometers.", 700, "km"),
        ("The company sold 125 million Australian dollars of bonds.", 125e6, "AUD"),
    ],
)
def test_values_and_units(nlp, text, value, unit):
    c = one(nlp, text)
    assert c.value == pytest.approx(value)
    assert c.unit == unit


def test_money_span_covers_symbol_and_scale(nlp):
    c = one(nlp, "The EU pledged $2 billion in aid.")
    assert c.text == "$2 billion"
    assert c.qualifiers == ["in aid"]
    assert (c.low, c.high) == (2e9, 2e9)


def test_fraction_becomes_percent(nlp):
    c = one(nlp, "A third of voters stayed home.")
    assert c.unit == "%" and c.value == pytest.approx(33.33, abs=0.01) and c.modifier == "~"
    c = one(nlp, "Half of the residents left.")
    assert (c.unit, c.value, c.modifier) == ("%", 50, "=")


def test_parenthesised_conversion_is_not_a_second_claim(nlp):
    c = one(nlp, "The missile flew 700 kilometers (450 miles) before it fell.")
    assert (c.value, c.unit, c.text) == (700, "km", "700 kilometers")
    raw = find_quantities("The missile flew 700 kilometers (450 miles) before it fell.", nlp)
    assert [q.conversion for q in raw] == [False, True]


# --- non-claims ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Our commitment to Article 5 of the Washington Treaty is iron-clad.",
        "The COVID-19 pandemic hit the economy.",
        "Poland ordered F-35 fighters.",
        "The force is stronger than Ukraine had in 2014.",
        "2014's annexation changed everything.",
        "Published on: Thursday, February 24, 2022, 05:40 PM IST",
        "The G7 and the G-20 condemned the attack.",
        "NATO leaders will meet on 24 February.",
        "It was the third attack this week.",
        "This is the 21st century.",
        "Call 555-123-4567 for details.",
        "The Boeing 747 landed safely.",
        "See section 3 and page 12 of the report.",
        "The meeting took place on 2022-02-24.",
        "One of them said the talks failed.",
        "Russia has launched attacks for three days.",
    ],
)
def test_not_claims(nlp, text):
    assert claims(nlp, text) == []


def test_durations_and_years_available_on_request(nlp):
    text = "The study began in 1991 and lasted three years."
    assert find_quantities(text, nlp) == []
    got = [(q.text, q.unit) for q in find_quantities(text, nlp, years=True, durations=True)]
    assert ("1991", None) in got and ("three years", "year") in got


@pytest.mark.parametrize("text,expected", [
    # the small model tags these year-like numbers DATE; the plural noun after them says count
    ("2000 troops arrived in Poland on Friday.", ["2000 troops"]),
    ("NATO sent 2000 troops to Poland.", ["2000 troops"]),
    # after "the", "in", "by" they stay years
    ("The 2014 elections were held in spring.", []),
    ("By 2014 sales had doubled.", []),
    ("In 2014 elections were held in 40 countries.", ["40 countries"]),
])
def test_year_like_numbers_that_count(nlp, text, expected):
    assert [c.text for c in claims(nlp, text)] == expected


# --- offsets in a multi-paragraph document ---------------------------------------------------


def test_offsets_in_document(nlp):
    text = (
        " date 2022-02-24 Title line\n\nFirst paragraph has no numbers.\n\n"
        + SEED
        + " At least 82 were killed.\n\nThe EU pledged $2 billion."
    )
    out = claims(nlp, text)
    assert [c.text for c in out] == ["over 100 jets", "more than 120 allied ships", "At least 82", "$2 billion"]
    assert [text[c.sentence_start : c.sentence_end].startswith(("He", "He", "At", "The")) for c in out] == [True] * 4


@pytest.mark.parametrize(
    "text",
    [
        "The final vote in the Senate was 52-35.",
        "The 787-8 is a smaller model.",
        "Boeing celebrated the 787 today.",
        "See https://example.com/report?id=30%25 for more.",
        "Scores were announced on Monday.",
    ],
)
def test_more_not_claims(nlp, text):
    assert claims(nlp, text) == []


def test_units_from_context(nlp):
    assert one(nlp, "Profit improved to 361 million pounds.").unit == "GBP"
    assert one(nlp, "The baby weighed eight pounds.").unit == "lb"
    c = one(nlp, "One and a half million people fled.")
    assert (c.value, c.unit) == (1.5e6, "people")


def test_percent_then_money_is_not_a_range(nlp):
    out = claims(nlp, "Sales rose 6.2% to $1.45 billion.")
    assert [(c.value, c.unit) for c in out] == [(6.2, "%"), (1.45e9, "USD")]
