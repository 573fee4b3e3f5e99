"""Wording cues that let the NLI stage call a pair a contradiction, on real parses."""

from __future__ import annotations

import pytest

from factcheck.cues import find_cues


@pytest.mark.parametrize("a,b,cue", [
    ("There would be no NATO troops inside Ukraine.", "There will be NATO troops inside Ukraine.", "negation"),
    ("The talks were held in Paris.", "The talks were held in Berlin.", "entity GPE"),
    ("Stocks rose sharply on Monday.", "Stocks fell sharply on Monday.", "antonym"),
    ("Brazil beat Germany in the final.", "Germany beat Brazil in the final.", "roles swapped"),
    ("The driver left the scene without reporting the crash.", "The driver left the scene and reported the crash.", "negation"),
    ("The suspect surrendered before the police arrived.", "The suspect surrendered after the police arrived.", "antonym"),
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
    # "whether ... or not" asks, it denies nothing
    ('"Nothing in the regulation relieves a federal agency of its responsibilities to ensure that species are not harmed," he said.',
     "Moreover, nothing in the proposals relieves an agency of its responsibilities to ensure that listed species are "
     "not harmed during completion of a federal action, regardless of whether consultation occurs or not, Kempthorne said."),
    # "without" negates what it governs (reporting it), not the leaving it hangs on
    ("Subryan, 23, was charged with vehicular manslaughter, criminally negligent homicide, leaving the scene of an "
     "accident resulting in death and driving while intoxicated.",
     "Subryan has been charged with vehicular manslaughter, criminally negligent homicide, driving while under the "
     "influence of alcohol, and leaving the scene of an accident without reporting it, the DA said."),
    # antonyms in different roles: a conjunction ordering two events against a preposition of time
    ("Police locked down the neighbourhood before the suspect turned himself in around 6 p.m.",
     '"Police locked down the neighbourhood and negotiated with the suspect, who gave himself up to police just after 6 p.m.," Fanning said.'),
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


@pytest.mark.parametrize("a,b,negated", [
    # one report denies a clause the other states inside a longer sentence
    ("Residents nearby were not evacuated as a precaution.",
     "More than 50 firefighters tackled the blaze which began on the roof of the supermarket, "
     "and residents nearby were evacuated as a precaution.", True),
    ("Police Chief Scott Russell, 46, was not injured and was in stable condition.",
     "Woodburn's police chief, Scott Russell, 46, was injured.", True),
    # each report describes her in its own words; what they state of her is one clause
    ("Bettie Page, the 1950s pin-up model who helped set the stage for the sexual revolution, has not died.",
     "Bettie Page, the pin-up model whose photographs outraged Americans in the 1950s, has died, her agent said.", True),
    ("Bettie Page, the 1950s pin-up model who helped set the stage for the sexual revolution, has died.",
     "Bettie Page, the pin-up model whose photographs outraged Americans in the 1950s, has died, her agent said.", False),
    # a negated "think" negates what it governs: both say he did not win
    ('"I believe Brian Nichols did not win.', '"I don\'t think Brian Nichols won," said his victim\'s daughter.', False),
    # "not only" asserts; a counterfactual "wouldn't have" denies nothing the other states
    ("The warship not only repulsed an attack on a merchant vessel in the Gulf of Aden, but nabbed 23 brigands.",
     "The warship repulsed an attack on a merchant vessel in the Gulf of Aden and nabbed 23 brigands.", False),
    ("If it had, we wouldn't have 355 damaged shops in Athens.", "In Athens, we had 565 damaged shops, he said.", False),
    # a negation above the clause that is no "think" does not reach it
    ("He said he didn't hear a gunshot but saw a woman fleeing the building next door.",
     "He looked out the window and saw a woman fleeing the building next door.", False),
])
def test_a_negated_clause_is_a_minimal_edit(nlp, a, b, negated):
    cues = find_cues(nlp(a), nlp(b))
    assert ("negated clause" in cues.contradiction) == negated, cues
    assert cues.minimal_edit == negated, cues


@pytest.mark.parametrize("a,b", [
    # two spellings of one name
    ("Page was born on April 22, 1923, in Nashville, Tennessee.", "Page was born on April 22, 1923, in Nashville, Tenn."),
    # a name in another role of the sentence, not in the same place
    ("A Vancouver man has been charged with first-degree murder after a killing at an office party.",
     "A 61-year-old man in Canada is charged with first-degree murder in a deadly office Christmas party shooting."),
    # a "name" the other sentence has in lower case is the same words
    ("He has been charged with Vehicular Manslaughter, Criminally Negligent Homicide, and DWI.",
     "Subryan is charged with DWI, vehicular manslaughter and criminally negligent homicide."),
])
def test_no_entity_swap_without_another_name_in_the_same_place(nlp, a, b):
    cues = find_cues(nlp(a), nlp(b))
    assert not any(c.startswith("entity") for c in cues.contradiction), cues


def test_an_entity_swap_is_another_name_in_the_same_place(nlp):
    cues = find_cues(nlp("Russia invaded Ukraine on Thursday."), nlp("Belarus invaded Ukraine on Thursday."))
    assert "entity GPE" in cues.contradiction, cues


def test_a_negated_verb_in_parallel_clauses_is_a_cue_for_the_model(nlp):
    """The sentences around the clause differ too much for a minimal edit: the NLI model decides."""
    cues = find_cues(nlp("Dozens of people were not evacuated from their homes and spent the night in a nearby church."),
                     nlp("Sixty local residents had to be evacuated from their homes, initially to a nearby church."))
    assert cues.contradiction == ["negated verb"] and not cues.minimal_edit, cues
    same = find_cues(nlp("Dozens of people were evacuated from their homes and spent the night in a nearby church."),
                     nlp("Sixty local residents had to be evacuated from their homes, initially to a nearby church."))
    assert same.contradiction == [], same


@pytest.mark.parametrize("a,b", [
    # a neg-raising verb hands its negation to the clause it governs: both deny "we were executing"
    ("I didn't feel on the floor we were executing the philosophy we wanted.",
     "I feel on the floor we weren't executing the philosophy that we want."),
    # "no information" denies as "don't have any leads" does
    ('"We have no information on intent or motive."',
     'We just don\'t have any leads at all as far as the intent or motive in this, "Steele said.'),
    # one sentence twice, with its own negated and plain clauses: each clause meets its twin
    ('"Right now there\'s no indication that we have that there\'s any connection there.',
     '"Right now there\'s no indication that we have that there\'s any connection there," he said.'),
])
def test_no_negation_cue_between_sentences_that_deny_alike(nlp, a, b):
    assert find_cues(nlp(a), nlp(b)).contradiction == []


def test_two_places_the_story_names_together_are_no_swap(nlp):
    """A city for its country: another sentence of the story says "Athens, Greece"."""
    from factcheck.cues import places_together

    a = nlp("A firebomb attack on a bank in Greece killed at least three people today.")
    b = nlp("A firebomb attack on a bank in Athens left at least three people dead.")
    assert "entity GPE" in find_cues(a, b).contradiction  # alone, the two read as a swap
    story = [nlp("Protesters marched through Athens, Greece, on Wednesday."), a, b]
    together = places_together(story)
    assert frozenset(("athens", "greece")) in together
    cues = find_cues(a, b, together=together)
    assert not any(c.startswith("entity") for c in cues.contradiction), cues


def test_places_named_together_elsewhere_do_not_hide_another_swap(nlp):
    from factcheck.cues import places_together

    together = places_together([nlp("Delegates flew from Madrid to Rome on Sunday.")])
    cues = find_cues(nlp("The talks were held in Paris."), nlp("The talks were held in Berlin."), together=together)
    assert "entity GPE" in cues.contradiction, cues


def test_a_clause_negated_until_now_denies_nothing_of_a_report_of_another_day(nlp):
    """"have not felt them before" holds up to its report's day: a report of another day (or of
    an unknown one) may tell of a quake felt since."""
    a = nlp("Such tremors are common in many cities, but Dubai residents have not felt them before.")
    b = nlp("Residents in Dubai and the Northern Emirates also felt the quake.")
    assert "negated clause" in find_cues(a, b).contradiction  # two texts of one day, as compare() takes them
    assert not {"negated clause", "negated verb"} & set(find_cues(a, b, same_day=False).contradiction)
    # a negation that does not hold only until now is a cue whatever the days
    c = nlp("Residents in Dubai and the Northern Emirates did not feel the quake.")
    assert "negated clause" in find_cues(c, b, same_day=False).contradiction
