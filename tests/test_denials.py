"""Denials read from the parse (factcheck/denials.py): a clause one report negates that another
states, reported by the contradiction rule with the NLI stage off as well as on."""

from __future__ import annotations

import pytest

from factcheck.frames import propositions
from factcheck.types import Document


def _check(checker, *texts: str, dates=None):
    dates = dates or [None] * len(texts)
    docs = [Document(id=f"r{i}", text=t, date=d, cluster="c") for i, (t, d) in enumerate(zip(texts, dates))]
    return checker.check(docs)


def _denials(result):
    return [f for f in result.findings if f.rule == "contradiction" and "read from the parse" in f.message]


def test_a_report_that_denies_a_death_another_reports_is_flagged_without_nli(checker):
    result = _check(checker, "Bettie Page, the 1950s pin-up model, has not died.",
                    "Bettie Page died in Los Angeles on Thursday, her agent said.")
    [f] = _denials(result)
    assert [e.doc for e in f.evidence] == ["r0", "r1"]
    assert f.evidence[0].text == "Bettie Page, the 1950s pin-up model, has not died."
    assert "'die' of 'bettie page'" in f.message
    assert 0 < f.score <= 1


def test_every_report_that_states_it_is_cited_in_one_finding(checker):
    result = _check(checker, "Residents nearby were not evacuated.",
                    "Residents nearby were evacuated as a precaution.",
                    "Police said residents nearby were evacuated on Friday.")
    [f] = _denials(result)
    assert [e.doc for e in f.evidence] == ["r0", "r1", "r2"]


def test_a_pronoun_subject_is_read_as_the_person_it_stands_for(checker):
    result = _check(checker, "Tara Reid spoke to reporters. She has not checked into Promises Treatment Center.",
                    "Tara Reid checked into Promises Treatment Center on Friday.")
    [f] = _denials(result)
    assert "'check' of 'tara reid'" in f.message


@pytest.mark.parametrize("denied, stated", [
    # the negated clause names a place the other does not: two different facts
    ("Lindsay Lohan never checked into Morningside.", "Lindsay Lohan checked into the Betty Ford Center."),
    # ... even when the parser takes the name for an adverb
    ("Lindsay Lohan is in rehab. TMZ reported Lohan was shopping at an electronics store while her attorney was "
     "in court, and that she never entered Morningside.", "Under her plea agreement, Lindsay Lohan entered the clinic on May 2."),
    # what someone believes, wants or claims is not what the report states
    ("I believe Brian Nichols did not win.", "Brian Nichols won the appeal."),
    ("She claimed the shootings did not happen.", "The shootings happened on Thursday."),
    # another subject, another modal
    ("Bettie Page has not died.", "Esther Williams died on Thursday."),
    ("Salazar would not rescind the rule.", "Salazar rescinded the rule."),
    # a condition or a question asserts nothing
    ("If the city does not purchase the property, the plan fails.", "The city purchased the property."),
    ("Has the city not purchased the property?", "The city purchased the property."),
    # a verb that says how something is known or said, not what happened
    ("The mayor did not comment.", "The mayor commented on the fire."),
    # a verb whose meaning lies in its object, with none named
    ("The company did not keep up.", "The company kept up with demand."),
])
def test_no_denial_between_clauses_that_do_not_state_one_fact(checker, denied, stated):
    assert _denials(_check(checker, denied, stated)) == []


def test_a_verb_whose_meaning_lies_in_its_object_is_compared_with_it(checker):
    [f] = _denials(_check(checker, "The city did not have a plan.", "The city had a plan for the site."))
    assert "'have' of 'city', plan" in f.message


def test_a_name_beside_a_described_subject_or_in_a_relative_clause_is_the_subject(checker):
    [f] = _denials(_check(checker, "Police Chief Scott Russell, 46, was not injured.",
                          "Woodburn's police chief, Scott Russell, 46, was injured."))
    assert "'injure' of 'scott russell'" in f.message
    [f] = _denials(_check(checker, "Madeline Kafoury was not standing in the doorway of the office.",
                          "Kafoury, who was standing in the doorway of the office, was struck."))
    assert "'stand' of 'madeline kafoury', in doorway" in f.message
    # a restrictive relative clause asserts nothing on its own
    assert _denials(_check(checker, "Brian Nichols did not win.", "The appeal that Brian Nichols won was costly.")) == []


def test_a_denial_until_now_is_compared_only_with_a_report_of_its_own_day(checker):
    texts = ("Police have not yet arrested Juan Ortiz.", "Police arrested Juan Ortiz on Friday.")
    assert _denials(_check(checker, *texts)) == []  # undated: the arrest may have come since
    assert _denials(_check(checker, *texts, dates=["2013-03-15", "2013-03-16"])) == []
    [f] = _denials(_check(checker, *texts, dates=["2013-03-16", "2013-03-16"]))
    assert "'arrest' of 'police', ortiz" in f.message


def test_before_as_an_adverb_denies_until_now_and_as_a_preposition_does_not(checker):
    texts = ("Juan Ortiz has not visited Dubai before.", "Juan Ortiz visited Dubai.")
    assert _denials(_check(checker, *texts)) == []
    assert len(_denials(_check(checker, *texts, dates=["2008-09-10", "2008-09-10"]))) == 1
    texts = ("Police had not called Juan Ortiz before the shooting.", "Police called Juan Ortiz before the shooting.")
    assert len(_denials(_check(checker, *texts))) == 1  # "before the shooting" says when, not "until now"


def test_reports_dated_too_far_apart_are_not_compared(checker):
    result = _check(checker, "Bettie Page has not died.", "Bettie Page died in Los Angeles.",
                    dates=["2008-12-01", "2008-12-20"])
    assert _denials(result) == []


def test_propositions_keep_what_the_negated_clause_names(checker):
    analysis = checker.analyse(Document(id="d", text="Kraft has not closed the Philadelphia factory until further notice."))
    [p] = [x for x in propositions(analysis.sentences) if x.verb == "close"]
    assert p.negated and p.subject == "kraft" and "factory" in p.arguments


def test_a_denial_the_values_already_show_is_one_finding(checker):
    result = _check(checker, "NATO leaders will meet on Friday to discuss the next steps.",
                    "NATO leaders will not meet on Friday, he said.", dates=["2022-02-24", "2022-02-24"])
    assert [f.rule for f in result.findings] == ["polarity-conflict"]


def test_a_party_reported_denying_it_itself_is_its_word_not_the_reports(checker):
    stated = "Brian Nichols killed the judge on Friday."
    assert _denials(_check(checker, "Brian Nichols told detectives that he did not kill the judge.", stated)) == []
    [f] = _denials(_check(checker, "Police said Brian Nichols did not kill the judge.", stated))
    assert "'kill' of 'brian nichols', judge" in f.message
