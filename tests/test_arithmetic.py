"""Derived numbers in the pair API: totals, differences and rates, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from factcheck.api import extract_claims
from factcheck.arithmetic import arithmetic_verdict


def verdict(nlp, a: str, b: str):
    return arithmetic_verdict(extract_claims(a, id="a", nlp=nlp), extract_claims(b, id="b", nlp=nlp), a, b)


def test_total_follows_from_its_parts(nlp):
    label, why = verdict(nlp, "NATO sent 100 troops to Poland and 50 troops to Romania.",
                         "In all, 150 troops were sent.")
    assert label == "entailment"
    assert "100 + 50 = 150" in why


def test_wrong_remainder_contradicts(nlp):
    label, why = verdict(nlp, "Maria had 45 bottles of water and drank 14 of them.", "20 bottles are left.")
    assert label == "contradiction"
    assert "'20 bottles'" in why
    assert verdict(nlp, "Maria had 45 bottles of water and drank 14 of them.", "31 bottles are left.")[0] \
        == "entailment"


def test_new_number_without_total_wording_is_left_to_the_model(nlp):
    # not derivable, but nothing says it is a total: new information, not a contradiction
    assert verdict(nlp, "The company hired 50 engineers and 20 designers in March.",
                   "The company employs 300 people.")[0] is None


@pytest.mark.parametrize("a,b,expected", [
    # a product needs a rate in the wording; 8 / 2 = 4 alone is a coincidence
    ("Joan's cat had 8 kittens and she gave 2 to her friends.", "She has 4 kittens.", None),
    ("We ordered 21 pizzas and each pizza has 8 slices.", "168 slices of pizza are there altogether.", "entailment"),
    # "23.0" claims a precision that 1040 / 45 = 23.11 does not have; "about 23" does
    ("The farm packed 1,040 pounds of oranges into 45 bags.", "Each bag contains 23.0 pounds of oranges.", None),
    ("The farm packed 1,040 pounds of oranges into 45 bags.", "Each bag contains about 23 pounds of oranges.", "entailment"),
])
def test_rates_and_precision(nlp, a, b, expected):
    assert verdict(nlp, a, b)[0] == expected


def test_near_copy_with_a_changed_number_is_not_a_derivation(nlp):
    # 1,200 - 300 = 900, but the second sentence restates the first with one number changed
    assert verdict(nlp, "The plant employs 1,200 workers and 300 contractors.",
                   "The plant employs 900 workers and 300 contractors.")[0] is None


def test_one_premise_number_gives_nothing_to_derive(nlp):
    assert verdict(nlp, "The plant employs 1,200 workers.", "In total, 1,500 workers are employed.")[0] is None


def test_shares_and_counts_do_not_mix(nlp):
    # 120 + 5 = 125, but 5 is a percentage
    assert verdict(nlp, "Sales rose 5% to 120 units in March and 40 units in April.",
                   "In all, 125 units were sold.")[0] == "contradiction"
