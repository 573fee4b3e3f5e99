"""What in the wording of two sentences could make them contradict each other.

A small NLI model leans on word overlap: two near-identical sentences of a news story can get
a high contradiction score for no reason a reader would accept. FactCC-style contradictions
come from a handful of edits (a negation, a number, a swapped name, an antonym, swapped roles),
so the NLI stage reports a contradiction only when one of these cues is present, and names it.

A converse restatement ("Autocracy will always lose to democracy" / "Democracy will always
prevail over autocracy": antonymous verbs with the roles swapped) is the same claim.
"""

from __future__ import annotations

from dataclasses import dataclass

NEGATIONS = {"not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor",
             "without", "cannot", "nowhere"}

# Verb and adjective pairs of opposite meaning, as lemmas. Kept to pairs a news reader would
# accept as opposites; "defeat" and "prevail" are not here because they agree.
_ANTONYM_PAIRS = [
    ("win", "lose"), ("prevail", "lose"), ("beat", "lose"), ("defeat", "lose"), ("gain", "lose"),
    ("rise", "fall"), ("increase", "decrease"), ("increase", "reduce"), ("grow", "shrink"),
    ("accept", "reject"), ("approve", "reject"), ("confirm", "deny"), ("admit", "deny"),
    ("support", "oppose"), ("allow", "ban"), ("allow", "forbid"), ("open", "close"),
    ("start", "end"), ("begin", "end"), ("join", "leave"), ("enter", "leave"),
    ("arrive", "depart"), ("buy", "sell"), ("hire", "fire"), ("raise", "cut"), ("raise", "lower"),
    ("succeed", "fail"), ("pass", "fail"), ("guilty", "innocent"), ("alive", "dead"),
    ("true", "false"), ("legal", "illegal"), ("always", "never"), ("strengthen", "weaken"),
    ("expand", "reduce"), ("deploy", "withdraw"), ("advance", "retreat"), ("agree", "disagree"),
    ("before", "after"), ("more", "less"), ("higher", "lower"), ("above", "below"),
    ("import", "export"), ("victory", "defeat"), ("peace", "war"), ("ally", "enemy"),
]
ANTONYMS: dict[str, set[str]] = {}
for _x, _y in _ANTONYM_PAIRS:
    ANTONYMS.setdefault(_x, set()).add(_y)
    ANTONYMS.setdefault(_y, set()).add(_x)

MINIMAL_EDIT_OVERLAP = 0.8

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

    @property
    def minimal_edit(self) -> bool:
        return self.overlap >= MINIMAL_EDIT_OVERLAP and any(
            c == "negation" or c.startswith("antonym") for c in self.contradiction)


def _negations(doc) -> int:
    return sum(t.dep_ == "neg" or t.lower_ in NEGATIONS for t in doc)


def _roles(doc) -> tuple[str | None, str | None]:
    """(agent, patient) lemmas of the main verb, undoing the passive."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
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


def _content(doc) -> set[str]:
    return {t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop or t.lemma_.lower() in ANTONYMS}


def find_cues(a, b) -> Cues:
    """Contradiction cues between two parsed sentences (spaCy Docs)."""
    cues: list[str] = []
    if _negations(a) % 2 != _negations(b) % 2:
        cues.append("negation")

    nums_a = {t.text for t in a if t.like_num}
    nums_b = {t.text for t in b if t.like_num}
    if nums_a and nums_b and nums_a != nums_b:
        cues.append("number")

    for label in _ENTITY_TYPES:
        ea = {e.text.lower() for e in a.ents if e.label_ == label}
        eb = {e.text.lower() for e in b.ents if e.label_ == label}
        if ea - eb and eb - ea:
            cues.append(f"entity {label}")
            break

    la, lb = _content(a), _content(b)
    antonym = next(((x, y) for x in la - lb for y in ANTONYMS.get(x, ()) if y in lb - la), None)
    ra, rb = _roles(a), _roles(b)
    swapped = None not in ra and None not in rb and ra[0] != ra[1] and ra == rb[::-1]
    converse = antonym is not None and swapped
    if antonym is not None and not swapped:
        cues.append(f"antonym {antonym[0]}/{antonym[1]}")
    if swapped and antonym is None:
        cues.append("roles swapped")
    cue_words = NEGATIONS | ({antonym[0], antonym[1]} if antonym else set())
    ca, cb = la - cue_words, lb - cue_words
    overlap = len(ca & cb) / len(ca | cb) if ca | cb else 0.0
    return Cues(cues, converse, overlap)
