"""The fact a claim states: its predicate, polarity, modality, participants, place and time anchor.

A claim's value alone says nothing about which fact it is about: "70 jets" and "over 100 jets"
conflict only if both count the jets on high alert at the same moment. The frame is read off
the claim's clause in the spaCy parse (the verb that governs the claim and that verb's
subtree), so that alignment can tell "rushing yards" from "receiving yards", a 2005 show from
a 2008 check-in, and one player from another. Pronoun subjects ("he", "it") are resolved to
a named entity of the document by rules over NER and the parse (``EntityMemory``), and short
names ("Obama") to the full name the document used first ("Barack Obama").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from . import lexicon
from .cues import until_now
from .extract.quantities import PARTITIVE
from .extract.temporal import dated_noun, headline_to
from .names import name_words, same_entity, surname
from .units import dimension
from .types import Claim, Frame, ParsedSentence, Proposition, QuantityClaim, TimeClaim

_MODALS = {"will", "would", "may", "might", "could", "can", "should", "must", "shall"}
_NEGATORS = lexicon.words("negations")  # the same list the NLI cues read (cues.py)
_PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_FEMININE_PRONOUNS = {"she", "her", "hers"}
_GENDER_WORDS = lexicon.table("gendered_words")  # "mrs" -> "f", "husband" -> "m"
_THING_PRONOUNS = {"it", "its", "they", "them", "their"}
# words that put a clause at another time than the report's own ("ratings last year",
# "55.3 million a decade ago", "at the time")
_TIME_SHIFT = re.compile(
    r"\b(?:last|previous|next|past|prior|earlier|later|ago|former|formerly|since|then|"
    r"at the time|this (?:year|month|week|season)|(?:19|20)\d\d)\b", re.IGNORECASE)


def _starts(doc) -> list[int]:
    """The character offset of each token of ``doc``: what ``_token_at`` and ``_token_ids``
    bisect, once a sentence rather than a walk over its tokens for every claim."""
    return [t.idx for t in doc]


def _token_at(doc, offset: int, starts: list[int] | None = None):
    """The token that holds ``offset``, else the first one after it (the last at the end)."""
    if not len(doc):
        return None
    starts = _starts(doc) if starts is None else starts
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < starts[i] + len(doc[i].text):
        return doc[i]
    return doc[min(i + 1, len(doc) - 1)]


def _token_ids(starts: list[int], offset: int, end: int) -> set[int]:
    """The tokens that start in [offset, end)."""
    return set(range(bisect_left(starts, offset), bisect_left(starts, end)))


def _governing_verb(tok):
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _clause_root(verb):
    """An auxiliary, a participle or an xcomp belongs to the clause of the verb above it."""
    v = verb
    while v.dep_ in ("aux", "auxpass", "xcomp", "conj") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
        # a conjunct with a subject or an auxiliary of its own is a clause of its own: the
        # deputy "interviewing a woman ... was fatally shot Monday" was shot on Monday (its
        # subject, if it has none, is still read from the first conjunct: _subject_token)
        if v.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in v.children):
            break
        v = v.head
    return v


def _clause_tokens(verb):
    """The verb's subtree without clauses of their own (relative, adverbial, complement)."""
    out = []
    stack = [verb]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("relcl", "advcl", "ccomp", "parataxis") or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _own_predications(clause, claim_ids: set[int]) -> set[int]:
    """Tokens of the clause's infinitives that take an object of their own and hold no part of
    the claim ("to protect our airspace"): a purpose or a plan beside the claim, whose
    participants are not the claim's. An infinitive that holds the claim ("expected to reach
    100") is the claim's own predicate."""
    out: set[int] = set()
    for t in clause:
        if t.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                and any(c.dep_ in ("dobj", "obj") for c in t.children):
            tree = {x.i for x in t.subtree}
            if tree.isdisjoint(claim_ids):
                out |= tree
    return out


def _asserts(t) -> bool:
    """"not only X but Y" asserts X; "whether it occurs or not" asks; "nothing less than the
    future of Europe is at stake" and "no more than 100 jets" bound, they deny nothing."""
    nxt = t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""
    prev = t.doc[t.i - 1].lower_ if t.i > 0 else ""
    after = t.doc[t.i + 2].lower_ if t.i + 2 < len(t.doc) else ""
    if t.lower_ in ("no", "nothing", "none", "not") and nxt in ("less", "more", "fewer") and after == "than":
        return True
    return t.lower_ == "not" and (nxt == "only" or prev == "or")


def _polarity(verb, clause) -> str:
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return "negative"  # "left without paying the $500": no paying
    for t in clause:
        if _asserts(t) or t.dep_ == "prep":
            # "sentenced to life without parole", "won without a fight": a preposition
            # denies its own object, not the verb it hangs from
            continue
        if t.lower_ in _NEGATORS and (t.head.i == verb.i or t.dep_ in ("neg", "det", "advmod")
                                      and (t.head.i == verb.i or t.head.head.i == verb.i)):
            return "negative"
    return "positive"


def _be_to(verb):
    """The verb of a "be to" future ("leaders are to gather"): the xcomp of a bare "be"."""
    if verb.lemma_ != "be" or any(c.dep_ in ("acomp", "attr") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _modality(verb) -> str | None:
    if _be_to(verb) is not None or headline_to(verb):
        return "will"  # "are to gather" is scheduled as "will gather" is
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS:
            return c.lower_
    return None


def _tense(verb) -> str | None:
    if _be_to(verb) is not None or headline_to(verb):
        return "future"
    if any(c.dep_ in ("aux",) and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "past"
    if verb.tag_ in ("VBP", "VBZ") or any(c.tag_ in ("VBP", "VBZ") for c in verb.children):
        return "present"
    if verb.tag_ == "VBG":
        # a bare gerund or participle has no tense of its own: "the woman accused of killing two
        # co-workers" killed them in the past, and is no level that moves (samefact.moving)
        head = _governing_verb(verb.head)
        return _tense(head) if head.i != verb.i and head.pos_ in ("VERB", "AUX") else None
    return None


# what the small model sometimes takes into an entity's span: "the Academy Awards:" is the Academy Awards
_EDGE_PUNCTUATION = " \t\n:;,!?\"'()[]“”‘’"


def _name(span_text: str) -> str:
    # one name however its apostrophe is typeset: "sheriff's deputy" / "sheriff’s deputy"
    text = span_text.replace("\u2019", "'").replace("\u2018", "'").strip(_EDGE_PUNCTUATION)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s$", "", text).strip(_EDGE_PUNCTUATION)
    return " ".join(text.split()).lower()


class EntityMemory:
    """Named entities seen so far in one document, to resolve pronouns and short names.

    A "he" or "she" is the person named last before it in its own sentence ("the driver,
    Anthony LaSalle, ... after he had struck"), else the person the sentence before was
    about (the named subject of its last clause that has one, unless that clause is a
    "said": "the 40-year-old Jackman has TV hosting experience. He emceed ..."), else the person the
    document has named most so far, the latest of equals: a news story keeps returning to its protagonist, and a
    person quoted once in between ("general manager Tony Reagins said") is rarely the
    "he" of the next sentence. Either way not a person the document gives the other gender
    by a title or a role ("Ms. Williams", "actress Esther Williams", "Bell, her husband":
    resources/gendered_words.tsv); a person it gives neither may be anyone's "he" or "she".
    An "it" or "they" is an organisation or place only when one was the subject of the
    sentence before; most are a thing no name stands for ("it had a
    magnitude of 5.9"), so they stay unresolved rather than take the last name seen."""

    def __init__(self):
        self.mentions: dict[str, int] = {}  # person (surname) -> times named so far
        self.order: dict[str, int] = {}  # person (surname) -> when last named
        self.last_subject_thing: str | None = None
        # the person the sentence before was about (the subject of its last clause with one,
        # not of a "said"): "the 40-year-old Jackman has TV hosting experience. He emceed ..."
        self.last_subject_person: str | None = None
        self.full: dict[str, str] = {}  # "obama" -> "barack obama"
        self.titled: dict[str, str] = {}  # person (surname) -> "f" or "m", "?" when titled both ways
        self._seen = 0
        # role noun -> persons the document calls so (``document_roles``, read first from the
        # whole document), for the definite descriptions that stand for a person
        self.roles: dict[str, set[str]] = {}

    def see(self, doc) -> None:
        self.last_subject_thing = None
        self.last_subject_person = None
        counted = set()
        for ent in doc.ents:
            name = _name(ent.text)
            if not name:
                continue
            name = self.full_name(name)
            if ent.label_ == "PERSON":
                _learn_full_name(name, self.full)
                # "Bettie Page", "Bettie Mae Page" and "Page" are one person's mentions
                person = surname(name)
                self._mention(person)
                self._title(ent, person)
                counted.update(t.i for t in ent)
            elif ent.label_ in ("ORG", "GPE", "NORP") and any(t.dep_ in ("nsubj", "nsubjpass") for t in ent):
                self.last_subject_thing = name
        # the small model often tags a known surname as an organisation or nothing ("Teixeira, 28,")
        for t in doc:
            if t.i not in counted and t.pos_ == "PROPN" and t.lower_ in self.full:
                self._mention(t.lower_)
        # of the main clause and its conjuncts with a subject of their own, the last: "Lawrence
        # and Hutcherson are signed, but Ross doesn't have a deal. He was paid $3 million"
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        clauses = [root] + [c for c in root.conjuncts if c.i > root.i] if root is not None else []
        subjects = [(v, next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)) for v in clauses]
        v, subj = next(((v, s) for v, s in reversed(subjects) if s is not None), (None, None))
        if v is not None and v.lemma_.lower() not in _REPORTING:
            # a surname the tagger takes for a common noun ("Cheeks guided the team") still names
            if subj.pos_ == "PROPN" or self.is_person(subj.lower_):
                ent = next((e for e in doc.ents if e.start <= subj.i < e.end), None)
                name = self.full_name(_name(ent.text if ent is not None else subj.text))
                if self.is_person(name) or (ent is not None and ent.label_ == "PERSON"):
                    self.last_subject_person = self.full_name(surname(name))  # as ``most_named`` names them

    def _mention(self, surname: str) -> None:
        self._seen += 1
        self.mentions[surname] = self.mentions.get(surname, 0) + 1
        self.order[surname] = self._seen

    def _title(self, ent, person: str) -> None:
        """The gender a courtesy title before the name gives ("Mr Pitman", "Ms. DeGeneres")."""
        before = ent.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        first = ent[0].lower_.rstrip(".") if len(ent) > 1 else ""
        gender = _GENDER_WORDS.get(before) or _GENDER_WORDS.get(first)
        if gender:
            self.titled[person] = gender if self.titled.get(person, gender) == gender else "?"

    def gender(self, name: str) -> str | None:
        """"f", "m", or None when the document does not say (or says both): from the person's
        titles and the roles the document gives them (``roles``)."""
        said = {self.titled.get(surname(name))} | {_GENDER_WORDS.get(r) for r, names in self.roles.items()
                                                 if name in names}
        said -= {None}
        return next(iter(said)) if len(said) == 1 and "?" not in said else None

    def full_name(self, name: str) -> str:
        return self.full.get(name, name)

    def is_person(self, name: str) -> bool:
        """A name the document has given a person before: a full name or its surname."""
        return bool(name) and (name in self.full or name in self.full.values())

    def most_named(self, fits=lambda name: True) -> str | None:
        """The person named most so far (``fits``: among those it accepts, by full name)."""
        found = [n for n in self.mentions if fits(self.full_name(n))]
        if not found:
            return None
        return self.full_name(max(found, key=lambda n: (self.mentions[n], self.order[n])))

    def called(self, role: str) -> str | None:
        """The person the document calls ``role`` (a noun's lemma), when it calls one person so."""
        named = self.roles.get(role, set())
        return next(iter(named)) if len(named) == 1 else None

    def resolve(self, word: str, before: Sequence[str] = ()) -> str | None:
        """``before``: the persons named earlier in the pronoun's own sentence, in order."""
        w = word.lower()
        if w in _PERSON_PRONOUNS:
            other = "m" if w in _FEMININE_PRONOUNS else "f"

            def fits(name: str) -> bool:
                return self.gender(name) != other

            named = [self.full_name(n) for n in before]
            last = self.last_subject_person
            return next((n for n in reversed(named) if fits(n)), None) or (
                last if last is not None and fits(last) else None) or self.most_named(fits)
        if w in _THING_PRONOUNS:
            return self.last_subject_thing
        return None


def _persons_before(tok, memory: EntityMemory) -> list[str]:
    """The persons named in ``tok``'s sentence before it, in order: the tagger's persons, and
    the names the document has already given a person, whatever the tagger calls them here
    ("Rahman, a former heavyweight champion who shocked the world when he floored Lennox
    Lewis": Hasim Rahman, tagged an organisation in this sentence)."""
    named = ((e.label_, _name(e.text)) for e in tok.doc.ents if e.end <= tok.i)
    return [n for label, n in named if n and (label == "PERSON" or memory.is_person(n))]


def _subject_token(verb, claim_ids: set[int]):
    """The subject of the verb's clause, or of the clause it hangs from ("died in Los Angeles,
    aged 85"); None when there is none or the claim is in it ("70 jets were kept on high alert")."""
    v = verb
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return None if claim_ids & {t.i for t in subj.subtree} else subj
        if any(c.dep_ == "expl" for c in v.children):
            return None  # "there are 90 ships": the clause has its subject, an empty one
        # a reported clause's subject is its own, not the reporter's: "he said [there are 90
        # ships]" is not about him (he is the claim's holder)
        if v.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl") and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


def _antecedent(tok):
    """The noun a relative pronoun stands for ("Tanya Wilson, who was 41": Tanya Wilson), else
    the token itself."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _subject(verb, memory: EntityMemory, ents_by_token, claim_ids: set[int]) -> str | None:
    return _subject_name(_subject_token(verb, claim_ids), memory, ents_by_token, claim_ids)


def _subject_name(subj, memory: EntityMemory, ents_by_token, claim_ids: set[int]) -> str | None:
    """The name of a subject token (``_subject_token``), a pronoun resolved."""
    if subj is None:
        return None
    head = _antecedent(subj)
    if head is not subj:
        # "Crystal, who emceed the ceremony five times", unless the claim is in the noun the
        # pronoun stands for ("the 12 pirates, who were arrested")
        if claim_ids & {t.i for t in head.subtree if t.i < subj.i}:
            return None
        subj = head
    if subj.pos_ == "PRON":
        return memory.resolve(subj.text, _persons_before(subj, memory))
    ent = ents_by_token.get(subj.i)
    if ent is not None:
        return memory.full_name(_name(ent.text))
    if subj.like_num:
        return None
    left = min([subj.i] + [t.i for t in subj.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")])
    return memory.full_name(_name(subj.doc[left : subj.i + 1].text))


def _entity_name(tok, ents_by_token, memory: EntityMemory) -> str | None:
    """The name a token stands for: its entity, a proper noun with its compounds, or the
    person a pronoun refers to."""
    if tok.pos_ == "PRON":
        return memory.resolve(tok.text, _persons_before(tok, memory))
    ent = ents_by_token.get(tok.i)
    if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
        return memory.full_name(_name(ent.text))
    if tok.pos_ == "PROPN" and not _common_noun(tok):  # "the accused" tagged a proper noun is none
        left = min([tok.i] + [t.i for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"])
        return memory.full_name(_name(tok.doc[left : tok.i + 1].text))
    return None


def _learn_full_name(name: str, full: dict[str, str]) -> None:
    """A person named in full ("tara reid") is the person a later surname alone ("reid") names."""
    if len(name_words(name)) > 1:
        full.setdefault(surname(name), name)


def _common_noun(tok) -> bool:
    """A noun that names no one: the small model tags some in lower case proper nouns ("the
    accused", "the victim")."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.is_lower


def _roles(ent) -> list[str]:
    """The nouns a person's name is given as a role: "actress Tara Reid", "swimming star Esther
    Williams" (a noun compounded into the name), "Reid, the actress" and "the actress, Tara
    Reid" (an apposition), "Reid is an actress"; and a nationality said of the name or of its
    role ("Australian actor Hugh Jackman"), which "the Australian" stands for as a role does."""
    root = ent.root
    found = [t for t in root.children if t.dep_ in ("compound", "appos") and _common_noun(t) and t.i < ent.start
             or t.dep_ == "appos" and _common_noun(t)]
    if root.dep_ == "appos" and _common_noun(root.head):
        found.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        found += [c for c in root.head.children if c.dep_ == "attr" and _common_noun(c)]
    found += [t for x in [root, *found] for t in x.children
              if t.dep_ in ("amod", "compound") and t.ent_type_ == "NORP" and t.i not in range(ent.start, ent.end)]
    # not "50" of "a 1950s pin-up, 50", nor "none" of "none other than"
    return [t.lemma_.lower() for t in found if t.is_alpha and not t.is_stop]


def document_roles(parsed: Sequence[ParsedSentence]) -> dict[str, set[str]]:
    """Each role noun of the document (``_roles``) and the persons it is given to, by the name
    ``EntityMemory`` would give them ("reid" is "tara reid" once the full name was seen)."""
    full: dict[str, str] = {}
    roles: dict[str, set[str]] = {}
    for p in parsed:
        for ent in p.doc.ents:
            if ent.label_ != "PERSON" or not (name := _name(ent.text)):
                continue
            name = full.get(name, name)
            _learn_full_name(name, full)
            for role in _roles(ent):
                roles.setdefault(role, set()).add(name)
    return roles


def _nationality(tok, ents_by_token) -> bool:
    ent = ents_by_token.get(tok.i)
    return ent is not None and ent.label_ == "NORP"


def _description(tok, ents_by_token) -> str | None:
    """The role a definite description gives a person: "actress" of "the 38-year-old
    actress", and a nationality's, "australian" of "the 45-year-old Australian"; none for a
    name, or for "a 65-year-old motorist", who is someone new."""
    if _nationality(tok, ents_by_token):
        return tok.lemma_.lower()
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if _common_noun(tok) and det is not None and det.lower_ in ("the", "this", "that"):
        return tok.lemma_.lower()
    return None


def _described(noun, memory: EntityMemory, ents_by_token) -> tuple[str | None, str | None]:
    """(the person a description stands for, its role): "the 38-year-old actress" is the
    person the document calls an actress ("actress Tara Reid"), when it calls one person so;
    "the 36-year-old driver" of a report that never names its driver names nobody, but keeps
    its role, which another report may give a named person."""
    role = _description(noun, ents_by_token)
    return (memory.called(role) if role else None), role


def _person_name(tok, ents_by_token, memory: EntityMemory) -> str | None:
    """The person a token names (``_entity_name``); a nationality ("the 45-year-old
    Australian") is no name but a description (``_described``)."""
    return None if _nationality(tok, ents_by_token) else _entity_name(tok, ents_by_token, memory)


def _named_or_described(tok, ents_by_token, memory: EntityMemory) -> tuple[str | None, str | None]:
    named = _person_name(tok, ents_by_token, memory)
    if named:
        return named, None
    appos = next((c for c in tok.children if c.dep_ == "appos"), None)
    if appos is not None and (named := _person_name(appos, ents_by_token, memory)):
        return named, None
    return _described(tok, memory, ents_by_token) if tok.pos_ in ("NOUN", "ADJ", "PROPN") else (None, None)


def _holder(claim_ids: set[int], doc, verb, memory: EntityMemory, ents_by_token) -> tuple[str | None, str | None]:
    """(the person an age belongs to, the role a description of them gives): the name it is
    set beside ("Paul Riva, 58"), the name it modifies ("the 36-year-old Rahman") or a name in
    apposition to the noun it modifies, or the subject it is said of ("Banky was 52", "died
    aged 85"); failing a name, the person a definite description stands for ("the 38-year-old
    actress": ``_described``). Two ages of one person are one fact; of two people, two."""
    inside = [doc[i] for i in sorted(claim_ids)]
    root = next((t for t in inside if t.head.i not in claim_ids or t.head.i == t.i), None)
    if root is None:
        return None, None
    head = root.head
    if head.i != root.i and head.pos_ in ("NOUN", "PROPN", "PRON") and root.dep_ in ("amod", "appos", "nummod", "npadvmod", "compound", "nmod"):
        named = _person_name(head, ents_by_token, memory)
        if named:
            return named, None
        # "the 38-year-old actress, Tara Reid": the noun's apposition or the name it compounds into
        around = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ in ("appos", "compound"):
            around.append(head.head)
        for t in around:
            if t.i not in claim_ids:
                named = _person_name(t, ents_by_token, memory)
                if named:
                    return named, None
        if head.dep_ == "appos" and head.head.i not in claim_ids:
            return _described(head.head, memory, ents_by_token)  # "the driver, a 32-year-old man"
        if head.dep_ == "attr":  # "the victim was a 56-year-old woman"
            subj = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return _named_or_described(subj, ents_by_token, memory) if subj is not None else (None, None)
        return _described(head, memory, ents_by_token)
    if root.lower_ == "birthday":  # "his 70th birthday", "the actress's 40th birthday": its owner's
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        return _named_or_described(owner, ents_by_token, memory) if owner is not None else (None, None)
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and root.pos_ in ("NOUN", "ADJ"):
        return _described(root, memory, ents_by_token)  # "the 17-year-old was shot"
    subj = _subject_token(verb, claim_ids)  # "Banky was 52", "died in Los Angeles, aged 85"
    if subj is None:
        return None, None
    return _named_or_described(_antecedent(subj), ents_by_token, memory)  # "Tanya Wilson, who was 41"


def _holder_roles(holder: str | None, role: str | None, memory: EntityMemory) -> list[str]:
    """The roles the report gives an age's holder: those the document gives the named person
    ("actress Tara Reid", "Australian Hugh Jackman"), or the unnamed holder's description
    ("the 45-year-old Australian"), so that another report's description of the one can meet
    the other's name."""
    if holder:
        return sorted(r for r, names in memory.roles.items() if holder in names)
    return [role] if role else []


def frame_of(claim: Claim, parsed: ParsedSentence, memory: EntityMemory,
             others: Sequence[tuple[Claim, object]] = (), starts: list[int] | None = None) -> Frame:
    """``others``: the claims of the claim's sentence, each with its first token (``_token_at``);
    the dates of its clause anchor it, and a date dates the numbers of its clause. ``starts``:
    the sentence's ``_starts``, when the caller has them."""
    doc = parsed.doc
    offset = claim.start - parsed.sentence.start
    starts = _starts(doc) if starts is None else starts
    tok = _token_at(doc, offset, starts)
    if tok is None:
        return Frame()
    end = claim.end - parsed.sentence.start
    claim_ids = _token_ids(starts, offset, end)
    own = _governing_verb(tok)  # the claim's own verb; its clause may be a conjunct's
    verb = _clause_root(own)
    clause = _clause_tokens(verb)
    clause_ids = {t.i for t in clause}
    ents_by_token = {t.i: e for e in doc.ents for t in e}
    # who and where take part: the clause without an infinitive that makes a predication of its
    # own beside the claim ("have over 100 jets on high alert [to protect our airspace, as well
    # as ... ships at sea from the Arctic to the Mediterranean]": not the jets' places)
    around_claim = clause_ids - _own_predications(clause, claim_ids)
    participants, places = [], []
    for e in doc.ents:
        if e.label_ not in _PARTICIPANT_LABELS or not any(t.i in around_claim for t in e):
            continue
        if any(t.i in claim_ids for t in e):
            continue
        name = memory.full_name(_name(e.text))
        if name and name not in participants:
            participants.append(name)
        if e.label_ in _PLACE_LABELS and name not in places:
            places.append(name)
    anchor = []
    for e in doc.ents:
        # a clock time too: "down 1.2% at 14:00 UTC" and "down 0.8% at 16:00 UTC" are two moments
        if e.label_ not in ("DATE", "TIME") or not any(t.i in clause_ids for t in e) or any(t.i in claim_ids for t in e):
            continue
        # a bare number the tagger calls a date is an age ("Kirkpatrick, 61, opened fire"), not
        # a time (a year has four digits)
        if e.text.strip().isdigit() and len(e.text.strip()) < 4:
            continue
        anchor.append(e.text.lower())
    clause_text = " ".join(t.text for t in clause if t.i not in claim_ids)
    anchor += [m.group(0).lower() for m in _TIME_SHIFT.finditer(clause_text)
               if m.group(0).lower() not in " ".join(anchor)]
    qualifiers = list(getattr(claim, "qualifiers", []) or [])
    in_clause = [o for o, ot in others if o is not claim and ot is not None
                 and ot.i in clause_ids and ot.i not in claim_ids]
    anchor_times = [t.value for t in in_clause if isinstance(t, TimeClaim) and t.type in ("DATE", "TIME") and t.mod is None]
    # an age describes its holder, whatever day the clause is about
    dated_values = [f"{q.unit or q.quantity_kind}={q.value:g}" for q in in_clause if isinstance(q, QuantityClaim)
                    and q.value is not None and q.quantity_kind != "age"] if isinstance(claim, TimeClaim) else []
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    claim_is_subject = subj is not None and bool(claim_ids & {t.i for t in subj.subtree})
    if verb.lemma_ == "be" or verb.pos_ == "AUX" or claim_is_subject:
        # a predicate complement: "jets were on high alert" qualifies the jets as "on high alert" does
        for c in verb.children:
            if c.dep_ in ("acomp", "attr") and c.i not in claim_ids:
                qualifiers.append(c.text)
            elif c.dep_ == "prep":
                phrase = [t.i for t in c.subtree]
                # a prepositional phrase that holds the claim is the claim's own phrase, not a
                # qualifier of it ("was in the waters of the Gulf, 35 miles southwest of the port")
                if claim_ids.isdisjoint(phrase):
                    qualifiers.append(doc[c.i : max(phrase) + 1].text)
    predicate = verb.lemma_.lower() if verb.pos_ in ("VERB", "AUX") else None
    if (planned := _be_to(verb)) is not None:
        predicate = planned.lemma_.lower()
    elif claim.kind == "time" and (noun := dated_noun(claim_ids, doc)) is not None:
        # a date that modifies a noun dates what the noun names ("the sequel's March 22 release
        # date", "a release date of 22 November 2013", "Monday's attack"), not the clause's verb
        predicate = noun
    elif predicate == "be":
        # the claim itself is no complement: "there are [90 allied ships] at sea" is "be at"
        comp = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and c.i not in claim_ids), None)
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i not in claim_ids), None)
        predicate = f"be {comp.lemma_.lower()}" if comp is not None else (
            f"be {prep.lower_}" if prep is not None else "be")
    count = getattr(claim, "quantity_kind", None) == "count"
    # what sums or distributes a count may sit in the phrase of the conjoined verb the claim is
    # in, which the clause of the first conjunct leaves out: "was acquired by the Angels and hit
    # 21 home runs in 54 games", "has hit 30 homers and driven in 105 runs in each of the past
    # five seasons"
    scope = clause if own is verb else sorted({*clause, *_clause_tokens(own)}, key=lambda t: t.i)
    around = [t for t in scope if t.i not in claim_ids]  # what the scope says beside the claim
    holder, role = _holder(claim_ids, doc, verb, memory, ents_by_token) \
        if getattr(claim, "quantity_kind", None) == "age" else (None, None)
    return Frame(
        predicate=predicate,
        polarity=_polarity(verb, clause),
        modality=_modality(verb),
        tense=_tense(verb),
        subject=_subject(verb, memory, ents_by_token, claim_ids),
        participants=participants,
        places=places,
        qualifiers=qualifiers,
        anchor=anchor,
        anchor_times=anchor_times,
        dated_values=dated_values,
        holder=holder,
        holder_roles=_holder_roles(holder, role, memory),
        running_total=count and _running_total(around, claim_ids),
        # an age is a person's, never a figure per item
        per_item=claim.kind == "quantity" and claim.quantity_kind != "age" and (
            _per_item(around) or _averaged(verb, claim_ids)),
        part=count and _part(doc, claim_ids),
        landmark=_landmark(doc, claim_ids) if dimension(getattr(claim, "unit", None)) == "length" else None,
        reported=_reported(verb),
    )


_REPORTING = lexicon.words("reporting_verbs")


def _reported(verb) -> bool:
    """Is the clause reported speech under a past reporting verb ("... were kept on high alert,
    he said", "he told reporters the leaders would meet")? Not when quoted: a quotation keeps
    the speaker's own tense ('"There would be no NATO troops inside Ukraine," he said')."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or head.lemma_.lower() not in _REPORTING or head.tag_ not in ("VBD", "VBN"):
        return False
    doc = verb.doc
    return not any(t.is_quote for t in doc[max(0, verb.left_edge.i - 1) : verb.i])


def _running_total(around, claim_ids: set[int]) -> bool:
    """The clause sums the claim's count over a span or many events (resources/running_totals.tsv:
    "so far", "to date", "since October", "this year"): ``around``, the words of the claim's own
    clause beside the claim, so a relative or adverbial clause ("who have campaigned since May")
    does not count, nor a "since" that means "because"."""
    words = " ".join(t.lower_ for t in around if not (t.lower_ == "since" and t.dep_ == "mark"))
    if _RUNNING_TOTAL.search(words):
        return True
    # summed over several events of a kind: "during the five operations", "43 RBIs in 54 games"
    # (not "in the 1967 slayings": a year is no number of events)
    return any(t.dep_ == "prep" and t.lower_ in _OVER_EVENTS
               and any(o.dep_ == "pobj" and o.tag_ in ("NNS", "NNPS") and o.i not in claim_ids
                       and any(n.dep_ == "nummod" and n.lower_ not in ("one", "1") and not _year(n) for n in o.children)
                       for o in t.children)
               for t in around)


def _per_item(around) -> bool:
    """The clause gives the value per item or per period, a rate or an average
    (resources/per_item.tsv: "in each of the past five seasons", "an average of", "every year"):
    ``around``, the words of the claim's own clause beside the claim; "per cent" is no rate."""
    return bool(_PER_ITEM.search(" ".join(t.lower_ for t in around)))


def _averaged(verb, claim_ids: set[int]) -> bool:
    """The value is what a verb "average" says: "has averaged more than 30 home runs in his six
    seasons", "is averaging 15.5 points". Not the events averaged over: "In 133 career playoff
    games, he averaged 14.4 points" counts games."""
    if verb.lemma_ != "average" or verb.pos_ != "VERB" or not claim_ids:
        return False
    tok = verb.doc[min(claim_ids)]
    while tok.i != verb.i and tok.head.i != tok.i:
        if tok.dep_ == "prep":  # also "2.1 steals in 1,101 career games", misattached to "steals"
            return False
        tok = tok.head
    return tok.i == verb.i


def _part(doc, claim_ids: set[int]) -> bool:
    """The count is one of several counts of one noun, a breakdown of a whole the sentence does
    not state: two numbers on one noun ("12 Somali and 11 Yemeni pirates") or counted conjuncts
    of one noun ("seven AK-47 rifles and three automatic rifles"); or a part of a set named
    before ("two of them")."""
    last = max(claim_ids, default=None)
    if last is not None and PARTITIVE.match(doc.text, doc[last].idx + len(doc[last])):
        return True  # "two of them": a part of a set named before (its unit: quantities.py)
    noun = next((doc[i].head for i in sorted(claim_ids) if doc[i].dep_ == "nummod"), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    left = [t for t in noun.subtree if t.i < noun.i]
    if any(t.dep_ == "cc" for t in left) and any(t.like_num and t.i not in claim_ids and not _year(t) for t in left):
        return True
    return any(x.lemma_ == noun.lemma_ and any(c.dep_ == "nummod" for c in x.children) for x in noun.conjuncts)


def _landmark(doc, claim_ids: set[int]) -> str | None:
    """The place a distance is measured from, named right after it: "150 nautical miles west of
    Aden", "13 nautical miles from the Mysore", "35 miles off the coast" (its words, lower case,
    without the article)."""
    if not claim_ids:  # a claim inside a token ("47" of "AK-47")
        return None
    i = max(claim_ids) + 1
    directed = False
    while i < len(doc) and (doc[i].lower_.replace("-", "") in _COMPASS or doc[i].text == "-" or doc[i].lower_ == "away"):
        directed = directed or doc[i].lower_.replace("-", "") in _COMPASS
        i += 1
    if i >= len(doc) or doc[i].lower_ not in (("of", "from", "off") if directed else ("from", "off")):
        return None
    place = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
    if place is None:
        return None
    words = [t.lower_ for t in place.subtree if t.dep_ not in ("det", "punct") and t.i > i]
    return " ".join(words) or None


_COMPASS = lexicon.words("compass_points")


def _year(tok) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and 1000 <= int(tok.text) <= 2100


_RUNNING_TOTAL = re.compile(rf"\b(?:{lexicon.alternation('running_totals')})\b")
_PER_ITEM = re.compile(rf"\b(?:{lexicon.alternation('per_item')})\b(?!\s+cent)")

# prepositions whose object, a plural with a number, is the events a count is summed over
_OVER_EVENTS = frozenset({"in", "during", "over", "across", "throughout"})


def _reading(parsed: Sequence[ParsedSentence]) -> Iterator[tuple[ParsedSentence, EntityMemory]]:
    """A document's sentences in order, each with the names the document has given before it
    (``EntityMemory``), against which its pronouns and short names resolve."""
    memory = EntityMemory()
    memory.roles = document_roles(parsed)
    for p in parsed:
        yield p, memory
        memory.see(p.doc)


def attach_frames(claims: Sequence[Claim], parsed: Sequence[ParsedSentence]) -> list[Proposition]:
    """Give every claim its frame, and return the document's propositions (``propositions``):
    one reading of its sentences serves both, so that both resolve a name alike, and the
    propositions are read where the parses are (a parsing worker), not again when judging."""
    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(c.sentence_start, []).append(c)
    out: list[Proposition] = []
    for p, memory in _reading(parsed):
        # each claim's first token once a sentence, not once for every claim of its sentence
        found = by_sentence.get(p.sentence.start, [])
        starts = _starts(p.doc) if found else []
        here = [(c, _token_at(p.doc, c.start - p.sentence.start, starts)) for c in found]
        for c, _ in here:
            c.frame = frame_of(c, p, memory, here, starts)
        out += _sentence_propositions(p, memory)
    return out


# Verbs no denial is read of (resources/undenied_verbs.tsv, reporting_verbs.tsv,
# neg_raising_verbs.tsv), and those read only with an object named (resources/light_verbs.tsv)
_NOT_DENIED = lexicon.words("undenied_verbs") | lexicon.words("reporting_verbs") | lexicon.words("neg_raising_verbs")
_LIGHT = lexicon.words("light_verbs")
# what a denial names besides its subject: "has not checked into Morningside" denies nothing of
# "checked into the Betty Ford Center", "didn't spread further" nothing of "spread rapidly"; an
# adverb counts unless it only stresses or places the denial in time ("has not yet died",
# "never even entered"), and so does a word the small model takes for one ("never entered
# Morningside": Morningside an adverb)
_ARGUMENT_EDGES = ("dobj", "attr", "oprd", "acomp", "prt", "dative", "npadvmod")
_COMPLEMENT_EDGES = ("xcomp", "ccomp", "pcomp")
# ("before" an adverb: "has not visited Dubai before" says until now, cues.until_now)
_PLAIN_ADVERBS = frozenset({"also", "still", "even", "ever", "just", "already", "actually", "really", "yet",
                            "so", "then", "now", "too", "when", "where", "how", "why", "as", "before"})
_HYPOTHETICAL = frozenset({"if", "unless", "whether", "until", "because", "before", "once"})


def _first_conjunct(verb):
    """The verb a conjoined verb is joined to, or the verb itself: "was damaged, and a female
    employee was not treated" is reported as its first conjunct is."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _asserted(verb) -> bool:
    """A clause the report itself asserts: the sentence's main clause, a conjunct of it, or what
    a reporting verb of the main clause reports ("police said residents were not evacuated").
    An infinitive ("wanted to win her back"), a clause under a verb of thinking ("I believe
    Nichols did not win"), a relative or adverbial clause or a noun's complement ("dismay that
    Salazar didn't rescind a rule") states no fact of the report's own, nor does what someone
    "claimed": a disputed statement ("She claimed the shootings didn't happen")."""
    v = _first_conjunct(verb)
    if v.dep_ == "ROOT":
        return True
    if v.dep_ == "relcl" and (v.head.pos_ == "PROPN" or v.head.ent_type_ in ("PERSON", "ORG", "GPE")) \
            and v.left_edge.i > 0 and v.doc[v.left_edge.i - 1].text == ",":
        return True  # what a name's non-restrictive clause says of it: "Kafoury, who was standing in the doorway"
    return v.dep_ == "ccomp" and v.head.dep_ == "ROOT" and v.head.lemma_.lower() in _REPORTING and v.head.lemma_.lower() != "claim"


def _arguments(verb, ents_by_token) -> frozenset[str]:
    out = set()
    for c in verb.children:
        if c.dep_ in _ARGUMENT_EDGES:
            out.add(c.lemma_.lower())
        elif c.dep_ in _COMPLEMENT_EDGES:
            out.add("to " + c.lemma_.lower())
        elif c.dep_ == "prep":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                ent = ents_by_token.get(obj.i)
                out.add(f"{c.lower_} {_name(ent.text) if ent is not None else obj.lemma_.lower()}")
        elif c.dep_ == "advmod" and c.lower_ not in _PLAIN_ADVERBS and c.lower_ not in _NEGATORS:
            out.add(c.lower_)
    return frozenset(out)


def propositions(parsed: Sequence[ParsedSentence]) -> list[Proposition]:
    """The asserted clauses of one document (``_asserted``), in order, each with its subject
    resolved as a claim's is (a pronoun to the person it stands for), for the clauses whose
    verb says what happened (not ``_NOT_DENIED``) and whose subject is known. A question or a
    conditional asserts nothing. (``attach_frames`` reads them with the frames.)"""
    return [x for p, memory in _reading(parsed) for x in _sentence_propositions(p, memory)]


def _sentence_propositions(p: ParsedSentence, memory: EntityMemory) -> list[Proposition]:
    doc = p.doc
    if p.sentence.text.rstrip(" \"'”").endswith("?"):
        return []
    out = []
    ents_by_token = {t.i: e for e in doc.ents for t in e}
    for v in doc:
        if v.pos_ != "VERB" or v.dep_ in ("aux", "auxpass", "amod") or v.lemma_.lower() in _NOT_DENIED:
            continue
        if not _asserted(v) or any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL for c in v.children):
            continue
        if v.lemma_.lower() in _LIGHT and not any(c.dep_ in ("dobj", "attr") for c in v.children):
            continue
        subject = _named_subject(v, memory, ents_by_token)
        if not subject or subject in _PERSON_PRONOUNS or len(subject) < 3:
            continue
        arguments = _arguments(v, ents_by_token)
        clause = _clause_tokens(v)
        negated = _polarity(v, clause) == "negative"
        if negated and _self_reported(v, subject, memory, ents_by_token):
            continue
        out.append(Proposition(p.sentence, v.lemma_.lower(), subject, arguments, negated, _modality(v),
                               any(c.dep_ == "nsubjpass" for c in v.children),
                               negated and until_now(clause)))  # read of a denial only
    return out


def _self_reported(verb, subject: str, memory: EntityMemory, ents_by_token) -> bool:
    """A denial its own subject is reported making: "Hiller told detectives she did not plan
    the shooting", "he said he had not fired". A party's word about itself, which the report
    passes on, not what the report states."""
    head = _first_conjunct(verb)
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in _REPORTING:
        return False
    speaker = _named_subject(head.head, memory, ents_by_token)
    return speaker is not None and same_entity(speaker, subject)


def _named_subject(verb, memory: EntityMemory, ents_by_token) -> str | None:
    """The clause's subject as ``_subject`` reads it, or, when that is a description, the name set
    beside it: "Woodburn's police chief, Scott Russell, 46, was injured" is about Scott Russell."""
    subj = _subject_token(verb, set())
    if subj is not None and subj.pos_ == "NOUN":
        for c in subj.children:
            ent = ents_by_token.get(c.i)
            # "Woodburn's police chief, Scott Russell"; "Actress and champion swimmer Esther
            # Williams", which the small model parses as two conjoined subjects
            if c.dep_ in ("appos", "conj") and ent is not None and ent.label_ == "PERSON":
                return memory.full_name(_name(ent.text))
    return _subject_name(subj, memory, ents_by_token, set())
