"""What in the wording of two sentences could make them contradict each other.

A small NLI model leans on word overlap: two near-identical sentences of a news story can get
a high contradiction score for no reason a reader would accept. FactCC-style contradictions
come from a handful of edits (a negation, a number, a swapped name, an antonym, swapped roles),
so the NLI stage reports a contradiction only when one of these cues is present, and names it.

A converse restatement ("Autocracy will always lose to democracy" / "Democracy will always
prevail over autocracy": antonymous verbs with the roles swapped) is the same claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from . import lexicon
from .names import same_entity

NEGATIONS = set(lexicon.words("negations"))
NEG_RAISING = set(lexicon.words("neg_raising_verbs"))

# Verb and adjective pairs of opposite meaning, as lemmas (resources/antonym_lemmas.tsv).
ANTONYMS: dict[str, set[str]] = {}
for _x, _y in lexicon.rows("antonym_lemmas"):
    ANTONYMS.setdefault(_x, set()).add(_y)
    ANTONYMS.setdefault(_y, set()).add(_x)

MINIMAL_EDIT_OVERLAP = 0.8
PARALLEL = 0.4

# Entity types whose substitution changes who or where: "Russia" for "Belarus".
_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}


@dataclass(frozen=True)
class Cues:
    contradiction: list[str]  # why the two could contradict: "negation", "antonym lose/win", ...
    converse: bool  # antonymous predicates with swapped roles: a restatement
    # same content words once the cue words are set aside: the pair is a minimal edit
    # ("There would be no NATO troops" / "There will be NATO troops"), a contradiction
    # whatever a small model says, when the edit is a negation or an antonym
    overlap: float = 0.0
    same_roles: bool = False  # the main verbs have the same agent and patient

    @property
    def minimal_edit(self) -> bool:
        """A negation or antonym flip between sentences that otherwise say the same of the
        same participants: "Freedom will never prevail over oppression" / "Oppression will
        always be defeated by freedom"."""
        flip = any(c == "negation" or c.startswith("antonym") for c in self.contradiction)
        if "negated converse" in self.contradiction or "negated clause" in self.contradiction:
            return True  # found only between parallel sentences or clauses, by definition
        return flip and (self.overlap >= MINIMAL_EDIT_OVERLAP or self.same_roles)


def _negated(tokens) -> list[str]:
    """Lemmas of the words each negation applies to: "no troops" -> troop, "never prevail",
    "without reporting it" -> report (a preposition negates its object, not its head)."""
    out = []
    for t in tokens:
        if not (t.dep_ == "neg" or t.lower_ in NEGATIONS) or _not_only(t) or _or_not(t):
            continue
        obj = next((c for c in t.children if c.dep_ in ("pobj", "pcomp")), None) if t.pos_ == "ADP" else None
        out.append((obj if obj is not None else t.head).lemma_.lower())
    return out


def _not_only(t) -> bool:
    """"not only X but Y" asserts X."""
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "only"


def _or_not(t) -> bool:
    """"whether consultation occurs or not" asks; it denies nothing."""
    return t.lower_ == "not" and t.i > 0 and t.doc[t.i - 1].lower_ == "or"


def _roles(tokens) -> tuple[str | None, str | None]:
    """(agent, patient) lemmas of the main verb, undoing the passive."""
    root = _main_clause(tokens)
    if root is None:
        return None, None
    agent = patient = None
    for c in root.children:
        if c.dep_ == "nsubj":
            agent = c.lemma_.lower()
        elif c.dep_ == "nsubjpass":
            patient = c.lemma_.lower()
        elif c.dep_ == "dobj":
            patient = c.lemma_.lower()
        elif c.dep_ in ("agent", "prep"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                if c.dep_ == "agent":
                    agent = obj.lemma_.lower()
                elif patient is None:
                    patient = obj.lemma_.lower()
    return agent, patient


_REPORTING = lexicon.words("reporting_verbs")


def _attribution(tokens) -> set[int]:
    """Token indices of "he said", "according to Stoltenberg": who said it is not what was said."""
    skip: set[int] = set()
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is None:
        return skip
    if root.lemma_.lower() in _REPORTING:
        said = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis")), None)
        if said is not None:
            keep = {t.i for t in said.subtree}
            return {t.i for t in tokens if t.i not in keep}
    for t in tokens:
        if t.lemma_.lower() == "accord" and t.dep_ in ("prep", "advcl"):
            skip |= {x.i for x in t.subtree}
    return skip


def _main_clause(tokens):
    """The reported clause when the sentence is "X said ...", else the sentence root."""
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_.lower() in _REPORTING:
        said = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis")), None)
        if said is not None:
            return said
    return root


def _content(tokens, skip: set[int]) -> set[str]:
    """Content lemmas outside ``skip`` (``_attribution``)."""
    return {t.lemma_.lower() for t in tokens
            if t.i not in skip and (t.is_alpha and not t.is_stop or t.lemma_.lower() in ANTONYMS)}


def _slot(ent) -> tuple[str, ...]:
    """Where an entity sits in its sentence: its dependency and head, and for the object of a
    preposition the word the preposition attaches to ("held in [Paris]": pobj, in, hold)."""
    root = ent.root
    slot = (root.dep_, root.head.lemma_.lower())
    if root.dep_ == "pobj":
        slot += (root.head.head.lemma_.lower(),)
    return slot


def _alias(x: str, y: str) -> bool:
    """One name under two spellings: "tenn." / "tennessee", "faa" / "federal aviation
    administration", "obama" / "barack obama" (names.same_entity)."""
    x, y = x.replace(".", "").strip(), y.replace(".", "").strip()
    short, long = sorted((x, y), key=len)
    return same_entity(x, y) or (len(short) >= 3 and " " not in short and long.startswith(short))


def _entities(doc) -> dict[str, dict[str, tuple[str, set[str], tuple[str, ...]]]]:
    """Per entity type, each name in lower case: (name, its words, ``_slot``)."""
    out: dict[str, dict[str, tuple[str, set[str], tuple[str, ...]]]] = {}
    for e in doc.ents:
        if e.label_ in _ENTITY_TYPES:
            name = e.text.lower()
            out.setdefault(e.label_, {})[name] = (name, set(name.split()), _slot(e))
    return out


# Entity types that name a place: two of them in one sentence are mostly one inside the other
# ("Athens, Greece", "Qeshm island in the Persian Gulf") or both places of the story
_PLACE_TYPES = {"GPE", "LOC", "FAC"}


def places_together(docs) -> frozenset[frozenset[str]]:
    """Pairs of place names (lower case) that some sentence of ``docs`` names together."""
    out = set()
    for doc in docs:
        names = sorted({e.text.lower() for e in doc.ents if e.label_ in _PLACE_TYPES})
        out.update(frozenset((x, y)) for i, x in enumerate(names) for y in names[i + 1:])
    return frozenset(out)


def _swapped_entities(a: _Sentence, b: _Sentence, together: frozenset[frozenset[str]] = frozenset(),
                      ) -> tuple[str, set[str]] | None:
    """A name in one sentence where the other has a different name of the same type in the
    same place of the sentence ("talks in Paris" / "talks in Berlin"), not two spellings of one
    ("Nashville, Tenn." / "Nashville, Tennessee"), not a name the other sentence has in lower
    case ("Vehicular Manslaughter" / "vehicular manslaughter"), not a name in another role ("a
    Vancouver man" / "a man in Canada"), and not two places that a sentence of the story names
    together (``together``: "an attack on a bank in Greece" / "in Athens", where another
    sentence says "Athens, Greece"): a city for its country, or either of two places the story
    spans, is no contradiction, and no gazetteer here says which contains which."""
    for label in sorted(_ENTITY_TYPES):
        ea, eb = a.entities.get(label, {}), b.entities.get(label, {})
        if not ea or not eb:
            continue
        only_a = [e for t, e in ea.items() if t not in eb and t not in b.text]
        only_b = [e for t, e in eb.items() if t not in ea and t not in a.text]
        for x, wx, sx in only_a:
            for y, wy, sy in only_b:
                if wx & wy or _alias(x, y) or sx != sy:
                    continue
                if label in _PLACE_TYPES and frozenset((x, y)) in together:
                    continue
                return label, wx | wy
    return None


# the dependencies under which a verb starts a clause of its own
_CLAUSE_EDGES = {"conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj"}
MIN_CLAUSE_WORDS = 3
_DESCRIPTIONS = {"appos", "acl", "relcl"}
_MODALS = {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "wo", "ca", "'d", "'ll"}


_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "expl"}
_NOBODY = {"nobody", "nothing", "none", "no-one"}


def _negates(verb) -> bool:
    """A "not", "n't" or "never" on the verb itself ("not only" is no negation), or an argument
    that is nobody or nothing: "we have no information" denies what "we don't have any leads"
    denies. A neg-raising verb that governs a clause passes its negation down to it
    (``_clauses``), so "I didn't feel we were executing" is no denial of "I feel"."""
    if verb.lemma_.lower() in NEG_RAISING and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    for c in verb.children:
        if (c.dep_ == "neg" or c.lower_ == "never") and not _not_only(c) and not _or_not(c):
            return True
        if c.dep_ in _ARGUMENTS and (c.lower_ in _NOBODY or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    return False


def _negates_above(verb) -> bool:
    """The negation a neg-raising verb carries for the clause it governs."""
    return any((c.dep_ == "neg" or c.lower_ == "never") and not _not_only(c) and not _or_not(c)
               for c in verb.children)


class _Clause(NamedTuple):
    verb: str  # lemma
    negated: bool
    modals: frozenset[str]
    words: frozenset[str]  # content lemmas of the clause
    # the same less what describes its participants ("Esther Williams, the swimming champion
    # turned actress who starred in ..."): reports describe one person in their own words and
    # state one fact, so two clauses are compared both ways and the closer reading counts
    core: frozenset[str]
    until_now: bool = False  # ``until_now``: "have not felt them before", "has not yet been charged"

    def overlap(self, other: _Clause, least: int = 1) -> float:
        """Share of the shorter clause's words in the other, the closer of the two readings;
        a reading with fewer than ``least`` words on either side does not count."""
        best = 0.0
        for x, y in ((self.words, other.words), (self.core, other.core)):
            if min(len(x), len(y)) >= least:
                best = max(best, len(x & y) / min(len(x), len(y)))
        return best


def _clauses(tokens, skip: set[int]) -> list[_Clause]:
    """Each clause: a verb with its subtree, less the clauses under it ("residents nearby were
    evacuated as a precaution" inside "firefighters tackled the blaze ..., and residents nearby
    were evacuated as a precaution"). A negated "think" or "believe" above counts ("I don't
    think he won" negates "won", as "I believe he did not win" does)."""
    out = []
    for v in tokens:
        if v.pos_ not in ("VERB", "AUX") or v.i in skip or (v.pos_ == "AUX" and v.dep_ != "ROOT"):
            continue
        inner = {t.i for c in v.children if c.dep_ in _CLAUSE_EDGES and c.pos_ in ("VERB", "AUX")
                 for t in c.subtree}
        described = {t.i for d in v.subtree if d.i != v.i and d.dep_ in _DESCRIPTIONS for t in d.subtree}
        own = [t for t in v.subtree if t.i not in inner]
        kept = [t for t in own if t.is_alpha and not t.is_stop and t.i not in skip]
        words = {t.lemma_.lower() for t in kept} - NEGATIONS
        core = {t.lemma_.lower() for t in kept if t.i not in described} - NEGATIONS
        # a negated "think" or "believe" above negates the clause it governs, nothing else does
        raisers = [x for x in v.ancestors if x.lemma_.lower() in NEG_RAISING and x.i not in skip]
        negations = _negates(v) + sum(_negates_above(x) for x in raisers[:1])
        modals = frozenset(c.lower_ for c in v.children if c.dep_ == "aux" and c.lower_ in _MODALS)
        negated = negations % 2 == 1
        # only a negated clause's "until now" is read (``_opposed``)
        out.append(_Clause(v.lemma_.lower(), negated, modals, frozenset(words), frozenset(core),
                           negated and until_now(own)))
    return out


_UNTIL_NOW = re.compile(r"\b(?:yet|still|so far|as yet|to date|as of)\b")


def until_now(clause) -> bool:
    """Does the clause (its tokens) hold only up to its report's day: "has not yet been
    charged", "still has not", "so far", "have not felt them before" ("before" an adverb, not
    "before the election")? Such a denial is no contradiction of a later report (or one of
    unknown date) that says it happened since."""
    return bool(_UNTIL_NOW.search(" ".join(t.lower_ for t in clause))) or any(
        t.lower_ == "before" and t.pos_ == "ADV" for t in clause)


def _opposed(a: _Sentence, b: _Sentence, same_day: bool = True):
    """Clause pairs of the two sentences with one verb and modals, one negated and one not,
    each the other's closest clause of that verb: a sentence that states "there's no
    indication" and "there's any connection" does not deny the other's "there's any
    connection" when the other states "there's no indication" too. Unless the reports are of
    one known day (``same_day``), a negated clause that holds until now (``until_now``) is left
    out."""
    def closest(x: _Clause, side: list[_Clause]) -> _Clause | None:
        same = [y for y in side if y.verb == x.verb]
        # ties go to the clause that shares the most words in all, then to one of the same polarity
        return max(same, key=lambda y: (x.overlap(y), len(x.words & y.words) / len(x.words | y.words or {""}),
                                        y.negated == x.negated), default=None)

    for x in a.clauses:
        y = closest(x, b.clauses)
        # "we wouldn't have 355 damaged shops" is no denial of "we had 565 shops"
        if y is not None and x.negated != y.negated and x.modals == y.modals and closest(y, a.clauses) is x \
                and (same_day or not (x if x.negated else y).until_now):
            yield x, y


def _negated_clause(a: _Sentence, b: _Sentence, same_day: bool = True) -> bool:
    """One sentence states a clause of the other with the same verb and modals, negated, and
    nothing else: "Residents nearby were not evacuated as a precaution" against "..., and
    residents nearby were evacuated as a precaution". Of the shorter clause's content words
    (MIN_CLAUSE_WORDS at least), MINIMAL_EDIT_OVERLAP or more must be in the other's."""
    return any(x.overlap(y, MIN_CLAUSE_WORDS) >= MINIMAL_EDIT_OVERLAP for x, y in _opposed(a, b, same_day))


def _negated_verb(a: _Sentence, b: _Sentence, same_day: bool = True) -> bool:
    """A clause negated in one sentence and stated in the other with the same verb and modals,
    the two clauses parallel (PARALLEL of the shorter one's content words shared, one besides
    the verb at least) though the sentences around them are not: "Dozens of people were not
    evacuated from their homes and spent the night in a church" against "Sixty residents had to
    be evacuated from their homes, initially to a nearby church". Weaker than ``_negated_clause``:
    a cue for the NLI model to weigh, not a contradiction by itself."""
    return any((x.words & y.words) - {x.verb} and x.overlap(y) >= PARALLEL for x, y in _opposed(a, b, same_day))


@dataclass(frozen=True)
class _Sentence:
    """What ``find_cues`` reads of one parsed sentence, read once: a sentence is a candidate
    in many pairs, and walking its parse again for each was a third of the NLI stage."""

    text: str
    content: set[str]
    negated: list[str]
    roles: tuple[str | None, str | None]
    clauses: list[_Clause]
    entities: dict[str, dict[str, tuple[str, set[str], tuple[str, ...]]]]
    roles_of: dict[str, set[str]]  # each lemma's roles: verb, adjective, adverb or its dependency label

    @classmethod
    def of(cls, doc) -> _Sentence:
        # the tokens of one sentence, read by every pass below: a spaCy Doc makes its Token
        # objects anew on each pass, two fifths of the cost of reading a sentence (profiled)
        tokens = list(doc)
        skip = _attribution(tokens)  # content and clauses both leave out "he said"
        roles_of: dict[str, set[str]] = {}
        for t in tokens:
            # a verb, adjective or adverb whatever clause it is in ("said" puts the claim's verb under it)
            role = {"VERB": "verb", "AUX": "verb", "ADJ": "adjective", "ADV": "adverb"}.get(t.pos_, t.dep_)
            roles_of.setdefault(t.lemma_.lower(), set()).add(role)
        return cls(doc.text.lower(), _content(tokens, skip), _negated(tokens), _roles(tokens), _clauses(tokens, skip),
                   _entities(doc), roles_of)


def find_cues(a, b, memo: dict[int, _Sentence] | None = None,
              together: frozenset[frozenset[str]] = frozenset(), same_day: bool = True) -> Cues:
    """Contradiction cues between two parsed sentences (spaCy Docs). ``memo``: a dict the
    caller keeps while it holds the Docs, so that each sentence is read once across pairs;
    ``together``: the place names the story's sentences name together (``places_together``);
    ``same_day``: the two reports are of one known day (else a clause negated only until now,
    ``until_now``, denies nothing of the other).

    Cues count only between parallel sentences: once the cue words are set aside, at least
    PARALLEL of their content words must be shared. Two sentences that say different things
    about one topic ("fell today" / "fell this week on worries that ... might not prevent a
    recession") do not contradict each other by containing a "not".
    """
    if memo is None:
        memo = {}
    for doc in (a, b):
        if id(doc) not in memo:
            memo[id(doc)] = _Sentence.of(doc)
    a, b = memo[id(a)], memo[id(b)]
    la, lb = a.content, b.content
    # an antonym counts in the same role of its sentence: "locked down the neighbourhood before
    # he turned himself in" (a conjunction) is no opposite of "gave himself up just after 6 p.m."
    antonym = next(((x, y) for x in la - lb for y in ANTONYMS.get(x, ()) if y in lb - la
                    and a.roles_of.get(x, set()) & b.roles_of.get(y, set())), None)
    swap = _swapped_entities(a, b, together)
    neg_a, neg_b = a.negated, b.negated
    cue_words = NEGATIONS | ({antonym[0], antonym[1]} if antonym else set()) | (swap[1] if swap else set())
    ca, cb = la - cue_words, lb - cue_words
    overlap = len(ca & cb) / len(ca | cb) if ca | cb else 0.0

    ra, rb = a.roles, b.roles
    swapped = None not in ra and None not in rb and ra[0] != ra[1] and ra == rb[::-1]
    converse = antonym is not None and swapped
    cues: list[str] = []
    if converse and len(neg_a) % 2 != len(neg_b) % 2:
        # "will never lose to" against "will always prevail over": the converse of the other
        # sentence, negated, is its opposite, not a restatement
        converse = False
        if overlap >= PARALLEL:
            cues.append("negated converse")
    if overlap >= PARALLEL:
        # a negation counts when what it negates is said in the other sentence too
        shared = any(w in lb for w in neg_a) or any(w in la for w in neg_b)
        if len(neg_a) % 2 != len(neg_b) % 2 and shared:
            cues.append("negation")
        if swap is not None:
            cues.append(f"entity {swap[0]}")
        if antonym is not None and not swapped:
            cues.append(f"antonym {antonym[0]}/{antonym[1]}")
        if swapped and antonym is None:
            cues.append("roles swapped")
    same_roles = None not in ra and ra[0] != ra[1] and ra == rb
    if not converse and _negated_clause(a, b, same_day):
        # the sharper reading of a negation: it bears on a clause the other states as it is
        cues = [c for c in cues if c != "negation"] + ["negated clause"]
    elif not converse and "negation" not in cues and _negated_verb(a, b, same_day):
        cues.append("negated verb")
    return Cues(cues, converse, overlap, same_roles)
