"""Words a reader knows, for the reports people read (md, html).

The checker keeps machine values (TIMEX3 ``PRESENT_REF``, a unit lemma ``jet``, modifier
``>``); an analyst reads "now", "over 100 jets", "Thu 24 Feb 2022". Every function here
takes the plain dict of a claim as ``CheckResult.to_dict()`` writes it, so a saved JSON
result renders the same way as a live one.
"""

from __future__ import annotations

import re
from typing import Any

from ..words import near_bound, number, plural, when

_BOUND = {"=": "", "~": "about ", ">": "over ", ">=": "at least ", "<": "under ", "<=": "at most "}
_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CNY": "¥", "RUB": "₽",
             "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$"}
_SUFFIX_UNITS = {"%": "%", "percent": "%"}


def quantity(claim: dict[str, Any]) -> str:
    """The value a quantity claim states, without its qualifiers: 'over 100 jets', '$2 billion'."""
    mod = claim.get("modifier") or "="
    unit = claim.get("unit") or ""
    if mod == "range":
        lo, hi = claim.get("low"), claim.get("high")
        num, count = f"{number(lo)}–{number(hi)}", hi
    else:
        num, count = number(claim.get("value")), claim.get("value")
    bound = near_bound(mod, claim.get("low"), claim.get("high")) or _BOUND.get(mod, "")
    if unit in _CURRENCY:
        return f"{bound}{_CURRENCY[unit]}{num}"
    if unit in _SUFFIX_UNITS:
        return f"{bound}{num}{_SUFFIX_UNITS[unit]}"
    if mod == "range":
        return f"{num} {plural(unit)}".strip()
    return f"{bound}{num} {plural(unit, count)}".strip()


def counted(claim: dict[str, Any]) -> str:
    """What a quantity claim counts, as a phrase: 'allied ships at sea', 'jets on high alert'."""
    unit = claim.get("unit") or ""
    noun = unit if unit in _CURRENCY or unit in _SUFFIX_UNITS else plural(unit)
    quals = [q for q in claim.get("qualifiers") or [] if q]
    before = [q for q in quals if " " not in q]  # one-word qualifiers are pre-modifiers ("allied")
    after = [q for q in quals if " " in q]
    words = " ".join([*before, noun, *after]).strip()
    subject = claim.get("subject")
    if subject and words and subject.lower() not in _PRONOUNS:
        words = f"{words} ({subject})"
    return words or claim.get("text", "")


_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "this", "that", "these", "those", "who", "which"}
def value(claim: dict[str, Any]) -> str:
    """What a claim states, the words a table cell shows."""
    if claim.get("kind") == "quantity":
        return quantity(claim)
    if claim.get("kind") == "time":
        return when(claim)
    return claim.get("text", "")


def subject(claim: dict[str, Any]) -> str:
    """What a claim is about, the words a fact row is labelled with."""
    frame = claim.get("frame") or {}
    if claim.get("kind") == "time":
        label = claim.get("event") or frame.get("predicate") or "(no event found)"
        return str(label)
    if claim.get("kind") == "quantity":
        return counted(claim)
    return claim.get("text", "")


def line_of(text: str | None, offset: int | None) -> int | None:
    """1-based line of a character offset, None when the text is not at hand."""
    if text is None or offset is None:
        return None
    return text.count("\n", 0, offset) + 1


# The one table of probability words, symmetric about 0.5: every report says "very likely"
# for the same range, and 0.17 is "very likely not" as 0.83 is "very likely".
_BANDS = ((0.95, "almost certainly"), (0.8, "very likely"), (0.6, "probably"), (0.4, "perhaps"),
          (0.2, "probably not"), (0.05, "very likely not"), (0.0, "almost certainly not"))


def likely(p: float | None) -> str:
    """A probability in words for a reader who wants a verdict, not a number."""
    if p is None:
        return ""
    return next(word for floor, word in _BANDS if p >= floor)


def same_fact(p: float | None) -> str:
    """'almost certainly the same fact (0.97)'; empty when the judge wrote no probability."""
    if p is None:
        return ""
    return f"{likely(p)} the same fact ({p:.2f})"


def incompatible(p: float | None) -> str:
    """'cannot both be true (1.00)': the interval logic is sure when the values are apart by
    more than their rounding slack; below that a reporter's looser rounding could join them."""
    if p is None:
        return ""
    if p >= 0.995:
        return f"cannot both be true ({p:.2f})"
    if p < 0.4:  # "probably not cannot" reads badly: turn it round
        return f"{likely(1 - p)} can both be true ({p:.2f})"
    return f"{likely(p)} cannot both be true ({p:.2f}; a looser rounding could join them)"


def confidence(item: dict[str, Any]) -> str:
    """How sure the checker is of a finding, in words and numbers: "almost certainly the same
    fact (0.97); cannot both be true (1.00)".

    From ``same_fact`` (the claims state one fact) and ``incompatible`` (they cannot both be
    true) when the judge writes them, else the score it has always written.
    """
    parts = [w for w in (same_fact(item.get("same_fact")), incompatible(item.get("incompatible"))) if w]
    if not parts:
        score = item.get("score")
        if score is None:
            return ""
        if item.get("rule") == "contradiction" and "read from the parse" in item.get("message", ""):
            # a denial (factcheck/denials.py): the parse decides, no model weighs it
            return f"a negated clause, read from the parse; {score:.2f} of the sentences' content words shared"
        if item.get("rule") == "contradiction" and "otherwise the same words" in item.get("message", ""):
            # a minimal edit: the wording decides, and the score is the words' overlap
            return f"one sentence is the other negated or inverted; {score:.2f} of their content words shared"
        if item.get("rule") == "contradiction":
            return f"contradiction score {score:.2f} (the NLI model's probability, 0 to 1)"
        return f"alignment score {score:.2f} (how alike the words around the two claims are, 0 to 1)"
    return "; ".join(parts)


# The reasons the judge gives for leaving an aligned pair unjudged (judge.py), said for a reader.
_ONE_SCALE = re.compile(r"cannot be placed on one scale")
_BELOW_BAR = re.compile(r"may be about different facts \(same fact: (?P<p>[\d.]+)\)")
_NOT_COMPARED = (
    (_BELOW_BAR,
     "the values differ, but the sentences may be about different facts, so the checker does not call it a conflict"),
    (re.compile(r"each date their own publication day"),
     "each report's 'today' is its own publication day, which says nothing about one event's date"),
    (re.compile(r"is its own publication day, a day after the other report's date"),
     "one report's 'today' is the day after the other's date, and a report published the next day keeps "
     "the 'today' it was written with"),
    (_ONE_SCALE,
     "the two values cannot be put on one scale (different units or kinds of number)"),
    (re.compile(r"each state both"),
     "each report gives both values (a range or a list), so they are two facts, not a disagreement"),
    (re.compile(r"on their own day \(.*\): two days' readings"),
     "each value is a reading of its own report's day (an index, a rate, a time of that day), and the "
     "reports are of different days"),
    (re.compile(r"one is the window of a superlative"),
     "one value is how far back a superlative reaches ('lowest in five years'), the other how long "
     "something took"),
    (re.compile(r"one counts the rest of a set"),
     "one value counts the rest of a set ('two other rifles', 'two more times'), the other the whole"),
    (re.compile(r"one counts a part of a window of events"),
     "one value counts a part of a window of events ('18 of its next 23 games'), the other the season or "
     "another window"),
    (re.compile(r"one is a running total"),
     "one value is a running total ('so far', 'since October'), the other the count of one event or day"),
    (re.compile(r"its clause denies it"),
     "one value is denied in its clause ('none of the teams has offered more than eight years'), so its "
     "report does not state it"),
    (re.compile(r"they count different makes or models"),
     "the two count different makes or models ('seven AK-47 rifles' / 'nine rifles'), one perhaps a part of "
     "the other"),
    (re.compile(r"one is a figure per item or period"),
     "one value is a figure per item or period ('in each season', 'an average of'), the other a total"),
    (re.compile(r"each dates a value of its own clause"),
     "each date is the time of a value its sentence gives, and the values differ ('$5 billion in 2010', "
     "'$6 billion in 2011'): the values of two times, not two dates of one event"),
    (re.compile(r"distances from different places"),
     "the two are distances from different places ('west of Aden', 'from the Mysore'), not one distance"),
    (re.compile(r"one is a part of a breakdown"),
     "one value counts a part of a breakdown ('12 Somali and 11 Yemeni pirates'), the other the whole"),
    (re.compile(r"each is dated in its own clause"),
     "each value is dated in its own sentence, to times that cannot meet: numbers of two times, not one fact"),
    (re.compile(r"also states .*: two facts, not a disagreement"),
     "one report gives both values, so the other report's value is likely the other of its two facts"),
)


# two times the judge cannot compare: a date relative to an undated report ("yesterday"), a
# length of time against a date, a repeated time ("every Monday"), a vague one ("years")
_ONE_CALENDAR = ("the two times cannot be put on one calendar (a date relative to an undated report, "
                 "a length of time against a date, or a repeated or vague time)")


def not_compared(item: dict[str, Any]) -> tuple[str, str]:
    """(reason, how sure it is one fact) of an aligned pair the judge did not compare; an
    unknown reason is shown as the judge wrote it."""
    message = str(item.get("message") or item.get("reason") or "")
    if item.get("kind") == "time" and _ONE_SCALE.search(message):
        reason = _ONE_CALENDAR
    else:
        reason = next((words for pattern, words in _NOT_COMPARED if pattern.search(message)), message)
    p = item.get("same_fact", item.get("score"))
    return reason, same_fact(p) if isinstance(p, (int, float)) else ""


def near_miss(item: dict[str, Any]) -> float | None:
    """How likely one fact an aligned pair is when the only reason it was not compared is that
    probability (its values differ, but it is below the conflict bar), else None: such pairs are
    the disagreements the checker was not sure enough to call, the ones a reader checks first."""
    if not _BELOW_BAR.search(str(item.get("message") or "")):
        return None
    p = item.get("same_fact", item.get("score"))
    return float(p) if isinstance(p, (int, float)) else None


def cased(words: str, *texts: str | None) -> str:
    """A frame's lower-cased words as the text writes them ("jens stoltenberg" -> "Jens
    Stoltenberg", "nato" -> "NATO"), else as they are."""
    for text in texts:
        if text and words:
            m = re.search(re.escape(words), text, re.IGNORECASE)
            if m:
                return m.group(0)
    return words


_TENSES = {"past": "past", "present": "present", "future": "future"}


_GIST_WORDS = 8


def _gist(phrase: str) -> str:
    """A frame's phrase as a table cell holds it: up to its first comma, which in a long
    qualifier opens a clause of its own ("in the attack, which the navy had announced by
    saying ..."), and at most ``_GIST_WORDS`` words."""
    head = phrase.split(", ")[0]
    words = head.split()
    return head if len(words) <= _GIST_WORDS else " ".join(words[:_GIST_WORDS]) + " …"


def frame(fr: Any, *texts: str | None, skip: str = "") -> list[tuple[str, str]]:
    """The fact a claim's clause states, as (question, answer) pairs a reader scans: who, did
    what, where, when, qualified how. ``texts`` give the words their casing; an answer that
    ``skip`` (the row's label) already says is left out."""
    if not isinstance(fr, dict):
        return []
    low = skip.lower()

    def say(v: Any) -> str:
        return cased(str(v), *texts)

    def listed(key: str, minus: set[str] = frozenset()) -> str:
        vals = [v for v in fr.get(key) or [] if v and str(v).lower() not in minus and str(v).lower() not in low]
        return ", ".join(say(_gist(str(v))) for v in vals)

    out: list[tuple[str, str]] = []
    subject = fr.get("subject")
    if subject and str(subject).lower() not in _PRONOUNS and str(subject).lower() not in low:
        out.append(("who", say(subject)))
    predicate = fr.get("predicate")
    if predicate:
        verb = " ".join(w for w in (fr.get("modality"), "not" if fr.get("polarity") == "negative" else None,
                                     str(predicate)) if w)
        tense = _TENSES.get(fr.get("tense") or "")
        if tense and not (tense == "future" and fr.get("modality") in ("will", "shall")):
            verb += f" ({tense})"
        if verb.lower() not in low:
            out.append(("what", verb))
    places = {str(p).lower() for p in fr.get("places") or []}
    others = listed("participants", places | {str(subject or "").lower()})
    if others:
        out.append(("with", others))
    if where := listed("places"):
        out.append(("where", where))
    if when := listed("anchor"):
        out.append(("when", when))
    if how := listed("qualifiers"):
        out.append(("how", how))
    return out
