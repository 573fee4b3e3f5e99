"""The same-fact model's inputs: which claims may be compared, and what the features read."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from factcheck.api import extract_claims
from factcheck.samefact import FEATURES, comparable_claims, pair_features, phrases
from factcheck.types import Document


def first(nlp, text: str, doc: str):
    claims = extract_claims(text, id=doc, nlp=nlp)

    return next(c for c in claims if c.kind == "quantity")


def test_counts_of_things_named_differently_may_be_compared_and_units_of_one_dimension(nlp):
    protesters = first(nlp, "Police arrested 19 protesters on Wednesday.", "a")
    demonstrators = first(nlp, "At least 46 demonstrators were detained.", "b")
    assert comparable_claims(protesters, demonstrators)
    km = first(nlp, "The ship was 30 km off the coast.", "a")
    miles = first(nlp, "The ship was 13 miles off the coast.", "b")
    assert comparable_claims(km, miles)  # one distance, compared after conversion
    assert not comparable_claims(km, first(nlp, "The ship carried 30 kg of gold.", "b"))
    assert not comparable_claims(km, first(nlp, "The ship cost $30 million.", "b"))
    assert not comparable_claims(protesters, km)
    # never within one report
    assert not comparable_claims(protesters, first(nlp, "Police arrested 46 demonstrators.", "a"))


def when(nlp, text: str, doc: str, date: str | None = None):
    return next(c for c in extract_claims(text, id=doc, date=date, nlp=nlp) if c.kind == "time")


def test_a_part_of_a_day_is_compared_with_dates_and_a_clock_time_is_not(nlp):
    """An undated report's "Monday night" names a day as another's "Friday" does; a bare
    "7 p.m." is put on its report's day by a guess, so it stays among clock times."""
    night = when(nlp, "The Angels made the offer Monday night, Reagins said.", "a")
    friday = when(nlp, "Reagins said the Angels made the offer on Friday.", "b")
    clock = when(nlp, "The Angels made the offer at 7 p.m., Reagins said.", "c", "2008-12-12")
    assert (night.type, friday.type, clock.type) == ("TIME", "DATE", "TIME")
    assert comparable_claims(night, friday)
    assert not comparable_claims(clock, friday)
    assert comparable_claims(clock, when(nlp, "The offer came at 9 p.m.", "b", "2008-12-12"))


def test_reported_speech_backshifts_tense_and_will_but_a_quotation_does_not(nlp):
    """"70 jets were kept on high alert, he said" may report "are kept": no tense clash with a
    present "we have 100 jets on high alert"; a quotation keeps the speaker's own tense."""
    doc = Document(id="x", text="")
    have = first(nlp, "We have over 100 jets on high alert.", "a")
    reported = first(nlp, "Roughly 70 jets were kept on high alert, he said.", "b")
    quoted = first(nlp, '"We had 70 jets on high alert," he said.', "b")
    plain = first(nlp, "Roughly 70 jets were kept on high alert.", "b")
    assert (reported.frame.reported, quoted.frame.reported, plain.frame.reported) == (True, False, False)
    assert [pair_features(have, c, set(), set(), doc, doc)["tense_clash"] for c in (reported, quoted, plain)] == [0.0, 1.0, 1.0]
    will = when(nlp, "NATO leaders will meet on Friday.", "a")
    would = when(nlp, "NATO leaders would meet on Friday, the official said.", "b")
    quoted = when(nlp, '"NATO leaders would meet on Friday," the official said.', "b")
    assert [pair_features(will, c, set(), set(), doc, doc)["modality_clash"] for c in (would, quoted)] == [0.0, 1.0]


def test_a_sum_is_read_from_the_sentence_adverbs_included(nlp):
    """"Overall" is an adverb, which the content lemmas leave out: both sentences sum a season."""
    texts = {"a": "Overall, he finished the season with 51 homers and 121 RBI.",
             "b": "Playing in a combined 157 games, Teixeira had 33 homers and 121 RBIs.",
             "c": "Teixeira hit 33 homers for the Braves."}
    docs = {k: Document(k, t) for k, t in texts.items()}
    homers = {k: next(c for c in extract_claims(t, id=k, nlp=nlp) if getattr(c, "unit", None) == "homer")
              for k, t in texts.items()}

    def one_side(x, y):
        return pair_features(homers[x], homers[y], set(), set(), docs[x], docs[y])["total_one_side"]

    assert one_side("a", "b") == 0.0
    assert one_side("a", "c") == 1.0 and one_side("b", "c") == 1.0


def test_phrase_similarity_tells_a_synonym_from_another_thing(nlp):
    from factcheck.embed import Embedder

    embedder = Embedder.load()
    protesters = first(nlp, "Police arrested 19 protesters on Wednesday.", "a")
    demonstrators = first(nlp, "Police arrested 46 demonstrators on Wednesday.", "b")
    jets = first(nlp, "Police arrested 46 jets on Wednesday.", "b")
    texts = sorted({t for c in (protesters, demonstrators, jets) for t in phrases(c)})
    vectors = dict(zip(texts, embedder.encode(texts)))
    doc_a, doc_b = Document(id="a", text=""), Document(id="b", text="")
    synonym = pair_features(protesters, demonstrators, set(), set(), doc_a, doc_b, 0.5, vectors)
    other = pair_features(protesters, jets, set(), set(), doc_a, doc_b, 0.5, vectors)
    assert synonym["thing_same"] == other["thing_same"] == 0.0
    assert synonym["thing_sim"] > other["thing_sim"] + 0.1
    assert synonym["predicate_sim"] == 1.0  # "arrest" both


def test_only_the_phrases_of_weighed_similarities_are_asked_for(nlp):
    from factcheck.samefact import PHRASE_FEATURES, SameFactModel

    model = SameFactModel({"thing_sim": 0.0, "predicate_sim": 0.4, "subject_sim": -0.0, "cosine": 1.0}, 0.0, {}, {})
    assert model.used(PHRASE_FEATURES) == ("predicate_sim",)
    claim = first(nlp, "Police arrested 19 protesters on Wednesday.", "a")
    assert phrases(claim) == ["protester", "arrest", "police"]
    assert phrases(claim, model.used(PHRASE_FEATURES)) == ["arrest"]


def test_the_shipped_model_weighs_every_feature():
    data = json.loads(resources.files("factcheck").joinpath("resources/samefact.json").read_text("utf-8"))
    assert data["features"] == list(FEATURES)
    assert set(data["weights"]) == set(FEATURES) == set(data["means"]) == set(data["scales"])
    assert data["trained_on"]["script"] == "models/fit_samefact.py"


@pytest.mark.parametrize("name", FEATURES)
def test_features_are_finite_numbers(nlp, name):
    a = first(nlp, "NATO has over 100 jets on high alert.", "a")
    b = first(nlp, "Roughly 70 jets were kept on high alert, he said.", "b")
    f = pair_features(a, b, {"jet", "alert"}, {"jet", "alert", "keep"}, Document(id="a", text=""),
                      Document(id="b", text=""), 0.7)
    assert isinstance(f[name], float) and f[name] == f[name]


def test_a_marked_claim_shows_what_it_counts_but_never_a_value(nlp):
    from factcheck.samefact import WINDOW, marked

    text = "NATO said on Thursday it has over 100 jets on high alert and 120 ships at sea."
    jets, ships = [c for c in extract_claims(text, id="a", nlp=nlp) if c.kind == "quantity"]
    shown = marked(jets, text)
    assert "[# jet]" in shown and "100" not in shown
    assert "# ships" in shown  # other numerals masked too
    assert marked(ships, text).count("[") == 1
    day = next(c for c in extract_claims(text, id="a", date="2022-02-24", nlp=nlp) if c.kind == "time")
    assert "[date]" in marked(day, text) and "Thursday" not in marked(day, text)
    long = " ".join(["word"] * 80) + " 70 jets were kept on high alert " + " ".join(["other"] * 80) + "."
    claim = next(c for c in extract_claims(long, id="a", nlp=nlp) if c.kind == "quantity")
    assert len(marked(claim, long).split()) <= 2 * WINDOW + 2


def last_age(nlp, text: str):
    """The last age a text states (the one the test is about)."""
    return [c for c in extract_claims(text, nlp=nlp) if getattr(c, "quantity_kind", None) == "age"][-1]


@pytest.mark.parametrize("text, holder", [
    ("Paul Riva, 58, remained in critical condition.", "paul riva"),
    ("The slain TallGrass president, Ben Banky, was 52.", "ben banky"),
    ("That should do it for the 36-year-old Rahman.", "rahman"),
    ("Pin-up star Betty Page has died in Los Angeles, aged 85.", "betty page"),
    ("Tanya Wilson, who was 41, died of a gunshot wound to her side.", "tanya wilson"),
    # a birthday is its owner's age, not its celebrant's
    ("The crowd serenaded trainer Emanuel Steward, who celebrated his 70th birthday.", "emanuel steward"),
    ("Tara Reid celebrated her sister's 30th birthday in Malibu.", None),
])
def test_an_age_belongs_to_the_person_it_is_said_of(nlp, text, holder):
    age = last_age(nlp, text)
    assert age.frame.holder == holder


@pytest.mark.parametrize("text, holder", [
    # the document calls one person an actress, so "the actress" is she
    ("American Pie actress Tara Reid checked into rehab. The 38-year-old actress was seen on Tuesday.", "tara reid"),
    ("Tara Reid, the actress, checked into rehab. Doctors say the 38-year-old actress is well.", "tara reid"),
    # nobody is named a driver: "the driver" is not the victim the story is about
    ("Police said LuAnn Johnson, 66, was struck. The 36-year-old driver kept going.", None),
    # someone new
    ("Actress Tara Reid checked into rehab. A 38-year-old actress was seen there too.", None),
])
def test_a_definite_description_is_the_person_the_document_calls_so(nlp, text, holder):
    age = last_age(nlp, text)
    assert age.frame.holder == holder


@pytest.mark.parametrize("text, holder, roles", [
    # a nationality is a description, not a name: the person the document calls so
    ("The Oscars will be hosted by Australian actor Hugh Jackman. The 40-year-old Australian has never hosted.",
     "hugh jackman", ["actor", "australian"]),
    ("The academy said Hugh Jackman will host the Oscars. The 40-year-old Australian has never hosted.", None,
     ["australian"]),
    ("Tara Reid, the actress, checked into rehab. Reid, 33, was seen on Tuesday.", "tara reid", ["actress"]),
    # a noun the tagger calls a proper noun in lower case names no one
    ("Police said the accused, a 31-year-old Wellington man, lives on the High Street.", None, ["accused"]),
])
def test_an_age_keeps_the_roles_its_report_gives_its_holder(nlp, text, holder, roles):
    age = last_age(nlp, text)
    assert (age.frame.holder, age.frame.holder_roles) == (holder, roles)


def test_a_description_meets_the_name_its_role_is_given_to(nlp):
    named = first(nlp, "The host is Australian actor Hugh Jackman, 40.", "a")
    described = first(nlp, "The 45-year-old Australian has never hosted the Oscars before.", "b")
    other = first(nlp, "The 45-year-old actress has never hosted the Oscars before.", "b")
    doc_a, doc_b = Document(id="a", text=""), Document(id="b", text="")
    assert pair_features(named, described, set(), set(), doc_a, doc_b, 0.5)["holder_same"] == 1.0
    f = pair_features(named, other, set(), set(), doc_a, doc_b, 0.5)
    assert (f["holder_same"], f["holder_clash"]) == (0.0, 0.0)


@pytest.mark.parametrize("x, y, same", [
    ("paul riva", "riva", None),  # a surname alone: Paul's or a relative's
    ("deputy ortiz", "jeremy ortiz", None),
    ("paul riva", "paul riva", True),
    ("anthony lacalamita", "anthony lacalamita iii", True),
    ("paul riva", "maria riva", False),
    ("paul riva", "ben banky", False),
])
def test_two_ages_are_one_persons_when_both_names_say_so(x, y, same):
    from factcheck.names import same_person

    assert same_person(x, y) is same


def test_ages_of_one_person_are_told_from_ages_of_two(nlp):
    riva = first(nlp, "Paul Riva, 58, remained in critical condition.", "a")
    same = first(nlp, "Paul Riva, 47, of Sterling Heights was treated at Beaumont Hospital.", "b")
    other = first(nlp, "Karl Steinberg, 48, of Bruce Township was treated at Beaumont Hospital.", "b")
    doc_a, doc_b = Document(id="a", text=""), Document(id="b", text="")
    f_same = pair_features(riva, same, set(), set(), doc_a, doc_b, 0.5)
    f_other = pair_features(riva, other, set(), set(), doc_a, doc_b, 0.5)
    assert (f_same["holder_same"], f_same["holder_clash"]) == (1.0, 0.0)
    assert (f_other["holder_same"], f_other["holder_clash"]) == (0.0, 1.0)


@pytest.mark.parametrize("x, y, same", [
    ("ben banky", "benjamin david banky", True),
    ("riva", "paul riva", True),
    ("faa", "federal aviation administration", True),
    ("paul riva", "maria riva", False),  # a relative
    ("north carolina", "south carolina", False),
    ("new york", "new jersey", False),
    ("george w bush", "george walker bush", True),
    ("taunton crown court", "taunton deane magistrates' court", False),  # two courts of one town
    ("china eastern airlines", "china southern airlines", False),
    ("standard and poor's 500 index", "standard & poor's 500 index", True),
    ("academy of motion pictures arts and sciences", "academy of motion picture arts and sciences", True),
    # titles before a name, suffixes after it and a nickname in quotes are not its words
    ("deputy ortiz", "jerry ortiz", True),
    ("jerry ortiz", 'luis gerardo "jerry" ortiz', True),
    ("anthony lacalamita", "anthony lacalamita iii", True),
    ("president barack obama", "obama", True),
    ("deputy ortiz", "deputy perez", False),
    ("general motors", "ford motors", False),  # "general" is no title here
])
def test_one_participant_under_two_names(x, y, same):
    from factcheck.names import same_entity

    assert same_entity(x, y) is same


def _subject_of(nlp, text: str, claim_text: str) -> str | None:
    claim = next(c for c in extract_claims(text, nlp=nlp) if c.text == claim_text)
    return claim.frame.subject


def test_he_is_the_story_s_protagonist_not_the_last_person_quoted(nlp):
    text = ("The Angels offered first baseman Mark Teixeira an eight-year contract. Teixeira's agent "
            "met the owner. \"They have the right,\" general manager Tony Reagins said on Friday. "
            "Overall, he finished the season with 33 homers.")
    assert _subject_of(nlp, text, "33 homers") == "mark teixeira"


def test_he_is_the_person_named_before_it_in_its_own_sentence(nlp):
    text = ("Luann Marie Johnson was killed. Police said they pulled over the driver, Anthony LaSalle, "
            "a few blocks away after he had struck two other vehicles.")
    assert _subject_of(nlp, text, "two other vehicles") == "anthony lasalle"


def test_he_is_a_person_the_story_named_before_whatever_the_tagger_calls_the_name_here(nlp):
    # the small model tags "Rahman" an organisation in the third sentence; the story has named
    # Hasim Rahman a person, so the "he" of its relative clause is Rahman, not the protagonist
    text = ("Wladimir Klitschko stopped Hasim Rahman on Saturday. Klitschko dominated the fight. "
            "Rahman, a former heavyweight champion who shocked the world when he floored Lennox Lewis "
            "in 2003 for the title, showed absolutely no signs of life against Klitschko.")
    claim = next(c for c in extract_claims(text, nlp=nlp, date="2008-12-14") if c.text == "2003")
    assert claim.frame.subject == "hasim rahman"


def test_it_is_no_name_unless_an_organisation_was_the_subject_before(nlp):
    quake = ("The quake struck near Dubai in the United Arab Emirates. "
             "The survey said it had a magnitude of 5.9.")
    assert _subject_of(nlp, quake, "5.9") is None


@pytest.mark.parametrize("text, claim", [
    # the reporter of a clause is its holder, not its subject; "there" is the subject, an empty one
    ("Stoltenberg said there are 90 allied ships at sea.", "90 allied ships"),
    ("But witnesses said there were more than 50,000 in the square.", "more than 50,000"),
    ("The statement said the company was founded 12 years ago.", "12 years ago"),
])
def test_a_reported_clause_does_not_take_its_reporter_for_subject(nlp, text, claim):
    c = next(c for c in extract_claims(text, date="2013-01-10", nlp=nlp) if c.text == claim)
    assert c.frame.subject != "stoltenberg" and c.frame.subject not in ("witnesses", "statement"), c.frame


def test_a_reported_clause_keeps_a_subject_of_its_own(nlp):
    assert _subject_of(nlp, "Reagins said Mark Teixeira hit 33 homers.", "33 homers") == "mark teixeira"


def test_a_be_to_future_is_the_planned_verb_with_will(nlp):
    day = next(c for c in extract_claims("The alliance's leaders are to gather on February 28.",
                                         date="2022-02-24", nlp=nlp) if c.kind == "time")
    will = next(c for c in extract_claims("NATO leaders will gather on Friday.", date="2022-02-24", nlp=nlp)
                if c.kind == "time")
    assert (day.frame.predicate, day.frame.modality, day.frame.tense) == ("gather", "will", "future")
    assert (will.frame.predicate, will.frame.modality) == (day.frame.predicate, day.frame.modality)


@pytest.mark.parametrize("text, value", [
    # headline style: "X to do Y" says what will happen; a Friday ahead of a Thursday report
    ("NATO leaders to meet on Friday", "2022-02-25"),
    ("Ellen DeGeneres to host Oscars in 2014", "2014"),
])
def test_a_headline_infinitive_is_a_future(nlp, text, value):
    c = next(c for c in extract_claims(text, date="2022-02-24", nlp=nlp) if c.kind == "time")
    assert (c.value, c.frame.tense, c.frame.modality) == (value, "future", "will")


@pytest.mark.parametrize("text", ["He wants to host the Oscars in 2014.", "He went to the store on Friday."])
def test_an_infinitive_under_a_verb_is_no_headline_future(nlp, text):
    c = next(c for c in extract_claims(text, date="2022-02-24", nlp=nlp) if c.kind == "time")
    assert c.frame.tense != "future" and c.frame.modality is None

@pytest.mark.parametrize("text, claim, tense", [
    ("Dorsey says the woman accused of killing two co-workers is a hard worker.", "two co-workers", "past"),
    ("After killing 3 guards, the gunmen fled.", "3 guards", "past"),
    ("Rescuers are searching for 12 miners.", "12 miners", "present"),
    ("Rescuers were searching for 12 miners.", "12 miners", "past"),
    # a caption: the gerund hangs on a noun at the root, above which there is no verb
    ("Photo: protesters marching in 3 cities.", "3 cities", None),
])
def test_a_bare_gerund_takes_the_tense_of_the_verb_it_hangs_on(nlp, text, claim, tense):
    c = next(c for c in extract_claims(text, nlp=nlp) if c.text == claim)
    assert c.frame.tense == tense


@pytest.mark.parametrize("text, date, predicate", [
    ("Lionsgate is facing an issue with the sequel's scheduled March 22, 2013 release date.", "March 22, 2013",
     "release date"),
    ("Catching Fire has a release date of 22 November 2013.", "22 November 2013", "release date"),
    ("Police said Monday's attack killed 3 people.", "Monday", "attack"),
    ("NATO leaders will meet tomorrow.", "tomorrow", "meet"),
    # a second conjunct dates what the first does, not the clause's verb
    ("Williams, one of the biggest box-office stars of the 1940s and 1950s, died in her sleep.", "1950s",
     "office star"),
    ("The talks were held on Monday and Tuesday.", "Tuesday", "hold"),
])
def test_a_date_that_modifies_a_noun_dates_what_the_noun_names(nlp, text, date, predicate):
    c = next(c for c in extract_claims(text, date="2013-01-10", nlp=nlp) if c.text == date)
    assert c.frame.predicate == predicate


@pytest.mark.parametrize("text, claim, predicate, modality, subject", [
    # a conjunct with an auxiliary of its own states its own event; its subject is the first's
    ("A Los Angeles County sheriff's deputy interviewing a woman and a man outside a Hawaiian Gardens apartment "
     "was fatally shot Monday when a gunman burst out of the residence, put a handgun to the officer's face and "
     "fired, authorities said.", "Monday", "shoot", None, "sheriff's deputy"),
    ("The iPod Nano comes in two colors and will cost $199.", "$199", "cost", "will", "ipod nano"),
    # without one it shares the first verb's auxiliary: "will meet ... and discuss"
    ("NATO leaders will meet and discuss 3 plans.", "3 plans", "meet", "will", "nato leaders"),
])
def test_a_conjunct_with_its_own_auxiliary_is_its_own_predicate(nlp, text, claim, predicate, modality, subject):
    c = next(c for c in extract_claims(text, date="2013-01-10", nlp=nlp) if c.text == claim)
    assert (c.frame.predicate, c.frame.modality, (c.frame.subject or "").lower()) == (predicate, modality, subject)


def test_a_subject_is_one_name_however_its_apostrophe_is_typeset(nlp):
    c = next(c for c in extract_claims("A 35-year-old sheriff\u2019s deputy was killed Friday.", date="2013-01-10",
                                       nlp=nlp) if c.text == "Friday")
    assert (c.frame.predicate, c.frame.modality, (c.frame.subject or "").lower()) == ("kill", None, "sheriff's deputy")


def test_a_qualifier_never_holds_the_claim_itself(nlp):
    # the value would leak into qualifier_shared: copies agreeing in value would share it,
    # reports that disagree never could
    c = next(c for c in extract_claims(
        "The epicenter was in the waters of the Persian Gulf, 35 miles southwest of the port of Bandar Abbas.",
        nlp=nlp) if c.text == "35 miles")
    assert not any("35" in q for q in c.frame.qualifiers)
    d = next(c for c in extract_claims("Hiller had been with Kraft for 15 years.", nlp=nlp) if "15" in c.text)
    assert d.frame.qualifiers == ["with Kraft"]


@pytest.mark.parametrize("text,claim,places", [
    # the infinitive's own object and places are a purpose beside the jets, not where they are
    ("They have over 100 jets on high alert to protect our airspace, as well as more than 120 "
     "allied ships at sea from the Arctic to the Mediterranean.", "over 100 jets", []),
    ("The company hired 500 workers in Ohio to serve customers in Texas.", "500 workers", ["ohio"]),
    # an infinitive that holds the claim is the claim's own predicate, places and all
    ("Officials expected the toll in Haiti to reach 100 by Friday.", "100", ["haiti"]),
])
def test_a_purpose_infinitive_lends_the_claim_none_of_its_places(nlp, text, claim, places):
    c = next(c for c in extract_claims(text, nlp=nlp, date="2022-02-24") if c.text == claim)
    assert c.frame.places == places


def test_a_name_is_read_without_the_punctuation_the_parser_kept():
    from factcheck.frames import _name

    assert _name("the Academy Awards:") == "academy awards"
    assert _name("\u201cNew GM") == "new gm"
    assert _name("\u201cthe Foul Pole") == "foul pole"
    assert _name("Sheriff\u2019s") == "sheriff"
    assert _name("the U.S.") == "u.s."


def test_a_count_with_rivals_in_its_report_weighs_less_than_a_lone_one(nlp):
    from factcheck.samefact import kind_counts

    a = extract_claims("NATO has over 100 jets on high alert.", id="a", nlp=nlp)
    b = extract_claims("Roughly 70 jets were on high alert. Another 20 jets were grounded. "
                       "Some 5 jets were sold.", id="b", nlp=nlp)
    doc_a, doc_b = Document(id="a", text=""), Document(id="b", text="")
    counts = kind_counts(a + b)
    lone = pair_features(a[0], b[0], set(), set(), doc_a, doc_b, 0.5, None, counts)
    alone = pair_features(a[0], b[0], set(), set(), doc_a, doc_b, 0.5, None, kind_counts(a + b[:1]))
    assert lone["kind_rarity"] == pytest.approx(1 / 3)
    assert alone["kind_rarity"] == 1.0


def test_the_date_gap_counts_for_moving_levels_apart_from_fixed_facts(nlp):
    moving = first(nlp, "The company has 500 employees.", "a")
    other = first(nlp, "The company has 450 employees.", "b")
    fixed = first(nlp, "Two boats escaped on Thursday.", "a")
    fixed_b = first(nlp, "Four boats escaped on Thursday.", "b")
    doc_a = Document(id="a", text="", date="2022-02-24")
    doc_b = Document(id="b", text="", date="2022-03-24")
    f_moving = pair_features(moving, other, set(), set(), doc_a, doc_b, 0.5)
    f_fixed = pair_features(fixed, fixed_b, set(), set(), doc_a, doc_b, 0.5)
    assert f_moving["date_gap"] > 0 and f_moving["date_gap_fixed"] == 0
    assert f_fixed["date_gap_fixed"] == f_moving["date_gap"] and f_fixed["date_gap"] == 0


def test_the_shipped_weights_keep_the_sign_their_meaning_gives_them():
    from factcheck.samefact import AGAINST_SAME, FOR_SAME

    weights = json.loads(resources.files("factcheck").joinpath("resources/samefact.json").read_text("utf-8"))["weights"]
    assert FOR_SAME | AGAINST_SAME <= set(FEATURES)
    assert all(weights[n] >= 0 for n in FOR_SAME) and all(weights[n] <= 0 for n in AGAINST_SAME)
    assert weights["thing_same"] > 0 and weights["total_one_side"] < 0  # not all held at zero


@pytest.mark.parametrize("text, subject", [
    # the husband is named last and most, but "she" is not a man the report calls a husband
    ("Her husband Edward Bell and Esther Williams arrived. Bell spoke. Bell said she had been ill for 9 days.",
     "esther williams"),
    # nor one it calls "Mr."
    ("Mr. Faud Ali saw Tanya Wilson run out. Ali called police. Ali said she had worked there for 9 years.",
     "tanya wilson"),
    # a person the report gives no gender may be anyone's "she"
    ("Mark Ali spoke to reporters. Ali said she had been ill for 9 days.", "mark ali"),
])
def test_a_pronoun_is_not_a_person_of_the_other_gender(nlp, text, subject):
    claim = next(c for c in extract_claims(text, nlp=nlp) if c.text.startswith("9"))
    assert claim.frame.subject == subject


@pytest.mark.parametrize("text, subject", [
    # the person the sentence before was about, though another is named more
    ("Ed Stefanski hired Maurice Cheeks. Stefanski praised him. Stefanski spoke. Cheeks guided the team. "
     "On April 18 he earned his 200th win.", "maurice cheeks"),
    # of that sentence's clauses, the last with a subject of its own
    ("Jennifer Lawrence is signed. Lawrence is happy, but Gary Ross does not have a deal. "
     "He was paid $3 million for the film.", "gary ross"),
    # not the one who only said something: the story's protagonist is still the "he"
    ("Mark Teixeira met the Angels. Teixeira wants a deal. Teixeira spoke. Tony Reagins said talks went well. "
     "He hit 33 home runs.", "mark teixeira"),
])
def test_a_pronoun_is_the_person_the_sentence_before_was_about(nlp, text, subject):
    claim = max(extract_claims(text, nlp=nlp), key=lambda c: c.start)  # a claim of the last sentence
    assert claim.start > text.rfind(". ") and claim.frame.subject == subject
