"""Detect CPR-shaped numbers so that no personal identity number is ever stored.

One rule for the API, the Rasa channels and the action server: DDMMYY followed by four
digits, either directly (10 digits) or after one hyphen or space, where DDMMYY is a real
calendar date. The match must not be part of a longer run of digits, so "1234567890123" is not
CPR-shaped.
The modulus-11 check is deliberately not applied: CPR numbers issued since 2007 may fail it.
"""

from __future__ import annotations

import datetime as dt
import re

# One optional separator: hyphen, typographic dashes and minus (pasted text), space or NBSP.
_SEPARATOR = "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212 \u00a0]"
_CPR_PATTERN = re.compile(
    rf"(?<![0-9])([0-9]{{2}})([0-9]{{2}})([0-9]{{2}}){_SEPARATOR}?[0-9]{{4}}(?![0-9])"
)


def _is_valid_ddmmyy(day: int, month: int, year: int) -> bool:
    # A two-digit year may be 18xx, 19xx or 20xx (the century comes from the 7th digit). 29 Feb
    # is possible exactly when YY is divisible by 4 (00 counts: 2000 was a leap year), which
    # is what the year 2000 + YY gives us.
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def contains_cpr(text: str) -> bool:
    """Return True if `text` contains something that looks like a Danish CPR number."""
    for match in _CPR_PATTERN.finditer(text):
        day, month, year = (int(part) for part in match.groups())
        if _is_valid_ddmmyy(day, month, year):
            return True
    return False


REDACTION = "[CPR-nummer fjernet]"


def redact_cpr(text: str, replacement: str = REDACTION) -> str:
    """Replace every CPR-shaped number in `text` (same rule as `contains_cpr`)."""

    def replace(match: re.Match[str]) -> str:
        day, month, year = (int(part) for part in match.groups())
        return replacement if _is_valid_ddmmyy(day, month, year) else match.group(0)

    return _CPR_PATTERN.sub(replace, text)
