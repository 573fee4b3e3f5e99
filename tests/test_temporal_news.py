"""Time expressions in news that must not become wrong calendar dates (issue 10): a quarter or
half of a game, hours before a story's event, a rolling "last month"."""

from __future__ import annotations

import pytest

from factcheck.extract.temporal import extract_times
from factcheck.segment import parse_sentences, split_sentences
from factcheck.types import Document


@pytest.fixture(scope="module")
def nlp():
    from factcheck.nlp import load_spacy

    return load_spacy()


def claims(nlp, text: str, date: str | None = "2022-02-24"):
    doc = Document(id="d", text=text, date=date)
    out = extract_times(doc, parse_sentences(split_sentences(doc), nlp))
    for c in out:
        assert doc.text[c.start : c.end] == c.text
    return out


def dated(nlp, text: str, word: str):
    return [c for c in claims(nlp, text) if word in c.text and c.resolved and c.begin]


@pytest.mark.parametrize(
    "text, word",
    [
        ("The Lakers led by 10 points in the third quarter before Boston rallied.", "quarter"),
        ("Messi scored twice in the second half to seal the win.", "half"),
        ("Brady threw two touchdown passes in the fourth quarter.", "quarter"),
    ],
)
def test_part_of_a_game_is_no_calendar_period(nlp, text, word):
    assert dated(nlp, text, word) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("Profit rose 12% in the third quarter, the company said.", "2021-Q3"),
        ("The company reported third-quarter earnings of $3 a share.", "2021-Q3"),
        ("Sales fell sharply in the first half of 2021.", "2021-H1"),
        ("The team's fourth quarter of 2021 was its best season of ticket sales.", "2021-Q4"),
    ],
)
def test_fiscal_or_dated_quarter_stays_a_period(nlp, text, value):
    found = [c for c in claims(nlp, text) if c.value == value]
    assert found, [(c.text, c.value) for c in claims(nlp, text)]


def test_hours_earlier_names_no_day(nlp):
    c = next(c for c in claims(nlp, "The suspect had been seen 20 hours earlier near the station.")
             if "hours" in c.text)
    assert not c.resolved and c.begin is None and c.until is None
    # "ago" counts from the report's own time, so it keeps the day
    c = next(c for c in claims(nlp, "The suspect was seen two days ago near the station.") if "ago" in c.text)
    assert c.resolved and c.value == "2022-02-22"


def test_within_the_last_month_is_a_period_not_last_calendar_month(nlp):
    c = next(c for c in claims(nlp, "Prices rose within the last month, the agency said.") if "month" in c.text)
    assert (c.type, c.value) == ("DURATION", "P1M") and c.begin is None
    # while "last month" alone is the calendar month before the report
    c = next(c for c in claims(nlp, "Prices rose last month, the agency said.") if "month" in c.text)
    assert (c.type, c.value) == ("DATE", "2022-01")


def test_over_the_past_years_is_no_lower_bound(nlp):
    c = next(c for c in claims(nlp, "The company has been beset by controversy over the past two years.")
             if "years" in c.text)
    assert (c.type, c.value, c.mod) == ("DURATION", "P2Y", None)
    c = next(c for c in claims(nlp, "The strike has lasted over two years.") if "years" in c.text)
    assert c.mod == "MORE_THAN"


def test_just_over_a_span_is_about_that_span(nlp):
    c = next(c for c in claims(nlp, "Ortiz had been assigned to the unit for just over a year.") if "year" in c.text)
    assert (c.value, c.mod) == ("P1Y", "APPROX")


@pytest.mark.parametrize("text", [
    "The navy spotted the boats at 9:25 Thursday morning.",   # part of the day after the weekday
    "The navy spotted the boats at 9:25 a.m. Thursday.",      # AP style: the stop of a.m. ends no sentence
    "At 9:25 a.m. Thursday, the navy spotted the boats.",
    "The navy spotted the boats about 9:25 a. m. Thursday.",  # "a. m." spaced, as some wires write it
])
def test_a_clock_time_takes_the_day_named_beside_it(nlp, text):
    # a report of Friday 25 February 2022: Thursday is the 24th, and so is its 9:25
    clock = next(c for c in claims(nlp, text, date="2022-02-25") if "9:25" in c.text)
    assert clock.value.startswith("2022-02-24T09:25"), clock.value


@pytest.mark.parametrize("text, sentences", [
    ("The hearing was set for Wed. Dec. 3 in Atlanta. It was moved.", 2),  # "Wed." ends no sentence
    ("Police said on Tues., Jan. 6 that three men died. More later.", 2),
    ("He read it in the Sun. Nobody cared.", 2),  # a capital that is no date: a sentence ends
])
def test_a_weekday_abbreviation_before_its_date_ends_no_sentence(text, sentences):
    from factcheck.segment import split_sentences
    from factcheck.types import Document

    assert len(split_sentences(Document(id="a", text=text))) == sentences


def test_a_date_after_a_weekday_abbreviation_is_read(nlp):
    dates = [c for c in claims(nlp, "The hearing was held on Wed. Dec. 3 in Atlanta.", date="2008-12-05")
             if c.type == "DATE"]
    assert [c.value for c in dates] == ["2008-12-03"]


@pytest.mark.parametrize("text, found", [
    ("The rep confirmed to People and Us Weekly on Friday.", ["Friday"]),  # a magazine's name
    ("Hiller worked there for 15 years, the Daily News reports.", ["15 years"]),
    ("Weekly, the group meets in the hall.", ["Weekly"]),  # a sentence's first word is no name
    ("The group meets weekly in the hall.", ["weekly"]),
])
def test_weekly_or_daily_in_a_name_is_no_time(nlp, text, found):
    assert [c.text for c in claims(nlp, text)] == found


def test_a_clock_time_at_a_sentence_end_still_ends_it():
    from factcheck.segment import split_sentences

    doc = Document(id="d", text="He left at 10 p.m. The next day he died. It was 6 a.m. EST when it hit.")
    assert [s.text for s in split_sentences(doc)] == [
        "He left at 10 p.m.", "The next day he died.", "It was 6 a.m. EST when it hit."]


@pytest.mark.parametrize("text,sentences", [
    # a scraped headline run into the lead, with no stop between them
    ("Ten dead in southern Iran quake A powerful earthquake has hit southern Iran on Sunday.",
     ["Ten dead in southern Iran quake", "A powerful earthquake has hit southern Iran on Sunday."]),
    ("Actress Esther Williams Dies at 91 The champion swimmer starred in films.",
     ["Actress Esther Williams Dies at 91", "The champion swimmer starred in films."]),
    # an article inside a sentence that opens no new one: a title, "the A list"
    ("He starred in The Boy From Oz on Broadway.", ["He starred in The Boy From Oz on Broadway."]),
    ("Many members of the A list refused to attend.", ["Many members of the A list refused to attend."]),
    # a title-case headline: it ends before its last article, else before the lead's first word
    ("Charges Filed In Parking Lot Drunken Hit-And-Run The Hennepin County Attorney filed charges.",
     ["Charges Filed In Parking Lot Drunken Hit-And-Run", "The Hennepin County Attorney filed charges."]),
    ("Tara Reid Finally Checks Into Rehab For Undisclosed Reasons It's been a long time coming.",
     ["Tara Reid Finally Checks Into Rehab For Undisclosed Reasons", "It's been a long time coming."]),
    # names are no headline: fewer than two small words capitalised inside them
    ("The Los Angeles Angels of Anaheim offered 160 million.", ["The Los Angeles Angels of Anaheim offered 160 million."]),
    ("Police Chief Scott Russell, 46, was not injured.", ["Police Chief Scott Russell, 46, was not injured."]),
    ("Bank Of America Corp said on Monday it would cut jobs.", ["Bank Of America Corp said on Monday it would cut jobs."]),
])
def test_a_headline_run_into_the_lead_is_a_sentence_of_its_own(text, sentences):
    from factcheck.segment import split_sentences

    assert [s.text for s in split_sentences(Document(id="d", text=text))] == sentences


@pytest.mark.parametrize("text,event", [
    # a titled name: the event's subject is the name, not the title's last word with it
    ("NATO Secretary-General Jens Stoltenberg on Thursday said that it stands with Ukraine.",
     "Jens Stoltenberg said"),
    ("Former New York Governor Eliot Spitzer resigned on March 12.", "Eliot Spitzer resigned"),
    # a subject that is no name keeps the words that say whose it is
    ("NATO leaders will meet on Friday.", "NATO leaders will meet"),
    # an infinitive whose subject is a pronoun is named by the clause it hangs on
    ("NATO allies helped them to build a much stronger force today.", "NATO allies helped build force"),
])
def test_an_event_names_its_subject_by_its_name(nlp, text, event):
    day = next(c for c in claims(nlp, text) if c.type == "DATE")
    assert day.event == event


@pytest.mark.parametrize("text", [
    "He mowed into the woman with his gray 2013 Toyota Camry around 7 p.m. on Friday.",
    "Police found a 2007 Ford Fusion with the licence plate removed.",
])
def test_a_model_year_is_no_date(nlp, text):
    # the year a car was made says nothing of when anything in the story happened
    assert not [c for c in claims(nlp, text) if c.text in ("2013", "2007")]


def test_a_year_after_a_preposition_before_a_maker_is_still_a_date(nlp):
    [c] = [c for c in claims(nlp, "In 2013 Toyota sold more cars than anyone.") if c.text == "2013"]
    assert c.value == "2013"
