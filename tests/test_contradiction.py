"""The NLI stage with the shipped model: paraphrases agree, edited seeds contradict, and the
numeric logic overrides the model on compatible numbers."""

from __future__ import annotations

import pytest

from factcheck.load import load_documents
from factcheck.options import Options
from factcheck.pipeline import Checker

B = "001_cf6b84a07b3c0ba3.txt"


@pytest.fixture(scope="module")
def nli():
    from factcheck.nli import NLIModel

    return NLIModel.load()


@pytest.fixture(scope="module")
def nli_checker(nlp, nli):
    return Checker(Options(), nlp=nlp, nli=nli)


def edit(folder, name, old, new):
    p = folder / name
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_seeds_have_no_contradiction_and_the_paraphrase_agrees(nli_checker, seed_dir):
    result = nli_checker.check(load_documents([seed_dir]))
    assert result.findings == [], [f.message for f in result.findings]
    paraphrases = [a for a in result.agreements if a.kind == "paraphrase"]
    texts = [" ".join(e.text for e in a.evidence) for a in paraphrases]
    assert any("Autocracy will always lose to democracy" in t and
               "Democracy will always prevail over autocracy" in t for t in texts), texts


class _Recording:
    """The real model, recording the pairs it is asked to score."""

    def __init__(self, model):
        self.model, self.pairs, self.probs = model, [], {}
        self.name, self.contradiction_threshold = model.name, model.contradiction_threshold

    def predict(self, pairs):
        self.pairs.extend(pairs)
        probs = self.model.predict(pairs)
        self.probs.update(zip(pairs, probs))  # as scored in its batch
        return probs


def _scored_run(nlp, nli, seed_dir):
    """Judge the seeds with the real model, recording what it scores: (recording, result, the
    NLI stage's candidate pairs)."""
    from factcheck.contradiction import select_candidates
    from factcheck.segment import sentence_lemmas

    recording = _Recording(nli)
    checker = Checker(Options(), nlp=nlp, nli=recording)
    analyses = checker.analyse_all(load_documents([seed_dir]))
    result = checker.judge(analyses)
    candidates, _ = select_candidates(analyses, checker.embedder, Options(),
                                      sentence_lemmas(p for a in analyses for p in a.sentences))
    return recording, result, candidates


def test_only_pairs_with_a_cue_or_close_in_meaning_are_scored(nlp, nli, seed_dir):
    from factcheck.contradiction import PARAPHRASE_COSINE, PARAPHRASE_JACCARD
    from factcheck.cues import find_cues

    recording, result, candidates = _scored_run(nlp, nli, seed_dir)

    def close(c, cues):
        return c.cosine >= PARAPHRASE_COSINE and (c.jaccard >= PARAPHRASE_JACCARD or cues.converse)

    wanted = {(c.a.sentence.text, c.b.sentence.text) for c in candidates
              if (cues := find_cues(c.a.doc, c.b.doc)).contradiction or close(c, cues)}
    left_out = {(c.a.sentence.text, c.b.sentence.text) for c in candidates} - wanted
    assert wanted and left_out  # the seeds have both kinds, so the test can tell them apart
    scored = set(recording.pairs)
    assert wanted <= scored and not left_out & scored
    # the paraphrase of the seeds is still found from the pairs scored
    assert any(a.kind == "paraphrase" for a in result.agreements)


def test_one_sentence_in_both_reports_agrees_without_the_model(nlp, nli, seed_dir):
    # wire copy: the model reads some such pairs as no paraphrase, yet they say the same thing
    line = "The alliance's foreign ministers discussed the security situation in Brussels on Friday."
    for name in ("000_d27642fac88a8c5e.txt", B):
        (seed_dir / name).write_text((seed_dir / name).read_text(encoding="utf-8") + "\n\n" + line + "\n", encoding="utf-8")
    recording, result, candidates = _scored_run(nlp, nli, seed_dir)
    assert any(c.a.sentence.text == c.b.sentence.text == line for c in candidates)
    same = [a for a in result.agreements if a.kind == "paraphrase" and "the same sentence" in a.message]
    assert [(a.evidence[0].text, a.evidence[1].text) for a in same] == [(line, line)]
    assert same[0].evidence[0].doc != same[0].evidence[1].doc and same[0].score == 1.0
    assert (line, line) not in recording.pairs
    assert result.findings == []


def test_a_pair_without_a_cue_is_read_backward_only_when_it_entails_forward(nlp, nli, seed_dir):
    from factcheck.contradiction import ENTAILMENT_THRESHOLD
    from factcheck.cues import find_cues
    from factcheck.nli import NLIModel

    # a paraphrase the shipped model reads as entailment both ways (0.91 / 0.88)
    for name, line in (("000_d27642fac88a8c5e.txt", "The minister resigned after the vote."),
                       (B, "After the vote, the minister resigned.")):
        (seed_dir / name).write_text((seed_dir / name).read_text(encoding="utf-8") + "\n\n" + line + "\n", encoding="utf-8")
    recording, result, candidates = _scored_run(nlp, nli, seed_dir)
    scored = set(recording.pairs)
    ent = NLIModel.LABELS.index("entailment")
    entails, not_read = 0, 0
    for c in candidates:
        a, b = c.a.sentence.text, c.b.sentence.text
        if (a, b) not in scored:
            continue
        cues = find_cues(c.a.doc, c.b.doc)
        if cues.contradiction or cues.minimal_edit:
            assert (b, a) in scored  # a contradiction takes the larger of both readings
        elif recording.probs[(a, b)][ent] >= ENTAILMENT_THRESHOLD:  # int8: as scored in its batch
            entails += 1
            assert (b, a) in scored
        else:
            not_read += 1
            assert (b, a) not in scored
    assert entails and not_read  # the seeds have both kinds of cue-free pair
    # and the paraphrases are those of reading every scored pair both ways
    both = sorted({(a, b) for a, b in scored} | {(b, a) for a, b in scored})
    probs = {**dict(zip(both, nli.predict(both))), **recording.probs}
    expected = {(c.a.sentence.text, c.b.sentence.text) for c in candidates
                if (c.a.sentence.text, c.b.sentence.text) in scored and not find_cues(c.a.doc, c.b.doc).contradiction
                and min(probs[(c.a.sentence.text, c.b.sentence.text)][ent],
                        probs[(c.b.sentence.text, c.a.sentence.text)][ent]) >= ENTAILMENT_THRESHOLD}
    found = {(a.evidence[0].text, a.evidence[1].text) for a in result.agreements
             if a.kind == "paraphrase" and "entailment" in a.message}
    assert found == expected and found


@pytest.mark.parametrize("old,new,needle", [
    ("Freedom will always prevail over oppression", "Freedom will never prevail over oppression",
     "never prevail"),
    ("Stoltenberg said NATO stands in solidarity with Ukraine.",
     "Stoltenberg said NATO stands in solidarity with Ukraine. There will be NATO troops inside Ukraine.",
     "There will be NATO troops inside Ukraine"),
])
def test_edited_seed_is_flagged_as_contradiction(nli_checker, seed_dir, old, new, needle):
    edit(seed_dir, B, old, new)
    result = nli_checker.check(load_documents([seed_dir]))
    flagged = [f for f in result.findings if f.rule == "contradiction"]
    assert len(flagged) >= 1, [f.message for f in result.findings]
    f = flagged[0]
    assert any(needle in e.text for e in f.evidence)
    assert len({e.doc for e in f.evidence}) == 2
    docs = {d.id: d.text for d in result.documents}
    for e in f.evidence:
        assert docs[e.doc][e.start:e.end] == e.text


def test_compare_numbers(nli, nlp):
    from factcheck import compare

    out = compare("They have over 100 jets on high alert.", "They have 80 jets on high alert.", nli=nli, nlp=nlp)
    assert out["label"] == "contradiction" and "conflict" in out["reason"]
    out = compare("NATO has 120 ships at sea.", "NATO has more than 100 ships at sea.", nli=nli, nlp=nlp)
    assert out["label"] != "contradiction"
    assert set(out["scores"]) == {"entailment", "neutral", "contradiction"}
    assert abs(sum(out["scores"].values()) - 1) < 1e-3


def test_compare_derived_totals(nli, nlp):
    from factcheck import compare

    a = "NATO sent 100 troops to Poland and 50 troops to Romania."
    out = compare(a, "In all, 150 troops were sent.", nli=nli, nlp=nlp)
    assert out["label"] == "entailment" and "100 + 50 = 150" in out["reason"]
    out = compare(a, "In all, 170 troops were sent.", nli=nli, nlp=nlp)
    assert out["label"] == "contradiction" and "'170 troops'" in out["reason"]


def test_compare_rejects_empty(nli, nlp):
    from factcheck import compare
    from factcheck.errors import FactcheckError

    with pytest.raises(FactcheckError):
        compare("", "Something.", nli=nli, nlp=nlp)


def test_compare_uses_wording_cues(nli, nlp):
    from factcheck import compare

    out = compare("There would be no NATO troops inside Ukraine.", "There will be NATO troops inside Ukraine.",
                  nli=nli, nlp=nlp)
    assert out["label"] == "contradiction" and "negation" in out["reason"]
    out = compare("Brazil beat Germany in the final.", "Germany lost to Brazil in the final.", nli=nli, nlp=nlp)
    assert out["label"] == "entailment"


def test_two_days_moves_of_an_index_are_no_contradiction(nlp, nli):
    from factcheck.types import Document

    every_pair = Checker(Options(max_date_gap_days=None), nlp=nlp, nli=nli)  # dates never keep them apart

    def reports(later_date):
        return [Document(id="first", date="2008-09-17", cluster="markets",
                         text="Markets were mixed. The Nasdaq index has fallen by 3.16% at 16:08 UTC."),
                Document(id="later", date=later_date, cluster="markets",
                         text="Markets were mixed. The Nasdaq index has risen by 2.53% at 14:58 UTC.")]
    apart = every_pair.check(reports("2008-09-20"))
    assert not [f for f in apart.findings if f.rule == "contradiction"], [f.message for f in apart.findings]
    same_day = every_pair.check(reports("2008-09-17"))
    # one day's fall and rise differ in their values too: the values' side decides the pair
    # (a conflict, or two readings an hour apart not compared, as the same-fact model weighs
    # them), never the NLI stage as well
    assert not [f for f in same_day.findings if f.rule == "contradiction"], [f.message for f in same_day.findings]
    by_values = [f.message for f in same_day.findings if f.rule == "numeric-conflict"] + [
        n.message for n in same_day.not_compared if "3.16" in n.message and "2.53" in n.message]
    assert len(by_values) == 1, (by_values, [f.message for f in same_day.findings])


def test_a_reversal_whose_numbers_conflict_is_left_to_the_values(nlp, nli):
    """'dropped ... to below the 5000 mark at 4907.20' / 'rose ... to above the 5000 mark at
    5272.50' differ in their numbers too: not one statement reversed, two readings; the same
    reversal with the same numbers is a contradiction whatever the model says."""
    from factcheck.types import Document

    every_pair = Checker(Options(max_date_gap_days=None), nlp=nlp, nli=nli)

    def check(second: str):
        return every_pair.check([
            Document(id="first", date="2008-09-17", cluster="markets",
                     text="The FTSE 100 dropped in value by 2.36%, which is 118.40 points, to below the 5000 mark at 4907.20."),
            Document(id="later", date="2008-09-19", cluster="markets", text=second)])

    readings = check("The FTSE 100 rose in value by 8.04%, which is 392.50 points, to above the 5000 mark at 5272.50.")
    assert not [f for f in readings.findings if f.rule == "contradiction"], [f.message for f in readings.findings]
    reversal = check("The FTSE 100 dropped in value by 2.36%, which is 118.40 points, to above the 5000 mark at 4907.20.")
    assert [f.rule for f in reversal.findings if f.rule == "contradiction"] == ["contradiction"], \
        [f.message for f in reversal.findings]
