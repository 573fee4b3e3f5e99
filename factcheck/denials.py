"""Denials: a clause one report negates that another report states, read from the parse.

"Bettie Page has not died" against "Bettie Page died in Los Angeles": the same subject (pronouns
resolved, names compared as names), the same verb, modal and voice, one clause negated and the
other not, and the negated clause names nothing the other does not (its object, its
prepositional phrases, an adverb other than "yet" or "even"): "never checked into Morningside" denies nothing of
"checked into the Betty Ford Center", "didn't spread further" nothing of "spread rapidly".
Only what each report asserts counts (``frames.propositions``): no infinitive, belief,
condition or relative clause. A denial "until now" ("has not yet been charged", "still has
not", "so far") holds up to its report's day: it is compared only with a report of that same
day, since a later report (or one of unknown date) may say it happened since.

The NLI model needs the two sentences to be close in meaning to be asked at all, and misses
a denial that words the rest differently; this reading needs no model, so it also runs with
``--no-nli``. The contradiction rule reports both (factcheck/rules/contradiction.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .align import comparable
from .names import same_entity
from .options import Options
from .types import Document, Proposition


@dataclass(frozen=True)
class Denial:
    """One report's negated clause and the clauses of other reports that state it, one a report."""

    denied: Proposition
    stated: tuple[Proposition, ...]

    def describe(self) -> str:
        """What is denied, as the parse reads it: "'die' of 'bettie page'", "'stand' of 'kafoury', in doorway"."""
        verb = f"{self.denied.modality} {self.denied.verb}" if self.denied.modality else self.denied.verb
        what = ", ".join(sorted(self.denied.arguments))
        return f"{verb!r} of {self.denied.subject!r}" + (f", {what}" if what else "")


def _states(negated: Proposition, stated: Proposition) -> bool:
    return (stated.verb == negated.verb and not stated.negated and stated.modality == negated.modality
            and stated.passive == negated.passive and negated.arguments <= stated.arguments
            and same_entity(negated.subject, stated.subject))


def same_day(a: Document, b: Document) -> bool:
    """Two reports of one known day: what one says has not happened yet, the other cannot
    report as happened since."""
    return a.date is not None and a.date == b.date and len(a.date) >= 10


def denials(analyses: Sequence, documents: dict[str, Document], options: Options) -> list[Denial]:
    """Each negated clause of a report that another report of the cluster, dated close enough
    to be compared (``align.comparable``), states; in document order."""
    by_verb: dict[str, list[Proposition]] = defaultdict(list)
    negated = []
    for a in analyses:
        for p in a.propositions:
            (negated if p.negated else by_verb[p.verb]).append(p)
    out = []
    for n in negated:
        seen: dict[str, Proposition] = {}
        for s in by_verb.get(n.verb, ()):
            doc = s.sentence.doc
            if doc != n.sentence.doc and doc not in seen and _states(n, s) \
                    and comparable(documents[n.sentence.doc], documents[doc], options) \
                    and not (n.until_now and not same_day(documents[n.sentence.doc], documents[doc])):
                seen[doc] = s
        if seen:
            out.append(Denial(n, tuple(seen.values())))
    return out
