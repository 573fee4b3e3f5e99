"""Wording cues that let the NLI stage call a pair a contradiction, on real parses."""

from __future__ import annotations

import pytest

from factcheck.cues import find_cues


@pytest.mark.parametrize("a,b,cue", [
    ("There would be no NATO troops inside Ukraine.", "There will be NATO troops inside Ukraine.", "negation"),
    ("The talks were held in Paris.", "The talks were held in Berlin.", "entity GPE"),
    ("Stocks rose sharply on Monday.", "Stocks fell sharply on Monday.", "antonym"),
    ("Brazil beat Germany in the final.", "Germany beat Brazil in the final.", "roles swapped"),
])
def test_cues_found_between_parallel_sentences(nlp, a, b, cue):
    cues = find_cues(nlp(a), nlp(b))
    assert any(c.startswith(cue) for c in cues.contradiction), cues


@pytest.mark.parametrize("a,b", [
    # a negation about something the other sentence does not say
    ("Stock markets around the world have fallen dramatically today.",
     "Stock markets across the world fell dramatically this week on worries that recent "
     "government moves might not prevent a global recession."),
    # two spellings of one place
    ("Jobs gave his keynote at Moscone Center in San Francisco on Monday.",
     "Jobs gave the keynote at the Moscone West center in San Francisco."),
    # the same sentence, attributed differently
    ("He said the allies also stand together in sending a message.",
     'Our allies also stand together in sending a message," Stoltenberg said.'),
])
def test_no_cue_between_consistent_sentences(nlp, a, b):
    assert find_cues(nlp(a), nlp(b)).contradiction == []


def test_converse_restatement(nlp):
    cues = find_cues(nlp("Autocracy will always lose to democracy."),
                     nlp("Democracy will always prevail over autocracy."))
    assert cues.converse and cues.contradiction == []
    cues = find_cues(nlp("Brazil beat Germany in the final."), nlp("Germany lost to Brazil in the final."))
    assert cues.converse


def test_minimal_edit_needs_the_same_participants(nlp):
    flip = find_cues(nlp('Oppression will always be defeated by freedom," according to Stoltenberg.'),
                     nlp('Freedom will never prevail over oppression," said Stoltenberg.'))
    assert flip.minimal_edit
    same = find_cues(nlp('Oppression will always be defeated by freedom," according to Stoltenberg.'),
                     nlp('Freedom will always prevail over oppression," said Stoltenberg.'))
    assert not same.minimal_edit and same.contradiction == []


@pytest.mark.parametrize("a,b,contradicts", [
    ("Autocracy will never lose to democracy.", "Democracy will always prevail over autocracy.", True),
    ("Autocracy will always lose to democracy.", "Democracy will always prevail over autocracy.", False),
])
def test_a_negated_converse_is_the_opposite_not_a_restatement(nlp, a, b, contradicts):
    cues = find_cues(nlp(a), nlp(b))
    assert cues.converse is not contradicts
    assert cues.minimal_edit is contradicts
    assert ("negated converse" in cues.contradiction) is contradicts
