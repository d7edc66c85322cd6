"""Reading the short answers every form asks for: scores, yes/no, references, CPR."""

from __future__ import annotations

import re
from typing import Any

from rehab_rules import limits
from rehab_rules.cpr import REDACTION, contains_cpr

REFERENCE_IN_TEXT = re.compile(r"\b([A-ZÆØÅ]{1,4}-\d{1,8})\b", re.IGNORECASE)
NUMBER_WORDS = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
}  # fmt: skip
SCORE = re.compile(
    r"^\s*(?:score\s*)?(?P<n>\d{1,2}|[a-zæøå]+)\s*(?:/\s*10|ud\s+af\s+10|af\s+10)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
YES = re.compile(r"^\s*(ja|jo|jep|jeps|yes|gerne|ja tak|en mere|et mere|ja, en mere)\b", re.I)
NO = re.compile(r"^\s*(nej|nope|ikke flere|videre|nej tak|færdig|det er nok)\b", re.I)


def has_cpr(text: Any) -> bool:
    return isinstance(text, str) and (REDACTION in text or contains_cpr(text))


def find_reference(text: str) -> str | None:
    match = REFERENCE_IN_TEXT.search(text or "")
    return match.group(1).upper() if match else None


def parse_score(text: str) -> int | None:
    """1–10 from "7", "syv", "7/10", "7 ud af 10"; None for anything else or out of range."""
    match = SCORE.match(text or "")
    if not match:
        return None
    raw = match.group("n").lower()
    value = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
    return value if value is not None and limits.SCORE_MIN <= value <= limits.SCORE_MAX else None


def yes_no(text: str) -> bool | None:
    if YES.match(text or ""):
        return True
    if NO.match(text or ""):
        return False
    return None
