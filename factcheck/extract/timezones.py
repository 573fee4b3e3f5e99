"""Time-zone abbreviations and their UTC offsets, for clock times such as "05:40 PM IST".

Several abbreviations are ambiguous (IST is India, Israel or Irish Standard Time; CST is US
Central or China). Each maps to its candidate offsets, most common in English news first; the
source's own offset (``Document.tz``) picks among them when it is one of the candidates.
"""

from __future__ import annotations

import re

# abbreviation -> candidate UTC offsets, the default first
TIMEZONES: dict[str, tuple[str, ...]] = {
    "UTC": ("+00:00",),
    "GMT": ("+00:00",),
    "Z": ("+00:00",),
    "WET": ("+00:00",),
    "WEST": ("+01:00",),
    "BST": ("+01:00", "+06:00"),  # British Summer Time; Bangladesh Standard Time
    "IST": ("+05:30", "+02:00", "+01:00"),  # India; Israel; Irish Standard Time
    "IDT": ("+03:00",),
    "CET": ("+01:00",),
    "CEST": ("+02:00",),
    "MET": ("+01:00",),
    "EET": ("+02:00",),
    "EEST": ("+03:00",),
    "MSK": ("+03:00",),
    "TRT": ("+03:00",),
    "AST": ("+03:00", "-04:00"),  # Arabia; Atlantic
    "GST": ("+04:00",),  # Gulf
    "PKT": ("+05:00",),
    "NPT": ("+05:45",),
    "ICT": ("+07:00",),
    "WIB": ("+07:00",),
    "HKT": ("+08:00",),
    "SGT": ("+08:00",),
    "PHT": ("+08:00",),
    "AWST": ("+08:00",),
    "JST": ("+09:00",),
    "KST": ("+09:00",),
    "ACST": ("+09:30",),
    "AEST": ("+10:00",),
    "AEDT": ("+11:00",),
    "NZST": ("+12:00",),
    "NZDT": ("+13:00",),
    "EST": ("-05:00",),
    "EDT": ("-04:00",),
    "CST": ("-06:00", "+08:00"),  # US Central; China Standard Time
    "CDT": ("-05:00",),
    "MST": ("-07:00",),
    "MDT": ("-06:00",),
    "PST": ("-08:00",),
    "PDT": ("-07:00",),
    "AKST": ("-09:00",),
    "HST": ("-10:00",),
    "ET": ("-05:00",),
    "PT": ("-08:00",),
}

TZ_PATTERN = r"(?:" + "|".join(sorted((k for k in TIMEZONES if len(k) > 1), key=len, reverse=True)) + r")"
_OFFSET = re.compile(r"^(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$")


def tz_offset(abbr: str, source_tz: str | None = None) -> str | None:
    """UTC offset ("+05:30") of a zone abbreviation or "GMT+3"-style zone; None when unknown.

    For an ambiguous abbreviation the source's offset wins when it is a candidate.
    """
    key = abbr.strip().upper().replace(".", "")
    candidates = TIMEZONES.get(key)
    if candidates:
        if source_tz and source_tz in candidates:
            return source_tz
        return candidates[0]
    m = _OFFSET.match(key)
    if m:
        sign = "-" if m.group(1) in "-−" else "+"
        return f"{sign}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    return None
