"""Temporal claims: TIMEX3 tagging and normalisation with compiled rules (HeidelTime-style).

``tag_timexes`` finds TIMEX3 expressions in raw text and normalises them against a document
creation time (DCT); ``extract_times`` does the same on parsed sentences and adds what the parse
knows: the tense that picks "Friday" before or after the DCT, the event a date belongs to, and
content-word lemmas to align claims across reports.

Values follow TimeML (TimeBank): ``2014``, ``2022-02``, ``2022-02-24``, ``2022-W08``,
``2022-W08-WE``, ``1998-Q4``, ``1998-H1``, ``1998-SU``, ``199`` (decade), ``19`` (century),
``2022-02-24T17:40``, ``2022-02-24TMO``, ``P2W``, ``PT5H``, ``PXY``, ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``; SET values ``P1W`` or ``XXXX-WXX-4``.

A relative expression that the DCT cannot resolve (no DCT, or a DCT of coarser precision than
the expression needs: "tomorrow" against "2022-02") gets ``resolved=False`` and a value that
guesses nothing: ``XXXX-WXX-4`` for a weekday, ``XXXX-09-30`` for a date without year, or a
relative marker ``REF``, ``REF+P1D``, ``REF-P1W`` (today, tomorrow, last week ...).

Detection is regex only (no dateparser: its ``search_dates`` reads "we" as Wednesday and fills
missing parts from the base date). Month and weekday names must be capitalised; "May" and
"March" alone need a temporal preposition; a bare year needs temporal context.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, relativedelta

from .. import lexicon
from ..types import Document, ParsedSentence, TimeClaim
from .timezones import TZ_PATTERN, tz_offset

__all__ = ["Timex", "tag_timexes", "extract_times", "interval"]


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    begin: str | None = None  # inclusive ISO dates of the interval covered; None = open
    until: str | None = None
    resolved: bool = True
    tz: str | None = None  # UTC offset of a clock time ("+05:30"); the value keeps local time
    rule: str = ""


Tense = Callable[[int, int], "str | None"]  # (start, end) -> "PAST" | "FUTURE" | "PRESENT" | None

# --------------------------------------------------------------------------------------------
# vocabulary

_MONTHS = {k: int(v) for k, v in lexicon.numbers("months").items()}
_WEEKDAYS = {k: int(v) for k, v in lexicon.numbers("weekdays").items()}
_SMALL = {**{r[0]: int(r[1]) for r in lexicon.rows("number_words") if r[2] == "unit" and int(r[1]) < 20},
          "a": 1, "an": 1}
_TENS = {r[0]: int(r[1]) for r in lexicon.rows("number_words") if r[2] == "tens"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

_FULL_MONTHS = [r[0].capitalize() for r in lexicon.rows("months") if r[2] == "full"]
_MONTH_NAMES = "|".join(_FULL_MONTHS)


def _month_pattern() -> str:
    """Month names from resources/months.tsv. "March" and "May" are also a verb and a modal, so
    only their capitalised forms are months; abbreviations are capitalised, with or without a
    stop ("Sept.", "Oct")."""
    full = sorted(_FULL_MONTHS, key=len, reverse=True)
    abbr = sorted((r[0].capitalize() for r in lexicon.rows("months") if r[2] == "abbr"), key=len, reverse=True)
    either = [m for m in full if m not in ("March", "May")]
    return (r"(?P<mon>(?i:" + "|".join(either) + ")|" + "|".join(full) + "|"
            + "|".join(a + r"\." for a in abbr) + "|" + "|".join(abbr) + r")(?![A-Za-z])")


_MON = _month_pattern()
_WD = r"(?P<wd>(?i:" + lexicon.alternation("weekdays") + "))"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d)(?!\d)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?!\d)(?!\s*%)"
_NUMW = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
         r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
         r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
         r"|one|two|three|four|five|six|seven|eight|nine|ten|(?:a|one)\s+hundred|hundred)")
_NUM = (r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?|" + _NUMW +
        r"|a\s+couple\s+of|a\s+couple|an?|several|a\s+few|few|many|some|a\s+number\s+of)")
_UNIT = (r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?"
         r"|centur(?:y|ies)|quarters?|fortnights?|nights?|weekends?|yrs?|hrs?|mins?)(?![\w-])")
_UNIT1 = r"(?P<unit>year|month|week|day|hour|minute|second|decade|century|quarter|night)"
_TZ = r"(?:\s*\(?(?P<tz>" + TZ_PATTERN + r"|(?:GMT|UTC)\s*[+-−]\s*\d{1,2}(?::?\d\d)?)\)?(?![A-Za-z]))"
_AMPM = r"(?P<ampm>[ap]\.\s?m\.?|[ap]m\b|[AP]M\b|[AP]\.M\.)"

_F = re.I
_RULES: list[tuple[str, re.Pattern, int]] = []  # (name, pattern, priority: higher wins ties)


def _rule(name: str, pattern: str, flags: int = 0, priority: int = 0) -> None:
    _RULES.append((name, re.compile(pattern, flags), priority))


# absolute and calendar dates
_rule("iso", r"\b(?P<y>1[89]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
      r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?(?![\d-])", priority=5)
_rule("slash", r"(?<![\d/])(?P<a>[01]?\d|2\d|3[01])/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])",
      priority=5)
_rule("mdy", r"\b(?:" + _WD + r"(?:'s)?\s*,?\s+)?" + _MON + r"\s+" + _DAY
      + r"(?:\s*,?\s+" + _YEAR + r")?", priority=4)
_rule("dmy", r"\b(?:" + _WD + r"\s*,?\s+)?(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MON
      + r"(?:\s*,?\s+" + _YEAR + r")?", priority=4)
_rule("month_year", r"\b" + _MON + r"(?:\s+of|\s*,)?\s+" + _YEAR, priority=3)
_rule("month_rel", r"\b" + _MON + r"\s+(?P<rel>this|last|next)\s+year\b", priority=3)
# ("last Oct. 23": the month-day date is the timex, "last" only tells its direction)
_rule("month", r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+)?" + _MON
      + r"(?!\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!:))", priority=1)
_rule("year", r"(?<![\w$€£.,/-])(?:(?P<fiscal>[Ff]iscal(?:\s+[Yy]ear)?)\s+)?" + _YEAR
      + r"(?![\w-]|\.\d|,\d)", priority=1)
_YEARW = (r"(?P<yc>nineteen|twenty)[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?(?P<yy>(?:twenty|thirty|forty"
          r"|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight"
          r"|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
          r"|nineteen|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))(?![\w-])"
          r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:[\s-]+(?P<y2k>one|two|three|four|five"
          r"|six|seven|eight|nine|ten))?(?![\w-])(?!\s+(?:people|dollars|troops|years))")
_rule("year_words", r"\b(?:(?P<wmon>" + _MONTH_NAMES + r")\s+|(?P<wseas>the\s+(?:winter|summer|spring|fall|autumn)\s+of)\s+"
      r")?(?i:" + _YEARW + ")", priority=2)
_rule("decade", r"\b(?:[Tt]he\s+)?(?:(?P<dec>1[89]\d0|20\d0)'?s|'(?P<dec2>\d0)s)\b", priority=2)
_rule("century", r"\b(?:(?P<crel>this|last|next|the\s+(?:last|next|previous|past))\s+century"
      r"|(?:the\s+)?(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century)\b", _F, priority=2)
_rule("quarter", r"\b(?:(?P<qy>(?:1[89]|20)\d\d)(?:'s)?\s+|(?P<qrel>this|last|next)\s+year's\s+)?"
      r"(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th"
      r"|final|last|current|latest|previous|year-earlier|year-ago|same|next|fiscal)"
      r"[\s-]+(?:fiscal[\s-]+)?(?P<qu>quarter|half|period)"
      r"(?:\s+of\s+(?:fiscal\s+)?(?P<qy2>(?:1[89]|20)\d\d|this\s+year|last\s+year|next\s+year))?"
      r"(?![\w-])", _F, priority=3)
_rule("the_quarter", r"\bthe\s+quarter\b", _F, priority=1)
_rule("year_quarter", r"\bthe\s+(?P<qy>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?P<qu>quarter|period)\b", _F,
      priority=3)
_rule("year_ago_adj", r"\byear-(?:earlier|ago)\b", _F, priority=1)
_rule("season", r"\b(?:(?P<srel>this|last|next|early|late|mid|the|this\s+past|the\s+coming)[\s-]+)?"
      r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?" + _YEAR + r")?\b", _F)
_rule("holiday", r"\b(?:(?P<hrel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<hol>Christmas Eve|Christmas Day"
      r"|Christmas|New Year's Eve|New Year's Day|New Year's|Thanksgiving Day|Thanksgiving"
      r"|Independence Day|Halloween|Valentine's Day|Easter Sunday|Easter|Good Friday|Labor Day"
      r"|Memorial Day|Election Day|Boxing Day|Veterans Day)(?![\w'’])(?:\s*,?\s+" + _YEAR + r")?",
      priority=2)

# relative dates
# ("previously"/"formerly" are left out: TimeBank tags them only now and then, mostly inside
# participial modifiers such as "a previously announced plan", where they date nothing)
_rule("deictic", r"\b(?P<w>today|tomorrow|yesterday|tonight|now|currently|nowadays|recently"
      r"|lately|soon|presently|at\s+present|right\s+now|these\s+days"
      r"|the\s+(?:present|past|future)|in\s+future|the\s+day\s+after\s+tomorrow"
      r"|the\s+(?:near|distant|immediate)\s+future|then[\s-]+current|current"
      r"|the\s+day\s+before\s+yesterday)\b", _F, priority=1)
_rule("deictic_tod", r"\b(?P<w>today|tomorrow|yesterday|this|last|early\s+this|late\s+this)\s+"
      r"(?P<tod>morning|afternoon|evening|night)\b", _F, priority=3)
_rule("rel_unit", r"\b(?P<rel>this|last|next|past|coming|previous|the\s+(?:past|last|next|coming"
      r"|previous|current|following|same)|that|earlier\s+this|later\s+this|early\s+this"
      r"|late\s+this|earlier\s+that|later\s+that|early\s+next|late\s+next|early\s+last"
      r"|late\s+last|within\s+the\s+(?:next|last|past)|this\s+past|the(?=\s+weekend))\s+"
      r"(?P<gran>week|month|year|weekend|decade|day)(?![\w-])", _F, priority=2)
# "the year ended Sept. 30": a twelve-month reporting period that is not a calendar year, so a
# DURATION P1Y (TimeBank); "for the (full/fiscal) year" without an end date: the DCT's year
_rule("the_year", r"(?:(?<=\b[Ff]or\s)|(?<=\b[Oo]f\s)|(?<=\b[Ii]n\s))the\s+(?:(?P<yfull>full|fiscal|current)\s+)?year"
      r"(?=(?P<yend>\s+(?:ended|ending|that\s+ended|that\s+ends)\b)|[.,;]|\s+(?:were|was|is|to"
      r"|and|,))", priority=2)
_rule("rel_wd", r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Tt]his\s+past|[Tt]his\s+coming)\s+"
      + _WD + r"(?:\s+(?P<tod>morning|afternoon|evening|night))?\b", priority=3)
_rule("weekday", r"\b" + _WD + r"(?:\s+(?P<tod>morning|afternoon|evening|night))?\b",
      priority=1)
# "nearly"/"almost" belong to the extent (TimeBank: "nearly two years", "almost four years ago")
_rule("ago", r"\b(?:(?P<qmod>more\s+than|less\s+than|nearly|almost)\s+)?" + _NUM + r"\s+" + _UNIT
      + r"\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)\b", _F, priority=4)
_rule("ago_adj", r"\b(?P<num>a|one|two|three)[\s-]+(?P<unit>year|month|week|day)[\s-]+"
      r"(?P<dir>ago|earlier)(?=\s+(?:quarter|period|month|level|figure|week|year|result))", _F,
      priority=5)

# durations
_QMOD = (r"(?:(?P<qmod>more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to"
         r"|no\s+more\s+than|just\s+over|just\s+under|(?:slightly|a\s+little)\s+(?:more\s+than|less\s+than|over|under)"
         r"|well\s+over|nearly|almost)\s+)?")
_rule("duration", r"\b" + _QMOD + r"(?:(?P<dpre>the\s+(?:past|last|next|coming|first|previous"
      r"|final|following|latest|remaining|initial|entire|full|whole|other)|the|past|last|next|first"
      r"|another|coming|a\s+full|a\s+further)\s+)?" + _NUM
      + r"\s+(?:more\s+|full\s+|straight\s+|consecutive\s+|additional\s+|long\s+)?" + _UNIT
      + r"(?P<half>\s+and\s+a\s+half)?(?![\s-]+old\b)", _F, priority=2)  # ages are not timexes
_rule("duration_adj", r"\b(?P<num>\d+(?:\.\d+)?|" + _NUMW + r"|half|one)-" + _UNIT1
      + r"(?:-long)?(?![\w-])(?!\s*-?\s*olds?\b)", _F, priority=2)
_rule("duration_vague", r"\b(?:(?P<vq>(?:the\s+)?(?:past|last|next|coming)\s+(?:few|several)|recent"
      r"|the\s+coming|coming|the\s+past|the\s+last|the\s+next)\s+)"
      r"(?P<unit>years|months|weeks|days|decades|hours)\b", _F, priority=2)
_rule("duration_bare", r"(?<=\b[Ff]or\s)(?P<unit>years|months|weeks|days|decades|hours)\b"
      r"|(?<=\b[Ii]n\s)(?P<unit2>years|decades)\b(?!\s+(?:of|to))", priority=1)
_rule("duration_long", r"\b(?P<unit>decades|years|months|weeks|days|hours)-long\b", _F, priority=2)

# sets
_SET_ADV = r"daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|semiannually|semi-annually|biannually"
# capitalised after a word or before a capitalised one, it is a name's: "Us Weekly", "the Daily
# News", "Entertainment Weekly"
_rule("set_adv", r"\b(?P<w>(?-i:" + _SET_ADV + r")|(?<![A-Za-z]\s)(?-i:" + _SET_ADV.title() + r")(?!\s+[A-Z]))\b",
      _F, priority=1)
_rule("set_every", r"\b(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?"
      r"(?:(?P<num>\d+|two|three|four|five|six|ten|few)\s+)?"
      r"(?:(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|quarters?|decades?|mornings?"
      r"|nights?|evenings?|weekends?)|" + _WD.replace("?P<wd>", "?P<wd>(?i:") + r"))s?\b",
      _F, priority=2)
_rule("set_a", r"\b(?:once|twice|thrice|(?:\d+|two|three|four|five|six|several)\s+times)\s+"
      r"(?:a|per|each|every)\s+(?P<unit>year|month|week|day)\b", _F, priority=2)

# clock times
_CLOCK = r"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*" + _AMPM + _TZ + r"?"
_rule("clock", _CLOCK, priority=4)
_rule("clock_anchor", _CLOCK + r"\s*,?\s+(?P<anchor>(?i:today|tomorrow|yesterday|tonight)|"
      + _WD + r")\b", priority=4)
_rule("clock24", r"(?<![\d:.$£€])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?"
      r"(?![\d:])(?:\s*(?:hrs|hours|h)\b)?" + _TZ + r"?", priority=3)
_rule("clockmil", r"(?<![\d:.$£€,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:hrs\b|hours\b|" + _TZ[3:]
      , priority=3)
_rule("noon", r"\b(?P<w>noon|midnight|midday)(?:\s+(?P<anchor>(?i:today|tomorrow|yesterday)|"
      + _WD + r"))?\b", _F, priority=2)
_rule("oclock", r"\b(?P<h>\d{1,2}|" + _NUMW + r")\s+o'clock\b", _F, priority=3)
_rule("in_the", r"\b(?P<h>1[0-2]|[1-9])\s+in\s+the\s+(?P<tod>morning|afternoon|evening)\b", _F,
      priority=3)

# --------------------------------------------------------------------------------------------
# context checks (reject false positives before overlap resolution)

_TEMPORAL_PREP = re.compile(
    r"(?:\b(?:in|since|until|till|by|before|after|during|from|to|through|throughout|of|on|early"
    r"|late|mid|last|next|this|since|between|and|or|around|about|circa|until|as\s+of|starting"
    r"|beginning|ending|end|start|spring|summer|fall|autumn|winter|year|fiscal|calendar|January"
    r"|February|March|April|May|June|July|August|September|October|November|December|the|that"
    r"|its|their|his|her|our|early|each|every|against|for|than|over|at|until|unlike|like|back)"
    r"|[-(,;])\s*$", re.I)
_YEAR_BAD_PREV = re.compile(r"(?:\$|€|£|\b(?:about|some|nearly|almost|over|than|approximately"
                            r"|roughly|number|No\.|#|page|pp?\.|article|section|flight|route"
                            r"|model|version|chapter|rule|resolution|code|box|room|suite)\s*)$",
                            re.I)
_YEAR_OK_NEXT = re.compile(r"^(?:'s|\s*[-–]\s*(?:\d\d|\d{4})\b|\s*[.,;:!?)\"'”’]|\s*$|\s+(?:and|or|to"
                           r"|when|as|after|before|until|in|on|at|by|for|with|the|a|an|was|were|is"
                           r"|had|has|have|saw|will|that|which|while|but|he|she|it|they|we|i"
                           r"|there|this|these|its|his|her|their|from|levels?|figures?|results?"
                           r"|elections?|election|budget|season|campaign|crisis|war|games|olympics"
                           r"|census|survey|report|period|quarter|fiscal|annexation|invasion"
                           r"|revolution|agreement|accord|deal|law|act|plan|summit|model|base"
                           r"|(?:[A-Z][\w-]*)))", re.I)
# "a 2013 Toyota Camry": a model year (resources/vehicle_makes.tsv)
_MODEL_YEAR_NEXT = re.compile(rf"^\s+(?:{lexicon.alternation('vehicle_makes')})\b")
_MONTH_ALONE_OK = re.compile(r"\b(?:in|since|until|till|by|before|after|during|from|to|through"
                             r"|of|early|late|mid|last|next|this|since|between|and|or|as\s+of"
                             r"|end|beginning|start|middle|until|on|last|coming|past)[\s-]*$", re.I)
_FALL_OK = re.compile(r"\b(?:in|since|until|by|before|after|during|through|over|of|the|this|last"
                      r"|next|early|late|mid|that|each|every)[\s-]*$", re.I)


_FUNCTION_WORDS = frozenset(
    "and or in at to for by since from on with through until during while as but than the a an"
    " is are was were will would".split())


def _prev(text: str, start: int, n: int = 30) -> str:
    return text[max(0, start - n):start]


def _check(name: str, m: re.Match, text: str) -> bool:
    s, e = m.span()
    before = _prev(text, s)
    if name == "year":
        if _YEAR_BAD_PREV.search(before):
            return False
        if re.search(r"\d[\s,.]*$", before):  # "1,2014", "5 2014"
            return False
        if m.group("fiscal"):
            return True
        after = text[e:e + 40]
        # "in 2013 Toyota sold more": a year after a temporal preposition is still a date
        if _MODEL_YEAR_NEXT.match(after) and not re.search(
                r"\b(?:in|since|until|till|by|before|after|during|from|through|between)\s*$", before, re.I):
            return False
        if _TEMPORAL_PREP.search(before) and not re.match(r"\s+[a-z]+s\b(?<!'s)", after):
            return True
        if re.match(r"\s+(?:troops|people|jets|ships|soldiers|[a-z]+s)\b", after) and not re.match(
                r"\s+(?:was|has|is|elections|games|olympics|figures|levels|results)\b", after):
            return False
        return bool(_YEAR_OK_NEXT.match(after))
    if name == "month":
        mon = m.group("mon")
        if m.group("rel"):
            return True
        # a bare abbreviation before a capitalised word is a name ("Jan Kavan"), not a month
        if len(mon) <= 4 and not text[e:e + 1] == "." and re.match(r"\s+[A-Z][a-z]", text[e:e + 4]):
            return False
        if mon in ("May", "March", "Mar", "Jan", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                   "Dec", "Feb", "Apr"):
            return bool(_MONTH_ALONE_OK.search(before))
        # "January" alone: fine, unless part of a name ("June Carter")
        after = text[e:e + 20]
        if re.match(r"\s+[A-Z][a-z]", after) and not re.match(
                r"\s+(?:The|A|In|On|At|For|Russia|Ukraine|NATO)\b", after):
            return bool(_MONTH_ALONE_OK.search(before))
        return True
    if name in ("mdy", "dmy"):
        mon = m.group("mon")
        if mon == "May" or mon == "March":
            # "may 3" cannot happen (case); "March 3" is a date
            return True
        return True
    if name == "season":
        if m.group("srel") or m.group("year"):
            srel = (m.group("srel") or "").lower()
            if srel == "the" and m.group("season").lower() == "fall" and not m.group("year"):
                return bool(re.search(r"\b(?:in|by|during|since|until|through|over)\s*$", before))
            return True
        return bool(_FALL_OK.search(before)) and m.group("season").lower() != "fall" or bool(
            re.search(r"\b(?:in|during|since|until|by)\s*$", before))
    if name == "deictic":
        w = m.group("w").lower()
        after = text[e:e + 20]
        # attributive "current" (TimeBank: "current market conditions" PRESENT_REF); not when it
        # heads a larger time expression ("the current quarter") or is no time ("current account").
        # ("recent"/"future" alone are annotated too inconsistently to be worth tagging)
        if w.endswith("current"):
            nxt = re.match(r"\s+([a-z][a-z-]*)", after)
            if not nxt or nxt.group(1) in _FUNCTION_WORDS or re.match(
                    r"(?:years?|months?|weeks?|days?|decades?|hours?|quarters?|period|fiscal|times?"
                    r"|centur\w*|account|events|affairs|flows?|past|history|tense|generations?)$",
                    nxt.group(1)):
                return False
            if w == "current" and re.search(r"\b(?:electric|alternating|direct|ocean|the\s+jet)\s*$",
                                            before, re.I):
                return False
        # "as soon as" is a temporal connective (a TimeML SIGNAL), not a time expression
        if w == "soon" and re.search(r"\bas\s+$", before, re.I) and re.match(r"\s+as\b", after,
                                                                              re.I):
            return False
        if w == "now" and re.match(r"\s*(?:that|,\s*(?:that|then))\b", text[e:e + 10]):
            return w == "now"
        if w in ("the present", "the past", "the future"):
            return not re.match(r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten"
                                r"|twelve|years?|months?|weeks?|days?|decades?)", text[e:e + 12], re.I)
        return True
    if name == "duration":
        num = m.group("num").lower()
        unit = m.group("unit").lower()
        if num in ("a", "an") and unit.startswith(("second", "quarter", "min")):
            return False
        if unit.startswith(("night", "weekend", "quarter")) and num in ("a", "an", "some", "many"):
            return False
        if num in ("some", "many", "few", "several") and not unit.endswith("s"):
            return False
        if re.search(r"[$€£]\s*$", before):
            return False
        if re.fullmatch(r"(?:1[89]|20)\d\d", num) and not unit.startswith("year"):
            return False
        if unit.startswith("second") and not (num[0].isdigit() or num in _SMALL or num in _TENS):
            return False
        return True
    if name == "weekday":
        return True
    if name in ("clock24",):
        after = text[e:e + 3]
        # scores and ratios: "2:1", "won 3:2" never match (two-digit minutes required)
        if re.search(r"\b(?:score|won|beat|lost|ratio|verse|chapter)\s*$", before, re.I):
            return False
        return not after.startswith(("/", "-"))
    if name == "set_adv":
        # attributive "quarterly dividend/results/loss": a financial reporting term that TimeBank
        # does not annotate (unlike the adverbial "paid quarterly")
        if m.group("w").lower() == "quarterly":
            nxt = re.match(r"\s+([a-z]+)", text[e:e + 30])
            return not nxt or nxt.group(1) in _FUNCTION_WORDS
        return True
    if name == "set_every":
        return bool(m.group("unit") or m.group("wd"))
    return True


# --------------------------------------------------------------------------------------------
# dates and values


class _Unresolved(Exception):
    def __init__(self, value: str):
        super().__init__(value)
        self.value = value


class _DCT:
    def __init__(self, s: str | None):
        self.year = self.month = self.day = None
        if s:
            m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
            if m:
                self.year = int(m.group(1))
                self.month = int(m.group(2)) if m.group(2) else None
                self.day = int(m.group(3)) if m.group(3) else None

    def need_year(self, marker: str) -> int:
        if self.year is None:
            raise _Unresolved(marker)
        return self.year

    def need_month(self, marker: str) -> tuple[int, int]:
        if self.month is None:
            raise _Unresolved(marker)
        return self.year, self.month

    def need_day(self, marker: str) -> date:
        if self.day is None:
            raise _Unresolved(marker)
        return date(self.year, self.month, self.day)


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    try:
        d = date(y, m, 1) + relativedelta(months=n)
    except (ValueError, OverflowError):  # beyond year 1..9999: the calendar has no such month
        t = y * 12 + (m - 1) + n
        return t // 12, t % 12 + 1
    return d.year, d.month


def _quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def _to_num(s: str | None) -> float | None:
    """Number from digits or words; None for vague amounts ("several")."""
    if s is None:
        return None
    t = s.lower().strip().replace(",", "")
    t = re.sub(r"\s+", " ", t)
    if t.endswith(" 1/2"):
        base = _to_num(t[:-4])
        return None if base is None else base + 0.5
    try:
        return float(t)
    except ValueError:
        pass
    if t in ("a couple of", "a couple"):
        return 2
    if t in ("half",):
        return 0.5
    if "hundred" in t:
        return 100
    if t in _SMALL:
        return _SMALL[t]
    parts = re.split(r"[- ]", t)
    if parts and parts[0] in _TENS:
        return _TENS[parts[0]] + (_SMALL.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


_UNIT_CODE = {"year": "Y", "yr": "Y", "month": "M", "week": "W", "day": "D", "night": "D",
              "weekend": "WE", "hour": "H", "hr": "H", "minute": "M", "min": "M", "second": "S",
              "decade": "DE", "century": "CE", "centurie": "CE", "quarter": "Q", "fortnight": "FN"}


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u.endswith("ies"):
        u = u[:-3] + "y"
    elif u.endswith("s") and u not in ("s",):
        u = u[:-1]
    return u


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    u = _unit_key(unit)
    code = _UNIT_CODE.get(u, "D")
    if n is None:
        x = "X"
        return {"H": f"PT{x}H", "M": f"PT{x}M" if u in ("minute", "min") else f"P{x}M",
                "S": f"PT{x}S", "DE": "P" + x + "DE", "CE": "P" + x + "CE", "Q": "P" + x + "Q",
                "WE": "P" + x + "WE", "FN": "P" + x + "W"}.get(code, f"P{x}{code}")
    if code == "DE":
        return f"P{_fmt(n * 10)}Y"
    if code == "CE":
        return f"P{_fmt(n * 100)}Y"
    if code == "Q":  # TimeBank writes quarters as their own unit: "the past two quarters" P2Q
        return f"P{_fmt(n)}Q"
    if code == "FN":
        return f"P{_fmt(n * 2)}W"
    if code == "WE":
        return f"P{_fmt(n * 2)}D"
    if not float(n).is_integer():
        lower = {"Y": (12, "P{}M"), "W": (7, "P{}D"), "D": (24, "PT{}H"), "H": (60, "PT{}M")}
        if code in lower and u not in ("minute", "min"):
            k, f = lower[code]
            if float(n * k).is_integer():
                # mixed units as TimeBank writes them: "2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M
                rest = int(round((n - int(n)) * k))
                if code == "H":
                    return f"PT{int(n)}H{rest}M" if int(n) else f"PT{rest}M"
                if code == "Y" and int(n):
                    return f"P{int(n)}Y{rest}M"
                if code == "D" and int(n):
                    return f"P{int(n)}DT{rest}H"
                return f.format(int(n * k))
    if code in ("H", "S") or u in ("minute", "min"):
        return f"PT{_fmt(n)}{'M' if u in ('minute', 'min') else code}"
    return f"P{_fmt(n)}{code}"


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def interval(value: str, mod: str | None = None) -> tuple[str | None, str | None]:
    """Inclusive ISO date interval (begin, until) covered by a TIMEX3 DATE/TIME value and mod."""
    b, u = _interval(value)
    if b is None:
        return None, None
    if "T" in value and mod in ("BEFORE", "AFTER"):
        # days are the finest grain here: "after 6am" on Sunday still holds Sunday's 7am
        mod = "ON_OR_BEFORE" if mod == "BEFORE" else "ON_OR_AFTER"
    if mod == "BEFORE":
        return None, (date.fromisoformat(b) - timedelta(days=1)).isoformat()
    if mod == "ON_OR_BEFORE":
        return None, u
    if mod == "AFTER":
        return (date.fromisoformat(u) + timedelta(days=1)).isoformat(), None
    if mod == "ON_OR_AFTER":
        return b, None
    return b, u


def _interval(v: str) -> tuple[str | None, str | None]:
    try:
        m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", v)
        if m:
            d = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return d, d
        m = re.match(r"^(\d{4})-(\d\d)$", v)
        if m:
            y, mo = int(m[1]), int(m[2])
            return f"{y}-{mo:02d}-01", f"{y}-{mo:02d}-{_last_day(y, mo):02d}"
        m = re.match(r"^(\d{4})-W(\d\d)(?:-(WE|\d))?$", v)
        if m:
            mon = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3] == "WE":
                return (mon + timedelta(days=5)).isoformat(), (mon + timedelta(days=6)).isoformat()
            if m[3]:
                d = (mon + timedelta(days=int(m[3]) - 1)).isoformat()
                return d, d
            return mon.isoformat(), (mon + timedelta(days=6)).isoformat()
        m = re.match(r"^(\d{4})-Q([1-4])$", v)
        if m:
            y, q = int(m[1]), int(m[2])
            m1, m3 = 3 * q - 2, 3 * q
            return f"{y}-{m1:02d}-01", f"{y}-{m3:02d}-{_last_day(y, m3):02d}"
        m = re.match(r"^(\d{4})-H([12])$", v)
        if m:
            y = int(m[1])
            return (f"{y}-01-01", f"{y}-06-30") if m[2] == "1" else (f"{y}-07-01", f"{y}-12-31")
        m = re.match(r"^(\d{4})-(SP|SU|FA|WI)$", v)
        if m:
            y = int(m[1])
            a, z = _SEASON_MONTHS[m[2]]
            if m[2] == "WI":
                return f"{y}-12-01", f"{y + 1}-02-{_last_day(y + 1, 2):02d}"
            return f"{y}-{a:02d}-01", f"{y}-{z:02d}-{_last_day(y, z):02d}"
        m = re.match(r"^(\d{4})$", v)
        if m:
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
        m = re.match(r"^(\d{3})$", v)
        if m:
            return f"{m[1]}0-01-01", f"{m[1]}9-12-31"
        m = re.match(r"^(\d{2})$", v)
        if m:
            return f"{m[1]}00-01-01", f"{m[1]}99-12-31"
    except ValueError:
        return None, None
    return None, None


# --------------------------------------------------------------------------------------------
# tense without a parse: the nearest tense cue in the sentence


_SENT_BOUND = re.compile(r"[.!?\n]\s")
_CUES = re.compile(
    r"\b(?P<fut>will|won't|wo|'ll|shall|going\s+to|plans?\s+to|planned\s+to|scheduled|expected\s+to"
    r"|is\s+to|are\s+to|would|upcoming|next|set\s+to|likely\s+to|plans?|planned|planning"
    r"|as\s+(?:soon|early)\s+as)\b"
    r"|(?P<past>said|was|were|had|did|ago|last|earlier|(?:has|have)(?=\s+(?:been|[a-z]+ed)\b)"
    r"|(?-i:[a-z]{3,}ed))\b|\b(?P<pres>is|are|am|says|say)\b", re.I)
# a participle after an auxiliary ("will be named", "had been scheduled", "is expected") takes its
# tense from the auxiliary, which is a cue of its own (or "be"/"been", which defer to theirs)
_AUX_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|was|were|has|have|had|will|would|the|a|an)"
                         r"\s+$", re.I)


def regex_tense(text: str) -> Tense:
    def tense(start: int, end: int) -> str | None:
        lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 160)
        hi_c = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
        hi = min(hi_c + [end + 160])
        best, dist = None, 10**9
        for m in _CUES.finditer(text, max(lo, 0), hi):
            if start <= m.start() < end:
                continue
            past = m.group("past")
            if past and past.endswith("ed") and past.islower() and _AUX_BEFORE.search(
                    text[max(0, m.start() - 12):m.start()]):
                continue
            d = start - m.end() if m.end() <= start else m.start() - end
            kind = "FUTURE" if m.group("fut") else "PAST" if past else "PRESENT"
            if d < dist:
                best, dist = kind, d
        return best
    return tense


# --------------------------------------------------------------------------------------------
# the tagger


_PREFIX_MOD = re.compile(
    r"\b(?P<p>early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|turn|close)\s+of"
    r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of|the\s+first\s+half\s+of"
    r"|the\s+second\s+half\s+of|about|around|approximately|roughly|circa|some\s+time\s+in)"
    r"(?:\s+|-)(?:the\s+)?$", re.I)
_SIGNAL = re.compile(r"\b(?P<s>since|after|before|until|till|through|by|prior\s+to|ahead\s+of"
                     r"|as\s+of|no\s+later\s+than|not\s+before|not\s+after|from|post|pre|up\s+to"
                     r"|beginning|starting|effective)[\s-]+(?:(?:on|in|at)\s+)?$", re.I)
# "just after", "shortly before": the moment itself, give or take, not an open stretch
_NEAR = re.compile(r"\b(?:just|shortly|right|soon|immediately|moments?|minutes)\s+$", re.I)
_PREFIX_CODE = {"early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
                "beginning": "START", "start": "START", "end": "END", "middle": "MID",
                "turn": "END", "close": "END", "about": "APPROX", "around": "APPROX",
                "approximately": "APPROX", "roughly": "APPROX", "circa": "APPROX",
                "first": "START", "second": "END", "some": "APPROX"}
_SIGNAL_CODE = {"since": "ON_OR_AFTER", "after": "AFTER", "post": "AFTER", "before": "BEFORE",
                "pre": "BEFORE", "prior to": "BEFORE", "ahead of": "BEFORE", "until": "ON_OR_BEFORE",
                "till": "ON_OR_BEFORE", "through": "ON_OR_BEFORE", "by": "ON_OR_BEFORE",
                "no later than": "ON_OR_BEFORE", "not before": "ON_OR_AFTER",
                "not after": "ON_OR_BEFORE", "as of": None, "from": "ON_OR_AFTER",
                "up to": "ON_OR_BEFORE", "beginning": "ON_OR_AFTER", "starting": "ON_OR_AFTER",
                "effective": "ON_OR_AFTER"}
# "just over a year", "slightly less than a week": the span itself, give or take, as "about a
# year" is (TimeML has no mod for a bound that is also near), not any span above or below it
_NEAR_BOUNDS = {f"{near} {bound}": "APPROX" for near in ("slightly", "a little")
                for bound in ("more than", "less than", "over", "under")}
_QMOD_CODE = {"more than": "MORE_THAN", "over": "MORE_THAN", "just over": "APPROX",
              "well over": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
              "under": "LESS_THAN", "just under": "APPROX", "at least": "EQUAL_OR_MORE", **_NEAR_BOUNDS,
              "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
              "nearly": "EQUAL_OR_LESS", "almost": "LESS_THAN", "about": "APPROX",
              "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
              "close to": "APPROX", "just": None, "only": None}

_TRIGGER = re.compile(
    r"\d|(?i:today|tomorrow|yesterday|tonight|now|current|recent|lately|soon|previous|formerly"
    r"|present|past|future|these days|week|month|year|day|decade|centur|quarter|hour|minute"
    r"|second|night|morning|afternoon|evening|noon|midday|spring|summer|fall|autumn|winter"
    r"|daily|annual|fortnight|season|half|period|christmas|easter|thanksgiving|halloween|new year"
    r"|o'clock|nineteen|twenty|thousand)|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|Labor|Memorial|Election|Independence|Valentine|Boxing|Veterans|Good Friday")


@dataclass
class _State:
    dct: _DCT
    tense: Tense
    tz: str | None
    last_day: date | None = None  # last day-level date mentioned (anaphora, clock times)
    last_quarter: tuple[int, int] | None = None
    last_value: str | None = None
    sent_day: dict = field(default_factory=dict)


_MONTHK = tuple(sorted({r[0][:3] for r in lexicon.rows("months")}))
_WDK = tuple(r[0] for r in lexicon.rows("weekdays"))
_UNITK = ("year", "month", "week", "day", "hour", "minute", "second", "decade", "centur",
          "quarter", "fortnight", "night", "yr", "hr", "min")
# cheap substring prefilters: a rule runs only on text holding one of its keys
_KEYS: dict[str, tuple[str, ...]] = {
    "iso": ("-",), "slash": ("/",), "mdy": _MONTHK, "dmy": _MONTHK, "month_year": _MONTHK,
    "month_rel": _MONTHK, "month": _MONTHK, "year_words": ("nineteen", "twenty", "two thousand"),
    "decade": ("0s", "0's"), "century": ("century",), "quarter": ("quarter", "half", "period"),
    "the_quarter": ("quarter",), "year_quarter": ("quarter", "period"), "year_ago_adj": ("year-",),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "holiday": ("christmas", "new year", "thanksgiving", "independence", "halloween",
                "valentine", "easter", "good friday", "labor day", "memorial", "election day",
                "boxing", "veterans"),
    "deictic": ("today", "tomorrow", "yesterday", "tonight", "now", "current", "recent", "lately",
                "soon", "previous", "formerly", "present", "these days", "past", "future"),
    "deictic_tod": ("morning", "afternoon", "evening", "night"),
    "rel_unit": ("week", "month", "year", "day", "decade"), "the_year": ("the",), "rel_wd": _WDK, "weekday": _WDK,
    "ago": ("ago", "earlier", "later", "from now", "hence", "back"),
    "ago_adj": ("ago", "earlier"), "duration": _UNITK, "duration_adj": _UNITK,
    "duration_vague": _UNITK, "duration_bare": _UNITK, "duration_long": ("-long",),
    "set_adv": ("daily", "weekly", "monthly", "annually", "yearly", "quarterly", "hourly",
                "nightly", "biweekly", "biannually"),
    "set_every": ("every", "each", "per"), "set_a": ("once", "twice", "thrice", "times"),
    "clock": ("m",), "clock_anchor": ("m",), "clock24": (":",), "noon": ("noon", "midnight", "midday"),
    "oclock": ("o'clock",), "in_the": ("in the morning", "in the afternoon", "in the evening"),
}
_NEEDS_DIGIT = {"iso", "slash", "year", "decade", "clock", "clock_anchor", "clock24", "clockmil",
                "year_quarter"}
_HAS_DIGIT = re.compile(r"\d")


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match]]:
    found = []
    lower = text.lower()
    digit = _HAS_DIGIT.search(text) is not None
    for name, pat, prio in _RULES:
        if name in _NEEDS_DIGIT and not digit:
            continue
        keys = _KEYS.get(name)
        if keys and not any(k in lower for k in keys):
            continue
        for m in pat.finditer(text):
            if m.end() > m.start() and _check(name, m, text):
                found.append((m.start(), m.end(), prio, name, m))
    # longest first, then rule priority; keep non-overlapping
    found.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    taken: list[tuple[int, int, int, str, re.Match]] = []
    for c in found:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken


def _tag(text: str, dct: str | None, tz: str | None, tense: Tense,
         offset: int = 0, state: _State | None = None) -> list[Timex]:
    st = state or _State(_DCT(dct), tense, tz)
    st.tense = tense
    if not _TRIGGER.search(text):
        return []
    out: list[Timex] = []
    # clock times last, so that they can anchor to a day named later in the sentence
    cands = sorted(_candidates(text), key=lambda c: (c[3] in _CLOCK_RULES and not c[4].groupdict().get(
        "anchor"), c[0]))
    for s, e, _prio, name, m in cands:
        mod = None
        # left extension with an in-span modifier: "early 2014", "about two weeks"
        pm = _PREFIX_MOD.search(_prev(text, s, 40))
        if pm and name in ("weekday", "rel_wd") and pm.group("p").lower() in (
                "early", "late", "earlier", "later"):
            mod = _PREFIX_CODE.get(pm.group("p").lower())
            pm = None
        if pm and name == "deictic" and pm.group("p").lower() in ("earlier", "later"):
            mod = _PREFIX_CODE.get(pm.group("p").lower())
            pm = None
        if pm and name not in ("ago", "duration", "deictic") or (
                pm and name == "deictic" and m.group("w").lower() in ("yesterday", "today",
                                                                    "tomorrow", "tonight")):
            p = pm.group("p").lower()
            if not (name in ("rel_unit", "deictic_tod") and p in ("early", "late", "earlier",
                                                                 "later")):
                key = p.split()[-1] if not p.startswith("the first") else "first"
                if p.startswith("the second"):
                    key = "second"
                if p.startswith("some"):
                    key = "some"
                mod = _PREFIX_CODE.get(key)
                if key not in ("about", "around", "approximately", "roughly", "circa", "some"):
                    s = s - (len(_prev(text, s, 40)) - pm.start())
        try:
            t, value, m2, tzv = _normalise(name, m, text, st)
            resolved = True
        except _Unresolved as u:
            t, value, m2, tzv = _type_of(name, m), u.value, None, None
            resolved = False
        except (ValueError, OverflowError):  # "2022-02-30", or a date past datetime's range: no claim
            continue
        if value is None:
            continue
        mod = mod or m2
        if t in ("DATE", "TIME") and mod is None:
            before = _prev(text, s, 40)
            sg = _SIGNAL.search(before)
            if sg:
                code = _SIGNAL_CODE.get(re.sub(r"\s+", " ", sg.group("s").lower()))
                if code in ("AFTER", "BEFORE") and _NEAR.search(before[:sg.start()]):
                    code = "APPROX"  # "just after 6am" is about 6am, not any time after it
                if not (sg.group("s").lower() == "by" and name in ("deictic",)
                        and m.group("w").lower() in ("now",)):
                    mod = code
        begin = until = None
        if t in ("DATE", "TIME") and resolved:
            begin, until = interval(value, mod)
            if name == "rel_unit" and mod is None and _YEAR_VALUE.match(value) and _EDITION.match(text, e):
                # "this year's Oscars", "last year's season", "next year's budget" name an edition
                # of something yearly, whose calendar year may be one off the year it is named
                # for: the Oscars announced in August are next spring's, a season or a fiscal
                # year spans two. TimeML's value stays the year; the days it admits widen by one
                # year each way, so "this year's Oscars" meets "the 2014 Oscars" in August 2013.
                y = int(value)
                begin, until = f"{y - 1:04d}-01-01", f"{y + 1:04d}-12-31"
        out.append(Timex(s + offset, e + offset, text[s:e], t, value, mod, begin, until, resolved,
                         tzv, name))
        if t == "DATE" and resolved:
            st.last_value = value
            if re.match(r"^\d{4}-\d\d-\d\d$", value):
                st.last_day = date.fromisoformat(value)
                st.sent_day["day"] = st.last_day
            qm = re.match(r"^(\d{4})-Q(\d)$", value)
            if qm and name in ("quarter", "the_quarter") and not re.search(
                    r"year-(?:ago|earlier)|\bsame\b", m.group(0), re.I):
                st.last_quarter = (int(qm[1]), int(qm[2]))
    out.sort(key=lambda t: t.start)
    return out


_CLOCK_RULES = ("clock", "clock_anchor", "clock24", "clockmil", "noon", "oclock", "in_the")
_YEAR_VALUE = re.compile(r"\d{4}$")
_EDITION = re.compile(r"['\u2019]s\b")  # a possessive right after the date: "this year's"


def _type_of(name: str, m: re.Match) -> str:
    if name.startswith("duration"):
        return "DURATION"
    if name.startswith("set"):
        return "SET"
    if name in ("clock", "clock_anchor", "clock24", "clockmil", "noon", "oclock", "in_the"):
        return "TIME"
    if name in ("deictic_tod",) or (name in ("weekday", "rel_wd") and m.group("tod")):
        return "TIME"
    return "DATE"


def _month_year(st: _State, month: int, name_marker: str, tense_s: str | None,
                rel: str | None = None) -> int:
    """Year of a month name without year: nearest occurrence in the tense's direction."""
    y, dm = st.dct.need_month(name_marker)
    rel = (rel or "").lower()
    if rel == "last" or rel == "past":
        return y if month < dm else y - 1
    if rel in ("next", "coming"):
        return y if month > dm else y + 1
    if rel == "this":
        return y
    if rel == "":
        return _nearest_year(st, month, None, tense_s, name_marker)
    if tense_s == "PAST" and month > dm:
        return y - 1
    if tense_s == "FUTURE" and month < dm:
        return y + 1
    return y


def _nearest_year(st: _State, mo: int, da: int | None, tense_s: str | None, marker: str) -> int:
    """Year of a month (and day) without year: the occurrence nearest the DCT, unless the tense
    points the other way and that occurrence is still within ~9 months (TimeBank practice)."""
    if st.dct.day is None:
        y, dm = st.dct.need_month(marker)
        ref = date(y, dm, 15)
    else:
        ref = st.dct.need_day(marker)
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, mo, da) if da else date(y, mo, 15)
        except ValueError:
            continue
        cands.append((y, (d - ref).days))
    if not da and st.dct.day is None or not da:
        # month granularity: the DCT's own month is "this" month
        for y, delta in cands:
            if y == ref.year and mo == ref.month:
                return y
    if not cands:
        return ref.year
    near = min(cands, key=lambda c: abs(c[1]))
    if tense_s == "PAST" and near[1] > 0:
        past = [c for c in cands if c[1] <= 0]
        if past and -max(past, key=lambda c: c[1])[1] <= 270:
            return max(past, key=lambda c: c[1])[0]
    if tense_s == "FUTURE" and near[1] < 0:
        fut = [c for c in cands if c[1] >= 0]
        if fut and min(fut, key=lambda c: c[1])[1] <= 270:
            return min(fut, key=lambda c: c[1])[0]
    return near[0]


def _weekday_date(st: _State, wd: int, tense_s: str | None, rel: str | None,
                  marker: str) -> date:
    d = st.dct.need_day(marker)
    cur = d.isoweekday()
    rel = (rel or "").lower()
    if rel in ("next", "coming", "this coming"):
        delta = (wd - cur) % 7 or 7
        if rel == "next" and delta < 3 and False:
            delta += 7
        return d + timedelta(days=delta)
    if rel in ("last", "this past"):
        delta = (cur - wd) % 7 or 7
        return d - timedelta(days=delta)
    if rel == "this":
        return d + timedelta(days=wd - cur)
    if wd == cur:
        return d
    if tense_s in ("FUTURE", "PRESENT_FUT"):
        return d + timedelta(days=(wd - cur) % 7)
    return d - timedelta(days=(cur - wd) % 7)


def _holiday(name: str, y: int) -> date | None:
    n = name.lower().replace("’", "'")
    fixed = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year's eve": (12, 31), "new year's day": (1, 1), "new year's": (1, 1),
             "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
             "boxing day": (12, 26), "veterans day": (11, 11)}
    if n in fixed:
        return date(y, *fixed[n])

    jan1 = date(y, 1, 1)
    if n.startswith("thanksgiving"):  # fourth Thursday of November
        return jan1 + relativedelta(month=11, weekday=TH(4))
    if n == "labor day":  # first Monday of September
        return jan1 + relativedelta(month=9, weekday=MO(1))
    if n == "memorial day":  # last Monday of May
        return jan1 + relativedelta(month=5, day=31, weekday=MO(-1))
    if n == "election day":  # the Tuesday after the first Monday of November
        return jan1 + relativedelta(month=11, weekday=MO(1)) + timedelta(days=1)
    if n.startswith("easter") or n == "good friday":
        e = easter(y)
        return e - timedelta(days=2) if n == "good friday" else e
    return None


# nouns a holiday may modify and still date: "Christmas morning", "the Easter weekend"
_HOLIDAY_TIMES = frozenset("day eve morning afternoon evening night weekend week holiday season period break "
                           "time vacation recess".split())


def _names_a_kind(span) -> bool:
    """A holiday (the ``holiday`` rule's match) that modifies a noun names a kind of thing, not
    the day of an event: an "office Christmas party" is held in the weeks before Christmas, a
    "Christmas tree" stands for weeks; only a time it modifies ("Christmas morning") is dated by it."""
    root = span.root
    return (root.dep_ in ("compound", "nmod") and root.head.i >= span.end and root.head.pos_ == "NOUN"
            and root.head.lemma_.lower() not in _HOLIDAY_TIMES)


_SEASONS_BY_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}


def _season_of(month: int) -> str:
    """The season code (TIMEX3) of a month, the northern hemisphere's."""
    return _SEASONS_BY_MONTH.get(month, "FA")


@lru_cache(maxsize=64)
def _holiday_of_no_year(name: str) -> str | None:
    """A holiday of an undated report, at the precision the calendar gives it without a year:
    Christmas is XXXX-12-25, Thanksgiving some day of November (XXXX-11), Easter some day of
    spring (XXXX-SP); never the report's own day (XXXX-XX-XX), which it is not."""
    days = [d for y in range(2000, 2035) if (d := _holiday(name, y)) is not None]
    if not days:
        return None
    if len({(d.month, d.day) for d in days}) == 1:
        return f"XXXX-{days[0].month:02d}-{days[0].day:02d}"
    if len({d.month for d in days}) == 1:
        return f"XXXX-{days[0].month:02d}"
    seasons = {_season_of(d.month) for d in days}
    return f"XXXX-{seasons.pop()}" if len(seasons) == 1 else None


def _hour(h: int, ampm: str | None) -> int:
    if ampm:
        pm = ampm.lower().startswith("p")
        if pm and h < 12:
            h += 12
        if not pm and h == 12:
            h = 0
    return h


def _anchor_day(st: _State, m: re.Match, s: int, e: int, marker: str) -> date:
    """The day a clock time belongs to: its own anchor, a day named before it, else the DCT."""
    anchor = m.groupdict().get("anchor")
    if anchor:
        a = anchor.lower()
        if a in _WEEKDAYS:
            # undated, "7 p.m. Wednesday" keeps its weekday (XXXX-WXX-3T19:00): never the report's day
            weekday = marker.replace("XXXX-XX-XX", f"XXXX-WXX-{_WEEKDAYS[a]}", 1)
            return _weekday_date(st, _WEEKDAYS[a], st.tense(s, e), None, weekday)
        d = st.dct.need_day(marker)
        return d + timedelta(days={"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[a])
    if st.sent_day.get("day") is not None:
        return st.sent_day["day"]
    return st.dct.need_day(marker)


def _normalise(name: str, m: re.Match, text: str, st: _State):
    """(type, value, mod, tz) of a match; raises _Unresolved for what the DCT cannot resolve."""
    g = m.groupdict()
    s, e = m.span()
    dct = st.dct

    def tense() -> str | None:
        return st.tense(s, e)

    if name == "iso":
        d = date(int(g["y"]), int(g["m"]), int(g["d"]))
        if g["h"]:
            return "TIME", f"{d.isoformat()}T{g['h']}:{g['mi']}", None, None
        return "DATE", d.isoformat(), None, None
    if name == "slash":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        mo, da = (a, b)
        if a > 12 or (st.tz and not st.tz.startswith("-") and b <= 12):
            mo, da = b, a
        try:
            return "DATE", date(y, mo, da).isoformat(), None, None
        except ValueError:
            return "DATE", None, None, None
    if name in ("mdy", "dmy"):
        mo = _MONTHS[g["mon"].lower().rstrip(".")]
        da = int(g["day"])
        if g["year"]:
            y = int(g["year"])
        else:
            y = _nearest_year(st, mo, da, tense(), f"XXXX-{mo:02d}-{da:02d}")
        try:
            d = date(y, mo, da)
        except ValueError:
            return "DATE", None, None, None
        return "DATE", d.isoformat(), None, None
    if name == "month_year":
        return "DATE", f"{int(g['year'])}-{_MONTHS[g['mon'].lower().rstrip('.')]:02d}", None, None
    if name == "month_rel":
        mo = _MONTHS[g["mon"].lower().rstrip(".")]
        y = dct.need_year(f"XXXX-{mo:02d}") + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
        return "DATE", f"{y}-{mo:02d}", None, None
    if name == "month":
        mo = _MONTHS[g["mon"].lower().rstrip(".")]
        y = _month_year(st, mo, f"XXXX-{mo:02d}", tense(), g["rel"])
        return "DATE", f"{y}-{mo:02d}", None, None
    if name == "year":
        return "DATE", g["year"], None, None
    if name == "year_words":
        if g.get("yc"):
            yy = _to_num(g["yy"].replace("oh", "").strip(" -"))
            if yy is None:
                return "DATE", None, None, None
            y = (19 if g["yc"].lower() == "nineteen" else 20) * 100 + int(yy)
        else:
            y = 2000 + int(_to_num(g["y2k"]) or 0) if g.get("y2k") else 2000
        if g.get("wmon"):
            return "DATE", f"{y}-{_MONTHS[g['wmon'].lower()]:02d}", None, None
        if g.get("wseas"):
            return "DATE", f"{y}-{_SEASONS[g['wseas'].split()[1].lower()]}", None, None
        return "DATE", str(y), None, None
    if name == "decade":
        if g["dec"]:
            return "DATE", g["dec"][:3], None, None
        two = int(g["dec2"])
        cent = 19 if dct.year is None or two > (dct.year % 100) else dct.year // 100
        return "DATE", f"{cent}{g['dec2'][0]}", None, None
    if name == "century":
        if g["cent"]:
            return "DATE", f"{int(g['cent']) - 1:02d}", None, None
        y = dct.need_year("XX")
        rel = g["crel"].lower().split()[-1]
        c = y // 100 + {"this": 0, "last": -1, "previous": -1, "past": -1, "next": 1}[rel]
        return "DATE", f"{c:02d}", None, None
    if name == "year_quarter":
        if st.last_quarter:
            return "DATE", f"{g['qy']}-Q{st.last_quarter[1]}", None, None
        return "DATE", g["qy"], None, None
    if name in ("quarter", "the_quarter", "year_ago_adj"):
        if name != "year_ago_adj" and not _calendar_period(g, text, s, e, st):
            return "DATE", None, None, None  # "the third quarter" of a game
        return _quarter(name, g, st, tense())
    if name == "season":
        code = _SEASONS[g["season"].lower()]
        rel = (g["srel"] or "").lower()
        mod = {"early": "START", "late": "END", "mid": "MID"}.get(rel)
        if g["year"]:
            return "DATE", f"{g['year']}-{code}", mod, None
        y, dm = dct.need_month(f"XXXX-{code}")
        cur = _season_of(dm)
        start_m = _SEASON_MONTHS[code][0]
        if rel in ("last", "this past"):
            y = y - 1 if code == cur or start_m > dm else y
        elif rel in ("next", "the coming"):
            y = y + 1 if code == cur or start_m < dm else y
        elif rel == "this" or code == cur:
            y = y - 1 if code == "WI" and dm <= 2 else y
        elif tense() == "PAST" and start_m > dm:
            y -= 1
        elif tense() == "FUTURE" and start_m < dm:
            y += 1
        return "DATE", f"{y}-{code}", mod, None
    if name == "holiday":
        if g["year"]:
            d = _holiday(g["hol"], int(g["year"]))
            return "DATE", d.isoformat() if d else None, None, None
        if dct.day is None:
            marker = _holiday_of_no_year(g["hol"])
            if marker is None:
                return "DATE", None, None, None
            raise _Unresolved(marker)
        today = dct.need_day("XXXX-XX-XX")
        d = _holiday(g["hol"], today.year)
        rel = (g["hrel"] or "").lower()
        if d is None:
            return "DATE", None, None, None
        prev_d, next_d = _holiday(g["hol"], today.year - 1), _holiday(g["hol"], today.year + 1)
        if rel == "last" and d > today:
            d = prev_d
        elif rel == "next" and d < today:
            d = next_d
        elif not rel:
            d = min((prev_d, d, next_d), key=lambda x: abs((x - today).days))
        return "DATE", d.isoformat(), None, None
    if name == "deictic":
        w = re.sub(r"\s+", " ", g["w"].lower())
        refs = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
                "presently": "PRESENT_REF", "at present": "PRESENT_REF", "right now": "PRESENT_REF",
                "these days": "PRESENT_REF", "the present": "PRESENT_REF",
                "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "soon": "FUTURE_REF",
                "the future": "FUTURE_REF", "in future": "FUTURE_REF",
                "current": "PRESENT_REF", "then current": "PAST_REF", "then-current": "PAST_REF",
}
        if w.endswith(" future"):
            w = "the future"
        if w in refs:
            return "DATE", refs[w], None, None
        shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1,
                 "the day after tomorrow": 2, "the day before yesterday": -2}[w]
        marker = "XXXX-XX-XX" if shift == 0 else f"REF{shift:+d}D".replace("+", "+P").replace("-", "-P")
        d = dct.need_day(marker) + timedelta(days=shift)
        if w == "tonight":
            return "TIME", d.isoformat() + "TNI", None, None
        return "DATE", d.isoformat(), None, None
    if name == "deictic_tod":
        w = re.sub(r"\s+", " ", g["w"].lower())
        tod = _TOD[g["tod"].lower()]
        shift = {"today": 0, "this": 0, "tomorrow": 1, "yesterday": -1, "last": -1,
                 "early this": 0, "late this": 0}[w]
        mod = "START" if w.startswith("early") else "END" if w.startswith("late") else None
        if w == "last" and tod != "NI":
            shift = -1
        d = dct.need_day(f"XXXX-XX-XXT{tod}" if shift == 0 else f"REF{'+P' if shift > 0 else '-P'}1DT{tod}")
        d = d + timedelta(days=shift)
        return "TIME", f"{d.isoformat()}T{tod}", mod, None
    if name == "the_year":
        if g.get("yend"):
            return "DURATION", "P1Y", None, None
        return "DATE", str(dct.need_year("XXXX")), None, None
    if name == "rel_unit":
        return _rel_unit(g, st, tense())
    if name in ("rel_wd", "weekday"):
        wd = _WEEKDAYS[g["wd"].lower()]
        rel = re.sub(r"\s+", " ", g.get("rel") or "").lower() or None
        tn = tense()
        if tn == "PRESENT":
            tn = "PRESENT_FUT"
        d = _weekday_date(st, wd, tn, rel, f"XXXX-WXX-{wd}")
        # "9:25 Thursday morning": a clock time of the sentence takes this day, part of day or not
        st.sent_day["day"] = d
        if g.get("tod"):
            return "TIME", f"{d.isoformat()}T{_TOD[g['tod'].lower()]}", None, None
        return "DATE", d.isoformat(), None, None
    if name in ("ago", "ago_adj"):
        return _ago(g, st)
    if name.startswith("duration"):
        return _duration(name, g, st, text, s)
    if name.startswith("set"):
        return _set(name, g)
    if name in ("clock", "clock_anchor", "clock24", "clockmil", "noon", "oclock", "in_the"):
        if name == "noon":
            hh, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[g["w"].lower()]
            if g["w"].lower() == "midday" and not g.get("anchor") and False:
                pass
        elif name == "oclock":
            hn = _to_num(g["h"])
            if hn is None or not 1 <= hn <= 12:
                return "TIME", None, None, None
            hh, mi = int(hn), 0
        elif name == "in_the":
            hh = _hour(int(g["h"]), "pm" if g["tod"].lower() != "morning" else "am")
            mi = 0
        else:
            hh = _hour(int(g["h"]), g.get("ampm"))
            mi = int(g["mi"] or 0)
        tzv = tz_offset(g["tz"], st.tz) if g.get("tz") else None
        hm = f"T{hh:02d}:{mi:02d}"
        try:
            d = _anchor_day(st, m, s, e, "XXXX-XX-XX" + hm)
        except _Unresolved as u:
            raise _Unresolved(u.value) from None
        return "TIME", d.isoformat() + hm, None, tzv
    raise AssertionError(name)


_PERIOD_CONTEXT = re.compile(
    r"(?:(?<![\w])(?:" + lexicon.alternation("quarter_context") + r")|%|(?<![\d])(?:1[89]|20)\d\d(?!\d)|\bQ[1-4]\b|\bFY)",
    re.I)


def _calendar_period(g: dict, text: str, s: int, e: int, st: _State) -> bool:
    """Whether "the third quarter" / "the first half" is a calendar or fiscal period: a year or
    a fiscal word is written with it or near it (this sentence or the one before), or a dated
    quarter came before. Else it is a part of a game or a match, no date."""
    if g.get("qy") or g.get("qy2") or g.get("qrel") or st.last_quarter:
        return True
    if (g.get("qord") or "").lower() in ("fiscal", "year-earlier", "year-ago"):
        return True
    left = text[max(0, s - 400) : s]
    cut = [m.end() for m in re.finditer(r"[.!?]\s", left)]
    left = left[cut[-2] if len(cut) >= 2 else 0 :]  # this sentence and the one before
    right = text[e : e + 300]
    m = re.search(r"[.!?](?:\s|$)", right)
    right = right[: m.start()] if m else right
    return _PERIOD_CONTEXT.search(left + " " + text[s:e] + " " + right) is not None


def _quarter(name: str, g: dict, st: _State, tn: str | None):
    dct = st.dct
    if name == "year_ago_adj":
        if st.last_quarter:
            y, q = st.last_quarter
            return "DATE", f"{y - 1}-Q{q}", None, None
        return "DATE", str(dct.need_year("REF-P1Y") - 1), None, None
    unit = (g.get("qu") or "quarter").lower()
    qord = (g.get("qord") or "").lower()
    y = None
    for key in ("qy", "qy2"):
        v = g.get(key)
        if v:
            v = v.lower()
            if v[0].isdigit():
                y = int(v)
            else:
                y = dct.need_year("XXXX") + {"this": 0, "last": -1, "next": 1}[v.split()[0]]
    if g.get("qrel"):
        y = dct.need_year("XXXX") + {"this": 0, "last": -1, "next": 1}[g["qrel"].lower()]
    if unit == "period" and qord not in ("year-earlier", "year-ago", "latest", "same"):
        return "DATE", None, None, None
    if unit == "half":
        k = {"first": 1, "1st": 1, "second": 2, "2nd": 2}.get(qord)
        if k is None:
            return "DATE", None, None, None
        if y is None:
            yy, dm = dct.need_month(f"XXXX-H{k}")
            y = yy - 1 if (k == 2 and dm <= 6 and tn == "PAST") else yy
        return "DATE", f"{y}-H{k}", None, None
    if qord in _ORD:
        q = _ORD[qord]
        if y is None:
            yy, dm = dct.need_month(f"XXXX-Q{q}")
            cur = _quarter_of(dm)
            y = yy - 1 if (q > cur and tn == "PAST") or (q == 4 and cur == 1 and tn != "FUTURE") else yy
        return "DATE", f"{y}-Q{q}", None, None
    if qord in ("year-earlier", "year-ago"):
        if st.last_quarter:
            yy, q = st.last_quarter
            return "DATE", f"{yy - 1}-Q{q}", None, None
        yy, dm = dct.need_month("REF-P1Y")
        q = _quarter_of(dm) - 1 or 4
        return "DATE", f"{yy - 1 - (1 if q == 4 and dm <= 3 else 0)}-Q{q}", None, None
    # the quarter / the latest quarter / the current quarter / the same quarter
    if st.last_quarter and qord not in ("current", "next", "previous", "last", "final"):
        yy, q = st.last_quarter
        return "DATE", f"{yy}-Q{q}", None, None
    yy, dm = dct.need_month("XXXX-QX")
    q = _quarter_of(dm)
    if qord in ("previous", "last", "latest", "") or (qord == "fiscal") or (not qord and tn == "PAST"):
        q -= 1
    elif qord == "next":
        q += 1
    elif qord == "final":
        q = 4
    if q == 0:
        yy, q = yy - 1, 4
    if q == 5:
        yy, q = yy + 1, 1
    if y is not None:
        yy = y
    return "DATE", f"{yy}-Q{q}", None, None


def _rel_unit(g: dict, st: _State, tn: str | None):
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    gran = g["gran"].lower()
    dct = st.dct
    mod = None
    if rel.startswith(("earlier", "early")):
        mod = "START"
    elif rel.startswith(("later", "late")):
        mod = "END"
    if rel.startswith("within"):
        return "DURATION", f"P1{ {'week': 'W', 'month': 'M', 'year': 'Y', 'day': 'D'}.get(gran, 'W')}", None, None
    base = rel.split()[-1]
    if base in ("past", "previous") and rel.startswith("the") and gran in ("decade", "day"):
        return "DURATION", {"decade": "P10Y", "day": "P1D"}[gran], None, None
    if rel in ("the past", "the last") and gran in ("week", "month", "year"):
        pass  # "the past year": TimeBank reads it as the last calendar unit
    shift = {"this": 0, "current": 0, "same": 0, "that": 0, "last": -1, "past": -1, "previous": -1,
             "next": 1, "coming": 1, "following": 1}.get(base, 0)
    anaphoric = base in ("same", "that", "following")
    code = {"week": "W", "month": "M", "year": "Y", "weekend": "W", "decade": "DE", "day": "D"}[gran]
    marker = ({"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "DE": "XXX", "D": "XXXX-XX-XX"}[code]
              if shift == 0 else f"REF{'+' if shift > 0 else '-'}P1{code}")
    if gran == "day":
        if anaphoric and st.last_day:
            return "DATE", (st.last_day + timedelta(days=shift if base == "following" else 0)).isoformat(), None, None
        if base in ("this", "same", "that", "current"):
            return "DATE", dct.need_day(marker).isoformat(), mod, None
        return "DATE", None, None, None
    if anaphoric and st.last_value and gran == "year":
        m = re.match(r"^(\d{4})", st.last_value)
        if m:
            return "DATE", str(int(m[1]) + (1 if base == "following" else 0)), mod, None
    if gran == "year":
        return "DATE", str(dct.need_year(marker) + shift), mod, None
    if gran == "decade":
        y = dct.need_year(marker) + 10 * shift
        return "DATE", str(y)[:3], mod, None
    if gran == "month":
        y, mo = _add_months(*dct.need_month(marker), shift)
        return "DATE", f"{y}-{mo:02d}", mod, None
    d = dct.need_day(marker) + timedelta(weeks=shift)
    if gran == "weekend":
        # "the weekend" on a weekday: the previous one in the past tense, the coming one in the
        # future tense, otherwise the nearer one (Monday-Wednesday: the one just gone)
        if shift == 0 and d.isoweekday() < 6 and base == "the" and (
                tn == "PAST" or (tn != "FUTURE" and d.isoweekday() <= 3)):
            d -= timedelta(weeks=1)
        return "DATE", _week(d) + "-WE", mod, None
    return "DATE", _week(d), mod, None


def _ago(g: dict, st: _State):
    n = _to_num(g["num"])
    unit = _unit_key(g["unit"])
    direction = re.sub(r"\s+", " ", g["dir"].lower())
    qmod = _QMOD_CODE.get(re.sub(r"\s+", " ", (g.get("qmod") or "").lower()))
    sign = 1 if direction in ("later", "from now", "hence") else -1
    dct = st.dct
    anaphoric = direction in ("earlier", "later")
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None
    code = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE",
            "hour": "H", "minute": "M", "quarter": "Q"}.get(unit, "D")
    marker = f"REF{'+' if sign > 0 else '-'}P{_fmt(n)}{code}"
    k = int(n) if float(n).is_integer() else n
    if unit == "year" and k == 1 and st.last_quarter and sign < 0:
        y, q = st.last_quarter
        return "DATE", f"{y - 1}-Q{q}", qmod, None
    if unit in ("year", "decade", "century"):
        years = int(n * {"year": 1, "decade": 10, "century": 100}[unit])
        if anaphoric and st.last_value and re.match(r"^\d{4}", st.last_value):
            base = int(st.last_value[:4])
        else:
            base = dct.need_year(marker)
        return "DATE", str(base + sign * years), qmod, None
    if unit == "quarter":
        y, mo = dct.need_month(marker)
        y, mo = _add_months(y, mo, sign * 3 * int(n))
        return "DATE", f"{y}-Q{_quarter_of(mo)}", qmod, None
    if unit == "month":
        y, mo = dct.need_month(marker)
        y, mo = _add_months(y, mo, sign * int(n))
        return "DATE", f"{y}-{mo:02d}", qmod, None
    base_d = st.last_day if anaphoric and st.last_day else dct.need_day(marker)
    if unit == "week":
        return "DATE", _week(base_d + timedelta(weeks=sign * n)), qmod, None
    if unit in ("day", "night", "weekend"):
        return "DATE", (base_d + timedelta(days=sign * n)).isoformat(), qmod, None
    if unit in ("hour", "hr", "minute", "min"):
        if anaphoric:
            # "20 hours earlier": hours before some event of the story, which may be the day
            # before it; no calendar day can be named
            raise _Unresolved(f"REF{'+' if sign > 0 else '-'}PT{_fmt(n)}{'H' if unit.startswith('h') else 'M'}")
        return "DATE", base_d.isoformat(), qmod, None
    return "DATE", None, None, None


def _duration(name: str, g: dict, st: _State, text: str, s: int):
    if name == "duration_adj":
        n = _to_num(g["num"])
        return "DURATION", _duration_value(n, g["unit"]), None, None
    if name in ("duration_vague", "duration_bare", "duration_long"):
        unit = g.get("unit") or g.get("unit2")
        vq = (g.get("vq") or "").lower()
        if vq == "recent" and unit.lower() == "years":
            return "DATE", "PAST_REF", None, None
        return "DURATION", _duration_value(None, unit), None, None
    n = _to_num(g["num"])
    if g.get("half") and n is not None:
        n += 0.5
    qmod = _QMOD_CODE.get(re.sub(r"\s+", " ", (g.get("qmod") or "").lower()))
    am = re.search(r"\b(about|around|nearly|almost|approximately|roughly|some|over|under)\s+$",
                   _prev(text, s, 16), re.I)
    # ("over the past two years" is during them, not more than two years)
    if am and not qmod and not (am.group(1).lower() in ("over", "under") and g.get("dpre")):
        qmod = _QMOD_CODE.get(am.group(1).lower())
    if (g.get("num") or "").lower() in ("a couple of", "a couple", "a number of") and not qmod:
        qmod = "APPROX" if g["num"].lower().startswith("a couple") else None
    unit = _unit_key(g["unit"])
    # "in two days" with a future verb: a date, counted from the DCT
    if (g.get("num") or "").lower() in ("a", "an") and re.search(
            r"(?:\d|%|\b(?:million|billion|thousand|percent|dollars|tons|barrels|people|times))\s+$",
            _prev(text, s, 12), re.I):
        return "SET", _duration_value(1, g["unit"]), None, None
    if re.search(r"\bin\s+$", _prev(text, s, 4), re.I) and n is not None and not g.get("dpre") and \
            st.tense(s, s + 1) == "FUTURE" and unit in ("day", "week", "month", "year"):
        dct = st.dct
        marker = f"REF+P{_fmt(n)}{_UNIT_CODE[unit]}"
        if unit == "year":
            return "DATE", str(dct.need_year(marker) + int(n)), qmod, None
        if unit == "month":
            y, mo = _add_months(*dct.need_month(marker), int(n))
            return "DATE", f"{y}-{mo:02d}", qmod, None
        d = dct.need_day(marker) + (timedelta(weeks=n) if unit == "week" else timedelta(days=n))
        return "DATE", d.isoformat() if unit == "day" else _week(d), qmod, None
    return "DURATION", _duration_value(n, g["unit"]), qmod, None


def _set(name: str, g: dict):
    if name == "set_adv":
        w = g["w"].lower()
        v = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
             "annually": "P1Y", "yearly": "P1Y", "quarterly": "P3M", "hourly": "PT1H",
             "biweekly": "P2W", "semiannually": "P6M", "semi-annually": "P6M",
             "biannually": "P6M"}[w]
        return "SET", v, None, None
    if name == "set_a":
        unit = g.get("unit") or g.get("unit2")
        return "SET", _duration_value(1, unit), None, None
    if g.get("wd"):
        return "SET", f"XXXX-WXX-{_WEEKDAYS[g['wd'].lower()]}", None, None
    unit = g["unit"].lower().rstrip("s")
    n = _to_num(g.get("num")) or 1
    if g.get("other"):
        n *= 2
    if unit in ("morning", "night", "evening"):
        return "SET", f"XXXX-XX-XXT{_TOD[unit]}", None, None
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE", None, None
    return "SET", _duration_value(n, unit), None, None


# --------------------------------------------------------------------------------------------
# public API


def tag_timexes(text: str, dct: str | None, tz: str | None = None) -> list[Timex]:
    """TIMEX3 expressions in ``text``, normalised against ``dct`` ("YYYY-MM-DD", "YYYY-MM" or None).

    Without a parse the tense that places "Friday" before or after the DCT comes from the
    nearest tense cue in the sentence ("will", "said", "-ed"). ``tz`` is the source's UTC
    offset, used to read ambiguous zone abbreviations.
    """
    st = _State(_DCT(dct), regex_tense(text), tz)
    out: list[Timex] = []
    # sentence by sentence so that a clock time anchors to the day named in its own sentence
    tense = st.tense
    for i, j in _rough_sentences(text):
        st.sent_day = {}
        out.extend(_tag(text[i:j], dct, tz, _shift_tense(tense, i), offset=i, state=st))
    return out


_SPLIT = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z\"'`“(])|\n\s*\n")
_ABBREV = re.compile(r"(?:\b[ap]\.m|\b[A-Z]|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs"
                     r"|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Prof|Inc|Corp|Co|No|vs|U\.S"
                     r"|U\.N|Jr|Sr))\.$")


def _rough_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans without a parse; abbreviations ("a.m.", "Jan.", "U.S.") do not split."""
    out, pos = [], 0
    for m in _SPLIT.finditer(text):
        if m.group(0)[0] == "." and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        out.append((pos, m.start() + 1))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _shift_tense(tense: Tense, offset: int) -> Tense:
    return lambda s, e: tense(s + offset, e + offset)


_AUX_FUT = {"will", "shall", "'ll", "wo"}


def _governor(span):
    """The verb that governs a token span: climb from the span root to a VERB/AUX outside it."""
    tok = span.root
    seen = 0
    while seen < 12:
        if tok.i < span.start or tok.i >= span.end:
            if tok.pos_ in ("VERB", "AUX"):
                return tok
        if tok.head is tok:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
        seen += 1
    return None


def _infinitive(verb) -> bool:
    """The verb takes "to": "to host", "to build"."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def headline_to(verb) -> bool:
    """Headline style for what will happen: "DeGeneres to host Oscars in 2014", "NATO leaders to
    meet Friday", an infinitive hung on the noun that stands for the whole sentence."""
    if not _infinitive(verb):
        return False
    if verb.dep_ == "ROOT":
        return verb.tag_ == "VB"
    return verb.dep_ in ("acl", "relcl") and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN")


def _spacy_tense(verb) -> str | None:
    if verb is None:
        return None
    if headline_to(verb):
        return "FUTURE"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for a in auxes:
        if a.lower_ in _AUX_FUT or a.lemma_ in ("will", "shall") or a.lower_ == "would":
            return "FUTURE"
    # "is going to meet", "plans to meet", "is expected to"
    if any(a.lower_ == "to" for a in auxes) and verb.head is not verb and verb.head.lemma_ in (
            "go", "plan", "expect", "schedule", "set", "intend", "aim", "hope", "due"):
        head_t = _spacy_tense(verb.head)
        return "FUTURE" if head_t != "PAST" or verb.head.lemma_ == "go" else "PAST"
    tags = [verb.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags:
        return "PAST"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "PAST"
    if verb.tag_ in ("VBZ", "VBP") or any(t in ("VBZ", "VBP") for t in tags):
        return "PRESENT"
    if verb.tag_ == "VBN" and not auxes:
        return "PAST"
    return None


_EVENT_DEPS_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


def _event(verb) -> tuple[str | None, list]:
    """Short event text: subject + auxiliaries + verb [+ particle / object head]."""
    if verb is None:
        return None, []
    toks = [verb]
    for c in verb.children:
        if c.dep_ in _EVENT_DEPS_SUBJ:
            toks.append(c)
            # the entity's span is looked for only for a token the tagger put in a named one
            name = next((e for e in verb.doc.ents if e.start <= c.i < e.end), None) if c.ent_type_ in _NAMED else None
            if name is not None:
                # a named subject by its name: "NATO Secretary-General Jens Stoltenberg said"
                # is "Jens Stoltenberg said", not the title's last word and the name
                toks.extend(name)
                continue
            toks.extend(x for x in c.children if x.dep_ in ("compound", "amod", "poss")
                        and x.i > c.i - 4)
        elif c.dep_ in ("aux", "auxpass", "neg", "prt"):
            toks.append(c)
        elif c.dep_ in ("dobj", "attr", "acomp") and c.i > verb.i:
            toks.append(c)
    # a participle that modifies a noun ("a spending bill signed by President Obama on March
    # 11") says what happened to that noun, and by whom
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        toks.append(verb.head)
        toks.extend(x for x in verb.head.children if x.dep_ == "compound" and x.i < verb.head.i)
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            toks.extend(o for o in agent.children if o.dep_ == "pobj")
    # an xcomp/conj verb with no subject of its own borrows the head's subject
    if not any(t.dep_ in _EVENT_DEPS_SUBJ for t in toks) and verb.dep_ in ("xcomp", "conj", "advcl") \
            and verb.head is not verb:
        for c in verb.head.children:
            if c.dep_ in _EVENT_DEPS_SUBJ:
                toks.append(c)
                toks.extend(x for x in c.children if x.dep_ == "compound")
    # "helped them to build a force": the pronoun that an infinitive takes for subject is the
    # object of the verb it hangs on, whose clause says whose doing it is ("NATO allies helped
    # build force", not "them to build force")
    pronoun = [t for t in toks if t.head.i == verb.i != t.i and t.dep_ in _EVENT_DEPS_SUBJ and t.tag_ == "PRP"]
    if pronoun and verb.dep_ in ("ccomp", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and _infinitive(verb):
        toks = [t for t in toks if t not in pronoun and not (t.head.i == verb.i and t.dep_ == "aux" and t.tag_ == "TO")]
        toks += _event(verb.head)[1]
    toks = sorted(set(toks), key=lambda t: t.i)
    text = " ".join(t.text for t in toks)
    text = re.sub(r"\s+(n't|'ll|'s|'re|'ve|'d)\b", r"\1", text)
    return text, toks


def dated_noun(claim_ids: set[int], doc) -> str | None:
    """The event noun a date modifies, with the nouns compounded into it ("release date"): the
    date as its compound, possessive or nominal modifier ("the 2009 ceremony", "Monday's
    attack"), or as the object of its "of" ("a release date of 22 November 2013")."""
    head = None
    for i in sorted(claim_ids):
        tok = doc[i]
        if tok.head.i in claim_ids or tok.head.i == tok.i:
            continue
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # "stars of the 1940s and 1950s": the second decade is where the first is
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            head = tok.head.head
        elif tok.dep_ in ("compound", "poss", "nmod", "amod", "npadvmod", "nummod") and tok.head.pos_ == "NOUN":
            head = tok.head
        if head is not None:
            break
    if head is None:
        return None
    while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i not in claim_ids:
        head = head.head  # "release" of "release date"
    words = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i not in claim_ids]
    return " ".join(t.lemma_.lower() for t in [*words, head])


def _context(doc, span, event_toks) -> list[str]:
    out: list[str] = []
    seen = set()
    inside = set(range(span.start, span.end))
    own = {t.i for t in event_toks}  # tokens of ``doc``: by index, not a Token comparison each
    ordered = list(event_toks) + [t for t in doc if t.i not in own]
    for t in ordered:
        if t.i in inside or t.is_stop or t.is_punct or t.is_space or t.like_num:
            continue
        if t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
            continue
        lem = t.lemma_.lower()
        if len(lem) < 2 or lem in seen:
            continue
        seen.add(lem)
        out.append(lem)
    return out


def extract_times(document: Document, sentences: Sequence[ParsedSentence]) -> list[TimeClaim]:
    """Time claims of a parsed document, normalised against ``document.date``.

    Offsets are into ``document.text``; ``event`` is the governing verb with its subject and
    auxiliaries, or the noun the date modifies ("Monday's attack"); ``context`` the content-word
    lemmas of the event first, then of the sentence.
    """
    st = _State(_DCT(document.date), lambda s, e: None, document.tz)
    claims: list[TimeClaim] = []
    for ps in sentences:
        sent, doc = ps.sentence, ps.doc
        if not _TRIGGER.search(sent.text):
            continue
        cache: dict[tuple[int, int], tuple] = {}

        def parse_info(s: int, e: int, doc=doc):
            key = (s, e)
            if key not in cache:
                span = doc.char_span(s, e, alignment_mode="expand")
                verb = _governor(span) if span is not None and len(span) else None
                cache[key] = (span, verb)
            return cache[key]

        fallback = regex_tense(sent.text)

        def tense(s: int, e: int) -> str | None:
            _span, verb = parse_info(s, e)
            t = _spacy_tense(verb)
            return t if t is not None else fallback(s, e)

        st.sent_day = {}
        for tx in _tag(sent.text, document.date, document.tz, tense, offset=0, state=st):
            span, verb = parse_info(tx.start, tx.end)
            if tx.rule == "holiday" and span is not None and _names_a_kind(span):
                continue
            event, event_toks = _event(verb)
            # a date that modifies a noun dates what the noun names ("a shooting at the party in
            # Vancouver Friday", "Monday's attack"), not the clause's verb ("has been charged")
            if span is not None and (noun := dated_noun({t.i for t in span}, doc)) is not None:
                event = noun
            context = _context(doc, span, event_toks) if span is not None else []
            start, end = sent.start + tx.start, sent.start + tx.end
            claims.append(TimeClaim(
                doc=document.id, start=start, end=end, text=document.text[start:end],
                sentence_start=sent.start, sentence_end=sent.end, context=context,
                type=tx.type, value=tx.value, mod=tx.mod, begin=tx.begin, until=tx.until,
                resolved=tx.resolved, event=event, tz=tx.tz))
    return claims
