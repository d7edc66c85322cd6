"""Reading what staff type during goal capture: scores, dates, areas, lists and references.

Each parser returns a value or None; the form's validation turns None into a kind Danish
question. Dates are parsed by dateparser; a thin Danish layer adds what it lacks ("inden jul",
"uge 12", number words).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import dateparser

from actions import clock
from rehab_rules import limits

NUMBER_WORDS = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
}  # fmt: skip
SCORE_PATTERN = re.compile(
    r"^\s*(?:score\s*)?(?P<n>\d{1,2}|[a-zæøå]+)\s*(?:/\s*10|ud\s+af\s+10|af\s+10)?\s*[.!]?\s*$",
    re.IGNORECASE,
)

AREAS = {
    "egenomsorg": ("egenomsorg", "personlig pleje", "bad", "påklædning", "spise"),
    "produktivitet": ("produktivitet", "husligt", "rengøring", "indkøb", "madlavning", "arbejde"),
    "fritid": ("fritid", "hobby", "socialt", "gåtur", "forening", "have"),
}
RESPONSIBLE = {
    "borger": ("borger", "borgeren", "hun selv", "han selv", "selv"),
    "kontaktperson": ("kontaktperson", "kontaktpersonen", "sosu", "hjemmeplejen", "hjælperen"),
    "terapeut": ("terapeut", "terapeuten", "ergoterapeut", "fysioterapeut"),
    "paaroerende": ("pårørende", "paaroerende", "datter", "søn", "ægtefælle", "familie"),
    "andet": ("andet", "andre", "frivillig"),
}
REFERENCE_IN_TEXT = re.compile(r"\b([A-ZÆØÅ]{1,4}-\d{1,8})\b", re.IGNORECASE)


def parse_score(text: str) -> int | None:
    """1–10 from "7", "syv", "7/10", "7 ud af 10"; None for anything else or out of range."""
    match = SCORE_PATTERN.match(text or "")
    if not match:
        return None
    raw = match.group("n").lower()
    value = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
    return value if value is not None and 1 <= value <= 10 else None


def parse_area(text: str) -> str | None:
    lowered = (text or "").lower()
    for area, cues in AREAS.items():
        if any(cue in lowered for cue in cues):
            return area
    return None


def parse_responsible(text: str) -> str | None:
    lowered = (text or "").lower().strip()
    for value, cues in RESPONSIBLE.items():
        if lowered == value or any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in cues):
            return value
    return None


def parse_actions(text: str) -> list[str]:
    """Handlinger as a list: one per line, or split on ";" or "," when on one line."""
    text = (text or "").strip()
    parts = re.split(r"\n|;", text) if ("\n" in text or ";" in text) else text.split(",")
    return [p.strip(" -•*.").strip() for p in parts if p.strip(" -•*.").strip()]


def find_reference(text: str) -> str | None:
    match = REFERENCE_IN_TEXT.search(text or "")
    return match.group(1).upper() if match else None


def _next_christmas_eve(today: dt.date) -> dt.date:
    eve = dt.date(today.year, 12, 24)
    return eve if eve >= today else dt.date(today.year + 1, 12, 24)


def _iso_week_friday(week: int, today: dt.date) -> dt.date | None:
    # The Friday of the week: a due date "uge 12" means by the end of that working week.
    for year in (today.year, today.year + 1):
        try:
            friday = dt.date.fromisocalendar(year, week, 5)
        except ValueError:
            continue
        if friday >= today:
            return friday
    return None


def parse_due_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """A future date from natural Danish: "om 6 uger", "inden jul", "1. marts", "uge 12"."""
    today = today or clock.today()
    lowered = (text or "").lower().strip().rstrip(".!")
    lowered = re.sub(r"^(senest|inden|til|før|om cirka|cirka|ca\.?)\s+(?=\d|uge|jul)", "", lowered)
    if re.fullmatch(r"(inden |til |før )?jul(eaften)?", lowered):
        return _next_christmas_eve(today)
    week = re.fullmatch(r"(?:i |inden |til )?uge\s*(\d{1,2})", lowered)
    if week:
        return _iso_week_friday(int(week.group(1)), today)
    words = "|".join(NUMBER_WORDS)
    lowered = re.sub(rf"\b({words})\b(?=\s+(dag|dage|uge|uger|måned|måneder|år))",
                     lambda m: str(NUMBER_WORDS[m.group(1)]), lowered)  # fmt: skip
    months = re.fullmatch(r"om (\d{1,2}) måned(?:er)?", lowered)
    if months:
        month = today.month - 1 + int(months.group(1))
        year, month = today.year + month // 12, month % 12 + 1
        return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    base = dt.datetime.combine(today, dt.time())
    parsed = dateparser.parse(
        lowered,
        languages=["da"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", "DATE_ORDER": "DMY"},
    )
    if parsed is None:
        return None
    date = parsed.date()
    return date if date >= today else None


ACTIVITY_HINTS = re.compile(
    r"\b(kunne|klare|gå|gaa|bade|bad|tage|lave|handle|købe|gøre|komme|cykle|spise|"
    r"vaske|rede|støvsuge|ud|op|ned|selv|tøj|trapper|indkøb|mad|have|bus)\w*",
    re.IGNORECASE,
)
AMOUNT_HINTS = re.compile(
    r"\b(\d+|en|et|to|tre|fire|fem|hver|dagligt|ugentligt|gang|gange|minutter|meter|km|"
    r"uden|selv|alene|hele|hver dag|om ugen|om dagen)\b",
    re.IGNORECASE,
)
VAGUE = re.compile(
    r"^(jeg vil )?(gerne )?(have det bedre|blive bedre|være glad|blive stærkere|have mere energi|"
    r"få det godt|klare mig bedre|være mere aktiv)\.?$",
    re.IGNORECASE,
)


def goal_gaps(statement: str) -> list[str]:
    """What a goal statement lacks to be concrete: "aktivitet" and/or "omfang" (how much/often).

    The due date is asked separately, so "by when" is not required in the sentence itself.
    """
    text = (statement or "").strip()
    if not text or VAGUE.match(text):
        return ["aktivitet", "omfang"]
    gaps = []
    if not ACTIVITY_HINTS.search(text):
        gaps.append("aktivitet")
    if not AMOUNT_HINTS.search(text):
        gaps.append("omfang")
    return gaps


def is_reference_valid(reference: str) -> bool:
    return limits.is_reference(reference)
