"""contradiction: a sentence in one report contradicts a sentence in another (the NLI stage).

The candidate sentence pairs and the scoring machinery are factcheck/contradiction.py; what
makes a scored pair a finding (or a paraphrase) is here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Cluster, Found, Rule

from ..types import Agreement, Evidence, Finding, ParsedSentence

if TYPE_CHECKING:
    from ..contradiction import Candidate
    from ..options import Options


def find(cluster: Cluster) -> Found:
    """Contradictions between the candidate sentence pairs of the cluster, scored both ways by
    the NLI model: a minimal edit that negates or inverts the other sentence, or a score at or
    above the threshold with a wording cue, unless the aligned claims decide (numeric and
    temporal conflicts are those rules'; compatible numbers are made equal and the pair rescored).
    Pairs with no cue that entail each other both ways, are a converse restatement, or are one
    sentence in both reports, are paraphrases. Denials read from the parse (``_denials``) are
    reported with the model or without it (``--no-nli``)."""
    denied = _denials(cluster)
    if cluster.nli is None:
        return Found(denied)
    from collections import defaultdict

    from ..contradiction import (CONVERSE_COSINE, DEFAULT_THRESHOLD, ENTAILMENT_THRESHOLD, PARAPHRASE_COSINE,
                                 PARAPHRASE_JACCARD, _equalise, claim_verdict, score_pairs, select_candidates)
    from ..cues import Cues, find_cues, places_together
    from ..denials import same_day
    from ..scope import readings_of_two_days
    from ..nli import NLIModel

    options, nli, cache, docs = cluster.options, cluster.nli, cluster.cache, cluster.documents
    if cluster.embedder is not None:
        embedder = cluster.embedder()
    else:
        from ..embed import Embedder

        embedder = Embedder.load(options.device, options.quantize)
    threshold = options.nli_threshold or getattr(nli, "contradiction_threshold", None) or DEFAULT_THRESHOLD
    candidates, _ = select_candidates(cluster.analyses, embedder, options, cluster.lemmas)
    by_sentence = defaultdict(list)
    for c in cluster.claims:
        by_sentence[(c.doc, c.sentence_start)].append(c)

    def claims_in(p: ParsedSentence):
        return by_sentence.get((p.sentence.doc, p.sentence.start), [])

    # "down 2.62% at 16:08 UTC" / "up 3.10% at 14:58 UTC" of two days are two days' moves:
    # left out before their cues are read and the model scores them
    candidates = [c for c in candidates if not readings_of_two_days(claims_in(c.a), claims_in(c.b), cluster.documents)]

    # The wording cues are cheap and decide what the model's scores can change: a pair with a
    # cue can be a contradiction, one without can only be a paraphrase, and a paraphrase far in
    # meaning or words is rare. So only the pairs with a cue and the close pairs without are
    # scored. One sentence in two reports (wire copy) says the same thing whatever the model
    # makes of it: of 238 such pairs of the open ECB+ articles it read 92 as no paraphrase.
    memo: dict = {}  # each sentence read once, while the candidates hold its Doc
    together = places_together(p.doc for a in cluster.analyses for p in a.sentences)
    all_cues: dict[int, Cues] = {}  # by candidate index; none for one sentence against itself
    agreements: list[Agreement] = []
    scored = []
    for i, c in enumerate(candidates):
        if c.a.sentence.text == c.b.sentence.text:  # no wording cue tells a sentence from itself
            agreements.append(_paraphrase(c, 1.0, "the same sentence"))
            continue
        cues = all_cues[i] = find_cues(c.a.doc, c.b.doc, memo, together,
                                       same_day(docs[c.a.sentence.doc], docs[c.b.sentence.doc]))
        if cues.contradiction or cues.minimal_edit or (
                c.cosine >= PARAPHRASE_COSINE and (c.jaccard >= PARAPHRASE_JACCARD or cues.converse)):
            scored.append(i)
    ent, con = NLIModel.LABELS.index("entailment"), NLIModel.LABELS.index("contradiction")
    probs = _score_both_ways(nli, [candidates[i] for i in scored], [all_cues[i] for i in scored], cache, ent)
    n = len(scored)

    findings: list[Finding] = []
    rescore: list[tuple[int, str, str, list[str]]] = []
    for k, i in enumerate(scored):
        cand, cues = candidates[i], all_cues[i]
        forward, backward = probs[k], probs[n + k]
        contradiction = float(max(forward[con], backward[con]))
        # nothing in the wording can make them contradict: a high score is the model's
        # word-overlap bias, and the pair is judged like any other
        if cues.minimal_edit and not cues.converse:
            # one side negates or inverts the other and nothing else changed, numbers included:
            # "dropped 2.36% to below the 5000 mark at 4907.20" / "rose 8.04% to above the 5000
            # mark at 5272.50" are two days' readings whose values conflict, which is for the
            # numeric rule to judge as values, not a reversal of one statement
            if claim_verdict(claims_in(cand.a), claims_in(cand.b), options)[0] == "conflict":
                continue
            findings.append(_finding(cand, contradiction,
                                     [*cues.contradiction, "otherwise the same words"], options,
                                     score=cues.overlap))
            continue
        if contradiction >= threshold and cues.contradiction:
            ca, cb = claims_in(cand.a), claims_in(cand.b)
            verdict, pairs = claim_verdict(ca, cb, options)
            if verdict == "conflict":
                continue  # the numeric/temporal rule reports it, with the interval reasoning
            reasons = [c for c in cues.contradiction if not (verdict and c == "number")]
            if not reasons:
                continue
            if verdict == "compatible":
                repl = {b.id: a.text for a, b, _ in pairs}
                b_text = _equalise(cand.b.sentence.text, cand.b.sentence.start, cb, repl)
                rescore.append((i, cand.a.sentence.text, b_text, reasons))
                continue
            findings.append(_finding(cand, contradiction, reasons, options))
        elif not cues.contradiction:
            entail = float(min(forward[ent], backward[ent]))
            if entail >= ENTAILMENT_THRESHOLD:
                agreements.append(_paraphrase(cand, entail, "NLI entailment both ways"))
            elif cues.converse and cand.cosine >= CONVERSE_COSINE:
                agreements.append(_paraphrase(cand, cand.cosine, "converse restatement"))
    if rescore:
        pairs2 = [(a, b) for _, a, b, _ in rescore]
        again = score_pairs(nli, pairs2 + [(b, a) for a, b in pairs2], cache)
        m = len(rescore)
        for j, (i, _, _, reasons) in enumerate(rescore):
            contradiction = float(max(again[j][con], again[m + j][con]))
            if contradiction >= threshold:
                findings.append(_finding(candidates[i], contradiction, reasons, options))
    # a denial the model found too is one finding: the model's, which says how sure it is
    cited = {f.sentences() for f in findings}
    findings += [f for f in denied if not any(frozenset([(f.evidence[0].doc, f.evidence[0].start), (e.doc, e.start)]) in cited
                                              for e in f.evidence[1:])]
    return Found(findings, agreements)


def _denials(cluster: Cluster) -> list[Finding]:
    """One finding for each clause a report negates that others state (factcheck/denials.py),
    citing the negated sentence first and then one stating sentence a report; its score is the
    share of content words the negated sentence has in common with the closest of them (as a
    minimal edit's is: no model weighs it)."""
    from ..denials import denials
    from ..samefact import jaccard

    out, done = [], set()
    for d in denials(cluster.analyses, cluster.documents, cluster.options):
        n = d.denied.sentence
        evidence = [Evidence(n.doc, n.start, n.end, n.text)]
        evidence += [Evidence(s.sentence.doc, s.sentence.start, s.sentence.end, s.sentence.text) for s in d.stated]
        key = tuple((e.doc, e.start) for e in evidence)
        if key in done:  # two negated verbs of one sentence against the same sentences
            continue
        done.add(key)
        words = cluster.lemmas.get((n.doc, n.start), set())
        docs = ", ".join(s.sentence.doc for s in d.stated)
        out.append(Finding("", RULE.id, cluster.options.severity_of(RULE.id),
                           f"{n.doc} denies what {docs} {'states' if len(d.stated) == 1 else 'state'} "
                           f"({d.describe()}: negated in {n.doc}, stated in {docs}; a clause read from the parse)",
                           round(max(jaccard(words, cluster.lemmas.get((s.sentence.doc, s.sentence.start), set()))
                                     for s in d.stated), 3), evidence))
    return out


def _score_both_ways(nli, pairs: list[Candidate], cues: list, cache, ent: int):
    """NLI probabilities of each pair read forward (rows 0..n-1) and backward (rows n..2n-1).

    A pair without a cue can only become a paraphrase, which needs entailment both ways: its
    backward reading is scored only when its forward reading entails, and is otherwise left
    as the forward row (which the caller's ``min`` over the two then decides alone). On the
    462 open ECB+ articles the pairs without a cue are 1,528 of the 1,636 scored."""
    import numpy as np

    from ..contradiction import ENTAILMENT_THRESHOLD, score_pairs

    texts = [(c.a.sentence.text, c.b.sentence.text) for c in pairs]
    both = [k for k, cue in enumerate(cues) if cue.contradiction or cue.minimal_edit]
    first = score_pairs(nli, texts + [(texts[k][1], texts[k][0]) for k in both], cache)
    n = len(pairs)
    probs = np.concatenate([first[:n], first[:n]])
    probs[[n + k for k in both]] = first[n:]
    need = sorted(set(k for k in range(n) if first[k][ent] >= ENTAILMENT_THRESHOLD) - set(both))
    if need:
        probs[[n + k for k in need]] = score_pairs(nli, [(texts[k][1], texts[k][0]) for k in need], cache)
    return probs


def _evidence(p: ParsedSentence) -> Evidence:
    s = p.sentence
    return Evidence(s.doc, s.start, s.end, s.text)


def _finding(cand: Candidate, contradiction: float, reasons: list[str], options: Options,
             score: float | None = None) -> Finding:
    """``score``: the model's contradiction probability, or for a minimal edit (which the rule
    decides) the share of content words the two sentences have in common."""
    return Finding("", RULE.id, options.severity_of(RULE.id),
                   f"{cand.a.sentence.doc} and {cand.b.sentence.doc} contradict each other "
                   f"({', '.join(reasons)}; NLI contradiction {contradiction:.2f})",
                   round(contradiction if score is None else score, 3),
                   [_evidence(cand.a), _evidence(cand.b)])


def _paraphrase(cand: Candidate, score: float, why: str) -> Agreement:
    return Agreement("", "paraphrase", "agree",
                     f"{cand.a.sentence.doc} and {cand.b.sentence.doc} say the same thing "
                     f"({why}, {score:.2f})",
                     round(score, 3), [_evidence(cand.a), _evidence(cand.b)])


RULE = Rule(
    id="contradiction",
    default_severity="error",
    summary="A sentence in one report contradicts a sentence in another.",
    help=(
        "Flags a pair of sentences from two reports of one cluster, dated at most "
        "max-date-gap-days apart, that speak of the same thing (close sentence embeddings and "
        "shared content words) and contradict each other: the NLI model scores the pair both ways "
        "and the larger contradiction probability reaches its calibrated threshold "
        "(nli-threshold), and something in the wording can carry a contradiction (a negation "
        "bearing on shared words, a swapped name, an antonym in the same role, swapped roles). A sentence that is "
        "the other with only a negation or an inversion changed, or that negates a clause the other "
        "states with the same verb, is flagged whatever the score; a negated clause parallel to one "
        "the other states is a cue for the model. "
        "Aligned numbers and dates decide over the model: a pair whose claims conflict is left to "
        "numeric-conflict or temporal-conflict, one whose claims are compatible is scored again "
        "with the numbers made equal. Pairs with no cue that entail each other both ways, "
        "restate each other conversely, or are the same sentence, are listed as agreements. Why: reports contradict each "
        "other in words as well as figures ('the talks failed' / 'the talks succeeded'). The "
        "model can be wrong, above all on hedged or partial statements: read both sentences, and "
        "silence it with a reason when they are compatible. Besides the model, a clause one report "
        "negates that another states with the same subject, verb and modal, the negated one naming "
        "nothing the other does not ('Bettie Page has not died' / 'Bettie Page died in Los Angeles'), "
        "is flagged from the parse alone, with or without --no-nli, which turns the model off."
    ),
    reads="cluster",
    find=find,
)
