"""Temporal claims on real spaCy parses: values, intervals, tense, events, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract.temporal import extract_times, interval, tag_timexes
from factcheck.extract.timezones import tz_offset
from factcheck.segment import parse_sentences, split_sentences
from factcheck.types import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def nlp():
    from factcheck.nlp import load_spacy

    return load_spacy()


def claims(nlp, text: str, date: str | None = "2022-02-24", tz: str | None = None):
    doc = Document(id="d", text=text, date=date, tz=tz)
    out = extract_times(doc, parse_sentences(split_sentences(doc), nlp))
    for c in out:
        assert doc.text[c.start:c.end] == c.text
        assert doc.text[c.sentence_start:c.sentence_end].find(c.text) >= 0
    return out


def one(nlp, text: str, needle: str, **kw):
    found = [c for c in claims(nlp, text, **kw) if c.text == needle]
    assert len(found) == 1, [(c.text, c.value) for c in claims(nlp, text, **kw)]
    return found[0]


def test_tomorrow_with_event(nlp):
    c = one(nlp, "NATO leaders will meet tomorrow to discuss the next steps.", "tomorrow")
    assert (c.type, c.value, c.begin, c.until, c.resolved) == (
        "DATE", "2022-02-25", "2022-02-25", "2022-02-25", True)
    assert c.event == "NATO leaders will meet"
    assert "meet" in c.context and "tomorrow" not in c.context


@pytest.mark.parametrize("text, needle, event", [
    # a date that modifies a noun dates what the noun names, not the clause's verb
    ("A man has been charged after a shooting at an office party in Vancouver Friday.", "Friday", "shooting"),
    ("Monday's attack killed 12 people.", "Monday", "attack"),
    # a participle that modifies a noun: what happened to it, and by whom
    ("A provision in a spending bill signed by President Obama on March 11 allows a review.", "March 11",
     "spending bill signed Obama"),
])
def test_the_event_of_a_date_is_what_it_dates(nlp, text, needle, event):
    assert one(nlp, text, needle).event == event


def test_thursday_on_a_thursday_is_the_dct(nlp):
    c = one(nlp, "NATO Secretary-General Jens Stoltenberg on Thursday said that it stands with "
                 "Ukraine.", "Thursday")
    assert c.value == "2022-02-24"
    assert "said" in c.event


def test_weekday_direction_follows_tense(nlp):
    text = "The ministers will meet on Saturday. The ministers met on Monday."
    sat = one(nlp, text, "Saturday")
    mon = one(nlp, text, "Monday")
    assert sat.value == "2022-02-26"  # next Saturday after Thu 2022-02-24
    assert mon.value == "2022-02-21"  # previous Monday


def test_year_in_comparison(nlp):
    text = ("NATO allies helped them to build a much stronger force today than Ukraine had in "
            "2014.")
    c = one(nlp, text, "2014")
    assert (c.type, c.value, c.begin, c.until) == ("DATE", "2014", "2014-01-01", "2014-12-31")
    assert c.event == "Ukraine had"


@pytest.mark.parametrize("text", [
    "Article 5 of the treaty applies.",
    "Poland ordered F-35 fighters.",
    "COVID-19 slowed the G7 summit.",
    "They have over 100 jets on high alert.",
    "We may see 2014 troops deployed.",
    "Thousands joined a march in the capital.",
    "The Sun newspaper reported it.",
])
def test_not_temporal(nlp, text):
    assert claims(nlp, text) == []


def test_precision_of_values(nlp):
    text = ("The attack began on Thursday, February 24, 2022. Prices rose in February 2022. "
            "Talks lasted two weeks. Sanctions took three years. Last week troops massed.")
    got = {c.text: (c.type, c.value) for c in claims(nlp, text)}
    assert got["Thursday, February 24, 2022"] == ("DATE", "2022-02-24")
    assert got["February 2022"] == ("DATE", "2022-02")
    assert got["two weeks"] == ("DURATION", "P2W")
    assert got["three years"] == ("DURATION", "P3Y")
    assert got["Last week"] == ("DATE", "2022-W07")
    lw = [c for c in claims(nlp, text) if c.text == "Last week"][0]
    assert (lw.begin, lw.until) == ("2022-02-14", "2022-02-20")


def test_since_gives_mod_and_open_interval(nlp):
    c = one(nlp, "Russia has occupied Crimea since March 2014.", "March 2014")
    assert c.value == "2014-03"
    assert c.mod == "ON_OR_AFTER"
    assert (c.begin, c.until) == ("2014-03-01", None)
    b = one(nlp, "The troops must leave before 2023.", "2023")
    assert b.mod == "BEFORE" and (b.begin, b.until) == (None, "2022-12-31")


def test_undated_document_leaves_relative_unresolved(nlp):
    text = "NATO leaders will meet tomorrow. They met on Thursday. Ukraine had less in 2014."
    got = {c.text: c for c in claims(nlp, text, date=None)}
    assert got["tomorrow"].resolved is False and got["tomorrow"].begin is None
    assert not any(ch.isdigit() for ch in got["tomorrow"].value.replace("P1D", ""))
    assert got["Thursday"].value == "XXXX-WXX-4" and got["Thursday"].resolved is False
    assert got["2014"].resolved is True and got["2014"].value == "2014"


def test_a_holiday_of_an_undated_report_keeps_what_the_calendar_gives(nlp):
    # not the report's own day (XXXX-XX-XX): Christmas is the 25th of December of some year,
    # Thanksgiving a day of November, Easter a day of spring; dated, the day itself
    text = "Shops will stay shut until Christmas. They met on Thanksgiving. He was baptised at Easter."
    got = {c.text: c.value for c in claims(nlp, text, date=None)}
    assert got == {"Christmas": "XXXX-12-25", "Thanksgiving": "XXXX-11", "Easter": "XXXX-SP"}
    got = {c.text: c.value for c in claims(nlp, text, date="2008-12-20")}
    assert got["Christmas"] == "2008-12-25" and got["Thanksgiving"] == "2008-11-27"


def test_a_clock_time_on_a_weekday_of_an_undated_report_keeps_the_weekday(nlp):
    from factcheck.intervals import compare_times

    wed = one(nlp, "She was struck around 7 p.m. Wednesday.", "7 p.m. Wednesday", date=None)
    thu = one(nlp, "She was struck around 7 p.m. Thursday.", "7 p.m. Thursday", date=None)
    # not the report's day at 19:00 (XXXX-XX-XXT19:00), which made the two agree
    assert (wed.value, thu.value) == ("XXXX-WXX-3T19:00", "XXXX-WXX-4T19:00")
    wed.mod = thu.mod = None  # "around": compared only when neither is hedged
    assert compare_times(wed, thu) == "conflict"
    dated = one(nlp, "She was struck at 7 p.m. Wednesday.", "7 p.m. Wednesday", date="2008-12-18")
    assert dated.value == "2008-12-17T19:00"


def test_a_holiday_naming_a_kind_of_thing_dates_nothing(nlp):
    # the party was on a Friday in December: "Christmas party" names its kind, not its day
    text = "He opened fire at the office Christmas party on Friday, under the Christmas tree."
    assert [c.text for c in claims(nlp, text, date="2008-12-20")] == ["Friday"]
    assert [c.value for c in claims(nlp, "They met on Christmas morning.", date="2008-12-20")] == ["2008-12-25"]


def test_month_precision_dct_does_not_guess_a_day(nlp):
    got = {c.text: c for c in claims(nlp, "Leaders will meet tomorrow. Sales fell last month.",
                                     date="2022-02")}
    assert got["tomorrow"].resolved is False and got["tomorrow"].until is None
    assert got["last month"].value == "2022-01" and got["last month"].resolved


def test_time_zone_offset(nlp):
    c = one(nlp, "The statement was issued at 05:40 PM IST on Thursday.", "05:40 PM IST",
            tz="+05:30")
    assert (c.type, c.value, c.tz) == ("TIME", "2022-02-24T17:40", "+05:30")
    assert tz_offset("IST") == "+05:30" and tz_offset("IST", "+02:00") == "+02:00"
    assert tz_offset("CEST") == "+02:00" and tz_offset("GMT+3") == "+03:00"


def test_modifiers_approx_and_parts(nlp):
    got = {c.text: c for c in claims(nlp, "Talks lasted about two weeks. Troops came in early "
                                          "2014 and left in late November.")}
    assert got["two weeks"].mod == "APPROX"
    assert got["early 2014"].mod == "START" and got["early 2014"].value == "2014"
    assert got["late November"].mod == "END"


def test_seed_document_offsets(nlp):
    path = sorted(SEEDS.glob("*.txt"))[0]
    raw = path.read_text(encoding="utf-8")
    first_nl = raw.index("\n")
    doc = Document(id="seed", text=raw, date="2022-02-24", content=[(first_nl, len(raw))])
    out = extract_times(doc, parse_sentences(split_sentences(doc), nlp))
    assert out, "the seed mentions Thursday"
    for c in out:
        assert raw[c.start:c.end] == c.text
        assert c.sentence_start <= c.start < c.end <= c.sentence_end
    assert any(c.text == "Thursday" and c.value == "2022-02-24" for c in out)


@pytest.mark.parametrize("text,dct,span,value,type_", [
    ("Suspected bombs exploded Friday, witnesses said.", "1998-08-08", "Friday", "1998-08-07",
     "DATE"),
    ("Net income rose in the fourth quarter.", "1998-10-30", "the fourth quarter", "1998-Q4",
     "DATE"),
    ("Hate crimes fell through the 1990s.", "1998-10-30", "the 1990s", "199", "DATE"),
    ("Earnings rose this week.", "1998-08-07", "this week", "1998-W32", "DATE"),
    ("Profit was $5 million a year ago.", "1998-08-07", "a year ago", "1997", "DATE"),
    ("Sales rose last year.", "1998-08-07", "last year", "1997", "DATE"),
    ("The company is currently profitable.", "1998-08-07", "currently", "PRESENT_REF", "DATE"),
    ("It was recently sold.", "1998-08-07", "recently", "PAST_REF", "DATE"),
    ("Sales fell over the past three months.", "1998-08-07", "the past three months", "P3M",
     "DURATION"),
    ("The bank pays dividends quarterly.", "1998-08-07", "quarterly", "P3M", "SET"),
    ("Losses grew in the past two quarters.", "1989-10-27", "the past two quarters", "P2Q",
     "DURATION"),
    ("They lived in camps for 2 1/2 years.", "1998-02-27", "2 1/2 years", "P2Y6M", "DURATION"),
    ("It has lasted nearly two years.", "1998-02-27", "nearly two years", "P2Y", "DURATION"),
    ("Officials said over the weekend that talks failed.", "1990-08-13", "the weekend",
     "1990-W32-WE", "DATE"),
    ("Costs rose due to current market conditions.", "1989-10-27", "current", "PRESENT_REF",
     "DATE"),
    ("For the year ended Sept. 30, it earned $5 million.", "1989-10-27", "the year", "P1Y",
     "DURATION"),
    ("Atlanta nineteen ninety-six. A bomb blast shocks the Olympics.", "1998-02-27",
     "nineteen ninety-six", "1996", "DATE"),
    ("Qantas will be expected to double its flights by August.", "1998-02-13", "August",
     "1998-08", "DATE"),
    ("He was shot to death last Oct. 23 at his home.", "1999-04-19", "Oct. 23", "1998-10-23",
     "DATE"),
])
def test_tbaq_style(text, dct, span, value, type_):
    got = {t.text: t for t in tag_timexes(text, dct)}
    assert span in got, list(got)
    assert (got[span].value, got[span].type) == (value, type_)


@pytest.mark.parametrize("text", [
    "Shares will be sold as soon as possible.",
    "The cut follows a previously announced plan.",
    "The company raised its quarterly dividend.",
    "Mr. Reupke, 52 years old, resigned.",
    "Ministers Janos Martonyi and Jan Kavan signed.",
    "The Eastern Steel division was sold.",
])
def test_tbaq_not_timexes(text):
    assert tag_timexes(text, "1989-10-27") == []


def test_possessive_outside_extent():
    assert [t.text for t in tag_timexes("Today's talks failed.", "1989-10-27")] == ["Today"]


def test_interval_helper():
    assert interval("2022-W08") == ("2022-02-21", "2022-02-27")
    assert interval("1998-Q4") == ("1998-10-01", "1998-12-31")
    assert interval("2014", "AFTER") == ("2015-01-01", None)
    assert interval("P2W") == (None, None)


@pytest.mark.parametrize("text, mod", [
    ("Crews were called just after 6am.", "APPROX"),
    ("He left shortly before noon.", "APPROX"),
    ("Crews were called after 6am.", "AFTER"),
    ("He left before noon.", "BEFORE"),
])
def test_just_after_a_moment_is_about_that_moment(nlp, text, mod):
    from factcheck.api import extract_claims

    claim = next(c for c in extract_claims(text, date="2013-07-21", nlp=nlp) if c.kind == "time")
    assert claim.mod == mod


def test_a_possessive_year_names_an_edition_one_year_either_way(nlp):
    """'this year's Oscars' in an August report may be next spring's ceremony; a plain 'this
    year' is the calendar year."""
    from factcheck.intervals import compare_times

    edition = one(nlp, "Ellen DeGeneres will host this year's Oscars.", "this year", date="2013-08-02")
    plain = one(nlp, "The ceremony moved twice this year.", "this year", date="2013-08-02")
    named = one(nlp, "Ellen DeGeneres will host the 2014 Oscars.", "2014", date="2013-08-02")
    later = one(nlp, "Ellen DeGeneres will host the 2015 Oscars.", "2015", date="2013-08-02")
    assert edition.value == plain.value == "2013"  # TimeML's value is the year named
    assert (edition.begin, edition.until) == ("2012-01-01", "2014-12-31")
    assert compare_times(edition, named) == "compatible"
    assert compare_times(plain, named) == "conflict"
    assert compare_times(edition, later) == "conflict"
