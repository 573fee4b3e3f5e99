"""Interval judgements between claims, on claims the real extractor finds."""

from __future__ import annotations

import pytest

from factcheck.api import extract_claims
from factcheck.intervals import compare_quantities
from factcheck.options import Options


def q(nlp, text: str):
    return next(c for c in extract_claims(text, id="x", nlp=nlp) if c.kind == "quantity")


@pytest.mark.parametrize("a,b,expected", [
    # a number written to the unit claims that precision: the 2% rounding slack does not apply
    ("Washington had 7,403 confirmed cases.", "Washington had more than 7,450 confirmed cases.", "conflict"),
    ("Washington had 7,403 confirmed cases.", "Washington had 7,410 confirmed cases.", "conflict"),
    # a round number does get it
    ("Washington had 7,400 confirmed cases.", "Washington had more than 7,420 confirmed cases.", "compatible"),
    ("The city has 1.5 million residents.", "The city has 1.52 million residents.", "agree"),
    ("NATO has 120 ships at sea.", "NATO has 122 ships at sea.", "agree"),
    ("NATO has 120 ships at sea.", "NATO has 125 ships at sea.", "conflict"),
    ("NATO has 100 ships at sea.", "NATO has 101 ships at sea.", "agree"),
    ("NATO has over 100 jets.", "NATO has 120 jets.", "compatible"),
])
def test_point_values_admit_the_precision_they_are_written_with(nlp, a, b, expected):
    assert compare_quantities(q(nlp, a), q(nlp, b), Options().numeric_tolerance) == expected


def test_claims_of_two_sentences_pair_by_context_not_all_against_all(nlp):
    from factcheck.contradiction import claim_verdict

    a = extract_claims("Aaron jogs from home at 4 miles per hour and walks back at 8 miles per hour.", id="a", nlp=nlp)
    b = extract_claims("Aaron jogs from home at less than 7 miles per hour and walks back at 8 miles per hour.",
                       id="b", nlp=nlp)
    verdict, pairs = claim_verdict(a, b, Options())
    assert verdict == "compatible"  # 4 vs 8 would be a conflict if every pair were compared
    quantities = sorted((x.value, y.value, o) for x, y, o in pairs if x.kind == "quantity")
    assert quantities == [(4.0, 7.0, "compatible"), (8.0, 8.0, "agree")]


def test_covers_is_directional(nlp):
    from factcheck.intervals import covers

    over, exact = (extract_claims(t, id="x", nlp=nlp)[0] for t in ("NATO has over 100 jets.", "NATO has 120 jets."))
    assert covers(exact, over, Options()) and not covers(over, exact, Options())


def _t(nlp, text: str):
    return next(c for c in extract_claims(text, id="x", nlp=nlp, date="2020-01-01") if c.kind == "time")


@pytest.mark.parametrize("a,b,expected", [
    ("He was sentenced to five years in prison.", "He was sentenced to 15 years in prison.", "conflict"),
    ("The strike lasted 18 months.", "The strike lasted a year.", "conflict"),
    ("The trial lasted more than five years.", "The trial lasted six years.", "compatible"),
    ("The flight took 45 minutes.", "The flight took 15 minutes.", "conflict"),
    ("The flight took 45 minutes.", "The flight took 45 minutes.", "agree"),
])
def test_durations_are_compared_as_lengths(nlp, a, b, expected):
    from factcheck.intervals import compare_claims

    da, db = _t(nlp, a), _t(nlp, b)
    assert da.type == db.type == "DURATION", (da.value, db.value)
    assert compare_claims(da, db, Options()) == expected


@pytest.mark.parametrize("a,b,expected", [
    ("The ship was roughly 280 kilometres off the coast.", "The ship was 174 miles off the coast.", "compatible"),
    ("The ship was 280 kilometres off the coast.", "The ship was 35 miles off the coast.", "conflict"),
    ("The wall is 10 feet high.", "The wall is about three metres high.", "compatible"),
    ("The package weighed 5 kg.", "The package weighed 11 pounds.", "agree"),
])
def test_measures_in_other_units_are_converted(nlp, a, b, expected):
    from factcheck.intervals import compare_claims
    from factcheck.samefact import comparable_claims

    qa, qb = q(nlp, a), q(nlp, b)
    qb.doc = "y"
    assert comparable_claims(qa, qb)
    assert compare_claims(qa, qb, Options()) == expected


def test_nautical_miles_are_not_statute_miles(nlp):
    from factcheck.intervals import compare_claims

    nautical = q(nlp, "The ship was about 150 nautical miles off the coast.")
    assert nautical.unit == "nmi"
    km = q(nlp, "The ship was roughly 280 kilometres off the coast.")
    # 150 nmi = 278 km agrees; read as statute miles (241 km) it would conflict
    assert compare_claims(km, nautical, Options()) in ("agree", "compatible")


def test_square_feet_are_an_area_not_a_length(nlp):
    from factcheck.intervals import compare_claims

    feet = q(nlp, "The store covered 12,000 square feet.")
    metres = q(nlp, "The store covered about 1,115 square metres.")
    metres.doc = "y"
    # 12,000 sq ft = 1,115 m2 agrees; read as feet and metres (3,658 m) it would conflict
    assert (feet.unit, metres.unit) == ("ft2", "m2")
    assert compare_claims(feet, metres, Options()) in ("agree", "compatible")


def _linked_group(nlp, text_a: str, text_b: str):
    """The claims of two reports linked end to end: each of A's claims to B's claim of the
    other value, as alignment can link the two ends of a range read in both reports."""
    from factcheck.align import Group

    ca = [c for c in extract_claims(text_a, id="a", nlp=nlp, date="2013-09-20") if c.kind == "time"]
    cb = [c for c in extract_claims(text_b, id="b", nlp=nlp, date="2013-09-20") if c.kind == "time"]
    for i, c in enumerate(ca + cb):
        c.id = f"{c.doc}#t{i}"
    links = {frozenset((x.id, y.id)): 0.9 for x in ca for y in cb if x.value != y.value}
    return Group(ca + cb, links)


def test_two_reports_that_each_give_both_ends_do_not_disagree(nlp):
    from factcheck.judge import judge_group
    from factcheck.types import Document

    docs = {d: Document(id=d, text="") for d in ("a", "b")}
    text = "Between 1991 and 1998, Comeaux was in and out of prison on parole violations."
    judged = judge_group(_linked_group(nlp, text, text), docs, Options())
    assert not judged.conflicts
    assert judged.not_compared and all("each state both" in n.message for n in judged.not_compared)
    # the same link where one report gives only the other value is a conflict
    judged = judge_group(_linked_group(nlp, text, "In 1998, Comeaux was in and out of prison."), docs, Options())
    assert judged.conflicts


@pytest.mark.parametrize("rival, expected", [(0.7, "not compared"), (0.3, "conflict")])
def test_a_report_that_states_both_values_explains_the_other(nlp, rival, expected):
    """A 40 linked to B's 36 is no disagreement when B also states 40 in a claim about as
    likely to be A's fact; when that claim is much less likely, the conflict stands."""
    from factcheck.align import Group
    from factcheck.judge import judge_group
    from factcheck.types import Document

    a = [c for c in extract_claims("Thompson, 40, never recovered.", id="a", nlp=nlp) if c.kind == "quantity"]
    b = [c for c in extract_claims("Klitschko, 36, floored Thompson, 40.", id="b", nlp=nlp) if c.kind == "quantity"]
    assert [c.value for c in a] == [40] and [c.value for c in b] == [36, 40]
    b36, b40 = b
    group = Group(a + [b36], {frozenset((a[0].id, b36.id)): 0.8},
                  {(a[0].id, "b"): [(0.8, b36), (rival, b40)]})
    docs = {d: Document(id=d, text="") for d in ("a", "b")}
    judged = judge_group(group, docs, Options(rival_ratio=0.5))
    if expected == "conflict":
        assert judged.conflicts and not judged.not_compared
    else:
        assert not judged.conflicts
        assert "also states" in judged.not_compared[0].message


def test_a_rival_linked_to_another_claim_of_the_report_is_not_a_rival(nlp):
    """B's second October 26 agrees with A's October 26 (the start), so while it is free it may
    be what A means; once linked to another claim of A's report it is that claim's counterpart,
    and the start dates conflict. B's November 14 (the end) only overlaps the open-ended "from
    October 26": a bound that merely admits a value is no rival."""
    from factcheck.align import Group
    from factcheck.judge import judge_group
    from factcheck.types import Document

    def claims(text, doc):
        return [c for c in extract_claims(text, id=doc, nlp=nlp, date="2013-09-26") if c.kind == "time"]

    a26, a14 = claims("Nomination takes place from October 26 to November 14.", "a")
    b16, b14, b26 = claims("Nomination takes place from October 16 to November 14. Voting runs from October 26.", "b")
    docs = {d: Document(id=d, text="") for d in ("a", "b")}
    link = {frozenset((a26.id, b16.id)): 0.8}
    free = Group([a26, b16], link, {(a26.id, "b"): [(0.80, b16), (0.79, b26)]})
    taken = Group([a26, b16], link, {(a26.id, "b"): [(0.80, b16), (0.79, b26)]},
                  {b26.id: {"a": a14.id}, a14.id: {"b": b26.id}})
    bound = Group([a26, b16], link, {(a26.id, "b"): [(0.80, b16), (0.79, b14)]})
    assert not judge_group(free, docs, Options()).conflicts  # b26 could be a26's fact
    assert judge_group(taken, docs, Options()).conflicts
    assert judge_group(bound, docs, Options()).conflicts


def _dated(nlp, text: str, date: str | None):
    return next(c for c in extract_claims(text, id="x", nlp=nlp, date=date) if c.kind == "time")


@pytest.mark.parametrize("a,date_a,b,date_b,expected", [
    # an undated report's "March 3" has no year, yet cannot be another report's March 13
    ("On March 3, Obama directed the departments to review it.", None,
     "On March 13, Obama directed the departments to review it.", "2009-03-20", "conflict"),
    ("On March 13, Obama directed the departments to review it.", None,
     "On March 13, Obama directed the departments to review it.", "2009-03-20", "compatible"),
    # an unresolved weekday against a day of the calendar: 13 March 2009 was a Friday
    ("Obama directed the departments on Tuesday to review it.", None,
     "On March 13, Obama directed the departments to review it.", "2009-03-20", "conflict"),
    ("Obama directed the departments on Friday to review it.", None,
     "On March 13, Obama directed the departments to review it.", "2009-03-20", "compatible"),
    ("Obama directed the departments on Tuesday to review it.", None,
     "Obama directed the departments on Friday to review it.", None, "conflict"),
    # nothing in common to compare: a month against a weekday
    ("Obama directed the departments on Tuesday to review it.", None,
     "In March, Obama directed the departments to review it.", "2009-03-20", None),
])
def test_dates_without_a_year_are_compared_on_the_fields_they_state(nlp, a, date_a, b, date_b, expected):
    from factcheck.intervals import compare_claims

    ta, tb = _dated(nlp, a, date_a), _dated(nlp, b, date_b)
    assert not ta.resolved
    assert compare_claims(ta, tb, Options()) == expected
    assert compare_claims(tb, ta, Options()) == expected


@pytest.mark.parametrize("a,b,expected", [
    ("Nomination takes place from October 26 to November 14.", "Nomination takes place from October 16 to November 14.", "conflict"),
    ("He has lived there since 2005.", "He has lived there since 2008.", "conflict"),
    ("He has lived there since 2005.", "He has lived there since March 2005.", "compatible"),
    ("He has lived there since 2005.", "He moved there in 2008.", "compatible"),  # a day in the open stretch
])
def test_two_starts_of_one_period_are_compared_as_days(nlp, a, b, expected):
    from factcheck.intervals import compare_claims

    assert compare_claims(_t(nlp, a), _t(nlp, b), Options()) == expected


@pytest.mark.parametrize("a,b,expected", [
    ("Crews were called at 7am on Sunday.", "Crews were called after 6am on Sunday.", "compatible"),
    ("Crews were called at 5am on Sunday.", "Crews were called before 6am on Sunday.", "compatible"),
    ("Crews were called on Saturday.", "Crews were called after 6am on Sunday.", "conflict"),
])
def test_before_or_after_a_clock_time_keeps_its_own_day(nlp, a, b, expected):
    from factcheck.intervals import compare_claims

    ta, tb = _t(nlp, a), _t(nlp, b)
    assert compare_claims(ta, tb, Options()) == expected


def _arrest_reports(checker, later_day: str):
    from factcheck.types import Document

    first = Document(id="first", date="2007-04-10", text=(
        "A man suspected of shooting three people at an accounting firm was arrested after a "
        "high-speed chase a few hours after the attack this morning, authorities said."))
    second = Document(id="second", date="2007-04-12", text=(
        "A man suspected of shooting three people at an accounting firm was arrested after a "
        f"high-speed chase a few hours after the {later_day} morning attack, authorities said."))
    return checker.check([first, second])


def test_a_report_dated_a_day_later_keeps_the_today_it_was_written_with(checker):
    # "this morning" in a report dated 10 April against "Monday morning" (9 April) in one dated
    # 12 April: a story run again the next day says nothing about the event's day
    result = _arrest_reports(checker, "Monday")
    assert not [f for f in result.findings if f.rule == "temporal-conflict"]
    (why,) = [n.message for n in result.not_compared if n.kind == "time"]
    assert "its own publication day, a day after the other report's date" in why
    from factcheck.report.humanise import not_compared

    reason, _ = not_compared({"message": why, "score": 0.7})
    assert reason.startswith("one report's 'today' is the day after the other's date")


@pytest.mark.parametrize("day, conflict", [("Monday", False), ("Sunday", True)])
def test_a_clock_time_today_is_still_the_reports_own_day(checker, day, conflict):
    """"at about 10am today" names no date of its own: the clock is written, the day is not."""
    from factcheck.types import Document

    text = "Witnesses said the shooter walked into the office on the second floor {}, police said."
    result = checker.check([Document(id="first", date="2007-04-10", text=text.format("at about 10am today")),
                            Document(id="second", date="2007-04-12", text=text.format(f"around 10 a. m. {day}"))])
    assert bool([f for f in result.findings if f.rule == "temporal-conflict"]) is conflict


@pytest.mark.parametrize("first, second, conflict", [
    ("at about 7 p. m.", "around 7 p. m. Friday", False),  # the bare clock's day is only the report's
    ("at about 7 p.m.", "around 5:30 p.m. Friday", True),  # the time of day itself differs
    ("at about 7 p.m. Saturday", "around 7 p.m. Friday", True),  # both write their day
])
def test_a_clock_time_that_writes_no_day_is_compared_on_the_time_of_day(checker, first, second, conflict):
    from factcheck.types import Document

    text = "Investigators say Raj Chohan was hit while walking along parked cars at 97th Avenue {}."
    result = checker.check([Document(id="a", date="2013-09-14", text=text.format(first)),
                            Document(id="b", date="2013-09-14", text=text.format(second))])
    assert bool([f for f in result.findings if f.rule == "temporal-conflict"]) is conflict
    if not conflict:
        assert any("time of day but not the day" in x.message for x in result.agreements)


def test_two_days_apart_the_today_still_conflicts(checker):
    # Sunday is 8 April: no next-day publication explains two days
    result = _arrest_reports(checker, "Sunday")
    assert [f.rule for f in result.findings] == ["temporal-conflict"]


def test_a_date_in_digits_on_the_publication_day_still_conflicts(checker):
    from factcheck.types import Document

    first = Document(id="first", date="2007-04-10", text=(
        "A man suspected of shooting three people at an accounting firm was arrested on April 10, 2007, "
        "after a high-speed chase, authorities said."))
    second = Document(id="second", date="2007-04-12", text=(
        "A man suspected of shooting three people at an accounting firm was arrested on April 9, 2007, "
        "after a high-speed chase, authorities said."))
    result = checker.check([first, second])
    assert [f.rule for f in result.findings] == ["temporal-conflict"]


def _year_findings(nlp, reports: dict[str, str], links: dict[tuple[str, str], float]):
    """The one date of each report, linked as ``links`` says, judged as one group: the judged
    group and the temporal-conflict findings."""
    from factcheck.align import Group
    from factcheck.judge import judge_group
    from factcheck.rules.temporal_conflict import find
    from factcheck.types import Document

    claims = {}
    for doc, text in reports.items():
        c = next(c for c in extract_claims(text, id=doc, nlp=nlp) if c.kind == "time")
        c.id = f"{doc}#t0"
        claims[doc] = c
    group = Group(list(claims.values()), {frozenset((claims[x].id, claims[y].id)): s for (x, y), s in links.items()})
    docs = {d: Document(id=d, text=t) for d, t in reports.items()}
    judged = judge_group(group, docs, Options())
    return judged, find(judged, docs, Options()).findings


def test_two_facts_chained_through_a_pair_left_uncompared_are_two_findings(nlp):
    """A group chained through a weak link holds two facts: each disagreement is its own finding."""
    judged, findings = _year_findings(nlp, {
        "a": "Page disappeared from public view in 1957.", "b": "Page disappeared from public view in 1958.",
        "c": "The film about her came out in 2006.", "d": "The film about her came out in 2005."},
        {("a", "b"): 0.8, ("c", "d"): 0.8, ("b", "c"): 0.1})
    assert len(judged.conflicts) == 2 and len(judged.not_compared) == 1
    assert sorted(sorted(e.doc for e in f.evidence) for f in findings) == [["a", "b"], ["c", "d"]]


def test_one_fact_disagreeing_across_pairs_joined_by_agreement_is_one_finding(nlp):
    judged, findings = _year_findings(nlp, {
        "a": "Page disappeared from public view in 1957.", "b": "Page vanished from public view in 1957.",
        "c": "Page disappeared from public view in 1958.", "d": "Page vanished from public view in 1958."},
        {("a", "b"): 0.8, ("a", "c"): 0.8, ("b", "d"): 0.8})
    assert len(judged.conflicts) == 2 and len(judged.agreements) == 1
    assert len(findings) == 1 and sorted(e.doc for e in findings[0].evidence) == ["a", "b", "c", "d"]


@pytest.mark.parametrize("denied, expected", [
    ("This year, pirates have not attacked nearly 100 vessels off Somalia's coast.", True),
    # "not only" asserts
    ("This year, pirates have not only attacked nearly 100 vessels off Somalia's coast but hijacked ships.", False),
    ("This year, pirates have attacked nearly 100 vessels off Somalia's coast.", False),
])
def test_a_fact_one_report_states_and_another_denies(nlp, denied, expected):
    """Values that fit, the same predicate, one clause negated: a polarity conflict."""
    from factcheck.align import Group
    from factcheck.judge import judge_group
    from factcheck.rules.polarity_conflict import find
    from factcheck.types import Document

    texts = {"a": denied, "b": "Pirates have attacked as many as 100 vessels off Somalia this year."}
    (x,) = [c for c in extract_claims(texts["a"], id="a", nlp=nlp) if c.kind == "quantity"]
    (y,) = [c for c in extract_claims(texts["b"], id="b", nlp=nlp) if c.kind == "quantity"]
    x.id, y.id = "a#q0", "b#q0"
    docs = {d: Document(id=d, text=t) for d, t in texts.items()}
    judged = judge_group(Group([x, y], {frozenset((x.id, y.id)): 0.6}), docs, Options())
    findings = find(judged, docs, Options()).findings
    assert bool(findings) is expected
    assert bool(judged.agreements) is not expected  # a denied fact is no agreement
    # below the conflict bar the pair stays an agreement of values
    weak = judge_group(Group([x, y], {frozenset((x.id, y.id)): 0.1}), docs, Options())
    assert not weak.denied and weak.agreements


def test_an_age_in_a_denied_clause_is_no_denial(nlp):
    from factcheck.judge import states_and_denies

    (x,) = [c for c in extract_claims("Police Chief Scott Russell, 46, was not injured.", id="a", nlp=nlp)
            if c.kind == "quantity"]
    (y,) = [c for c in extract_claims("Police chief Scott Russell, 46, was injured.", id="b", nlp=nlp)
            if c.kind == "quantity"]
    assert x.frame.polarity != y.frame.polarity and not states_and_denies(x, y)


def test_a_date_one_report_states_and_another_denies(nlp):
    from factcheck.judge import states_and_denies

    def day(text):
        return next(c for c in extract_claims(text, id="x", nlp=nlp, date="2022-02-24") if c.kind == "time")

    met = day("NATO leaders met on Friday in Brussels.")
    assert states_and_denies(day("NATO leaders did not meet on Friday in Brussels."), met)
    assert not states_and_denies(day("NATO leaders met again on Friday in Brussels."), met)


@pytest.mark.parametrize("text", [
    "Nothing less than the future of Europe is at stake, she told lawmakers on Friday.",
    "No more than 100 jets were kept on high alert.",
    "The warship not only repulsed an attack but nabbed 23 brigands.",
])
def test_a_bound_or_not_only_is_no_denial(nlp, text):
    claims = [c for c in extract_claims(text, id="x", nlp=nlp, date="2022-02-24") if c.frame is not None]
    assert claims and all(c.frame.polarity == "positive" for c in claims), [(c.text, c.frame) for c in claims]


@pytest.mark.parametrize("text, polarity", [
    # a preposition's "without" denies its own object, not the verb it hangs from
    ("Bodiford imposed seven life terms and four terms of life without parole.", "positive"),
    ("The Sixers won 40 games without their star.", "positive"),
    # the clause it governs is denied
    ("The driver left without paying the $500 fine.", "negative"),
])
def test_without_denies_what_it_governs(nlp, text, polarity):
    claims = [c for c in extract_claims(text, id="x", nlp=nlp, date="2022-02-24") if c.frame is not None]
    assert claims and claims[0].frame.polarity == polarity, [(c.text, c.frame) for c in claims]


@pytest.mark.parametrize("date_a, age_a, date_b, age_b, expected", [
    ("2005-06-21", 27, "2007-08-01", 29, True),  # two years on, two years older
    ("2005-06-21", 27, "2007-08-01", 31, False),  # four years older in two is no ageing
    ("2005-06-21", 29, "2007-08-01", 27, False),  # younger in the later report
    ("2005-06-21", 27, "2005-06-21", 28, False),  # one day: no time to age
    (None, 27, "2007-08-01", 29, False),  # undated: no allowance
])
def test_ages_of_reports_years_apart_allow_for_the_years_between(nlp, date_a, age_a, date_b, age_b, expected):
    from factcheck.scope import aged_apart
    from factcheck.types import Document

    a = next(c for c in extract_claims(f"Jose Orozco, {age_a}, was sought by police.", id="a", nlp=nlp)
             if c.kind == "quantity")
    b = next(c for c in extract_claims(f"Jose Orozco, {age_b}, was convicted.", id="b", nlp=nlp)
             if c.kind == "quantity")
    assert a.quantity_kind == b.quantity_kind == "age"
    docs = {"a": Document(id="a", text="", date=date_a), "b": Document(id="b", text="", date=date_b)}
    assert aged_apart(a, b, docs) is expected
    assert aged_apart(b, a, docs) is expected


def _index_reports(checker, second_date: str, second: str):
    from factcheck.types import Document

    first = Document(id="first", date="2008-09-17", text=(
        "Markets fell across Europe. The primary UK index, the FTSE 100, dropped to below the "
        "5000 mark at 4907.20. The Dow Jones was down 2.62% at 16:08 UTC."))
    later = Document(id="later", date=second_date, text=second)
    return checker.check([first, later])


def test_readings_of_an_index_on_two_days_are_two_facts(checker):
    text = ("Markets fell across Europe. The primary UK index, the FTSE 100, dropped to below the "
            "5000 mark at 4656.60. The Dow Jones was down 3.76% at 16:08 UTC.")
    result = _index_reports(checker, "2008-10-06", text)
    assert not [f for f in result.findings if f.rule == "numeric-conflict"]
    reasons = [n.message for n in result.not_compared if "two days' readings" in n.message]
    assert len(reasons) == 2  # the bare level and the move timed at 16:08 UTC
    from factcheck.report.humanise import not_compared

    assert not_compared({"message": reasons[0]})[0].startswith("each value is a reading of its own report's day")
    # the same readings on one day disagree
    same_day = _index_reports(checker, "2008-09-17", text)
    assert len([f for f in same_day.findings if f.rule == "numeric-conflict"]) == 2


@pytest.mark.parametrize("text, reading", [
    ("The index closed at 4907.20.", True),
    ("While four of them managed to escape, the navy caught the rest.", False),
])
def test_a_count_of_what_a_pronoun_names_is_no_bare_figure(nlp, text, reading):
    from factcheck.scope import of_its_day

    (claim,) = [c for c in extract_claims(text, "2011-11-11", id="a", nlp=nlp) if c.kind == "quantity"]
    assert of_its_day(claim) is reading


def test_a_count_of_reports_on_two_days_is_still_compared(checker):
    from factcheck.types import Document

    first = Document(id="first", date="2008-09-17", text="Pirates attacked the tanker. Twelve boats escaped.")
    later = Document(id="later", date="2008-10-06", text="Pirates attacked the tanker. Four boats escaped.")
    result = checker.check([first, later])
    assert [f.rule for f in result.findings] == ["numeric-conflict"]


@pytest.mark.parametrize("text, window", [
    ("The index fell to its lowest level in five years at 8,579.19.", True),
    ("Unemployment rose for the first time in more than a decade.", True),
    ("It was the deadliest attack on the city for 20 years.", True),
    ("The index fell over 2,000 points in the past nine days.", False),
    ("She served for five years on the board.", False),
])
def test_a_superlatives_window_is_told_from_how_long_something_took(nlp, text, window):
    from factcheck.scope import superlative_window
    from factcheck.types import Document

    (duration,) = [c for c in extract_claims(text, id="a", nlp=nlp) if c.kind == "time" and c.type == "DURATION"]
    assert superlative_window(duration, {"a": Document(id="a", text=text)}) is window


def test_a_superlatives_window_is_not_compared_with_a_span(checker):
    from factcheck.types import Document

    first = Document(id="first", date="2008-10-09", text="The index fell over 2,000 points in the past nine days.")
    later = Document(id="later", date="2008-10-09", text="The index fell to its lowest level in five years.")
    result = checker.check([first, later])
    assert not [f for f in result.findings if f.rule == "temporal-conflict"]
    assert [n for n in result.not_compared if "window of a superlative" in n.message]


@pytest.mark.parametrize("text, counts, rest", [
    ("Police seized seven AK-47 rifles and two other rifles.", "two other rifles", True),
    ("Police seized seven AK-47 rifles and two other rifles.", "seven AK-47 rifles", False),
    ("She married two more times.", "two more times", True),
    ("Another 20 people were hurt.", "20 people", True),
    ("A further 300 troops arrived.", "300 troops", True),
    ("More than 20 warships patrol the gulf.", None, False),
    ("Twenty or more people died.", "Twenty or more people", False),
    ("Nine assault rifles were seized.", "Nine assault rifles", False),
])
def test_a_count_of_the_rest_of_a_set_is_told_from_a_whole(nlp, text, counts, rest):
    from factcheck.scope import counts_the_rest
    from factcheck.types import Document

    found = [c for c in extract_claims(text, id="a", nlp=nlp) if getattr(c, "quantity_kind", None) == "count"]
    claim = next(c for c in found if counts is None or c.text == counts)
    assert counts_the_rest(claim, {"a": Document(id="a", text=text)}) is rest


@pytest.mark.parametrize("text, counts, total", [
    ("In their five operations so far, the crew have confiscated 14 rifles.", "14 rifles", True),
    ("Gray had been arrested three times since October, police said.", "three times", True),
    ("There have been nearly 100 attacks in Somali waters this year.", "nearly 100 attacks", True),
    ("During the operation, six rifles were found.", "six rifles", False),
    # the "since" of another clause, or one that means "because", sums nothing of this count
    ("Ninety candidates, who have campaigned since May, come from the ruling party.", "Ninety candidates", False),
    ("Since the road was closed, 20 people stayed in the church.", "20 people", False),
    # summed over several events of a kind, but not over a year
    ("The warship has seized a total of 14 rifles during the five operations it carried out.", "14 rifles", True),
    ("Teixeira hit 13 homers and 43 RBIs in 54 games with the Angels.", "43 RBIs", True),
    # in the phrase of a verb conjoined to the clause's first ("was acquired ... and hit")
    ("Teixeira was acquired by the Angels last season and hit 21 home runs and 43 RBIs in 54 games.",
     "21 home runs", True),
    ("She is accused of murdering two women in the 1967 slayings.", "two women", False),
    # summed over several teams or members
    ("Playing in a combined 157 games with the Angels and Braves, he hit 33 homers.", "157 games", True),
])
def test_a_running_total_is_read_from_the_claims_own_clause(nlp, text, counts, total):
    from factcheck.scope import running_total

    claim = next(c for c in extract_claims(text, id="a", nlp=nlp) if c.text == counts)
    assert claim.frame.running_total is total
    assert running_total(claim) is total


def test_a_value_its_clause_denies_is_not_set_against_another(checker):
    """"None of the teams has offered more than eight years" states no offer of more than eight
    years: not compared with "seven years", with the reason in words; asserted, they conflict."""
    from factcheck.report.humanise import not_compared
    from factcheck.types import Document

    offered = "The Orioles offered Teixeira a contract of seven years."
    denied = "None of the other teams has offered Teixeira a contract of more than eight years."
    result = checker.check([Document(id="first", date="2008-12-20", text=offered),
                            Document(id="later", date="2008-12-20", text=denied)])
    assert not [f for f in result.findings if f.rule in ("numeric-conflict", "temporal-conflict")]
    (found,) = [n for n in result.not_compared if "denies it" in n.message]
    assert not_compared({"message": found.message})[0].startswith("one value is denied in its clause")
    asserted = "The Nationals offered Teixeira a contract of more than eight years."
    result = checker.check([Document(id="first", date="2008-12-20", text=offered),
                            Document(id="later", date="2008-12-20", text=asserted)])
    assert [f.rule for f in result.findings if f.rule.endswith("conflict")] == ["temporal-conflict"]


@pytest.mark.parametrize("text, counts, each", [
    ("Teixeira has hit 30 homers and driven in at least 105 runs in each of the past five seasons.",
     "at least 105 runs", True),  # in the phrase of a conjoined verb
    ("He scored an average of 30 points.", "30 points", True),
    ("The tickets cost $20 apiece.", "$20", True),
    ("The plant pumps 500 barrels every day.", "500 barrels", True),
    ("He hit 13 home runs in 54 games.", "13 home runs", False),
    ("Shares rose 5 per cent to 200 points.", "200 points", False),  # "per cent" is no rate
    ("Each of the 12 victims was shot.", "12 victims", False),
    ("Teixeira, 28, has driven in at least 105 runs in each of the past five seasons.", "28", False),  # an age
    # what a verb "average" says is an average; the events it is averaged over are a count
    ("Teixeira has averaged more than 30 home runs in his six big-league seasons.", "more than 30 home runs", True),
    ("Miller is averaging just 14.1 points.", "14.1 points", True),
    ("In 133 career playoff games, he averaged 14.4 points.", "133 career playoff games", False),
    ("He averaged 11.1 points and 2.1 steals in 1,101 career games.", "1,101 career games", False),
])
def test_a_figure_per_item_or_period_is_read_from_the_claims_own_clause(nlp, text, counts, each):
    from factcheck.scope import per_item

    claim = next(c for c in extract_claims(text, id="a", nlp=nlp) if c.text == counts)
    assert claim.frame.per_item is each
    assert per_item(claim) is each


@pytest.mark.parametrize("text, counts, part", [
    ("Marine commandos nabbed 12 Somali and 11 Yemeni pirates.", "12", True),
    ("The navy seized seven AK-47 rifles and three automatic rifles.", "three automatic rifles", True),
    # a list of counts of different things is no breakdown of one
    ("Six AK-47 rifles, 12 magazines and 300 rounds of ammunition were seized.", "12 magazines", False),
    ("The Indian navy said it arrested 23 pirates.", "23 pirates", False),
])
def test_a_count_is_a_part_when_its_noun_has_other_counts(nlp, text, counts, part):
    claim = next(c for c in extract_claims(text, id="a", nlp=nlp) if c.text.startswith(counts))
    assert claim.frame.part is part


@pytest.mark.parametrize("other, compared", [
    ("Seven AK-47s and three other automatic rifles were found.", True),  # the rest of a set: a part too
    ("Nine assault rifles were found.", False),  # the whole
])
def test_a_part_of_a_breakdown_is_compared_with_parts_only(nlp, other, compared):
    from factcheck.align import Group
    from factcheck.judge import judge_group
    from factcheck.types import Document

    text = "The navy seized seven AK-47 assault rifles, two other rifles and a launcher."
    (a,) = [c for c in extract_claims(text, id="a", nlp=nlp) if c.text == "two other rifles"]
    b = next(c for c in extract_claims(other, id="b", nlp=nlp) if c.text.lower().startswith(("three", "nine")))
    a.id, b.id = "a#q1", "b#q1"
    assert a.frame.part
    docs = {"a": Document(id="a", text=text), "b": Document(id="b", text=other)}
    judged = judge_group(Group([a, b], {frozenset((a.id, b.id)): 0.9}), docs, Options())
    assert bool(judged.conflicts) is compared
    assert bool(judged.not_compared) is not compared


@pytest.mark.parametrize("first, later, conflict", [
    # each date is the time of a value, and the values differ: figures of two years
    ("Acme said its revenue was $5 billion in 2010.", "Acme said its revenue was $6 billion in 2011.", False),
    ("GM sold 2.9 million vehicles in 2008, the company said.",
     "GM sold 3.2 million vehicles in 2007, the company said.", False),
    # the same value on two days: the day of one event is in dispute
    ("Five people were killed in the attack on Monday.", "Five people were killed in the attack on Tuesday.", True),
    # an age describes its holder, not the day
    ("Page, 85, died on Thursday in Los Angeles.", "Page, 84, died on Friday in Los Angeles.", True),
])
def test_dates_of_two_different_values_are_not_a_date_conflict(checker, first, later, conflict):
    from factcheck.types import Document

    result = checker.check([Document(id="a", date="2012-03-02", text=first),
                            Document(id="b", date="2012-03-02", text=later)])
    found = [f for f in result.findings if f.rule == "temporal-conflict"]
    assert bool(found) is conflict
    if not conflict:
        from factcheck.report.humanise import not_compared

        (found,) = [n for n in result.not_compared if "each dates a value of its own clause" in n.message]
        assert not_compared({"message": found.message})[0].startswith("each date is the time of a value")
        # the values themselves are dated to different years: not compared either, and said so
        (dated,) = [n for n in result.not_compared if "each is dated in its own clause" in n.message]
        assert not_compared({"message": dated.message})[0].startswith("each value is dated in its own sentence")


def test_numbers_dated_to_times_that_cannot_meet_are_two_facts(nlp):
    """The clause's own dates anchor a number; resolved, they must meet for two numbers to be
    one fact; unresolved (an undated report), the calendar fields both state must agree."""
    from factcheck.scope import anchored_apart

    def count(text, date):
        return next(c for c in extract_claims(text, id="a", nlp=nlp, date=date) if c.kind == "quantity")

    in_2005 = count("The Ohio factory employed 500 workers in 2005.", "2009-03-02")
    in_2008 = count("The Ohio factory employed 650 workers in 2008.", "2009-03-02")
    in_may_2005 = count("The Ohio factory employed 650 workers in May 2005.", "2009-03-02")
    assert in_2005.frame.anchor_times == ["2005"] and in_2008.frame.anchor_times == ["2008"]
    assert anchored_apart(in_2005, in_2008)
    assert not anchored_apart(in_2005, in_may_2005)
    # "on Sunday" / "on Friday" of undated reports: two weekdays cannot both be the day
    sunday = count("A 5.6 quake hit the island on Sunday.", None)
    friday = count("A 5.9 quake hit the island on Friday.", None)
    september = count("A 6.1 quake hit the island in September.", None)
    assert anchored_apart(sunday, friday)
    assert not anchored_apart(sunday, september)  # a Sunday may fall in September
    assert not anchored_apart(sunday, count("A 5.9 quake hit the island.", None))


@pytest.mark.parametrize("whole, part, two_parts, reason, said", [
    ("The police seized nine assault rifles from the pirates.",
     "The police seized seven AK-47s and two other assault rifles from the pirates.",
     ("Firefighters led some 60 other people out of the burning hotel.",
      "Firefighters led some 20 other people out of the burning hotel."),
     "the rest of a set", "one value counts the rest of a set"),
    ("During the operation, the crew confiscated six rifles.",
     "In their five operations so far, the crew have confiscated 14 rifles.",
     ("In their five operations so far, the crew have confiscated 14 rifles.",
      "In their five operations so far, the crew have confiscated six rifles."),
     "running total", "one value is a running total"),
    ("The Indian navy arrested 23 pirates in the Gulf of Aden.",
     "The Indian navy arrested 12 Somali and 11 Yemeni pirates in the Gulf of Aden.",
     ("The Indian navy arrested 12 Somali and 11 Yemeni pirates in the Gulf of Aden.",
      "The Indian navy arrested 15 Somali and 8 Yemeni pirates in the Gulf of Aden."),
     "part of a breakdown", "one value counts a part of a breakdown"),
    ("The navy seized nine rifles from the pirates.",
     "The navy seized seven AK-47 rifles from the pirates.",
     ("The navy seized seven AK-47 rifles from the pirates.",
      "The navy seized six AK 47 rifles from the pirates."),
     "makes or models", "the two count different makes or models"),
    ("Teixeira drove in 43 runs with the Angels last season.",
     "Teixeira drove in 105 runs in each of the past five seasons.",
     ("Teixeira drove in 105 runs in each of the past five seasons.",
      "Teixeira drove in 90 runs in each of the past five seasons."),
     "per item or period", "one value is a figure per item or period"),
    ("The Sixers won nine games before the coach was fired.",
     "The Sixers won 18 of their next 23 games before the coach was fired.",
     ("The Sixers won 18 of their next 23 games before the coach was fired.",
      "The Sixers won 16 of their next 23 games before the coach was fired."),
     "a part of a window of events", "one value counts a part of a window of events"),
    ("Pirates attacked the merchant ship 150 nautical miles west of Aden.",
     "Pirates attacked the merchant ship 13 nautical miles from the Mysore.",
     ("Pirates attacked the merchant ship 150 nautical miles west of Aden.",
      "Pirates attacked the merchant ship 120 nautical miles south-west of the port of Aden."),
     "distances from different places", "the two are distances from different places"),
])
def test_a_value_of_one_scope_is_compared_only_with_a_value_of_its_scope(checker, whole, part, two_parts, reason, said):
    """The rest of a set against a whole, a running total against one event's count, a figure per
    item or period against a total, a part of a breakdown against the whole, a make or model against
    any, distances from two places: not compared, with the reason in
    words a reader knows; two of one scope still conflict."""
    from factcheck.report.humanise import not_compared
    from factcheck.types import Document

    result = checker.check([Document(id="first", date="2009-01-20", text=whole),
                            Document(id="later", date="2009-01-20", text=part)])
    assert not [f for f in result.findings if f.rule == "numeric-conflict"]
    (found,) = [n for n in result.not_compared if reason in n.message]
    assert not_compared({"message": found.message})[0].startswith(said)
    docs = [Document(id="first", date="2009-01-20", text=two_parts[0]),
            Document(id="later", date="2009-01-20", text=two_parts[1])]
    assert [f.rule for f in checker.check(docs).findings] == ["numeric-conflict"]


def test_messages_say_an_undated_reports_dates_in_words():
    """A finding's message is what a CI log shows: an undated report's "on Saturday" is
    'Saturday', not the marker 'XXXX-WXX-6'; a calendar date stays ISO, exact as it is."""
    from factcheck.judge import describe
    from factcheck.types import TimeClaim

    def t(value, mod=None):
        return TimeClaim(doc="a", start=0, end=1, text="x", sentence_start=0, sentence_end=1, value=value,
                         mod=mod, event="the man was charged")

    assert describe(t("XXXX-WXX-6")) == "Saturday (the man was charged)"
    assert describe(t("PRESENT_REF")) == "now (the man was charged)"
    assert describe(t("REF-P9D", "APPROX")) == "about 9 days earlier (the man was charged)"
    assert describe(t("2022-02-25")) == "2022-02-25 (the man was charged)"
    assert describe(t("2013-05", "END")) == "END 2013-05 (the man was charged)"


@pytest.mark.parametrize("text, said", [
    ("Nearly 50 people were killed.", "nearly 50 people"),
    ("Just over 50 people were killed.", "just over 50 people"),
    ("At least 50 people were killed.", "at least 50 people"),
])
def test_messages_keep_a_near_bound_near(nlp, text, said):
    from factcheck.judge import describe

    assert describe(extract_claims(text, nlp=nlp)[0]) == said
