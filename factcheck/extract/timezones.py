"""Time-zone abbreviations and their UTC offsets, for clock times such as "05:40 PM IST".

Several abbreviations are ambiguous (IST is India, Israel or Irish Standard Time; CST is US
Central or China). Each maps to its candidate offsets, most common in English news first; the
source's own offset (``Document.tz``) picks among them when it is one of the candidates.
"""

from __future__ import annotations

import re

from .. import lexicon

# abbreviation -> candidate UTC offsets, the default first (resources/timezones.tsv)
TIMEZONES: dict[str, tuple[str, ...]] = {r[0].upper(): tuple(r[1].split(",")) for r in lexicon.rows("timezones")}

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
