"""Numeric claims: a value with its bound and the thing counted.

"over 100 jets on high alert" -> value 100, modifier ">", low 100, high None, unit "jet",
qualifiers ["on high alert"]. Numbers are found by regular expressions on the text
(``numbers.find_numbers``), so tokenisation quirks ("£5m.", "1.2bn") do not matter; the spaCy
parse the pipeline already made supplies the counted noun, its qualifiers, the governing verb
and subject, and entity labels used as one signal (never the only one) to drop non-claims:
years, dates, clock times, ordinals, codes ("F-35", "COVID-19", "G7", "Boeing 747"),
section numbers ("Article 5"), phone numbers and list markers.

Bounds (``low``/``high``; None = unbounded):
  "="  exact: low = high = value
  "~"  about/around/some/roughly/approximately/an estimated: value +- APPROX_TOLERANCE (10 %)
  ">"  over/more than/above/exceeding: low = value (exclusive, as the modifier says)
  ">=" at least/no fewer than/or more: low = value
  "<"  fewer than/less than/under/below: high = value
  "<=" up to/at most/no more than: high = value; nearly/almost: high = value and
       low = value * (1 - APPROX_TOLERANCE)
  "range" between X and Y, X-Y, X to Y, from X to Y, X or Y: low = X, high = Y
Vague plurals are intervals marked ``vague``, never an exact number: "dozens of" -> "range"
24-144, "hundreds of" -> 100-1000, "several hundred" -> 200-999, "hundreds of thousands" ->
100000-1000000 (resources/vague_plurals.tsv); so is a hedged range ("about 14-18 mpg").
Fractions in words ("a third of", "half of", "one out of three") become percentages: unit "%",
value 100/3, "~" (reporters round to "a third"; "half", "a quarter", "three quarters" stay "=");
digit fractions ("1/4 mile") keep their value.
"rose from 10 to 20 percent" after a change verb gives two values, not a range.
Durations ("three years", "10 days") and bare years are left to the temporal extractor unless
``find_quantities(..., durations=True, years=True)`` asks for them.
Units: "%" / "pp"; ISO currency codes (USD, EUR, GBP, ... from symbols, codes and words;
"pounds" is GBP when scaled or >= 10,000, else "lb"); normalised symbols for measures (km, mi,
kg, t, MW, ...); otherwise the lemma of the counted noun ("jet"), or "people" for a bare number
that is the subject/object of a casualty verb ("at least 82 were killed").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import lexicon
from ..types import Document, ParsedSentence, QuantityClaim
from .changes import find_changes
from .numbers import SCALE_ABBR, SCALE_AFTER_MONEY, SCALE_GLUED, SCALE_SPACED, NumberMatch, find_numbers, vague_interval

APPROX_TOLERANCE = 0.10

# ---------------------------------------------------------------------------------------------
# lexicon

def _modifier_patterns() -> list[tuple[re.Pattern[str], str]]:
    """One pattern per bound, in the order resources/modifiers.tsv first names each: of the
    bounds whose pattern ends at the number, the longest phrase wins, the file's order breaks ties."""
    words: dict[str, list[str]] = {}
    signs: dict[str, list[str]] = {}
    for row in lexicon.rows("modifiers"):
        phrase, op, form = row
        words.setdefault(op, [])
        signs.setdefault(op, [])
        (signs if form == "sign" else words)[op].append(re.escape(phrase))
    out = []
    for op in words:
        pat = "|".join(words[op]) or "(?!)"
        sign = "|".join(signs[op]) or "(?!)"
        # a phrase must start a word ("clover 5" is no "over 5"); a sign may be glued ("n≥30")
        out.append((re.compile(rf"(?:(?:^|(?<=[\s(\"'“‘]))(?:{pat})|(?:{sign}))\s*$", re.IGNORECASE), op))
    return out


_MOD_RE = _modifier_patterns()
# the side of the value each bound leaves open ("nearly", <=~, is below it)
_SIDE = {">": ">", ">=": ">", "<": "<", "<=": "<", "<=~": "<", ">=~": ">"}
# "about", "~" before a range: the hedge of "about 14-18 mpg"
_HEDGE_BEFORE = next(rx for rx, op in _MOD_RE if op == "~")
_POSTFIX = [
    (re.compile(r"^\s*(?:or|and)\s+(?:more|above|over|higher|greater|upwards)\b", re.I), ">="),
    (re.compile(r"^\s*(?:or|and)\s+(?:fewer|less|below|under|lower)\b", re.I), "<="),
    (re.compile(r"^\s*or\s+so\b", re.I), "~"),
    (re.compile(r"^(?:\+|-plus\b)"), ">="),
]

# a currency sign or code before the amount, glued or not: "$5", "US $58", "$US160 million",
# "A$12.4m", "EUR50m", "RM23.50", "Y=310 billion". Letter codes must be written in capitals
# ("TRY 5" is lira, "try 5" is not); the ISO codes come from resources/currency_symbols.tsv.
_CURRENCY_CODE = lexicon.table("currency_symbols")
_LETTER_CODES = "|".join(sorted((c.upper() for c in _CURRENCY_CODE if c.isalpha()), key=len, reverse=True))
_CURRENCY_PREFIX = re.compile(
    r"(?:(?<=[\s(\"'“\[/])|^)(?P<cur>(?:(?-i:A|S)|US|U\.S\.?|AU|C|CA|HK|NZ|R|Mex|NT)?\s?\$(?-i:US|A|C|NZ|HK|S)?|"
    rf"€|£|¥|₹|₽|₴|₩|₪|(?-i:Y=)|(?-i:Rs\.?|{_LETTER_CODES}))\s?$",
    re.IGNORECASE,
)
# counted-noun lemmas that are currencies; "pound" stays "pound" (weight or sterling)
_CURRENCY_WORD = lexicon.table("currency_words")
_DOLLAR_ADJ = lexicon.table("dollar_adjectives")

_PERCENT = re.compile(r"^\s?(?:%|per\s?cents?\b|pct\b|pc\b|percents?\b|percentage\b(?!\s+points?))", re.IGNORECASE)
_POINTS = re.compile(r"^\s?(?:percentage|basis)[\s-]+points?\b|^\s?(?:pp|bps?)\b", re.IGNORECASE)
# "the 58-year-old", "68 year-old", "a 400 million-year-old rock", "58 years old", "aged 58"
_AGE_AFTER = re.compile(r"^[\s-]?(?P<u>years?|yrs?|months?|weeks?|days?)(?:[\s-]old\b|\s+of\s+age\b)", re.I)
# "celebrated his 70th birthday": the age the birthday completes, an ordinal that is no rank
_BIRTHDAY_AFTER = re.compile(r"^(?:st|nd|rd|th)\s+birthday\b", re.I)
# "one of the hottest cars", "one of my stores": one picked out of a group the writer ranks or
# owns (a superlative or a possessive); "one of the samples" in a methods section counts nothing
_ONE_OF = re.compile(r"^\s+of\s+(?:(?:my|our|your|his|her|its|their)\s|the\s+(?:most\s|\w+est\b|best\b|worst\b))", re.I)
# "sub-7 nanometer", "sub-500 sq m": under the number
_SUB_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'“]))sub-$", re.I)
# "sixfold", "3-fold", "a twofold rise": a multiple
_FOLD_AFTER = re.compile(r"^-?fold\b", re.I)
_AGED_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+$", re.I)
# "a mother of two": the number counts the parent's children
_PARENT_NOUNS = lexicon.table("parent_nouns")
# role nouns of one person ("the victim", "the swimming star"): a clause about one ends on its age
_PERSON_NOUNS = lexicon.words("person_nouns") | lexicon.words("gendered_words")
# "died at 85", "dies at the age of 91": an obituary's age. Not any "at the age of 10, she
# began": an age at another time than the report's, which two reports give of one person
_DIED_AT_BEFORE = re.compile(r"\b(?:died|dies|die|dying|passed\s+away|passes\s+away)\b(?:[\s,]+[\w'-]+){0,5}?"
                             r"\s+at\s+(?:the\s+age\s+of\s+)?$", re.I)  # "died of pneumonia at the age of 85"
# an earthquake's size: "magnitude 5.9", "magnitude-5.9", "a magnitude of 5.9", "put its
# magnitude at 5.4", "a 6.1-magnitude quake", "5.9 on the Richter scale": a measure, not a
# code ("F-35") or a count of quakes
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+(?:of|at))?(?:\s+|-)$", re.I)
_MAGNITUDE_AFTER = re.compile(r"^(?:-magnitude\b|\s+on\s+the\s+richter\s+scale\b)", re.I)

# surface unit -> normal form; matched against lemma or text of the counted noun
_UNITS = {
    "km": "km", "kilometer": "km", "kilometre": "km", "kms": "km",
    "m": "m", "meter": "m", "metre": "m", "cm": "cm", "centimeter": "cm", "centimetre": "cm",
    "mm": "mm", "millimeter": "mm", "millimetre": "mm", "nm": "nm", "nanometer": "nm",
    "mile": "mi", "mi": "mi", "yard": "yd", "foot": "ft", "feet": "ft", "ft": "ft",
    "inch": "in", "inches": "in", "nautical mile": "nmi",
    # a gun's bore, not a count of guns: ".38-caliber revolver", "a 45-calibre handgun"
    "caliber": "caliber", "calibre": "caliber",
    "kg": "kg", "kilogram": "kg", "kilo": "kg", "g": "g", "gram": "g", "mg": "mg",
    "milligram": "mg", "tonne": "t", "ton": "t", "t": "t", "lb": "lb", "lbs": "lb",
    "ounce": "oz", "oz": "oz",
    "l": "l", "liter": "l", "litre": "l", "ml": "ml", "milliliter": "ml", "millilitre": "ml",
    "gallon": "gal", "barrel": "bbl", "bpd": "bbl/d",
    "km2": "km2", "sq km": "km2", "square kilometer": "km2", "square kilometre": "km2",
    "square mile": "mi2", "sqm": "m2", "sq.m": "m2", "sqkm": "km2", "sq.km": "km2", "sqft": "ft2",
    "sq.ft": "ft2", "sqmi": "mi2", "hectare": "ha", "ha": "ha", "acre": "acre",
    "kph": "km/h", "km/h": "km/h", "mph": "mph",
    "mw": "MW", "megawatt": "MW", "gw": "GW", "gigawatt": "GW", "kw": "kW", "kilowatt": "kW",
    "kwh": "kWh", "mwh": "MWh", "twh": "TWh",
    "°c": "°C", "°f": "°F", "degree": "degree", "celsius": "°C", "fahrenheit": "°F",
    "hz": "Hz", "mhz": "MHz", "ghz": "GHz", "kb": "kB", "mb": "MB", "gb": "GB", "tb": "TB",
}
_UNIT_CI = (
    r"sq\.?\s?(?:km|mi|ft|m)|inch(?:es)?|km2|km/h|km|kms|kg|mg|[μµ]g|ng|mm2|mm3|mm|cm2|cm3|cm|[μµ]m|nm|ml|[μµ]l|mph|kph|mw|gw|kw|kwh|"
    r"mwh|twh|lbs|lb|ft|mi|ghz|mhz|khz|hz|gb|mb|kb|tb|ha|ppm|ppb|ppmv|mol|mmol|[μµ]mol|nmol|kpa|mpa|"
    r"gpa|hpa|mbar|atm|kev|mev|gev|ev|wt\.?\s?%|vol\.?\s?%|‰|°\s?[cf]|°|å|m2|m3|kt|kbar|dpi|rpm"
)
_UNIT_CS = r"m|g|l|L|t|s|h|K|V|mV|kV|W|J|kJ|N|Ga|Ma|ka|Pa|bar|min|yr|d|nT|Hz|mL|µL|μL|dm|×"
# a unit symbol right after a number, with an optional per-unit: "9.8 m s−1", "7.0 mmol/L"
_UNIT_AFTER = re.compile(
    rf"^(?:-(?=[a-zA-Z]))?\s?(?P<u>(?i:{_UNIT_CI})|(?:{_UNIT_CS}))(?![\w'’-])"
    r"(?P<per>(?:[−⁻]\s?[1-4](?!\d))?"  # "1031 cm−1": a unit's exponent (the minus sign, never a hyphen)
    r"(?:\s?/\s?[a-zA-Zμµ]+\d?|\s(?:[a-zA-Z]{1,3})\s?[−-]\d(?!\d))*)",
)
_ATTACHED_UNIT = re.compile(rf"^(?:-(?=[a-zA-Z]))?(?:(?i:{_UNIT_CI})|(?:{_UNIT_CS}))(?![\w'’])")
# "highs of 40C", "a low of -5C": British and Australian news glue the degrees' letter to the
# number and leave out the sign; a capital alone, so "5c" (cents) and "40C-" (a code) are not
_GLUED_DEGREES = re.compile(r"^[CF](?![\w'’/-])")
_TEMPERATURE_WORD = re.compile(rf"\b(?:{lexicon.alternation('temperature_words')})", re.I)
_TIME_UNITS = {
    "second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade",
    "century", "millennium", "night", "weekend", "quarter", "season", "sec", "min", "hr", "yr",
}
_CASUALTY_VERBS = {
    "kill", "die", "injure", "wound", "hurt", "arrest", "detain", "evacuate", "rescue",
    "displace", "flee", "miss", "hospitalize", "hospitalise", "infect", "dead", "murder",
    "execute", "capture", "strand", "trap", "displace",
}
_MONTHS = lexicon.alternation("months")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s*)?$", re.I)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b", re.I)
_CLOCK_AFTER = re.compile(r"^(?::\d|\s*(?:[ap](?:\.\s?)?m\.?|hrs|GMT|UTC|IST|EST|EDT|CET|BST)\b)", re.I)
_LABEL_BEFORE = re.compile(
    r"\b(?:article|articles|section|sections|chapter|chapters|page|pages|pp?\.|para(?:graph)?s?|"
    r"clauses?|items?|figures?|fig\.|figs\.|tables?|lines?|rules?|resolution|amendments?|no\.|nos\.|number|#|flight|"
    r"route|highway|interstate|phases?|stages?|levels?|grades?|category|room|gate|platform|terminal|codes?|"
    r"eqs?\.|equations?|steps?|waves?|rounds?|"
    r"vol\.|volume|part|title|episode|season|verse|version|v\.|ver\.|apollo|windows|iphone|"
    r"boeing|airbus|model|type|class|unit|block|building|district|ward|precinct|exit|"
    r"channel|division|brigade|battalion|regiment|corps|squadron|fleet|army|league|cup|"
    r"world war|covid|sars)\s*[-#]?\s*$"
    # aircraft and missile codes written apart from their number ("MH 17", "Su 27", "S 400"): in
    # capitals and never after an apostrophe, or "an 800 yuan promotion" and "the iPhone's 6.1"
    # would lose their numbers (glued codes, "An-124", are codes by the glued-letter rule)
    r"|(?<![\w'’])(?-i:MH|Su|MiG|Tu|S|F)\s?-?\s*$",
    re.IGNORECASE,
)
_INDEX_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"'“]))(?:{lexicon.alternation('index_names')})\s?$", re.I)
# "22-24 Harbour Road", "200 W. American Blvd.": a house number, before the street's direction
_STREET_AFTER = re.compile(
    r"^(?:\s?[-–]\s?\d+[A-Za-z]?)?(?:\s+(?:[NSEW]|N[EW]|S[EW])\.?)?(?:\s+[A-Z][a-z]+){1,3}\s+"
    rf"(?:{lexicon.alternation('street_suffixes').title()})\b")
_FEATURE_AFTER = re.compile(rf"^-(?:{lexicon.alternation('feature_compounds')})\b", re.I)
_PRODUCT_AFTER = re.compile(rf"^\s(?:{lexicon.alternation('product_suffixes')})\b")
# "the 12000 block of East 223rd Street": an address's hundred block, not a count of blocks
_BLOCK_AFTER = re.compile(r"^\s(?:block|blk)\s+of\b", re.I)
_SCORE_AFTER = re.compile(r"^\s*(?:win|victory|defeat|loss|draw|lead|scoreline)\b", re.I)
# "a 9-14 record": two counts of games, wins and losses, not a range of one count
_WIN_LOSS = lexicon.alternation("win_loss_nouns")
_RECORD_AFTER = re.compile(rf"^\s?[-–]\s?\d+\s+(?:{_WIN_LOSS})\b", re.I)
_RECORD_END = re.compile(rf"^\s+(?:{_WIN_LOSS})\b", re.I)
_RECORD_BEFORE = re.compile(rf"\b(?:{_WIN_LOSS})\s+(?:of\s+)?$", re.I)
# the first number of a pair "9-14" (what follows it) and the second (what comes before it)
_OPENS_PAIR = re.compile(r"^\s?[-–]\s?\d")
_ENDS_PAIR = re.compile(r"(\d+)\s?[-–]\s?$")
# "called 911", "a 911 dispatcher": the number names an emergency line
_EMERGENCY_NUMBERS = lexicon.words("emergency_numbers")
_EMERGENCY_AFTER = re.compile(rf"^\s(?:{lexicon.alternation('emergency_words')})\b", re.I)
_CALLING_BEFORE = re.compile(r"\b(?:call(?:s|ed|ing)?|dial(?:s|ed|led|ing)?|phon(?:e|es|ed|ing))\s+$", re.I)
# "the nineteen fifties": a number word before a decade word names a decade, not a count
_DECADE_WORD_AFTER = re.compile(rf"^\s*(?:{lexicon.alternation('decade_words')})\b", re.I)
_SCORE_BEFORE = re.compile(r"\b(?:won|lost|beat|defeated|drew|draw|scored|score|trail(?:ed|ing)?|led)\s*$", re.I)
_PHONE = re.compile(r"\+?\(?\d{2,4}\)?[\s.-]\d{2,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?")
_CHANGE_FROM = re.compile(
    r"\b(?:ris(?:e|es|en|ing)|rose|f[ae]ll(?:s|en|ing)?|increas\w*|decreas\w*|gr[eo]w\w*|drop\w*|"
    r"climb\w*|jump\w*|declin\w*|surg\w*|soar\w*|plung\w*|went|up|down|cut|rais\w*|lower\w*|"
    r"reduc\w*|chang\w*|mov\w*|shr[iu]nk\w*|doubl\w*|swell\w*|slid\w*|tumbl\w*)\b[^.;]{0,30}\bfrom\s*(?:US\s?\$|\$|€|£|¥)?\s*$",
    re.I,
)
_DATE_NUMERIC = re.compile(r"\b(?:1[5-9]|20)\d\d-[01]?\d(?:-[0-3]?\d)?\b|\b[0-3]?\d[/.][01]?\d[/.](?:\d\d){1,2}\b")
# "1.3 ± 0.5 wt.%", "420 +/- 30 K": a value and its uncertainty, one quantity
_PM = r"±|\+/?[-−]"
_RANGE_SEP = re.compile(rf"^\s*(?:-|–|—|to|through|and|or|{_PM})\s*$", re.I)
_PLUS_MINUS = re.compile(rf"^\s*(?:{_PM})\s*$")
_BY_BEFORE = re.compile(r"\bby\s*$", re.I)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s*(?:US\s?\$|\$|€|£|¥)?\s*$", re.I)
_NON_CLAIM_ENTS = {"DATE", "TIME", "ORDINAL", "LAW", "PRODUCT", "EVENT", "ORG", "WORK_OF_ART",
                   "FAC", "PERSON", "GPE", "LANGUAGE"}
_DATE_WORDS = {
    "ago", "last", "next", "this", "today", "yesterday", "tomorrow", "tonight", "century",
    "centuries", "decade", "decades", "spring", "summer", "autumn", "fall", "winter", "morning", "evening",
    "night", "afternoon", "noon", "midnight", "am", "pm", "a.m.", "p.m.", "o'clock", "bc", "ad",
    "fiscal", "era", "since", "early", "late", "mid", "end", "beginning", "past", "coming",
}
_DATE_WORDS |= lexicon.words("weekdays")
_MONTH_WORD = re.compile(rf"\b(?:{_MONTHS})\b\.?", re.I)
_VAGUE_WORDS = {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens"}
_QUANTITY_ENTS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NOT_QUALIFIER = {"more", "less", "fewer", "other", "such", "same", "many", "several", "few",
                  "additional", "further", "extra", "total", "estimated", "about", "least"}


# a scale word with no article or number before it and "of" after ("Dozen of warships",
# "hundred of people"): English has "a dozen of the", "dozens of", never "dozen of"
_BARE_SCALE = re.compile(r"(?:dozen|hundred|thousand|million|billion)", re.I)
_OF_AFTER = re.compile(r"\s+of\b", re.I)
_COUNTED_BEFORE = re.compile(r"(?:\b(?:a|an|one|the|per|half|each|every)|\d|[$€£¥])\s*$", re.I)


def _garbled_plural(a, text: str, start: int, end: int) -> bool:
    """A scale word without its article, before "of": a garbled "dozens of" as likely as "a
    dozen of", read as either (12 to 144), so that it meets "over 20 warships" and "12"."""
    return a.kind == "words" and bool(_BARE_SCALE.fullmatch(a.text.strip())) \
        and bool(_OF_AFTER.match(text, end)) and not _COUNTED_BEFORE.search(text[max(0, start - 12):start])


@dataclass
class Quantity:
    """One quantity found in a text; offsets are into the text that was parsed."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    modifier: str = "="
    unit: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    subject: str | None = None
    context: list[str] = field(default_factory=list)
    number_start: int = 0  # the number alone, without modifier and counted noun
    number_end: int = 0
    conversion: bool = False  # "(450 miles)" restating the quantity just before it
    kind: str = "count"  # count | money | percent | points | measure | fraction | age
    change: str | None = None  # "up" | "down": the clause says the measure moved that way
    change_part: str | None = None  # "by": the size of the change; "to": the level reached
    level: float | None = None  # for a "by" change, the level reached when the clause gives it
    level_unit: str | None = None
    conversions: list[tuple[float, str | None]] = field(default_factory=list)
    vague: bool = False  # "dozens of", "several hundred": an interval only suggested
    # the value with its unit only ("$ 75 million", "450,000 yen", "188 miles"), no bound word
    # and no counted noun: what Recognizers-Text and MeasEval call the quantity
    core_start: int = 0
    core_end: int = 0


# ---------------------------------------------------------------------------------------------
# public API


def find_quantities(
    text_or_doc,
    nlp=None,
    *,
    years: bool = False,
    durations: bool = False,
    conversions: bool = True,
) -> list[Quantity]:
    """Quantities in one text (or an already parsed spaCy ``Doc``).

    News defaults: years and durations are not quantities. ``years=True`` keeps bare
    four-digit years (1000-2100) and ``durations=True`` keeps "three years", "10 days" (as
    scientific text such as MeasEval annotates them). ``conversions=False`` drops a
    parenthesised restatement ("700 km (450 miles)") instead of returning it marked.
    """
    doc = text_or_doc if nlp is None else nlp(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    if isinstance(doc, str):
        raise TypeError("find_quantities needs an nlp pipeline to parse raw text")
    return _quantities_in_doc(doc, years=years, durations=durations, conversions=conversions)


def extract_quantities(document: Document, sentences: Sequence[ParsedSentence]) -> list[QuantityClaim]:
    """QuantityClaims of one document from its parsed sentences (ids left for the pipeline)."""
    claims: list[QuantityClaim] = []
    for k, ps in enumerate(sentences):
        sent = ps.sentence
        base = sent.start
        for q in _quantities_in_doc(ps.doc, years=False, durations=False, conversions=False, text=sent.text):
            start, end = base + q.start, base + q.end
            if q.unit is None and q.kind == "count" and PARTITIVE.match(sent.text, q.end):
                q.unit = _antecedent(ps.doc, q.start, sentences[max(0, k - 2):k])
            claims.append(
                QuantityClaim(
                    doc=document.id,
                    start=start,
                    end=end,
                    text=document.text[start:end],
                    sentence_start=sent.start,
                    sentence_end=sent.end,
                    context=q.context,
                    value=q.value,
                    low=q.low,
                    high=q.high,
                    modifier=q.modifier,  # type: ignore[arg-type]
                    unit=q.unit,
                    qualifiers=q.qualifiers,
                    subject=q.subject,
                    quantity_kind=q.kind,
                    change=q.change,  # type: ignore[arg-type]
                    change_part=q.change_part,  # type: ignore[arg-type]
                    level=q.level,
                    level_unit=q.level_unit,
                    currency=q.unit if q.kind == "money" and q.unit and q.unit.isupper() else None,
                    conversions=list(q.conversions),
                    vague=q.vague,
                )
            )
    return claims


# ---------------------------------------------------------------------------------------------
# internals


# "two of them managed to escape": the number counts a set the text named before (matched right
# after the number; frames.py reads it too: such a count is a part)
PARTITIVE = re.compile(r"\s+of\s+(?:them|those|these)\b", re.IGNORECASE)


def _antecedent(doc, before: int, previous: Sequence[ParsedSentence]) -> str | None:
    """What "them" of "N of them" counts: the nearest plural noun before it, in its sentence or
    the two before, a counted one ("detected five suspicious boats") before any other (a
    subject or object); its lemma, or None when there is none."""
    def plurals(d, end=None):
        return [t for t in d if (end is None or t.idx < end) and t.tag_ == "NNS" and t.pos_ == "NOUN"
                and (lemma := t.lemma_.lower()) not in _UNITS and lemma not in _TIME_UNITS
                and lemma not in _CURRENCY_WORD]

    found = [plurals(doc, before)] + [plurals(p.doc) for p in reversed(previous)]
    for nouns in found:
        counted = [t for t in nouns if any(c.dep_ == "nummod" for c in t.children)]
        if counted:
            return counted[-1].lemma_.lower()
    for nouns in found:
        roles = [t for t in nouns if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")]
        if roles:
            return roles[-1].lemma_.lower()
    return None


def _bounds(op: str, value: float, high_value: float | None = None) -> tuple[str, float | None, float | None]:
    if op == "range":
        return "range", value, high_value
    if op == "=":
        return "=", value, value
    if op == "~":
        lo, hi = value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
        return "~", min(lo, hi), max(lo, hi)
    if op in (">", ">="):
        return op, value, None
    if op in ("<", "<="):
        return op, None, value
    if op == "<=~":  # nearly / almost
        return "<=", value * (1 - APPROX_TOLERANCE), value
    if op == ">=~":  # just over / slightly more than
        return ">=", value, value * (1 + APPROX_TOLERANCE)
    raise ValueError(op)


class _Tokens:
    """Char offset -> token index for one Doc."""

    def __init__(self, doc):
        from spacy.attrs import IDX

        self.doc = doc
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []

    def at(self, char: int):
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[max(i, 0)] if len(self.doc) else None

    def span(self, start: int, end: int):
        a = self.at(start)
        b = self.at(max(end - 1, start))
        return self.doc[a.i : b.i + 1]


def _is_year(n: NumberMatch, text: str) -> bool:
    return (
        n.kind == "digits"
        and re.fullmatch(r"\d{4}", n.text) is not None
        and 1000 <= n.value <= 2100
    )


def _counted_after(after: str) -> bool:
    """A unit or a counted plural noun follows a year-like number: "2000 K", "2014 soldiers"."""
    return bool(re.match(r"^\s?(?:[a-z]+s\b|people\b|%|[A-Za-zμµ°‰Å]{1,3}\b)", after)) and not re.match(
        r"^\s+(?:was|is|has|saw|marks|as|and|or|to|in|on|at|by|for|from|with|when|its|his|her|their|this|that)\b",
        after, re.I)


def _glued_degrees(text: str, start: int, after: str) -> bool:
    """ "40C": a number glued to C or F in a sentence that speaks of temperature."""
    if not _GLUED_DEGREES.match(after) or re.search(r"[^\s(~–-]$", text[:start]):
        return False
    lo = max(text.rfind(". ", 0, start), 0)
    hi = text.find(". ", start)
    return _TEMPERATURE_WORD.search(text[lo : hi if hi >= 0 else len(text)]) is not None


def _opens_range_of_counts(after: str) -> bool:
    """ "2000 and 2500 calories", "1500-2000 kcal": a year-like number whose range's other end
    is no year or counts something; "between 1990 and 2000" stays two years."""
    m = re.match(r"^\s?(?:[-–]|to|and)\s?(\d[\d,.]*)", after)
    if not m:
        return False
    end = m.group(1).rstrip(".,")
    return not re.fullmatch(r"1\d{3}|20\d\d|2100", end) or _counted_after(after[m.end():])


def _opens_count(doc, span_toks, after: str) -> bool:
    """ "2000 troops arrived", "sent 2000 troops": a year-like number that the small model tags
    DATE but that counts the plural noun after it. After "the", "in", "by" it stays a year
    ("the 2014 elections", "by 2014 sales doubled")."""
    if not _counted_after(after):
        return False
    i = span_toks.start - 1
    while i >= 0 and doc[i].is_punct and doc[i].text in "\"'“‘(":
        i -= 1
    return i < 0 or doc[i].is_sent_end or doc[span_toks.start].is_sent_start or doc[i].pos_ in ("VERB", "AUX") \
        or doc[i].text in (",", ";", ":") or doc[i].lower_ in ("and", "but", "while", "with")


def _skip_number(n: NumberMatch, text: str, years: bool) -> bool:
    """Context rules that make a number not a quantity, decided on the text alone."""
    s, e = n.start, n.end
    tok_start = max(text.rfind(" ", 0, s), text.rfind("\n", 0, s)) + 1
    tok_end = len(text) if (sp := re.search(r"\s", text[e:])) is None else e + sp.start()
    word = text[tok_start:tok_end]
    if "://" in word or word.startswith("www.") or re.search(r"%[0-9A-F]{2}|[?&]\w+=|\w@\w", word):
        return True  # URLs, percent-encoding, e-mail addresses
    before = text[max(0, s - 40) : s]
    after = text[e : e + 30]
    birthday = _BIRTHDAY_AFTER.match(after) is not None  # "his 70th birthday": an ordinal that is an age
    if n.kind == "words" and re.search(r"\bper\s+$", before, re.I) and re.fullmatch(r"(?:hundred|thousand|million|billion)", n.text, re.I):
        return True  # "parts per million": the scale of a unit, no amount
    if n.kind == "digits" and re.search(r"\de", n.text, re.I):
        return True  # "7e7" in news is a name, not 7x10^7
    currency_before = _CURRENCY_PREFIX.search(before[-8:]) is not None
    if n.kind == "digits" and _MAGNITUDE_BEFORE.search(before):
        return False
    if n.kind == "digits":
        # codes: F-35, COVID-19, MH17, G7 (letter or letter+hyphen glued before the digits)
        if not currency_before and not _SUB_BEFORE.search(before) and re.search(r"[A-Za-z][-/−]?$|[A-Za-z]\w*[-/−]$", before) or re.search(r"\d[-/.]$", before) and not re.search(r"\d\s?[-–]$", before):
            return True
        if re.match(r"^[/.]\d", after) or re.match(r"^-\d+-", after):  # dates 24/02/2022, 2022-02-24
            return True
        win = text[max(0, s - 11) : e + 11]
        for m in _DATE_NUMERIC.finditer(win):
            if max(0, s - 11) + m.start() <= s and max(0, s - 11) + m.end() >= e:
                return True
        if re.fullmatch(r"0\d+", n.text):  # "02", "007": codes, days, clock parts
            return True
        # glued letters: 21st, 1990s, 5G, 3D -- unless a known unit ("10km", "5m") or scale
        glued = re.match(r"^[A-Za-z°]+", after)
        if glued and not _ATTACHED_UNIT.match(after) and not birthday and not _glued_degrees(text, n.start, after) and not re.match(rf"^(?:{SCALE_SPACED}|{SCALE_GLUED}|p|pc|fold|sq\.?\s?(?:km|mi|ft|m))\b", after, re.I) \
                and not (currency_before and (_SCALE_AFTER_MONEY.match(after) or re.match(r"^tr\b", after, re.I))):
            return True
        if re.match(r"^'?s\b|^’s\b", after) and _is_year(n, text):  # "2014's", "the 1990s", "2018s best"
            return True
        if re.match(r"^s\b", after) and n.value in (10, 20, 30, 40, 50, 60, 70, 80, 90):
            return True  # "in his 50s", "the '60s": a decade, not 50 seconds
        if _CLOCK_AFTER.match(after) or before.endswith(":"):
            return True
        if not years and _is_year(n, text):
            # a year unless a unit or a counted plural noun follows ("2000 K", "2014 soldiers"),
            # or a bound or currency comes before ("over 2000", "$1500"), or it ends a range
            unit_after = _counted_after(after)
            bound_before = any(rx.search(before) for rx, _ in _MOD_RE) or _CURRENCY_PREFIX.search(before[-8:])
            if not unit_after and not bound_before and not re.search(r"\d\s?[-–]\s?$", before) \
                    and not _opens_range_of_counts(after):
                return True
    if _MONTH_BEFORE.search(before[-15:]) and n.kind == "digits" and n.value <= 31 and float(n.value).is_integer():
        return True
    if _MONTH_AFTER.match(after) and n.value <= 31:
        return True
    if n.kind in ("digits", "words") and re.match(r"^(?:st|nd|rd|th)\b", after, re.I) and not birthday:
        return True
    if n.kind == "digits":
        # "Article 5", "phases 3, 5, and 7", "codes 3-1 to 3-3"
        head = re.sub(r"(?:[\d.]+\s*(?:,|and|or|to|-|–)\s*)+$", "", before)
        if _LABEL_BEFORE.search(head[-25:]):
            return True
        # citation markers: "(22)", "[3]", "(14–17)", "(3, 5)"
        if re.search(r"[(\[]\s*(?:\d+\s*(?:,|–|-)\s*)*$", before) and re.match(r"^\s*(?:(?:,|–|-)\s*\d+\s*)*[)\]]", after):
            return True
    # phone numbers
    ws = max(0, s - 16)
    if n.kind == "digits":
        for m in _PHONE.finditer(text[ws : e + 16]):
            if ws + m.start() <= s and ws + m.end() >= e and len(re.findall(r"\d", m.group(0))) >= 7:
                return True
    # list markers: "1. ", "2) " at the start of a line or sentence
    if n.kind == "digits" and re.match(r"^[.)]\s", after) and not before.strip(" \t"):
        return True
    if n.kind == "digits" and re.match(r"^[.)]\s", after) and before.endswith("\n"):
        return True
    opens_pair = _OPENS_PAIR.match(after) is not None
    ends_pair = _ENDS_PAIR.search(before)
    if _SCORE_BEFORE.search(before) and opens_pair:
        return True
    if n.kind == "digits" and _win_loss(before, after, opens_pair, ends_pair):
        return True  # "a 9-14 record", "a record of 9-14"
    if n.kind == "digits" and n.text in _EMERGENCY_NUMBERS and (_EMERGENCY_AFTER.match(after) or _CALLING_BEFORE.search(before)):
        return True  # "called 911", "a 911 dispatcher"
    if n.kind == "words" and _DECADE_WORD_AFTER.match(after):
        return True  # "the nineteen fifties"
    if n.kind == "words" and re.search(r"\bnumber\s+$", before, re.I):
        return True  # "exhibit number one", "the number two seed": a label or a rank
    # the second number of a score: "won 3-1"
    if n.kind == "digits" and ends_pair and _SCORE_BEFORE.search(before[: ends_pair.start()]):
        return True
    return _is_name_number(n, text, before, after)


def _win_loss(before: str, after: str, opens_pair: bool, ends_pair: re.Match | None) -> bool:
    """Either number of a win-loss record: "a 9-14 record" (the record word after the pair) or
    "a record of 9-14" (before it). ``opens_pair``, ``ends_pair``: ``_OPENS_PAIR`` on what
    follows the number, ``_ENDS_PAIR`` on what comes before it, as _skip_number matched them."""
    if ends_pair:  # this number ends the pair: "9-[14]"
        return bool(_RECORD_END.match(after) or _RECORD_BEFORE.search(before[: ends_pair.start()]))
    return bool(_RECORD_AFTER.match(after) or opens_pair and _RECORD_BEFORE.search(before))


def _counts_after_date(span_toks, words) -> bool:
    """The small model's DATE entity runs on over a count that follows it ("On Monday 5 people
    died", "last year 300 workers"): every date word stands before the number, and a plural
    noun that is no date word comes right after it ("Monday 5 May" stays a date)."""
    doc = span_toks[0].doc
    nxt = span_toks[-1].i + 1
    if nxt >= len(doc) or any(t.i > span_toks[0].i for t in words if t.i != nxt):
        return False
    noun = doc[nxt]
    return noun.tag_ == "NNS" and noun.lower_ not in _DATE_WORDS and not _MONTH_WORD.fullmatch(noun.text) \
        and noun.lemma_.lower() not in _TIME_UNITS


def _is_name_number(n: NumberMatch, text: str, before: str, after: str) -> bool:
    """Numbers that are part of a name: "Nasdaq 100", "22-24 Harbour Road", "a two-door coupe",
    "the iPhone 11 Pro Max" (the lists are in resources/)."""
    if _FEATURE_AFTER.match(after):
        return True
    if n.kind != "digits":
        return False
    mi = _INDEX_BEFORE.search(before[-16:])
    # "FTSE -0.6%", "DAX +1.2%": a signed number is the index's move, never part of its name
    signed = n.text[:1] in "-−" or before.endswith("+")
    if mi and not signed and (mi.group(0)[0].isupper() or not mi.group(0)[0].isalpha()) and not _CURRENCY_PREFIX.search(before[-8:]):
        return True
    if _STREET_AFTER.match(after) or _PRODUCT_AFTER.match(after) or _BLOCK_AFTER.match(after):
        return True
    return False


# "did it twice", "was married three times": how often a thing happened is a count of times,
# as "three times" already is; "twice the legal limit" is two of the limit, as "five times the
# legal limit" is read; "twice as many" and "twice a week" (a set, temporal.py) are no count
_REPEAT_ADVERBS = {"twice": 2.0, "thrice": 3.0, "once": 1.0}
# "once" only after a bound that makes it a count ("only once", "more than once"); alone it is
# as often "formerly" ("the once-dominant party", "once named H. Rap Brown") or "when"
_REPEAT_ADVERB = re.compile(r"\b(?:twice|thrice|once)\b(?![-\w])", re.I)
_ONCE_COUNTED_BEFORE = re.compile(r"\b(?:only|just|exactly|at\s+least|more\s+than)\s+$", re.I)
_MULTIPLE_OF = re.compile(r"\s*(?:the|that|this|these|those|his|her|its|their|my|our|your)\b", re.I)
_NOT_A_REPEAT_AFTER = re.compile(
    r"\s*(?:as|a|an|per|each|every|more|less|over|than|daily|weekly|monthly|yearly|annually|hourly)\b", re.I)


def _repeat_adverbs(text: str, toks: _Tokens) -> list[NumberMatch]:
    found = []
    for m in _REPEAT_ADVERB.finditer(text):
        tok = toks.at(m.start())
        if tok is None or _NOT_A_REPEAT_AFTER.match(text, m.end()):
            continue
        if m.group(0).lower() == "once":
            if _ONCE_COUNTED_BEFORE.search(text[max(0, m.start() - 16):m.start()]):
                found.append(NumberMatch(m.start(), m.end(), m.group(0), _REPEAT_ADVERBS["once"], "words"))
            continue  # the bound before it says it counts, whatever the parse hangs it on
        if _MULTIPLE_OF.match(text, m.end()):
            if tok.head.pos_ not in ("NOUN", "PROPN") or tok.head.i < tok.i:
                continue
        elif tok.pos_ != "ADV" or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        found.append(NumberMatch(m.start(), m.end(), m.group(0), _REPEAT_ADVERBS[m.group(0).lower()], "words"))
    return found


def _merge_ranges(nums: list[NumberMatch], text: str) -> list[tuple[NumberMatch, NumberMatch | None]]:
    out: list[tuple[NumberMatch, NumberMatch | None]] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        if i + 1 < len(nums):
            b = nums[i + 1]
            # "52-35" (a vote or score), "787-8" (a model): a hyphenated pair that is no range
            if a.kind == b.kind == "digits" and re.fullmatch(r"[-–]", text[a.end : b.start]) and (
                a.value >= b.value or "." in a.text + b.text and _SCORE_BEFORE.search(text[: a.start])
            ):
                i += 2
                continue
            gap = text[a.end : b.start]
            # "10% to 20%" and "$10 to $20" are ranges; "2 % to $ 1.45 billion" is not
            pct_a = _PERCENT.match(gap) is not None
            pct_b = _PERCENT.match(text[b.end :]) is not None
            gap_wo_unit = re.sub(r"^\s?(?:%|percent|per cent)", "", gap) if pct_b else gap
            cur_a = _CURRENCY_PREFIX.search(text[max(0, a.start - 8) : a.start]) is not None
            cur_gap = _CURRENCY_PREFIX.sub("", gap_wo_unit) if cur_a else gap_wo_unit
            # "between 15kHz and 17kHz", "$US160 million and $US171 million": the unit or scale
            # written after both ends
            mu_a, mu_b = _UNIT_AFTER.match(cur_gap), _UNIT_AFTER.match(text[b.end :])
            if mu_a and mu_b and mu_a.group("u").lower() == mu_b.group("u").lower():
                cur_gap = cur_gap[mu_a.end() :]
            if pct_a and not pct_b:
                cur_gap = "%"  # not a separator: no range
            m = _RANGE_SEP.match(cur_gap)
            if m and a.kind in ("digits", "words") and b.kind in ("digits", "words"):
                sep = cur_gap.strip().lower()
                before = _CURRENCY_PREFIX.sub("", text[max(0, a.start - 20) : a.start])
                ok = True
                if sep == "and":
                    ok = bool(_BETWEEN_BEFORE.search(before))
                elif sep in ("-", "–", "—"):
                    ok = a.kind == b.kind == "digits" and not _SCORE_BEFORE.search(before)
                    ok = ok and not re.search(r"[A-Za-z][-/]?$", before) and not _SCORE_AFTER.match(text[b.end:])
                elif sep == "or":
                    ok = a.kind == b.kind and a.value < b.value and b.value - a.value <= max(2, a.value)
                elif sep in ("to", "through"):
                    # "rose from 10 to 20": two values (before and after), not a range
                    ok = not _CHANGE_FROM.search(text[max(0, a.start - 60) : a.start])
                    # "increased by $43.6 billion to $419.2 billion": the size of a change and the
                    # level it reached, each written whole; a range of sizes spans less ("cut by
                    # 10 to 20 percent") or shares the second end's scale ("by 2 to 12 million")
                    if ok and _BY_BEFORE.search(before) and (_scale_of(a) or cur_a or pct_a) and 0 < 5 * a.value < b.value:
                        ok = False
                ok = ok and b.value is not None and a.value is not None
                if ok and (a.value < b.value or _scale_of(b) and not _scale_of(a) or _PLUS_MINUS.match(sep)):
                    out.append((a, b))
                    i += 2
                    continue
        out.append((a, None))
        i += 1
    return out


_SCALE_END = re.compile(rf"(hundred|thousand|million|billion|trillion|{SCALE_SPACED}|{SCALE_GLUED})s?$", re.I)
# "£5m", "$1.2 m", "RM3.06mil": after a currency sign m is million, not metres
_SCALE_AFTER_MONEY = re.compile(rf"^\s?({SCALE_AFTER_MONEY})\b\.?", re.I)


def _scale_of(n: NumberMatch) -> float | None:
    m = _SCALE_END.search(n.text)
    if not m:
        return None
    return 1e2 if m.group(1).lower() == "hundred" else SCALE_ABBR[m.group(1).lower()]


def _quantities_in_doc(doc, *, years: bool, durations: bool, conversions: bool, text: str | None = None) -> list[Quantity]:
    text = doc.text if text is None else text
    if not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|thousand|"
                     r"million|billion|half|third|quarter|twice|thrice|once)", text, re.I):
        return []
    nums = [n for n in find_numbers(text) if not _skip_number(n, text, years)]
    repeats = _REPEAT_ADVERB.search(text) is not None
    if not nums and not repeats:
        return []
    toks = _Tokens(doc)
    if repeats:
        nums = sorted(nums + _repeat_adverbs(text, toks), key=lambda n: n.start)
        if not nums:
            return []
    result: list[Quantity] = []
    for a, b in _merge_ranges(nums, text):
        if result and a.start < result[-1].end:  # inside the unit of the last one: "m s−1"
            continue
        q = _build(doc, toks, text, a, b, years=years, durations=durations)
        if q is not None:
            if result and q.start < result[-1].end:
                q.start = result[-1].end
                while q.start < q.end and not text[q.start].isalnum() and text[q.start] not in "$€£¥~∼≥≤<>":
                    q.start += 1
                q.text = text[q.start : q.end]
            result.append(q)
    # a parenthesised restatement of the quantity just before: "700 km (450 miles)"
    for prev, q in zip(result, result[1:]):
        between = text[prev.end : q.start]
        if re.fullmatch(r"\s*[(\[]\s*(?:about|around|some|roughly|approximately|~|or)?\s*", between) and (
            prev.kind in ("measure", "money") or q.kind in ("measure", "money")
        ):
            q.conversion = True
        elif re.fullmatch(r"\s*,?\s*or\s+(?:about\s+|around\s+|some\s+|roughly\s+)?", between) and (
            prev.kind == q.kind and q.kind in ("measure", "money") and prev.unit != q.unit
        ):
            q.conversion = True
    # "from 10 to 20 percent" after a change verb: the first value shares the second's unit
    for prev, q in zip(result, result[1:]):
        if prev.unit is None and q.kind in ("percent", "points", "money", "measure") and re.fullmatch(
            r"\s*(?:to|and)\s*", text[prev.end : q.start]
        ):
            prev.unit, prev.kind = q.unit, q.kind
    for i, ch in enumerate(find_changes(result, text)):
        if ch is not None:
            q = result[i]
            q.change, q.change_part = ch.direction, ch.part
            if ch.level_of is not None:
                result[ch.level_of].level, result[ch.level_of].level_unit = q.value, q.unit
    if not conversions:
        # a restatement rides on the quantity it restates: "700 km (450 miles)"
        kept: list[Quantity] = []
        for q in result:
            if q.conversion and kept:
                if q.value is not None:
                    kept[-1].conversions.append((q.value, q.unit))
            elif not q.conversion:
                kept.append(q)
        result = kept
    return result


def _build(doc, toks: _Tokens, text: str, a: NumberMatch, b: NumberMatch | None, *, years: bool, durations: bool):
    ns, ne = a.start, (b or a).end
    span_toks = toks.span(ns, ne)
    first_tok = span_toks[0]
    root = _span_root(span_toks)

    value = a.value
    hi_value = b.value if b is not None else None
    # "1.3 ± 0.5 wt.%": b is the uncertainty of a, the quantity lies between 0.8 and 1.8
    gap = text[a.end : b.start] if b is not None else ""
    tol = b.value if b is not None and re.search(_PM, gap) else None
    if tol is not None:
        hi_value = None
    kind = "count"
    unit: str | None = "time" if b is None and a.text.lower() in _REPEAT_ADVERBS \
        and not _MULTIPLE_OF.match(text, a.end) else None
    start, end = ns, ne

    if a.kind == "words" and b is None and a.text.lower() in ("one", "an", "a"):
        # lone "one": a count only when it modifies a noun ("one soldier")
        # or when it picks one of a group: "one of the hottest luxury cars", "one of my stores"
        if not (root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN")) and not (
                a.text.lower() == "one" and _ONE_OF.match(text[ne:])):
            return None

    # currency prefix
    before = text[:start]
    mc = _CURRENCY_PREFIX.search(before[-8:]) if before else None
    if mc:
        code = re.sub(r"\s", "", mc.group("cur")).lower()
        unit = _CURRENCY_CODE.get(code, code.upper())
        kind = "money"
        start -= len(mc.group(0))
        # "£5m", "$1.2 m": m is million after a currency
        mm = _SCALE_AFTER_MONEY.match(text[ne:])
        if mm and not _scale_of(b or a):
            mult = SCALE_ABBR[mm.group(1).lower()]
            value *= mult
            if hi_value is not None:
                hi_value *= mult
            end = ne + len(mm.group(0).rstrip("."))
    # "1 to 2 million": the scale of the second applies to the first
    if b is not None and tol is None and _scale_of(b) and not _scale_of(a) and a.value < b.value / _scale_of(b) * 10:
        value = a.value * _scale_of(b)
    if hi_value is not None and value >= hi_value:
        return None

    if kind == "count" and a.kind == "digits" and b is None or kind == "count" and b is not None and b.kind == "digits":
        # "3.1m copies", "35m of its devices", "8 B people": a glued m or bn, or a spaced capital
        # M or B, before "of" or a plural noun is a scale, not metres
        ms = re.match(r"^(?:(m|mn|bn|b)|\s(M|B|bn|mn))(?=\s+(?:of\b|[a-z]{2,}s\b|people\b))", text[ne:])
        if ms and not _scale_of(b or a):
            mult = {"m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}[(ms.group(1) or ms.group(2)).lower()]
            value *= mult
            if hi_value is not None:
                hi_value *= mult
            end = ne + len(ms.group(0))
        elif re.match(r"^p(?!\w|\.\w)", text[ne:]) and value not in (360, 480, 720, 1080, 1440, 2160):
            unit, kind = "GBX", "money"  # "98.4p": pence
            end = ne + 1
    age = None
    if kind == "count":
        age = _AGE_AFTER.match(text[end:])
        if age:
            unit, kind = age.group("u").lower().rstrip("s").replace("yr", "year"), "age"
            end += len(age.group(0))
        elif b is None and a.kind == "digits" and value <= 130 and (birthday := _BIRTHDAY_AFTER.match(text[end:])):
            unit, kind = "year", "age"
            end += len(birthday.group(0))
        elif (_AGED_BEFORE.search(text[max(0, start - 12) : start])
              or b is None and value <= 125 and _DIED_AT_BEFORE.search(text[max(0, start - 64) : start])) \
                and not _UNIT_AFTER.match(text[end:]):
            unit, kind = "year", "age"
        elif b is None and a.kind == "digits" and (_apposed_to_person(doc, span_toks, text[end:], value)
                                                   or _copula_age(span_toks, text[end:], value)):
            unit, kind = "year", "age"

    after = text[end:]
    mp = _PERCENT.match(after)
    if kind in ("money", "age"):
        pass
    elif b is None and (_MAGNITUDE_BEFORE.search(text[max(0, start - 20) : start]) or _MAGNITUDE_AFTER.match(after)):
        unit, kind = "magnitude", "measure"
        if after.startswith("-"):
            end += len("-magnitude")
    elif _FOLD_AFTER.match(after):
        unit, kind = "fold", "measure"
        end += _FOLD_AFTER.match(after).end()
    elif mp:
        unit, kind = "%", "percent"
        end += len(mp.group(0))
    elif _POINTS.match(after):
        mpt = _POINTS.match(after)
        unit, kind = ("bp" if "basis" in mpt.group(0).lower() else "pp"), "points"
        end += len(mpt.group(0))
    elif a.kind == "digits" and b is None and _glued_degrees(text, ns, after) \
            or b is not None and b.kind == "digits" and _glued_degrees(text, ns, after):
        unit, kind = "°" + after[0], "measure"
        end += 1
    else:
        mu = _UNIT_AFTER.match(after)
        if mu and mu.group(0) == "s" and b is None and re.fullmatch(r"\d{3,}", a.text):
            return None  # "their existing 767s", "flights for 787s": a model's plural, not seconds
        if mu and (a.kind == "digits" or len(mu.group("u")) > 2):
            u = re.sub(r"\s", "", mu.group("u"))
            unit = _UNITS.get(u.lower(), u) + re.sub(r"\s+", " ", mu.group("per"))
            kind = "measure"
            end += len(mu.group(0))

    # entity signal: a number inside a date/law/product/org entity with other words is not a claim
    ent = first_tok.ent_type_
    if ent in _NON_CLAIM_ENTS and kind not in ("age", "measure", "percent"):  # "MacBook Pro 16 inch"
        ent_span = next((e for e in doc.ents if e.start <= first_tok.i < e.end), None)
        if ent_span is not None:
            words = [t for t in ent_span if t.is_alpha and not t.like_num and t.lower_ not in ("and", "to", "a", "an")
                     and not (start <= t.idx < end)]
            if ent in ("DATE", "TIME") and mc is not None:
                pass  # "last year's $32280", "a five-year $700000 award": a sign makes it money
            elif ent in ("DATE", "TIME"):
                # the small model calls many bare numbers DATE ("5318 participants"): drop only
                # on a date or duration word, or a year-like number
                lows = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
                if lows & _TIME_UNITS or lows & {"old", "aged", "age"}:
                    if not durations:
                        return None
                elif lows & _DATE_WORDS or _MONTH_WORD.search(ent_span.text) or any(":" in t.text for t in ent_span):
                    if not (years and _is_year(a, text)) and not _counts_after_date(span_toks, words):
                        return None
            elif ent == "ORDINAL":
                return None
            elif any(t.pos_ == "PROPN" or t.is_title and t.i != ent_span.start for t in words):
                return None
    if not years and _is_year(a, text) and ent == "DATE" and unit is None and not _opens_count(doc, span_toks, text[ne:]) \
            and not (b is not None and _opens_range_of_counts(text[a.end :])):
        return None
    # a number modifying a proper noun to its left: "Boeing 747", "Article 5", "Windows 10"
    # ("MacBook Pro 16 inch" is a size: a unit after the number makes it a measure)
    if kind == "count" and root.head.i < root.i and root.head.pos_ == "PROPN" and root.dep_ in ("nummod", "appos", "compound") \
            and root.head.i == span_toks.start - 1 and not _MONTH_BEFORE.search(root.head.text + " ") \
            and not (root.head.lower_ in _DATE_WORDS and _counts_after_date(span_toks, [root.head])):
        return None

    # "the 787": a bare integer right after "the", counting nothing, names a thing
    if kind == "count" and a.kind == "digits" and b is None and span_toks.start > 0 \
            and doc[span_toks.start - 1].lower_ == "the" and "." not in a.text \
            and _counted_noun(doc, root, span_toks[-1]) is None and not _MOD_RE[0][0].search(text[:ns]):
        return None
    # an identifier after a noun: "columns 4 and 5", "samples 1 and 2", "Viking 2"
    if kind == "count" and a.kind == "digits":
        j = span_toks.start - 1
        while j >= 0 and (doc[j].like_num or doc[j].lower_ in (",", "and", "or", "&")) and span_toks.start - j < 8:
            j -= 1
        if j >= 0 and j < span_toks.start - 1 and not doc[j].like_num and doc[j + 1].like_num or j == span_toks.start - 1:
            prev = doc[j] if j >= 0 else None
            if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.whitespace_ and not prev.is_stop \
                    and prev.lemma_.lower() not in _UNITS and prev.lower_ not in _CURRENCY_CODE \
                    and not _MONTH_WORD.fullmatch(prev.text) and _counted_noun(doc, root, span_toks[-1]) is None:
                return None

    core_start, core_end = start, end
    # modifier before (before any currency symbol)
    garbled = _garbled_plural(a, text, start, end)
    hedged = a.kind == "vague" or garbled
    op = "range" if b is not None and tol is None else "="
    pre = text[max(0, start - 30) : start]
    if b is None and _SUB_BEFORE.search(pre):
        op = "<"
        start -= 4
    elif b is None and pre.endswith("±"):
        start -= 1  # "±5%": a margin, stated as its size
    elif b is None or tol is not None:
        # the longest phrase that ends at the number wins: "no more than 5" is at most 5,
        # though "more than" ends there too; the file's order breaks ties
        found = [(mm.start(), i, o) for i, (rx, o) in enumerate(_MOD_RE) if (mm := rx.search(pre))]
        if found:
            at, _, op = min(found)
            start -= len(pre) - at
            # two bounds of opposite sides stacked ("over nearly $100 billion", "up to more
            # than 40"): the writer hedges both ways, so the figure is only approximate
            if op in _SIDE and any(_SIDE.get(o, _SIDE[op]) != _SIDE[op] for rx, o in _MOD_RE if rx.search(pre[:at])):
                op = "~"
        post = text[end : end + 20]
        for rx, o in _POSTFIX:
            mp2 = rx.match(post)
            if mp2 and op == "=":
                op = o
                end += mp2.end()
                break
    else:
        mb = _BETWEEN_BEFORE.search(pre)
        mh = _HEDGE_BEFORE.search(pre)
        if mb and mb.group(0).lower().startswith("between"):
            start -= len(pre) - mb.start()
        elif mh:
            # "about 14-18 mpg": a range only suggested, like a vague plural's
            hedged = True
            start -= len(pre) - mh.start()

    if a.kind == "vague":
        # "hundreds of homes": between a hundred and a thousand, as CQE reads it; "dozens" is
        # no exact 24
        value, hi_value = vague_interval(a.text)
        mod, lo, hi = "range", value, hi_value
    elif garbled:
        mod, lo, hi = "range", value, vague_interval(a.text.strip().lower() + "s")[1]
    elif a.kind == "fraction" and (not re.search(r"\d", a.text) or re.search(r"\s(?:of|in)\s", a.text)):
        # a share in words ("a third", "one in five") or of a count ("3 out of 4 voters"); not
        # "3/4", which is as often a measure's fraction ("3/4 inch")
        value = value * 100  # unrounded: "a third" is 100/3 %, so 3 x 33.33 is no 100
        unit, kind = "%", "fraction"
        if op == "=":  # reporters round to "a third": about, unless half or a quarter
            op = "~" if a.value not in (0.5, 0.25, 0.75) else "="
        mod, lo, hi = _bounds(op, value)
    elif tol is not None:
        mod, lo, hi = "~", value - tol, value + tol
    else:
        mod, lo, hi = _bounds(op, value, hi_value)

    # counted noun, qualifiers, verb, subject from the parse
    end_tok = toks.at(end - 1)
    noun = _counted_noun(doc, root, end_tok) if unit is None else None
    if noun is not None and noun.tag_ == "NNP" and noun.is_title and value != 1 and kind == "count" \
            and noun.i == end_tok.i + 1 and a.kind == "digits" and not noun.ent_type_ in ("NORP", "GPE"):
        return None  # a model name: "787 Dreamliner", "500 Series"
    unit_word = None  # the word that makes the noun another unit ("square feet"): no qualifier
    if noun is not None:
        lemma = _hyphened(doc, noun, end_tok) + noun.lemma_.lower()
        if noun.tag_ == "NNPS" and lemma.endswith("s") and len(lemma) > 3:
            lemma = lemma[:-1]  # "Republicans" -> "republican"
        low_text = noun.lower_
        if lemma in _TIME_UNITS and not durations:
            return None
        if unit is None:
            if lemma in _UNITS or low_text in _UNITS:
                unit, kind = _UNITS.get(lemma, _UNITS.get(low_text)), "measure"
                modifier = _unit_modifier(doc, noun, end_tok)
                if (modifier, unit) in _UNIT_MODIFIED:
                    unit, unit_word = _UNIT_MODIFIED[(modifier, unit)], modifier
            elif lemma in _CURRENCY_WORD or low_text in _CURRENCY_WORD:
                unit, kind = _CURRENCY_WORD.get(lemma, _CURRENCY_WORD.get(low_text)), "money"
                if lemma == "dollar":
                    adj = [t.lower_ for t in noun.lefts if t.i > end_tok.i]
                    unit = next((_DOLLAR_ADJ[w] for w in adj if w in _DOLLAR_ADJ), "USD")
            elif noun.text.isupper() and low_text.isalpha() and low_text in _CURRENCY_CODE:
                unit, kind = _CURRENCY_CODE[low_text], "money"  # "100 billion USD": a code after the number
            elif lemma == "pound" or low_text == "pounds":
                if _scale_of(b or a) or value >= 10_000:
                    unit, kind = "GBP", "money"
                else:
                    unit, kind = "lb", "measure"
            elif lemma in ("percent", "%"):
                unit, kind = "%", "percent"
            elif kind == "count" and a.kind == "digits" and b is None and value >= 2 and _names_a_model(noun, end_tok):
                return None
            else:
                unit = lemma
        if kind in ("measure", "money") and noun.i > end_tok.i:  # the noun was the unit
            core_end = noun.idx + len(noun.text)
        # (not over another number: "several hundred or even 1,000 megawatts")
        if noun.i > end_tok.i and noun.i - end_tok.i <= 5 and not any(t.like_num for t in doc[end_tok.i + 1 : noun.i]):
            end = max(end, noun.idx + len(noun.text))
    if unit is None and kind == "count" and noun is None and b is None:
        elided = _elided_noun(root)
        if elided is not None and (lemma := elided.lemma_.lower()) not in _UNITS and lemma not in _TIME_UNITS \
                and lemma not in _CURRENCY_WORD:
            unit = lemma
    if unit is None and kind == "count":
        verb = _governing_verb(root)
        if verb is not None and verb.lemma_.lower() in _CASUALTY_VERBS and root.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "appos"):
            unit = "people"
        elif root.dep_ == "pobj" and root.head.lower_ == "of" \
                and (parent := root.head.head.lemma_.lower()) in _PARENT_NOUNS:
            unit = _PARENT_NOUNS[parent]  # "the mother of two": two children
        elif a.kind == "words" and root.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "nummod", "quantmod", "compound", "appos", "npadvmod"):
            # a bare small number word ("one", "ten") counting nothing, which NER does not call
            # a quantity either, is rarely a claim ("at one point", "ten to one")
            if a.value < 10 or root.ent_type_ not in _QUANTITY_ENTS:
                return None
    if unit is None and kind == "count" and noun is None and b is not None and a.kind == b.kind == "digits" \
            and text[a.end:b.start] in ("-", "–") and re.fullmatch(r"\d+", a.text + b.text) \
            and not _announces_range(text[max(0, a.start - 24):a.start]):
        return None  # "slumping at 9-14", "Cheeks is 122-147": a record or a score, no range of a count

    if noun is not None:
        anchor = noun
    elif kind in ("money", "percent", "points", "measure", "fraction", "age"):
        anchor = end_tok
    else:
        anchor = root
    quals = _qualifiers(doc, anchor, span_toks, end_tok)
    if unit_word is not None:
        # "nautical", "square": part of the unit's name, not a qualifier of what is measured
        quals = [q for q in quals if q.lower() != unit_word]
    verb = _governing_verb(anchor)
    subject = _subject(verb, anchor) if verb is not None else None
    context = _context(anchor, noun, quals, verb, subject, span_toks)

    # keep the claim text inside the doc and trimmed
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Quantity(
        start=start, end=end, text=text[start:end], value=value, low=lo, high=hi, modifier=mod,
        unit=unit, qualifiers=quals, subject=subject, context=context,
        number_start=ns, number_end=ne, kind=kind, core_start=core_start, core_end=core_end,
        vague=hedged,
    )


def _span_root(span):
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    return roots[-1] if roots else span[-1]


# nouns a number counts in the singular form ("26 Somali crew", "the 22,000 crowd", "300
# aircraft"), and an index's round level ("below the 5000 mark")
_COLLECTIVE_NOUNS = frozenset(
    "crew staff personnel police people aircraft spacecraft hovercraft cattle livestock sheep deer fish "
    "offspring militia faculty clergy infantry cavalry artillery series species swine poultry head "
    "youth clientele audience crowd congregation mark".split())


# prepositions that take a place: a name after them with a number set off is a place's tally
_PLACE_PREPOSITIONS = frozenset("in at from to near across into throughout around outside inside within toward towards "
                                "through".split())


def _announces_range(before: str) -> bool:
    """Words before a bare hyphenated pair that make it a range, not a record or a score: a hedge
    ("about", "some", "~": modifiers.tsv), an age ("aged 18-49") or "between" / "from"."""
    return bool(_HEDGE_BEFORE.search(before) or _AGED_BEFORE.search(before) or _BETWEEN_BEFORE.search(before))


def _apposed_to_person(doc, span_toks, after: str, value: float) -> bool:
    """A bare whole number set off after a person's name is the person's age, as news writes
    it: "Teixeira, 28, has hit", "the dead man as Benjamin Banky, 34.", "Reid (33)"."""
    i = span_toks.start
    if not (1 <= value <= 120 and value == int(value)) or i < 2:
        return False
    opener, name, number = doc[i - 1].text, doc[i - 2], doc[i]
    closer = r"\)" if opener == "(" else r"[,.;:]|$"
    # the small NER model often misses a surname ("Ortiz") or calls it an ORG ("Teixeira"); the
    # parse's apposition to a proper noun is the surer sign, a place or date name never has an age
    # a place name as the clause's subject is a surname tagged as a place ("Lohan, 29, arrived")
    person = name.ent_type_ == "PERSON" or (name.pos_ == "PROPN" and number.dep_ == "appos" and number.head.i == name.i
                                            and (name.ent_type_ in ("", "ORG", "NORP")
                                                 or name.ent_type_ == "GPE" and name.dep_ in ("nsubj", "nsubjpass")
                                                 # "Steinberg, 48, of Bruce Township": a residence
                                                 # after an age, which no place has
                                                 or name.ent_type_ == "GPE" and re.match(r"\s*,\s*of\s+[A-Z]", after)
                                                 # "the death of Kafoury, 63,": a one-word "place"
                                                 # set off with a number a life may reach, and not
                                                 # where a place would be ("in Texas, 40,"), is a surname
                                                 or name.ent_type_ == "GPE" and name.ent_iob_ == "B"
                                                 and name.head.lower_ not in _PLACE_PREPOSITIONS))
    # "Smith, 12, Jones, 9": a list of names and numbers is a tally, not ages
    listed = re.match(r"\s*,\s*(?:[A-Z][\w'.-]*\s*)+,?\s*\d", after) is not None
    return opener in (",", "(") and person and not listed and re.match(rf"\s*(?:{closer})", after) is not None


# What may follow an age a clause ends on: the clause's end, or the day or month the age is
# reached ("will be 29 in April", "turned 68 on Saturday"), and for "turned" also "last week";
# not "this year": in "Oscar is 80 this year" a quip gives the ceremony an age
_AGE_END = re.compile(r"\s*(?:[,.;:]|when\b|at the time\b|$|(?:in|on)\s+[A-Z0-9])")
_AGE_TURNED_END = re.compile(r"\s*(?:[,.;:]|when\b|at the time\b|$|(?:in|on)\s+[A-Z0-9]"
                             r"|(?:next|last)\s+(?:week|month|year|[A-Z]))")


def _copula_age(span_toks, after: str, value: float) -> bool:
    """A bare whole number that a person's clause ends on is the person's age: "Banky was 52.",
    "The receptionist who died, Madeline Kafoury, was 45", "He was 81 when he died", "Tanya
    Wilson, who was 41,", or that a person turns: "Reid turned 33 last week". The subject must
    be the person itself (a name, or a noun in apposition to one, or he/she, or a noun that
    names one person by role, resources/person_nouns.tsv: "The victim was 23."), not a thing of
    theirs: "Obama's approval was 52" is no age."""
    number = span_toks[0]
    verb = number.head
    # "turned 33", "who turns 29 on April 11": an age reached, the number the verb's object
    turned = verb.lemma_ == "turn" and number.dep_ == "dobj"
    if not (1 <= value <= 120 and value == int(value)) or verb.i > number.i \
            or not (turned or verb.lemma_ == "be" and number.dep_ in ("attr", "acomp", "npadvmod")):
        return False
    if not (_AGE_TURNED_END if turned else _AGE_END).match(after):
        return False  # "was 52 points" counts something else
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if subj.lower_ in ("he", "she"):
        return True
    if subj.lower_ == "who" and verb.dep_ == "relcl":
        return True  # "Tanya Wilson, who was 41,", "Comeaux, who is 52,": "who" stands for a person
    if subj.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in subj.children):
        return True
    # "The victim was 23.", "The swimming star was 87.": one person named by a role noun
    return subj.pos_ == "NOUN" and subj.tag_ == "NN" and subj.lemma_.lower() in _PERSON_NOUNS


def _counted_noun(doc, root, end_tok):
    """The noun the number counts: "100 [jets]", "dozens of [people]", "82 of the [victims]"."""
    noun = _counted_noun_raw(doc, root, end_tok)
    if noun is not None and noun.i > end_tok.i:
        # "a 150 billion euro rescue", "a 5 million pound deal": the currency is the unit and
        # the noun what the money is for
        # a unit that follows a number of its own is that number's ("three 9mm pistols", "three
        # 10-foot ladders"): the first number still counts the noun
        unit_word = next((t for t in doc[end_tok.i + 1 : noun.i + 1] if _is_unit_word(t)
                          and not _after_own_number(doc, t, end_tok)), None)
        if unit_word is not None:
            return unit_word
        # "a 17-game season", "a 12-page document", "a 100-RBI season": a number glued to a
        # noun that modifies another counts the glued noun, not the season or the document
        glued = end_tok.i + 2
        if glued <= noun.i and doc[end_tok.i + 1].text == "-" and not end_tok.whitespace_ \
                and not doc[end_tok.i + 1].whitespace_ and doc[glued].pos_ in ("NOUN", "PROPN") \
                and doc[glued].is_alpha and doc[glued].head.i > glued and doc[glued].head.pos_ in ("NOUN", "PROPN"):
            return doc[glued]
        # "four plainclothes officers": the parse may hang the number on a compound modifier
        if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and 0 < noun.head.i - noun.i <= 3:
            noun = noun.head
        noun = _participle_compound(doc, root, noun) or noun
        # "four co-workers": the tagger splits a hyphenated noun; the number counts its last part
        i = noun.i
        while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ \
                and not doc[i + 1].whitespace_ and doc[i + 2].pos_ in ("NOUN", "PROPN") and i + 2 - end_tok.i <= 5:
            i += 2
        noun = doc[i]
    if noun is not None and (noun.lower_ in _DATE_WORDS or _MONTH_WORD.fullmatch(noun.text)):
        return None  # "the 787 today", "5 March"
    return noun


# A word before a unit that makes it another unit: an area ("12,000 square feet",
# "a 1,500-square-kilometer zone"), a volume ("5,000 cubic meters") or a sea mile ("150
# nautical miles": 1,852 m, not a statute mile's 1,609)
_UNIT_MODIFIED = {
    **{(w, u): f"{u}2" for w in ("square", "sq") for u in ("km", "mi", "m", "ft", "yd", "cm", "mm")},
    **{("cubic", u): f"{u}3" for u in ("km", "m", "ft", "yd", "cm", "mm")},
    ("nautical", "mi"): "nmi",
}


def _names_a_model(noun, end_tok) -> bool:
    """Two or more of one thing English names in the singular, and definite, right after the
    number: a model or a route, not a count ("its 777 airliner", "the final 717 jet", "the 38
    bus"); a collective noun counts in the singular ("the 26 Somali crew", "its 300 staff").
    The noun is an ordinary counted thing (no unit, currency or percent)."""
    return (noun.tag_ == "NN" and noun.lower_ == noun.lemma_.lower() and noun.lower_ not in _COLLECTIVE_NOUNS
            and noun.i == end_tok.i + 1 and noun.dep_ != "compound"
            and any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children))


def _unit_modifier(doc, noun, end_tok) -> str | None:
    """The word right before a unit noun, past one hyphen ("square feet", "square-foot"),
    when it comes after the number."""
    i = noun.i - 1
    if i > end_tok.i and doc[i].text == "-":
        i -= 1
    return doc[i].lower_ if i > end_tok.i else None


def _participle_compound(doc, root, noun):
    """The noun a list item counts when an unhyphenated compound modifier was parsed as a clause:
    "seven AK-47 rifles, one rocket propelled grenade launcher, grenades": "rocket" the subject
    of "propelled", "grenade" its object. Read so only when no clause can be meant: the item
    stands between commas of a list, the participle has no auxiliary, and a compound follows
    it whose first noun is singular with no determiner, which English leaves bare in no object."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.i != noun.i + 1 or verb.tag_ not in ("VBD", "VBN") \
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    if root.i == 0 or doc[root.i - 1].text != "," or verb.i + 1 >= len(doc):
        return None
    first = doc[verb.i + 1]
    if first.tag_ != "NN" or any(c.dep_ in ("det", "poss", "nummod") for c in first.children):
        return None
    last = first
    # the run of words after it, up to the item's end ("grenade launcher", however tagged)
    while last.i + 1 < len(doc) and doc[last.i + 1].is_alpha and doc[last.i + 1].pos_ not in (
            "CCONJ", "ADP", "DET", "PRON", "AUX", "VERB", "SCONJ", "PART"):
        last = doc[last.i + 1]
    # a compound of two words or more, and the list going on after it: "one company produced
    # oil." is a clause
    listed = last.i + 1 < len(doc) and doc[last.i + 1].lower_ in (",", "and", ";")
    return last if last.i > first.i and listed else None


def _after_own_number(doc, unit, end_tok) -> bool:
    """A number of its own right before ``unit``, after the number that ends at ``end_tok``
    (a hyphen between them allowed: "10-foot")."""
    i = unit.i - 1
    if i > end_tok.i and doc[i].text == "-":
        i -= 1
    return i > end_tok.i and doc[i].like_num


def _elided_noun(num):
    """What a bare number counts when the sentence names it elsewhere: the complement of its
    copula ("15 were Somali nationals"), the counted noun of the same role in the clause it is
    coordinated with ("won nine games and lost 16", "Eight jurors favoured execution and four
    held out"), or the set it is taken from ("Of the 23 pirates arrested, 12 are Somali")."""
    if num.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    verb = num.head
    if num.dep_ != "dobj" and verb.lemma_ == "be":
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if attr is not None and attr.pos_ == "NOUN" and attr.tag_ == "NNS":
            return attr
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        same = next((c for c in verb.head.children if c.dep_ == num.dep_), None)
        if same is not None and same.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in same.children):
            return same
        if same is not None and same.like_num and same.i < num.i:
            return _elided_noun(same)  # "15 were Somali nationals and eight came from Yemen"
    of = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < num.i), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None and pobj.pos_ == "NOUN" and pobj.tag_ == "NNS":
        return pobj
    return None


def _is_unit_word(t) -> bool:
    """A currency or unit of measure: the unit of the number before it, never a counted thing."""
    words = (t.lemma_.lower(), t.lower_)
    return any(w in _CURRENCY_WORD or w in _UNITS or w in _TIME_UNITS or w in ("pound", "pounds", "percent") for w in words)


def _hyphened(doc, noun, end_tok) -> str:
    """The glued words before a counted noun, with their hyphens: "co-" of "co-workers", so
    that "co-workers" counts co-workers and not workers."""
    i = noun.i
    while i - 2 > end_tok.i and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and doc[i - 2].is_alpha:
        i -= 2
    return "".join(t.text_with_ws for t in doc[i : noun.i]).lower()


def _counted_noun_raw(doc, root, end_tok):
    head = root.head
    # a hyphen the tokenizer splits off ("anti - tank") is no word between the number and its noun
    between = doc[end_tok.i + 1 : head.i] if head.i > end_tok.i else ()
    if head.i > end_tok.i and head.pos_ in ("NOUN", "PROPN") and 1 + sum(t.text != "-" for t in between) <= 5 \
            and root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "dep") \
            and not any(t.is_punct and t.tag_ != "HYPH" and t.text != "-" for t in between):
        return head
    # the parse disagrees: take the first noun after the number over adjectives and compounds
    i = end_tok.i + 1
    while i < len(doc) and i - end_tok.i <= 4:
        t = doc[i]
        if t.pos_ in ("NOUN",) or (t.pos_ == "PROPN" and t.tag_ == "NNPS"):
            if t.dep_ == "compound" and t.head.i > t.i and t.head.i - end_tok.i <= 5 and t.head.pos_ == "NOUN":
                return t.head
            return t
        if t.pos_ in ("ADJ", "VERB") and t.dep_ in ("amod", "compound") or t.tag_ == "HYPH" \
                or t.pos_ == "PROPN" and t.dep_ == "compound" \
                or re.search(r"[A-Za-z]", t.text) and re.search(r"\d", t.text):  # "F-35 jets"

            i += 1
            continue
        break
    # "dozens of people", "82 of the victims", "thousands of Ukrainians"
    if end_tok.i + 1 < len(doc) and doc[end_tok.i + 1].lower_ == "of":
        of = doc[end_tok.i + 1]
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") and pobj.i - of.i <= 4:
            return pobj
        # "30 of 207 punches": the part counts what the whole counts
        if of.i + 1 < len(doc) and doc[of.i + 1].like_num:
            return _counted_noun_raw(doc, doc[of.i + 1], doc[of.i + 1])
    return None


def _pp_text(prep) -> str | None:
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        return None
    # prep through its object, without the object's own modifiers on the right: "at sea"
    return prep.doc[prep.i : pobj.i + 1].text if pobj.i - prep.i <= 6 else None


def _qualifiers(doc, anchor, span_toks, end_tok) -> list[str]:
    quals: list[str] = []
    span_ids = {t.i for t in span_toks}
    for t in anchor.lefts:
        if t.i in span_ids or t.i <= end_tok.i:
            continue
        if t.dep_ in ("amod",) and t.lower_ not in _NOT_QUALIFIER and t.is_alpha:
            quals.append(t.text)
    # the first prepositional phrase describing the noun (or right after it)
    pp = None
    for c in anchor.rights:
        if c.dep_ == "prep":
            pp = c
            break
    if pp is None and anchor.i + 1 < len(doc):
        nxt = doc[anchor.i + 1]
        if nxt.dep_ == "prep" and nxt.lower_ not in ("than",):
            pp = nxt
    if pp is not None and pp.i - anchor.i <= 2:
        txt = _pp_text(pp)
        if txt:
            quals.append(txt)
    return quals


def _governing_verb(tok):
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod",):
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _subject(verb, anchor):
    v = verb
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subj is not None:
            if subj.i == anchor.i or anchor.i in {t.i for t in subj.subtree} and subj.i != anchor.i and anchor.is_ancestor(subj) is False and subj.is_ancestor(anchor):
                return None
            if subj.like_num or subj.pos_ == "NUM" or subj.lower_ in _VAGUE_WORDS:
                return None
            if subj.pos_ == "PRON":
                return subj.text
            left = min([subj.i] + [t.i for t in subj.lefts if t.dep_ in ("compound", "amod", "nmod")])
            return subj.doc[left : subj.i + 1].text
        if v.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl") and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


def _context(anchor, noun, quals, verb, subject, span_toks) -> list[str]:
    words: list[str] = []
    toks = []
    if noun is not None:
        toks.append(noun)
        toks.extend(t for t in noun.lefts if t.dep_ in ("amod", "compound") and t.i not in range(span_toks.start, span_toks.end))
        for c in noun.rights:
            if c.dep_ == "prep":
                toks.extend(t for t in c.subtree if t.i - noun.i <= 6)
                break
    if verb is not None:
        toks.append(verb)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.i not in range(span_toks.start, span_toks.end):
            toks.append(subj)
    for t in toks:
        lemma = t.lemma_.lower()
        if t.is_alpha and not t.is_stop and lemma not in words and not t.like_num:
            words.append(lemma)
    return words
