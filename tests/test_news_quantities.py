"""News quantity classes found in real reports (issue 10): vague plurals are intervals, not
exact numbers; hyphenated scales; changes read off inflected verbs and restated sizes; levels
against changes; fractions of a group; bounds written as "sub-" and multiples as "-fold"."""

from __future__ import annotations

import pytest

from factcheck.intervals import compare_quantities, incompatibility
from factcheck.options import Options
from tests.test_quantities import claims  # the extractor on one text, offsets checked


def by_text(nlp, text: str, needle: str):
    found = [c for c in claims(nlp, text) if needle in c.text]
    assert len(found) == 1, [(c.text, c.value) for c in claims(nlp, text)]
    return found[0]


# --- vague quantities --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, needle, low, high",
    [
        ("Dozens of people were killed when the building collapsed on Tuesday.", "Dozens", 24, 144),
        ("Police detained several hundred protesters outside parliament.", "several hundred", 200, 999),
        ("A few dozen residents refused to leave their homes.", "A few dozen", 24, 72),
        ("Hundreds of thousands of people fled the fighting.", "Hundreds of thousands", 1e5, 1e6),
    ],
)
def test_vague_plural_is_a_vague_interval_not_a_number(nlp, text, needle, low, high):
    c = by_text(nlp, text, needle)
    assert c.vague and c.modifier == "range"
    assert (c.low, c.high) == (low, high)


def test_hedged_range_is_vague_with_its_hedge(nlp):
    c = by_text(nlp, "The average adult needs about 2000 - 2500 calories to keep their weight.", "2000")
    assert c.text.startswith("about 2000") and c.vague and c.modifier == "range"
    assert (c.low, c.high) == (2000, 2500)
    c = by_text(nlp, "The average adult needs between 2000 and 2500 calories to keep their weight.", "2000")
    assert not c.vague


def test_exact_number_is_not_vague(nlp):
    c = by_text(nlp, "Officials said 24 people were killed in the collapse.", "24")
    assert not c.vague and (c.low, c.high) == (24, 24)


def test_dozens_against_numbers_in_the_judge(nlp):
    opts = Options()
    dozens = by_text(nlp, "Dozens of people were killed in the attack.", "Dozens")
    thirty = by_text(nlp, "Thirty people were killed in the attack.", "Thirty")
    exact24 = by_text(nlp, "Exactly 24 people were killed in the attack.", "24")
    near = by_text(nlp, "Officials said 22 people were killed in the attack.", "22")
    # inside the interval it suggests: no conflict, and 24 is no exact agreement with "dozens"
    assert compare_quantities(dozens, thirty, opts.numeric_tolerance) == "compatible"
    assert compare_quantities(dozens, exact24, opts.numeric_tolerance) == "compatible"
    # just below it: a conflict, but hedged like "about", so weaker than against a stated range
    exact_range = by_text(nlp, "Between 24 and 144 people were killed in the attack.", "24")
    assert not exact_range.vague
    assert compare_quantities(dozens, near, opts.numeric_tolerance) == "conflict"
    assert compare_quantities(exact_range, near, opts.numeric_tolerance) == "conflict"
    assert incompatibility(dozens, near, opts) < incompatibility(exact_range, near, opts)


# --- currencies and scales ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, needle, value, currency",
    [
        ("The company agreed to a $2.4-billion takeover of its rival.", "$2.4-billion", 2.4e9, "USD"),
        ("Ottawa will spend C$1.5-million on the pilot program.", "C$1.5-million", 1.5e6, "CAD"),
        ("The province announced a $750-million plan for new hospitals.", "$750-million", 7.5e8, "USD"),
    ],
)
def test_hyphenated_scale_is_the_amount(nlp, text, needle, value, currency):
    c = by_text(nlp, text, needle)
    assert c.value == pytest.approx(value) and c.currency == currency and c.quantity_kind == "money"


def test_pc_is_percent(nlp):
    c = by_text(nlp, "Britain can borrow for fifty years at an interest rate of 1.38pc.", "1.38pc")
    assert (c.value, c.unit, c.quantity_kind) == (1.38, "%", "percent")


# --- changes -----------------------------------------------------------------------------------


def test_inflected_change_verbs_give_a_direction(nlp):
    text = "Tesla shares are up nearly 57% after plummeting 65% during last year's rout."
    assert by_text(nlp, text, "65%").change == "down"
    c = by_text(nlp, "The Stoxx 600 index was advancing about 1.7 percent at midday.", "1.7")
    assert c.change == "up" and c.change_part == "by"


def test_a_change_told_twice_has_one_direction(nlp):
    text = "Employment for women grew by 125,600 positions or 2.2 per cent in 2018."
    assert by_text(nlp, text, "125,600").change == "up"
    assert by_text(nlp, text, "2.2").change == "up"


def test_elliptical_change_keeps_the_direction(nlp):
    text = "Shares of Ross were down 2.3%, Burlington by 2.6% and Foot Locker was up 1.9% before the bell."
    assert by_text(nlp, text, "2.6%").change == "down"
    assert by_text(nlp, text, "1.9%").change == "up"


def test_count_cut_has_no_direction_but_count_grew_by_has(nlp):
    assert by_text(nlp, "The carmaker will cut 6,650 jobs over two years.", "6,650").change is None
    assert by_text(nlp, "Payrolls increased by 60,600 jobs last month.", "60,600").change == "up"


# --- bounds, fractions, multiples --------------------------------------------------------------


def test_sub_prefix_is_an_upper_bound(nlp):
    c = by_text(nlp, "The new light will help chipmakers produce sub-7 nanometer chips.", "7")
    assert c.modifier == "<" and c.high == 7 and c.low is None and c.text.startswith("sub-")


def test_fold_is_a_multiple(nlp):
    c = by_text(nlp, "Revenue from mainland China grew more than sixfold to HK$3.7 billion.", "six")
    assert (c.value, c.unit, c.modifier) == (6, "fold", ">")
    c = by_text(nlp, "Cases rose 3-fold in a month.", "3")
    assert (c.value, c.unit) == (3, "fold")


def test_out_of_is_a_fraction_of_a_group(nlp):
    c = by_text(nlp, "One out of three Germans have housing problems, the survey found.", "One out of three")
    assert c.unit == "%" and c.value == pytest.approx(100 / 3)
    # a partitive "two of three" is left alone: it is mostly "two of the three"
    assert not [c for c in claims(nlp, "Two of three judges agreed.") if c.quantity_kind == "fraction"]


@pytest.mark.parametrize("text, found, share", [
    ("One in five voters backed him.", "One in five", 20),
    ("The team made 3 out of 4 free throws.", "3 out of 4", 75),  # digits too: a share of a count
])
def test_one_in_five_is_a_share(nlp, text, found, share):
    c = by_text(nlp, text, found)
    assert c.unit == "%" and c.value == pytest.approx(share)


@pytest.mark.parametrize("text", ["He scored 3 in 10 minutes.", "He won two in 2008."])
def test_a_number_in_a_time_or_a_year_is_no_share(nlp, text):
    assert not [c for c in claims(nlp, text) if c.quantity_kind == "fraction"]


def test_one_of_a_group_counts_one(nlp):
    c = by_text(nlp, "The Continental GT is one of the hottest luxury cars in the world.", "one")
    assert c.value == 1 and c.unit == "car"


def test_several_hundred_or_even_a_number_keeps_the_number(nlp):
    text = "We need to see the construction of several hundred or even 1,000 megawatts of capacity."
    c = by_text(nlp, text, "1,000")
    assert (c.value, c.unit) == (1000, "MW")


def test_minus_with_hyphen_is_negative(nlp):
    c = by_text(nlp, "The frigid atmosphere can dip down to minus-130 degrees Fahrenheit.", "130")
    assert c.value == -130


def test_year_like_range_end_that_counts_is_no_year(nlp):
    c = by_text(nlp, "The average adult needs between 2000 and 2500 calories.", "2000")
    assert (c.low, c.high, c.modifier) == (2000, 2500, "range")
    # two year-like ends with nothing counted stay years
    assert not claims(nlp, "Prices rose steadily between 1990 and 2000 in the city.")


# --- the NewsQuant benchmark's reading of claims in CQE's labels ------------------------------


def _newsquant():
    import importlib
    import sys
    from pathlib import Path

    bench = str(Path(__file__).resolve().parents[1] / "benchmarks")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return importlib.import_module("quantities_newsquant")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Analysts expect a 19% drop in the index.", [(19, "=")]),
        ("The index fell 19% on Monday.", [(19, "down")]),
        ("Hiring showed an increase of 60,600 jobs or 2.2 per cent.", [(60600, "="), (2.2, "=")]),
        ("Mileage is about 14-18 mpg in town.", [((14, 18), "~")]),
        ("Dozens of people were hurt.", [((24, 144), "=")]),
        ("A third of the population lives in the south.", [(pytest.approx(1 / 3), "=")]),
        ("About a third of the population lives in the south.", [(pytest.approx(1 / 3), "~")]),
    ],
)
def test_newsquant_reads_changes_in_cqe_labels(nlp, text, expected):
    from factcheck.extract import extract_from_parsed
    from factcheck.segment import parse_sentences, split_sentences
    from factcheck.types import Document

    document = Document(id="d", text=text)
    got = _newsquant().predictions(extract_from_parsed(document, parse_sentences(split_sentences(document), nlp)), text)
    assert [(v, ch) for v, ch, _ in got] == expected


def test_spaced_capital_scale_before_a_plural_is_a_scale(nlp):
    c = by_text(nlp, "The world population is about 8 B people.", "8")
    assert c.value == 8e9
    c = by_text(nlp, "Since launch 3 M users signed up.", "3")
    assert (c.value, c.unit) == (3e6, "user")


def test_part_of_a_scale_or_a_point_is_one_number(nlp):
    c = by_text(nlp, "The firm will cut a quarter of a million jobs.", "quarter")
    assert (c.value, c.unit) == (250_000, "job")
    c = by_text(nlp, "The central bank lifted its rate by half a percentage point on Thursday.", "half")
    assert (c.value, c.unit) == (0.5, "pp")


def test_fraction_after_and_is_a_fraction(nlp):
    # "and a half" belongs to the number before it; "and three-quarters of" starts a new one
    c = by_text(nlp, "Two-thirds of voters and three-quarters of members backed the plan.", "three")
    assert c.quantity_kind == "fraction" and c.value == 75


# --- issue 10, third pass ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, needle, value",
    [
        # "an" and a possessive "'s" are no aircraft codes ("An-124", "S 400")
        ("Buyers get the phone after an 800 yuan promotion.", "800", 800),
        ("The iPhone 14’s 6.1-inch display remains one of the best.", "6.1", 6.1),
        ("The company's 500 employees walked out on Monday.", "500", 500),
    ],
)
def test_article_or_possessive_before_a_number_is_no_code(nlp, text, needle, value):
    assert by_text(nlp, text, needle).value == value


def test_spaced_aircraft_code_still_names(nlp):
    assert not [c for c in claims(nlp, "Flight MH 17 was shot down over Ukraine.") if c.value == 17]


@pytest.mark.parametrize(
    "text, value",
    [
        ("This year's price is $33790 versus last years $32280.", 32280),
        ("The honor comes with a five-year $700000 award toward his research.", 700000),
    ],
)
def test_amount_with_a_currency_sign_is_money_inside_a_date_entity(nlp, text, value):
    c = by_text(nlp, text, str(value))
    assert (c.value, c.unit) == (value, "USD")


def test_by_a_size_to_a_level_is_no_range(nlp):
    text = "The deficit increased by $43.6 billion to $419.2 billion last year."
    size, level = by_text(nlp, text, "43.6"), by_text(nlp, text, "419.2")
    assert (size.value, size.change, size.change_part, size.level) == (43.6e9, "up", "by", 419.2e9)
    assert (level.value, level.modifier, level.change_part) == (419.2e9, "=", "to")
    # a range of sizes stays a range
    c = by_text(nlp, "They cut emissions by 10% to 20% in a decade.", "10%")
    assert (c.modifier, c.low, c.high) == ("range", 10, 20)
    c = by_text(nlp, "Sales grew by 2 to 12 million units.", "2")
    assert (c.modifier, c.low, c.high) == ("range", 2e6, 12e6)


def test_signed_moves_in_a_market_table_are_falls(nlp):
    got = {c.value: c for c in claims(nlp, "In Europe: Stoxx 50 -1.3% FTSE -0.6% CAC -1.7% DAX +0.4%.")}
    assert {-1.3, -0.6, -1.7, 0.4} <= set(got)
    assert got[-0.6].change == got[-1.3].change == "down" and got[0.4].change == "up"
    assert 50 not in got  # "Stoxx 50" stays a name
    # a spaced dash between two numbers is still a range's
    c = by_text(nlp, "Rates of 10 - 20% are common.", "20")
    assert (c.low, c.high) == (10, 20)


@pytest.mark.parametrize(
    "text, needle, value",
    [
        ("Japan's debt rose to ¥1,200trn last year.", "1,200trn", 1.2e15),
        ("The fund holds $1.2tn in assets.", "1.2tn", 1.2e12),
        ("The sisters helped launder RM3.06mil from victims.", "3.06mil", 3.06e6),
        ("Net profit reached 3 bln euros.", "3 bln", 3e9),
    ],
)
def test_scale_abbreviations_come_from_the_lexicon(nlp, text, needle, value):
    assert by_text(nlp, text, needle).value == pytest.approx(value)


def test_money_only_scales_need_a_currency_sign(nlp):
    # "mil" and "t" are scales only after a currency sign: "20 T-shirts" is twenty
    assert by_text(nlp, "He sold 20 T-shirts for $5 each.", "20").value == 20


@pytest.mark.parametrize(
    "text, needle, direction",
    [
        ("Profits rose to a record £1.2bn last year.", "1.2bn", "up"),
        ("Inflation fell to a four-year low of 1.2% in May.", "1.2%", "down"),
        ("The council voted to raise the minimum wage to $15 an hour.", "15", "up"),
        ("The bank cut interest rates to 0.25% on Thursday.", "0.25%", "down"),
    ],
)
def test_level_reached_after_a_change_word_has_its_direction(nlp, text, needle, direction):
    c = by_text(nlp, text, needle)
    assert (c.change, c.change_part) == (direction, "to")


def test_raising_money_is_no_change(nlp):
    # "raise" states a direction only toward a level: funding raised is an amount
    assert by_text(nlp, "The start-up raised $5m from investors.", "5m").change is None
    assert by_text(nlp, "He gave the book to 5 people.", "5").change is None


def test_glued_degrees_letter_is_a_temperature(nlp):
    c = by_text(nlp, "Temperatures hit 40C in London on Tuesday.", "40")
    assert (c.value, c.unit, c.quantity_kind) == (40, "°C", "measure")
    c = by_text(nlp, "Lows of -5C are expected overnight.", "5")
    assert (c.value, c.unit) == (-5, "°C")
    c = by_text(nlp, "Temperatures of 35-40C are forecast.", "35")
    assert (c.low, c.high, c.unit) == (35, 40, "°C")


def test_glued_c_without_temperature_talk_is_no_temperature(nlp):
    assert not [c for c in claims(nlp, "The 14C dates of the shells were anomalous.") if c.unit == "°C"]
    assert not [c for c in claims(nlp, "Organic matter was analysed for δ13C in the cores.") if c.unit == "°C"]


def test_scale_after_per_is_part_of_a_unit(nlp):
    got = claims(nlp, "The effect was seen with carbon levels at 1200 parts per million.")
    assert [c.value for c in got] == [1200]
