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
        ("half a million", 5e5), ("a quarter of a billion", 2.5e8), ("three quarters of a million", 7.5e5),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "jets", "nineteen eighty", "third"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, value", [("1.99×10−30", 1.99e-30), ("4.3 × 10−8", 4.3e-8), ("2 x 10^6", 2e6), ("6×10⁶", 6e6)],
)
def test_scientific_notation_is_one_number(text, value):
    found = find_numbers(f"a mass of {text} kg")
    assert [n.text for n in found] == [text]
    assert found[0].value == pytest.approx(value)


def test_times_a_number_without_an_exponent_is_no_scientific_notation():
    # "6 × 106" may be a lost superscript or a product: read as written
    assert [n.value for n in find_numbers("a rate of 6 × 106 kg")] == [6, 106]
    assert [n.value for n in find_numbers("the 4 x 100m relay")] == [4, 100]


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
        ("Just under 50 people were killed.", "<=", 50 * (1 - APPROX_TOLERANCE), 50),
        # a bound that is also near: "just over 50" is no 80
        ("Just over 50 people were killed.", ">=", 50, 50 * (1 + APPROX_TOLERANCE)),
        ("Slightly more than 50 people were killed.", ">=", 50, 50 * (1 + APPROX_TOLERANCE)),
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
        # "MM", finance's million, after a currency sign only ("160 mm" stays millimetres)
        ("The Nationals offered at least $160MM for Teixeira.", 160e6, "USD"),
        ("The bolt is 160 mm long.", 160, "mm"),
        ("Turnout was 30% in the capital.", 30, "%"),
        ("Turnout was 30 percent in the capital.", 30, "%"),
        ("Police arrested 1,700 protesters.", 1700, "protester"),
        ("Seventy-five soldiers were captured.", 75, "soldier"),
        ("The missile flew 700 kilometers.", 700, "km"),
        ("The company sold 125 million Australian dollars of bonds.", 125e6, "AUD"),
        # the number hangs on a compound in the parse: it still counts the officers
        ("When the four plainclothes officers saw the weapon they opened fire.", 4, "officer"),
        # a hyphenated noun is counted whole: co-workers are not workers
        ("Hiller shot and killed four co-workers at the plant.", 4, "co-worker"),
        # a hyphen split off a modifier ("anti - tank") is no word between the number and its noun
        ("The troops found three anti-tank guided missile launchers.", 3, "launcher"),
        # money before the noun it pays for: the currency is the unit, not the rescue
        ("Athens agreed to a 150 billion euro rescue from the EU.", 150e9, "EUR"),
        ("They took a 2.4-billion-dollar loan.", 2.4e9, "USD"),
        # a gun's caliber measures its bore: no count of 0.38 revolvers
        ("Police recovered a .38-caliber revolver.", 0.38, "caliber"),
        # an area, not a length in the same unit: "square" makes it another unit, hyphened or not
        ("The store covered 12,000 square feet.", 12000, "ft2"),
        ("Kraft runs a 170,000-square-foot plant there.", 170000, "ft2"),
        ("The quake shook a 1,500-square-kilometer area.", 1500, "km2"),
        ("The tanker spilled 5,000 cubic meters of oil.", 5000, "m3"),
        ("The tanker was sailing 480-nautical-mile off the coast.", 480, "nmi"),
        # a currency's code after the number is the currency, however the noun is lemmatised
        ("Over 100 billion USD worth of trade passes through it.", 100e9, "USD"),
        ("Bolt ran the race in 9.58s.", 9.58, "s"),
        # a collective noun counts in the singular, definite or not
        ("The pirate boats had the 26 Somali crew on board.", 26, "crew"),
        ("The company laid off its 300 staff.", 300, "staff"),
    ],
)
def test_values_and_units(nlp, text, value, unit):
    c = one(nlp, text)
    assert c.value == pytest.approx(value)
    assert c.unit == unit


def test_the_word_that_makes_a_unit_is_no_qualifier(nlp):
    # "nautical" and "square" name the unit; as qualifiers they would set two distances or two
    # areas apart (or together) for a word every such claim carries
    assert one(nlp, "The attack took place 150 nautical miles off Aden.").qualifiers == ["off Aden"]
    assert one(nlp, "The store covered 12,000 square feet.").qualifiers == []
    assert one(nlp, "Pirates held 12 hijacked ships.").qualifiers == ["hijacked"]


def test_part_of_a_count_counts_what_the_whole_counts(nlp):
    # "30 of 207 punches": the 30 are punches too, so a report that says "landed 30 punches"
    # can be compared with it
    by_value = {c.value: c.unit for c in claims(nlp, "Rahman landed 30 of 207 punches.")}
    assert by_value == {30: "punch", 207: "punch"}


@pytest.mark.parametrize("text, value, unit", [
    ("Of those captured, 15 were Somali nationals.", 15, "national"),  # the copula's complement
    ("The 76ers had won nine games and lost 16 when Cheeks was let go.", 16, "game"),  # gapping
    ("Five people died and 12 were injured.", 12, "people"),
    ("Of the 23 pirates arrested, 12 are reported to be Somali.", 12, "pirate"),  # the set it is taken from
    ("The score was 3 to 1.", 3, None),  # nothing counted anywhere
])
def test_a_bare_number_counts_what_its_sentence_names_elsewhere(nlp, text, value, unit):
    (claim,) = [c for c in claims(nlp, text) if c.value == value]
    assert claim.unit == unit
    assert claim.text == str(value)  # the span stays the number: the noun is elsewhere


@pytest.mark.parametrize("text, value, unit", [
    # "them" counts the set named before it: a counted one first, over nearer plurals
    ("The navy detected five boats. The warship challenged the suspicious vessels. "
     "While two of them managed to escape, the warship stopped the rest.", 2, "boat"),
    ("Police questioned the drivers. Three of them were released on Friday.", 3, "driver"),
    ("Three of them were seen in the area.", 3, None),  # nothing named before: nothing counted
])
def test_a_number_of_them_counts_the_set_named_before(nlp, text, value, unit):
    (claim,) = [c for c in claims(nlp, text) if c.value == value]
    assert claim.unit == unit


def test_a_number_of_them_is_a_part(nlp):
    from factcheck import extract_claims

    text = "Police questioned the drivers. Three of them were released."
    (claim,) = [c for c in extract_claims(text, nlp=nlp) if c.kind == "quantity"]
    assert claim.frame.part

@pytest.mark.parametrize("text", ["He was alone about 3 p. m. Friday.", "It hit at about 6 a.m. EST."])
def test_a_clock_time_is_no_quantity(nlp, text):
    assert claims(nlp, text) == []


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
        # an emergency line, a win-loss record, a decade: no amount of anything
        "A neighbour called 911 at once.",
        "The 911 dispatcher sent help.",
        "He was shot in the 12000 block of East 223rd Street.",
        "The Sixers have a 9-14 record.",
        "The Sixers have a record of 9-14.",
        "She is in her 50s.",
        "The style was popular in the nineteen fifties.",
        # a label or a rank in words, as "number 5" in digits
        "In a congressional hearing she became exhibit number one.",
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


# --- no crash on any number ------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "0", "7", "12", "1,700", "1,0000", "3.5", ".5", "1.2.3", "9" * 40, "1" * 400, "1e999", "1e-999", "0.000000001",
    "-", "−", "+", "%", "$", "US$", "$US", "€", "£", "p", "m", "bn", "k", "million", "billion", "dozen", "dozens",
    "hundreds of", "thousand", "half", "a third", "1/0", "0/0", "3/4", "-", "to", "and", "between", "from", "or",
    "about", "over", "up to", "rose", "fell", "down", "at", "per cent", "percentage points", "basis points", "year-old",
    "years", "days ago", "km", "kHz", "mph", "(", ")", ",", ".", " ", " ", "  ", "\n", "nineteen", "eighty", "point",
    "first", "May", "2022", "1999", "24/02/2022", "12:30", "x", "Nasdaq", "Road", "-door",
    "±", "+/-", "×", "×10", "10−8", "^", "⁶", "cm−1",
])


@st.composite
def _number_text(draw):
    return "".join(draw(st.lists(_PIECES, min_size=1, max_size=12)))


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=_number_text())
def test_no_exception_on_number_like_text(nlp, body):
    from factcheck.extract import extract_from_parsed

    text = f"The report said {body} units were sold."
    document = Document(id="h", text=text, date="2022-02-24")
    out = extract_from_parsed(document, parse_sentences(split_sentences(document), nlp))
    for c in out:
        assert text[c.start : c.end] == c.text and 0 <= c.start < c.end <= len(text)
        if c.kind == "quantity":
            assert c.value is None or abs(c.value) < float("inf")
            if c.low is not None and c.high is not None:
                assert c.low <= c.high


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.one_of(_number_text(), st.text(max_size=60)))
def test_number_parser_never_raises(text):
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.text
        assert abs(n.value) < float("inf")
    v = parse_number(text)
    assert v is None or abs(v) < float("inf")


# --- news quantities: changes, currencies, ranges, names, ages -------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shares rose 5% on Monday.", [(5, "up", "by")]),
        ("Bonds fell 200 points.", [(200, "down", "by")]),
        ("The stock was down 41p at 980p.", [(41, "down", "by"), (980, "down", "to")]),
        ("The grid frequency fell to 49.55 Hz.", [(49.55, "down", "to")]),
        ("On Wall St the Dow was +0.2% by noon.", [(0.2, "up", "by")]),
        ("The bank cut rates by 25 basis points.", [(25, "down", "by")]),
        ("Horsepower jumped from 240 to 273.", [(240, None, None), (273, "up", "to")]),
        ("The firm cut 6,650 jobs.", [(6650, None, None)]),  # a count of things: no movement
        ("Turnout was 30% in the capital.", [(30, None, None)]),
        # "up" / "down" as a verb's particle is no direction; after a verb of movement it is
        ("The FBI put up $10,000 for information.", [(10000, None, None)]),
        ("These jobs make up 20 percent of the total.", [(20, None, None)]),
        ("He turned down $5 million.", [(5_000_000, None, None)]),
        ("The index ended up 1.2%.", [(1.2, "up", "by")]),
        ("Greek stocks closed down 3.9 percent.", [(3.9, "down", "by")]),
        ("Sales picked up 2% in May.", [(2, "up", "by")]),  # a particle that reads as a move
        ("Prices came down 5%.", [(5, "down", "by")]),
    ],
)
def test_changes_have_direction(nlp, text, expected):
    out = claims(nlp, text)
    assert [(c.value, c.change, c.change_part) for c in out] == expected


def test_change_amount_carries_its_level(nlp):
    a, b = claims(nlp, "Unemployment fell 0.3 percentage points to 4.1%.")
    assert (a.unit, a.quantity_kind, a.level, a.level_unit) == ("pp", "points", 4.1, "%")
    assert (b.unit, b.quantity_kind, b.change) == ("%", "percent", "down")


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("The company raised $US40,250,000 in the round.", 40_250_000, "USD"),
        ("It paid A$12.4m for the site.", 12.4e6, "AUD"),
        ("The firm posted a $2.4-billion loss.", 2.4e9, "USD"),
        ("Revenue amounted to EUR50m.", 50e6, "EUR"),
        ("Gold is at USD1,700 an ounce.", 1700, "USD"),
        ("Heineken Malaysia closed at RM23.50.", 23.5, "MYR"),
        ("The shares closed at 98.4p.", 98.4, "GBX"),
        ("Qantas wants $4.2b from government.", 4.2e9, "USD"),
    ],
)
def test_currencies_normalised(nlp, text, value, currency):
    c = one(nlp, text)
    assert c.value == pytest.approx(value)
    assert (c.unit, c.currency, c.quantity_kind) == (currency, currency, "money")


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("The deal is worth $3 million to $4.5 million.", 3e6, 4.5e6, "USD"),
        ("Revenue was 12-14 billion euros.", 12e9, 14e9, "EUR"),
        ("Adults need between 1,800 and 2,200 calories.", 1800, 2200, "calorie"),
        ("Guidance was between $US160 million and $US171 million.", 160e6, 171e6, "USD"),
        ("The limit is between 15kHz and 17kHz.", 15, 17, "kHz"),
        ("Adults need about 2000 - 2500 calories.", 2000, 2500, "calorie"),
    ],
)
def test_ranges_keep_both_ends(nlp, text, low, high, unit):
    c = one(nlp, text)
    assert (c.modifier, c.unit) == ("range", unit)
    assert (c.low, c.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text",
    [
        "The Nasdaq 100 closed higher.",
        "Utilities in the S&P 500 held up.",
        "The Standard & Poor's 500 index held up.",
        "The two-door coupe has an eight-speed gearbox.",
        "The office is at 22-24 Harbour Road.",
        "He bought the iPhone 11 Pro Max yesterday.",
        "The team won 3-1 on Sunday.",
        "Healthcare, 2018s best performing sector, held up.",
        # a house number before the street's direction
        "She was walking into the store at 200 W. American Blvd. with her husband.",
        # a model's plural ("767s") is no number of seconds
        "Air Canada expects a saving over their existing 767s.",
        # two or more of a thing named in the singular, and definite: a model or a route
        "Boeing unveiled a new version of its 777 airliner.",
        "Boeing delivered the final 717 jet built at the plant.",
    ],
)
def test_names_holding_numbers_are_not_claims(nlp, text):
    assert claims(nlp, text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("On Monday 5 people died in the blast.", 5, "people"),  # the small model's DATE runs on over "5"
    ("On Tuesday 12 soldiers were killed.", 12, "soldier"),
])
def test_a_count_right_after_a_day_name_is_a_count(nlp, text, value, unit):
    assert [(c.value, c.unit) for c in claims(nlp, text) if c.kind == "quantity"] == [(value, unit)]


@pytest.mark.parametrize("text", ["On Monday 5 May the parliament met.", "It happened on Friday 13 March."])
def test_a_day_of_the_month_after_a_day_name_is_no_count(nlp, text):
    assert [c for c in claims(nlp, text) if c.kind == "quantity"] == []


@pytest.mark.parametrize("text, modifier", [
    ("Over nearly $100 billion of trade passes each year.", "~"),  # bounds of both sides: a hedge
    ("Up to more than 40 people were hurt.", "~"),
    ("No more than 5 people were hurt.", "<="),  # one phrase, one bound
    ("Well over 20 ships were at sea.", ">"),
])
def test_stacked_bounds_of_opposite_sides_only_approximate(nlp, text, modifier):
    assert one(nlp, text).modifier == modifier


def test_ages_are_their_own_kind(nlp):
    out = claims(nlp, "The 58-year-old was arrested; his son, aged 30, was not.")
    assert [(c.value, c.unit, c.quantity_kind) for c in out] == [(58, "year", "age"), (30, "year", "age")]


@pytest.mark.parametrize("text, value", [
    # set off after a name
    ("Teixeira, 28, has hit at least 30 homers in each of the past five seasons.", 28),
    ("Police identified the dead man as Benjamin David Banky, 34.", 34),
    ("Tara Reid, 33, checked herself in on Tuesday.", 33),
    # ending a person's clause
    ("The slain TallGrass president, Ben Banky, was 52.", 52),
    ("The receptionist who died, Madeline Kafoury, was 45.", 45),
    ("He was 81 when he died.", 81),
    ("Tanya Wilson, who was 41, died of a gunshot wound to her side.", 41),
    ("Comeaux, who is 52, fled on foot shortly after 9 a.m.", 52),  # "who" is a person, whatever NER says
    ("Lohan, 29, arrived at the clinic in Rancho Mirage.", 29),  # a surname the small model tags a place
    # an age reached, and the clause ending on when
    ("Reid turned 33 last week.", 33),
    ("Emanuel Steward, who turned 68 on Saturday, smiled.", 68),
    ("He will be 29 in April.", 29),
    # one person named by a role noun (resources/person_nouns.tsv)
    ("The victim was 23.", 23),
    ("The swimming star was 87.", 87),
    ("The singer was 27 when she died.", 27),
    # a surname tagged as a place, then the town the person is from, which no place has
    ("Riva, 47, of Sterling Heights and Steinberg, 48, of Macomb County's Bruce Township, were being treated.", 48),
    # a surname the small model calls a place, where no place would stand ("the death of")
    ("He was charged with murder in the death of Kafoury, 63, and in the shootings of two others.", 63),
])
def test_a_number_set_off_after_a_name_or_ending_a_persons_clause_is_an_age(nlp, text, value):
    age = next(c for c in claims(nlp, text) if c.value == value)
    assert (age.unit, age.quantity_kind) == ("year", "age")


@pytest.mark.parametrize("text", [
    "Obama's approval rating was 52.",  # the subject is a thing of the person's
    "The death toll was 52.",
    "The victims were 52.",  # several people: no one's age
    "The temperature was 87.",
    "The leader was 12 points ahead.",
    "The final score was 52 points.",
    "Shares turned 20 on Monday.",  # a thing's number, not a person's age
    "He was 81 in the poll.",  # a place in a ranking
    'Her quip: "Oscar is 80 this year, which makes him the front-runner."',  # a ceremony's age, a joke
])
def test_a_number_other_clauses_end_on_is_no_age(nlp, text):
    assert all(c.quantity_kind != "age" for c in claims(nlp, text) if c.kind == "quantity")


@pytest.mark.parametrize("text", [
    "Smith, 12, Jones, 9 and Brown, 4 scored for the visitors.",  # a tally of names and numbers
    "In Texas, 40, and in Ohio, 12, people died.",  # places have no age
])
def test_numbers_after_other_names_stay_counts(nlp, text):
    assert all(c.quantity_kind != "age" for c in claims(nlp, text) if c.kind == "quantity")


def test_scaled_counts_and_restatements(nlp):
    c = one(nlp, "The album sold 3.1m copies.")
    assert (c.value, c.unit) == (3.1e6, "copy")
    c = one(nlp, "The debris field stretched for seven miles (11 km).")
    assert (c.value, c.unit, c.conversions) == (7, "mi", [(11, "km")])


def test_year_like_counts(nlp):
    c = one(nlp, "In all, 1850 people voted.")
    assert (c.value, c.unit) == (1850, "people")


def test_lexicon_files_are_well_formed():
    """Every resource list loads through importlib.resources with the columns its readers expect."""
    from importlib.resources import files

    from factcheck import lexicon

    names = sorted(p.name[:-4] for p in files("factcheck.resources").iterdir() if p.name.endswith(".tsv"))
    assert {"months", "currency_symbols", "number_words", "timezones", "negations", "change_words"} <= set(names)
    for name in names:
        widths = {len(r) for r in lexicon.rows(name)}
        assert len(widths) == 1, (name, widths)  # one shape per file: no stray tab or missing column
    assert lexicon.numbers("months")["sept"] == 9
    assert lexicon.table("currency_symbols")["a$"] == "AUD"
    assert {lexicon.table("change_words")[w] for w in ("rose", "fell")} == {"up", "down"}


def test_modifier_words_come_from_their_resource():
    """The bound words are data: every phrase of resources/modifiers.tsv bounds a number, a word
    only at a word start, a sign glued or not."""
    from factcheck import lexicon
    from factcheck.extract.quantities import _MOD_RE

    rows = lexicon.rows("modifiers")
    assert {op for _, op, _ in rows} == {">=", ">", "<", "<=", "<=~", ">=~", "~"}
    for phrase, op, form in rows:
        ops = {o for rx, o in _MOD_RE if rx.search(f"we saw {phrase} ")}
        assert op in ops, (phrase, op, ops)
        if form == "sign":
            assert any(rx.search(f"n{phrase}") for rx, o in _MOD_RE if o == op), phrase
    assert not any(rx.search("a clover ") or rx.search("an ecosome ") for rx, _ in _MOD_RE)


# --- uncertainty and unit exponents (scientific and technical reports) ------------------------


@pytest.mark.parametrize(
    "text, needle, low, high, unit",
    [
        ("Soluble sulfate was present at 1.3 ± 0.5 mg in each sample.", "1.3 ± 0.5 mg", 0.8, 1.8, "mg"),
        ("The thermospheric temperature was 420 +/- 30 K at the pole.", "420 +/- 30 K", 390, 450, "K"),
        ("The cells contained 46.8% ± 1.6% of the marker.", "46.8% ± 1.6%", 45.2, 48.4, "%"),
    ],
)
def test_value_with_its_uncertainty_is_one_quantity(nlp, text, needle, low, high, unit):
    c = one(nlp, text)
    assert c.text == needle and c.modifier == "~" and c.unit == unit
    assert (c.low, c.high) == (pytest.approx(low), pytest.approx(high))


def test_margin_alone_keeps_its_sign_in_the_span(nlp):
    c = one(nlp, "The poll has a margin of error of ±3 percentage points.")
    assert c.text.startswith("±3") and c.value == 3


def test_unit_exponent_is_part_of_the_unit(nlp):
    c = one(nlp, "The spectrum shows a sharp peak at 1031 cm−1 in the sample.")
    assert c.text == "1031 cm−1" and c.unit == "cm−1"


@pytest.mark.parametrize("text, op", [
    ("There were no more than 5 jets.", "<="),  # "more than" ends at the number too
    ("not more than 12 boats sailed", "<="),
    ("no fewer than 30 ships sailed", ">="),
    ("More than 5 jets flew.", ">"),
])
def test_the_longest_bound_phrase_before_a_number_wins(nlp, text, op):
    q = next(c for c in claims(nlp, text) if c.kind == "quantity")
    assert q.modifier == op


@pytest.mark.parametrize("text,value", [
    ("Tehran's seismologic center said the quake measured magnitude-5.9.", 5.9),
    ("The quake measured magnitude 5.9, officials said.", 5.9),
    ("The Geological Survey said it had a magnitude of 6.1.", 6.1),
    ("The center put the quake's magnitude at 5.4.", 5.4),
    ("The 6.1-magnitude quake struck Qeshm island.", 6.1),
    ("It measured 5.9 on the Richter scale.", 5.9),
])
def test_an_earthquake_magnitude_is_a_measure_not_a_code_or_a_count(nlp, text, value):
    found = [c for c in claims(nlp, text) if c.value == value]
    assert len(found) == 1 and found[0].unit == "magnitude" and found[0].quantity_kind == "measure", found


def test_a_letter_and_hyphen_before_digits_is_still_a_code(nlp):
    assert [c.text for c in claims(nlp, "The F-35 and flight MH17 carried 3 missiles.")] == ["3 missiles"]


@pytest.mark.parametrize("text, unit, measure", [
    ("Police found three 9mm pistols.", "pistol", "mm"),
    ("The crew carried three 10-foot ladders.", "ladder", "ft"),
    ("The jets dropped two 500-pound bombs.", "bomb", "lb"),
])
def test_a_count_before_a_measured_noun_counts_the_noun(nlp, text, unit, measure):
    """The unit after the second number is that number's; the first still counts the noun."""
    from factcheck.extract.quantities import find_quantities

    found = {(q.value, q.unit) for q in find_quantities(nlp(text))}
    assert {v for v, u in found if u == unit} and {v for v, u in found if u == measure}, found


def test_a_listed_emergency_number_still_counts_when_it_counts(nlp):
    """Only a call word after it or a calling verb before it makes 911 a line."""
    assert [c.value for c in claims(nlp, "Some 911 people attended the vigil.")] == [911]
    assert [c.value for c in claims(nlp, "The club signed 30-40 players last season.")] == [30]


@pytest.mark.parametrize("text, low, high, vague", [
    # a scale word with neither article nor number before "of": "dozens of" or "a dozen of"
    ("Dozen of warships of several countries are also patrolling the Gulf.", 12, 144, True),
    ("Police said hundred of people were hurt.", 100, 1000, True),
    # written whole, it is the number it says
    ("A dozen of the warships were patrolling the Gulf.", 12, 12, False),
    ("One hundred of the pirates fled.", 100, 100, False),
])
def test_a_scale_word_without_its_article_is_read_both_ways(nlp, text, low, high, vague):
    c = one(nlp, text)
    assert (c.low, c.high, c.vague) == (low, high, vague)


def test_an_unhyphenated_compound_in_a_list_counts_the_noun_it_modifies(nlp):
    # the parse reads "rocket propelled grenade launcher" as a clause, "rocket" its subject
    found = claims(nlp, "The cache included seven AK-47 rifles, one rocket propelled grenade launcher, "
                        "grenades and three other rifles.")
    assert [(c.value, c.unit) for c in found if c.value == 1] == [(1, "launcher")]
    # a clause it is when the item is a clause: a bare mass noun ends the sentence
    found = claims(nlp, "Two firms grew, one company produced palm oil.")
    assert [(c.value, c.unit) for c in found if c.value == 1] == [(1, "company")]


@pytest.mark.parametrize("text, value, unit", [
    ("Page was married three times but had no children.", 3, "time"),
    ("Page, who wed twice, never had children.", 2, "time"),  # "wed" is no "we'd"
    ("Whoopi Goldberg hosted the show twice.", 2, "time"),
    ("He was arrested at least twice.", 2, "time"),
    ("She has hosted the show only once.", 1, "time"),  # "once" after a bound that counts
    ("He was arrested more than once.", 1, "time"),
])
def test_how_often_is_a_count_of_times(nlp, text, value, unit):
    assert [(c.value, c.unit) for c in claims(nlp, text)] == [(value, unit)]


@pytest.mark.parametrize("text", [
    "Sales were twice as high as a year before.",  # a multiple, not a count of times
    "He hosted the show once.",  # "once" alone is as often "formerly"
    "The once-dominant party lost.",
    "Once again, he won.",
])
def test_multiples_and_once_count_no_times(nlp, text):
    assert [c for c in claims(nlp, text) if c.unit == "time"] == []


@pytest.mark.parametrize("text, value", [("Steward celebrated his 70th birthday.", 70), ("She died on her 90th birthday.", 90)])
def test_an_ordinal_birthday_is_an_age(nlp, text, value):
    c = one(nlp, text)
    assert (c.value, c.unit, c.quantity_kind) == (value, "year", "age")


@pytest.mark.parametrize("text, value", [
    ("Actress Esther Williams dies at 91.", 91),  # an obituary's bare number after "died at"
    ("Bettie Page died at 85 on Thursday.", 85),
    ("Williams, who died at the age of 91, was a swimmer.", 91),
])
def test_an_obituarys_age_is_an_age(nlp, text, value):
    ages = [c for c in claims(nlp, text) if c.quantity_kind == "age"]
    assert [(c.value, c.unit) for c in ages] == [(value, "year")]


@pytest.mark.parametrize("text", [
    "The average age of 30 workers rose.",  # a count after "age of"
    "The engine died at 300 feet.",  # a unit after "died at"
    "He died at 5 p.m. on Friday.",
    "At the age of 10, Page began to mimic actresses.",  # an age at another time
])
def test_numbers_near_age_words_that_are_no_age(nlp, text):
    assert [c for c in claims(nlp, text) if c.quantity_kind == "age"] == []


def test_other_ordinals_are_no_claims(nlp):
    assert claims(nlp, "Cheeks becomes the 19th head coach in the franchise's history.") == []
    assert claims(nlp, "The town marked its 250th birthday.") == []  # no person's age


def test_twice_a_thing_is_two_of_it_as_five_times_a_thing_is_five():
    nlp = load_spacy()
    twice = one(nlp, "The driver's blood-alcohol level was about twice the legal limit.")
    five = one(nlp, "The driver's blood-alcohol level was five times the legal limit.")
    assert (twice.value, twice.unit, twice.modifier) == (2, "limit", "~") and (five.value, five.unit) == (5, "limit")


@pytest.mark.parametrize("text, value, unit", [
    ("He missed 6 games of a 17-game season.", 17, "game"),
    ("It was his fifth straight 100-RBI season.", 100, "rbi"),
    ("She signed a 12-page document.", 12, "page"),
    ("The fire gutted a three-story building.", 3, "story"),
])
def test_a_number_glued_to_a_noun_counts_that_noun(nlp, text, value, unit):
    assert (value, unit) in [(c.value, c.unit) for c in claims(nlp, text)]


@pytest.mark.parametrize("text, value, unit", [
    ("Sadly, the mother of two died from injuries she sustained in the crash.", 2, "child"),
    ("The father of 3 was shot outside his home.", 3, "child"),
    ("He was a grandfather of seven.", 7, "grandchild"),
    ("The father of two sons died.", 2, "son"),  # the noun named counts itself
])
def test_a_parent_of_a_number_counts_children(nlp, text, value, unit):
    c = next(c for c in claims(nlp, text) if c.value == value)
    assert (c.unit, c.quantity_kind) == (unit, "count")


@pytest.mark.parametrize("text, kept", [
    ("The 76ers are slumping at 9-14.", False),  # a win-loss record, no range of a count
    ("Cheeks is 122-147 in three-plus seasons.", False),
    ("Between 10-15 were hurt.", True),  # a range a word announces
    ("Police said 10-15 were hurt.", True),  # a casualty verb counts people
    ("Viewers aged 18-49 watched.", True),
    ("The ratio was 1.66-4.88.", True),  # decimals: no record
])
def test_a_bare_hyphenated_pair_of_whole_numbers_is_a_record_not_a_range(nlp, text, kept):
    assert bool([c for c in claims(nlp, text) if c.kind == "quantity"]) is kept
