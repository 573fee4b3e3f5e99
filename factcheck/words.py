"""Machine values in the words a reader knows: a number ("7,400", "1.5 million"), a counted
noun's plural ("jets"), a TIMEX3 value ("Thu 24 Feb 2022", "now", "9 days earlier") with its
mod ("early Feb 2022").

The judge writes its findings' messages with these words and the reports (report/humanise.py)
write theirs, so both read alike; neither owns them.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

# Unit abbreviations the extractor keeps as lemmas: spelled out where a reader says the word,
# kept as symbols where the symbol is what is read ("km", "kg").
_SPELLED = {"mi": "mile", "ft": "foot", "lb": "pound", "lbs": "pound", "gal": "gallon", "yd": "yard",
            "oz": "ounce", "sq": "square", "nmi": "nautical mile", "ft2": "square foot", "yd2": "square yard",
            "ft3": "cubic foot", "yd3": "cubic yard"}
_SYMBOLS = {"km", "m", "cm", "mm", "kg", "g", "mg", "t", "kt", "ha", "l", "ml", "w", "kw", "mw", "gw",
            "kwh", "mwh", "km/h", "kmh", "°c", "°f", "m.", "in", "mph", "kph", "bpd"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


# English plurals of the nouns news counts. Not the inflect library: its import takes seconds
# (typeguard instruments it), which every `factcheck check` writing a report would pay.
_IRREGULAR = {
    "person": "people", "man": "men", "woman": "women", "child": "children", "foot": "feet",
    "tooth": "teeth", "mouse": "mice", "goose": "geese", "ox": "oxen", "life": "lives",
    "wife": "wives", "knife": "knives", "leaf": "leaves", "half": "halves", "shelf": "shelves",
    "wolf": "wolves", "thief": "thieves", "crisis": "crises", "analysis": "analyses",
    "thesis": "theses", "criterion": "criteria", "phenomenon": "phenomena", "medium": "media",
    "datum": "data", "index": "indices", "cactus": "cacti", "nucleus": "nuclei", "radius": "radii",
    "hero": "heroes", "potato": "potatoes", "tomato": "tomatoes", "echo": "echoes", "veto": "vetoes",
    "torpedo": "torpedoes", "embargo": "embargoes", "cargo": "cargoes",
}
_INVARIANT = {
    "aircraft", "spacecraft", "hovercraft", "sheep", "deer", "fish", "series", "species",
    "police", "personnel", "staff", "people", "cattle", "offspring", "headquarters", "means",
    "news", "equipment", "information", "livestock", "swine", "bison", "moose", "salmon", "trout",
    "yen", "yuan", "baht", "rand", "percent",
}


# nouns in -man that are no compound of "man"
_MAN_NOT_MEN = {"human", "german", "roman", "shaman", "talisman", "caiman", "cayman", "ottoman", "walkman",
                "doberman", "brahman", "ataman", "superhuman"}


def _plural_word(word: str) -> str:
    low = word.lower()
    if low in _INVARIANT or low.endswith(("ese", "craft")):
        return word
    if low in _IRREGULAR:
        out = _IRREGULAR[low]
        return out.capitalize() if word[:1].isupper() else out
    if low.endswith("child"):  # "grandchild", "schoolchild"
        return word + "ren"
    if low.endswith("man") and low not in _MAN_NOT_MEN:  # "crewman", "gunman", "policewoman"
        return word[:-3] + "men"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if low.endswith("y") and low[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def plural(noun: str, count: float | None = None) -> str:
    """'jet' -> 'jets' unless the count is exactly one; the last word of a phrase is inflected."""
    if not noun:
        return noun
    head, _, last = noun.rpartition(" ")
    if last in _SPELLED:
        noun = f"{head} {_SPELLED[last]}".strip()
        head, _, last = noun.rpartition(" ")
    if count == 1 or last.lower() in _SYMBOLS or "/" in noun:  # a rate: "km / h"
        return noun
    stem, hyphen, last = last.rpartition("-")  # "co-worker": its last part is the noun
    if not last.isalpha() or last.isupper() or any(ch.isupper() for ch in last[1:]):
        return noun  # "km", "F-35", "USD", "GHz": leave symbols alone
    word = stem + hyphen + _plural_word(last)
    return f"{head} {word}" if head else word


def near_bound(modifier: str | None, low: float | None, high: float | None) -> str | None:
    """The words of a bound that is also near ("nearly", "just under": at most the value and a
    little below it; "just over": at least the value and a little above it), which "at most" /
    "at least" would misread as open; None for any other bound."""
    if modifier == "<=" and low is not None:
        return "nearly "
    if modifier == ">=" and high is not None:
        return "just over "
    return None


def number(x: float | None) -> str:
    """100 -> '100', 7400 -> '7,400', 1.5e6 -> '1.5 million', 0.25 -> '0.25'."""
    if x is None:
        return "?"
    for scale, word in _SCALES:
        if abs(x) >= scale and round(x / scale, 2) == x / scale:
            return f"{x / scale:g} {word}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}"


_MONTH = "%b %Y"
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_MODS = {
    "BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "by {}", "ON_OR_AFTER": "from {}",
    "APPROX": "about {}", "START": "early {}", "MID": "mid {}", "END": "late {}",
    "LESS_THAN": "less than {}", "MORE_THAN": "more than {}", "EQUAL_OR_LESS": "at most {}",
    "EQUAL_OR_MORE": "at least {}",
}
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second",
                   "DE": "decade", "CE": "century", "Q": "quarter"}
_DURATION_RE = re.compile(r"P(?:(?P<n>[\d.]+|X)(?P<u>DE|CE|[YMWDQ]))?(?:T(?P<tn>[\d.]+|X)(?P<tu>[HMS]))?$")
_TIME_RE = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}|MO|AF|EV|NI|DT)")


def _day(iso: str) -> str:
    try:
        d = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d:%a} {d.day} {d:%b %Y}"


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The markers an undated report's relative dates keep (extract/temporal.py): the report's own
# day, week, month, year or decade, which it does not give
_OWN = {"XXXX-XX-XX": "day", "XXXX-WXX": "week", "XXXX-XX": "month", "XXXX": "year", "XXX": "decade",
        "XX": "century"}
_REF_RE = re.compile(r"REF(?P<sign>[+-])P(?P<t>T)?(?P<n>[\d.]+)(?P<u>DE|CE|[YMWDQHS])(?:T(?P<part>MO|AF|EV|NI|DT))?$")


def _unresolved(value: str) -> str | None:
    """An undated report's date in words ('XXXX-WXX-4' -> 'Thursday', 'REF-P9D' -> '9 days
    earlier'), None for any other value: a reader cannot read the markers."""
    if value in _OWN:
        return f"the report's {_OWN[value]}"
    if m := re.fullmatch(r"XXXX-WXX-([1-7])(?:T(\d{2}:\d{2}|MO|AF|EV|NI|DT))?", value):
        day = _WEEKDAY_NAMES[int(m[1]) - 1]
        if not m[2]:
            return day
        return f"{day} {_PARTS[m[2]]}" if m[2] in _PARTS else f"{day}, {m[2]}"  # "Friday night", "Wednesday, 19:00"
    if value == "XXXX-WXX-WE":
        return "the weekend"
    if m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value):
        return f"{int(m[2])} {_dt.date(2000, int(m[1]), 1):%b}"
    if m := re.fullmatch(r"XXXX-(\d{2})", value):
        return f"{_dt.date(2000, int(m[1]), 1):%B}"
    if m := re.fullmatch(r"XXXX-(SP|SU|FA|AU|WI)", value):
        return f"{_SEASONS[m[1]]}, the report's year"
    if m := re.fullmatch(r"XXXX-(H[12]|Q[1-4])", value):
        part = ("first", "second", "third", "fourth")[int(m[1][1]) - 1]
        return f"the {part} {'half' if m[1][0] == 'H' else 'quarter'} of the report's year"
    if m := re.fullmatch(r"XXXX-XX-XXT(\d{2}:\d{2}|MO|AF|EV|NI|DT)", value):
        return f"the report's day, {_PARTS.get(m[1], m[1])}"
    if m := _REF_RE.match(value):
        unit = "minute" if m["t"] and m["u"] == "M" else _DURATION_UNITS[m["u"]]
        count = float(m["n"])
        # counted from the report's day ("9 days ago", "last year") or from the time the story
        # last named ("two hours later"): the marker does not say which, so neither do the words
        side = "before" if m["sign"] == "-" else "after"
        if m["part"] and unit == "day" and count == 1:  # "last night": the night before
            return f"the {_PARTS[m['part']]} {side}"
        words = (f"the {unit} {side}" if count == 1
                 else f"{number(count)} {plural(unit, count)} {'earlier' if m['sign'] == '-' else 'later'}")
        return f"{words}, {_PARTS[m['part']]}" if m["part"] else words
    return None


def timex(value: str | None) -> str:
    """A TIMEX3 value in words: '2022-02-24' -> 'Thu 24 Feb 2022', 'PRESENT_REF' -> 'now'."""
    if not value:
        return "?"
    if value in _REFS:
        return _REFS[value]
    if value.startswith(("X", "REF")) and (words := _unresolved(value)) is not None:
        return words
    if m := _TIME_RE.match(value):
        day, clock = m.groups()
        return f"{_day(day)}, {_PARTS.get(clock, clock)}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _day(value)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return _dt.date(int(m[1]), int(m[2]), 1).strftime(_MONTH)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
        return f"{'weekend of ' if value.endswith('WE') else ''}week {int(m[2])} of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"Q{m[2]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return f"{'first' if m[2] == '1' else 'second'} half of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value):
        return f"{_SEASONS[m[2]]} {m[1]}"
    if re.fullmatch(r"\d{3}X?", value):  # 201 / 201X: a decade
        return f"the {value[:3]}0s"
    if re.fullmatch(r"\d{2}X{0,2}", value):  # 19: a century ("the 20th century")
        return f"the {value[:2]}00s"
    if m := _DURATION_RE.match(value):
        n, u = (m["n"], m["u"]) if m["u"] else (m["tn"], {"M": "MI"}.get(m["tu"], m["tu"]))
        unit = {"MI": "minute"}.get(u, _DURATION_UNITS.get(u or "", ""))
        if unit and n == "X":
            return plural(unit)
        if unit and n:
            count = float(n)
            return f"{number(count)} {plural(unit, count)}"
    return value


def when(claim: dict[str, Any]) -> str:
    """The date or time a time claim states, in words, with its TIMEX3 mod and time zone."""
    words = timex(claim.get("value"))
    mod = claim.get("mod")
    if mod in _MODS:
        words = _MODS[mod].format(words)
    if claim.get("type") == "SET":
        words = f"every {words}" if not words.startswith("every") else words
    if claim.get("tz") and "T" in (claim.get("value") or ""):
        words += f" (UTC{claim['tz']})"
    return words
