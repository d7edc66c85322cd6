"""Reading what staff type during goal capture: dates, areas, responsibility, handlinger, goals.

Scores, yes/no and references are read by actions/common/reading.py, shared by every form.

Each parser returns a value or None; the form's validation turns None into a kind Danish
question. Due dates are read by a tested Danish layer of small regex handlers ("på fredag",
"om 2-3 uger", "15/2", "til påske", "slutningen af marts"), with dateparser as the fallback;
vague periods ("til efteråret") are recognised, refused and offered as a suggestion.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable
from fractions import Fraction

import dateparser
from dateutil.easter import easter

from actions.common import clock
from actions.common.reading import NUMBER_WORDS

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


# -- due dates ---------------------------------------------------------------------------------
# A due date is read in three steps: normalise the text (case, hedges like "ca."/"senest", the
# deadline word "inden"/"til"), try the named Danish handlers below (each a fully anchored
# regex, so a phrase is either read whole or not at all), and only then fall back to
# dateparser. Vague periods ("til efteråret") are recognised but never turned into a date here;
# `vague_due_date` offers a suggestion for the form to confirm instead.
#
# Readings of the ambiguous phrases (the tests pin each one):
# - "fredag", "på fredag", "til fredag": the next Friday strictly after today (a Friday's
#   "fredag" is a week ahead). "næste fredag" / "fredag i næste uge": the Friday of next week
#   (weeks run Monday–Sunday), so on a Sunday "fredag" and "næste fredag" are the same day.
# - "om 2-3 uger": the upper bound. A half rounds up: "om halvanden måned" is one calendar
#   month plus 15 days, "om halvanden uge" 11 days, "om et halvt år" six calendar months.
#   Months are calendar months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
# - "næste måned" / "næste uge" / "næste år": the same as "om en måned/uge/år", never the 1st.
# - "15/2", "3.4.", "den 3/4": day before month (3 April). No year: the next such day on or after
#   today ("1. marts" typed on 2 March is next year's; "29/2" the next leap year's).
# - "inden jul"/"til jul": juleaften, 24 December. "inden nytår": 31 December. "til påske":
#   påskedag (Easter Sunday). "inden påske": skærtorsdag, Easter Sunday minus 3 — the Danish
#   Easter holidays start on Maundy Thursday, just as Danish jul starts on juleaften, so
#   "inden <højtid>" is the first holiday of it. "inden/til pinse": pinsedag.
# - "start/begyndelsen/primo af marts": 1 March; "midt i marts": 15 March; "slutningen/udgangen
#   af marts", "sidst i marts", "ultimo marts": 31 March; "udgangen af året": 31 December.
# - "uge 12": the Friday of ISO week 12 (the end of that working week).
# Vague, so parse_due_date gives None and vague_due_date suggests (first day of the period, or
# its last day when the period has already begun):
# - seasons (meteorological, as DMI counts them): forår 1 March, sommer 1 June, efterår
#   1 September, vinter 1 December; "efter sommeren" the day after summer (1 September).
# - a bare month ("i marts", "til marts", "marts 2027"): the 1st of it; "i år": 31 December.
# - "til sommerferien": the last school day, the Friday before the last Saturday of June (when
#   the school summer holiday begins by law); "efter sommerferien": the second Monday of
#   August, when school usually starts again.
# - "efter jul"/"efter nytår": the first weekday from 2 January; "efter påske": the Tuesday
#   after Easter.
# - "snart", "engang", "senere", "på sigt", "hurtigst muligt" ...: no suggestion at all.

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {"mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lørdag": 5,
            "søndag": 6}  # fmt: skip
# Feasts as due dates. Danish jul is juleaften, so "inden jul" and "til jul" are both the 24th.
FIXED_FEASTS = {
    "jul": (12, 24), "julen": (12, 24), "juleaften": (12, 24), "nytår": (12, 31),
    "nytårsaften": (12, 31), "årsskiftet": (12, 31), "årets udgang": (12, 31), "nytårsdag": (1, 1),
}  # fmt: skip
EASTER_FEASTS = {  # days from Easter Sunday
    "skærtorsdag": -3, "langfredag": -2, "påskedag": 0, "påskesøndag": 0, "2. påskedag": 1,
    "anden påskedag": 1, "kristi himmelfart": 39, "kristi himmelfartsdag": 39, "pinse": 49,
    "pinsen": 49, "pinsedag": 49,
}  # fmt: skip
SEASONS = {"forår": 3, "sommer": 6, "efterår": 9, "vinter": 12}  # first month, 3 months each
AMOUNT_WORDS = {
    **NUMBER_WORDS, "fjorten": 14, "femten": 15, "tyve": 20, "et par": 2, "par": 2,
    "en halv": Fraction(1, 2), "et halvt": Fraction(1, 2), "et kvart": Fraction(1, 4),
    "halvanden": Fraction(3, 2), "halvandet": Fraction(3, 2),
}  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A bare "jul" is Christmas, never July.
_BARE_MONTH = "|".join(sorted((m for m in MONTHS if m != "jul"), key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_AMOUNT = r"\d+(?:[,.]\d+)?½?|½|" + "|".join(sorted(AMOUNT_WORDS, key=len, reverse=True))
_UNIT = r"dage?s?|døgn|uger?s?|måned(?:er)?s?|mdr?\.?|mnd\.?|års?"
_SEASON = r"forår(?:et)?|sommer(?:en)?|efterår(?:et)?|vinter(?:en)?"
_YEAR = r"\d{4}|\d{2}"

# Words that say nothing about the date itself: "senest", "helst", "ca." …
HEDGE = re.compile(
    r"^(?:senest|helst|gerne|allerede|så vidt muligt|cirka|circa|ca\.?|omkring|omtrent)\s+"
)
# The deadline word in front; kept aside because "inden påske" and "til påske" differ.
DEADLINE = re.compile(r"^(til og med|inden for|indenfor|inden|til|før|senest|ved|pr\.?)\s+")
# A hedge between "om" and the amount: "om ca. 8 uger", "om godt 3 uger".
AMOUNT_HEDGE = re.compile(r"^om (?:ca\.?|cirka|circa|omkring|omtrent|godt|knap|max\.?|maks\.?) ")


def _normalise(text: str) -> tuple[str, str]:
    """(deadline word or "", the date phrase itself), lower-cased and without hedges."""
    core = re.sub(r"\s+", " ", (text or "").lower().replace("–", "-").replace("—", "-"))
    core = core.strip().rstrip(" .!?,;").strip()
    word = ""
    while True:
        stripped = HEDGE.sub("", core)
        deadline = DEADLINE.match(stripped)
        if deadline:
            word, stripped = deadline.group(1), stripped[deadline.end() :]
        if stripped == core:
            break
        core = stripped
    return word, AMOUNT_HEDGE.sub("om ", core)


# -- calendar arithmetic ------------------------------------------------------------------------
def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _on_or_after(today: dt.date, make: Callable[[int], dt.date | None]) -> dt.date | None:
    """The first `make(year)` on or after today, this year or a later one (29/2: a leap year)."""
    for year in range(today.year, today.year + 9):
        try:
            day = make(year)
        except ValueError:  # 29 February in a common year, week 53 in a 52-week year
            continue
        if day is not None and day >= today:
            return day
    return None


def _day_month(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    if year is None:
        return _on_or_after(today, lambda y: dt.date(y, month, day))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _amount(raw: str) -> Fraction:
    raw = raw.strip()
    if raw in AMOUNT_WORDS:
        return Fraction(AMOUNT_WORDS[raw])
    half = raw.endswith("½")
    digits = raw.rstrip("½").replace(",", ".")
    return (Fraction(digits) if digits else Fraction(0)) + (Fraction(1, 2) if half else 0)


def _shift(today: dt.date, amount: Fraction, unit: str) -> dt.date:
    """today + amount units; a fraction of a month is 30 days, any part of a day rounds up."""
    if unit.startswith("d"):
        return today + dt.timedelta(days=math.ceil(amount))
    if unit.startswith("u"):
        return today + dt.timedelta(days=math.ceil(amount * 7))
    months = amount * 12 if unit.startswith("å") else amount
    whole = math.floor(months)
    return _add_months(today, whole) + dt.timedelta(days=math.ceil((months - whole) * 30))


def _easter_offset(days: int) -> Callable[[int], dt.date]:
    return lambda year: easter(year) + dt.timedelta(days=days)


def _iso_day(year: int, week: int, weekday: int) -> dt.date:
    return dt.date.fromisocalendar(year, week, weekday + 1)


# -- handlers: each reads one kind of phrase, fully matched -------------------------------------
Handler = Callable[[re.Match[str], str, dt.date], dt.date | None]


def _relative_day(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    offsets = {"dag": 0, "morgen": 1, "overmorgen": 2, "går": -1, "forgårs": -2}
    return today + dt.timedelta(days=offsets[m.group("day")])


def _relative_amount(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    # "om 2-3 uger": the later bound, so the goal is not set up to fail.
    amount = max(_amount(m.group(g)) for g in ("low", "high") if m.group(g))
    return _shift(today, amount, m.group("unit"))


def _next_unit(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    # "næste måned" reads as "om en måned": the same day next month, never silently the 1st.
    return _shift(today, Fraction(1), {"uge": "u", "måned": "m", "år": "å"}[m.group("unit")])


def _weekday(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    ahead = (WEEKDAYS[m.group("wd")] - today.weekday() - 1) % 7 + 1  # 1..7: strictly after today
    return today + dt.timedelta(days=ahead)


def _weekday_next_week(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
    return monday + dt.timedelta(days=WEEKDAYS[m.group("wd") or m.group("wd2")])


def _weekday_this_week(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    return today + dt.timedelta(days=WEEKDAYS[m.group("wd")] - today.weekday())


def _iso_week(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    # "uge 12" is due by the end of that working week: its Friday, unless a weekday is named.
    week, weekday = int(m.group("week")), WEEKDAYS[m.group("wd") or "fredag"]
    year = _year(m.group("year"))
    if year is None:
        return _on_or_after(today, lambda y: _iso_day(y, week, weekday))
    try:
        return _iso_day(year, week, weekday)
    except ValueError:
        return None


def _holiday(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    name = m.group("name")
    if name in ("påske", "påsken"):
        # Danish Easter begins on skærtorsdag: "inden påske" is that day, "til påske" påskedag.
        return _on_or_after(today, _easter_offset(-3 if word in ("inden", "før") else 0))
    if name in EASTER_FEASTS:
        return _on_or_after(today, _easter_offset(EASTER_FEASTS[name]))
    month, day = FIXED_FEASTS[name]
    return _on_or_after(today, lambda y: dt.date(y, month, day))


def _month_part(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    ref, year = m.group("ref"), _year(m.group("year"))
    if ref in ("året", "i år", "dette år", "næste år"):
        year = today.year + (1 if ref == "næste år" else 0)
        if m.group("start"):
            return dt.date(year, 1, 1)
        return dt.date(year, 7, 1) if m.group("mid") else dt.date(year, 12, 31)
    if ref in ("måneden", "denne måned", "næste måned"):
        first = _add_months(today.replace(day=1), 1 if ref == "næste måned" else 0)
        month, year = first.month, first.year
    else:
        month = MONTHS[ref]

    def make(y: int) -> dt.date:
        if m.group("start"):
            return dt.date(y, month, 1)
        return dt.date(y, month, 15) if m.group("mid") else _month_end(y, month)

    return make(year) if year is not None else _on_or_after(today, make)


def _numeric_date(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    return _day_month(int(m.group("d")), int(m.group("m")), _year(m.group("y")), today)


def _named_date(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    return _day_month(int(m.group("d")), MONTHS[m.group("month")], _year(m.group("y")), today)


def _day_of_month(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    day = int(m.group("d"))
    for months in range(12):
        first = _add_months(today.replace(day=1), months)
        last = calendar.monthrange(first.year, first.month)[1]
        if 1 <= day <= last and first.replace(day=day) >= today:
            return first.replace(day=day)
    return None


_DATE_LEAD = rf"(?:(?:på )?(?:{_WEEKDAY}) )?(?:den |d\. ?)?"
_START = r"(?:i |med )?(?:starten|start|begyndelsen|først|primo)"
_MID = r"(?:i |hen )?(?:midt|midten|medio|halvvejs)"
_END = r"(?:i |med |ved )?(?:slutningen|slut|udgangen|enden|sidst|ultimo)"
_MONTH_REF = rf"{_MONTH}|måneden|denne måned|næste måned|året|i år|dette år|næste år"

HANDLERS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(r"i (?P<day>dag|morgen|overmorgen|går|forgårs)"), _relative_day),
    (re.compile(rf"(?:om )?(?P<low>{_AMOUNT})(?: ?(?:-|til|eller) ?(?P<high>{_AMOUNT}))? "
                rf"(?P<unit>{_UNIT})(?: tid| frem| fra nu| fra i dag)?"), _relative_amount),
    (re.compile(r"(?:i |om )?næste (?P<unit>uge|måned|år)"), _next_unit),
    (re.compile(rf"(?:på )?(?:førstkommende |kommende |nu på )?(?P<wd>{_WEEKDAY})"), _weekday),
    (re.compile(rf"(?:på )?(?:næste (?P<wd>{_WEEKDAY})|(?P<wd2>{_WEEKDAY}) (?:i )?næste uge)"),
     _weekday_next_week),
    (re.compile(rf"(?:på )?(?P<wd>{_WEEKDAY}) i (?:denne|den her) uge"), _weekday_this_week),
    (re.compile(rf"(?:(?:på )?(?P<wd>{_WEEKDAY}) )?(?:i )?uge ?(?P<week>\d{{1,2}})"
                rf"(?:,? (?P<year>\d{{4}}))?"), _iso_week),
    (re.compile(r"(?P<name>jul(?:en|eaften)?|nytårsdag|nytår(?:saften)?|årsskiftet|"
                r"årets udgang|påske(?:n|dag|søndag)?|skærtorsdag|langfredag|"
                r"(?:2\.|anden) påskedag|pinse(?:n|dag)?|kristi himmelfart(?:sdag)?)"), _holiday),
    (re.compile(rf"(?:(?P<start>{_START})|(?P<mid>{_MID})|(?P<end>{_END}))(?: af| på| i)? "
                rf"(?P<ref>{_MONTH_REF})(?: måned)?(?:,? (?P<year>\d{{4}}))?"), _month_part),
    (re.compile(r"(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})"), _numeric_date),
    (re.compile(rf"{_DATE_LEAD}(?P<d>\d{{1,2}}) ?[./-] ?(?P<m>\d{{1,2}})"
                rf"(?:(?: ?[./-] ?| )(?P<y>{_YEAR}))?"), _numeric_date),
    (re.compile(rf"{_DATE_LEAD}(?P<d>\d{{1,2}})\.? ?(?P<month>{_MONTH})\.?(?:,? (?P<y>\d{{4}}))?"),
     _named_date),
    (re.compile(rf"(?:(?:på )?(?:{_WEEKDAY}) )?(?:den|d\.) ?(?P<d>\d{{1,2}})"), _day_of_month),
]  # fmt: skip


# -- vague periods: recognised, never a due date by themselves -----------------------------------
def _season_span(season: str, year: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, SEASONS[season], 1)
    return start, _add_months(start, 3) - dt.timedelta(days=1)


def _period(spans: Callable[[int], tuple[dt.date, dt.date]], today: dt.date) -> dt.date | None:
    """The first day of the next such period, or its last day if it has already begun."""
    for year in range(today.year - 1, today.year + 2):
        start, end = spans(year)
        if start <= today <= end:
            return end
        if start > today:
            return start
    return None


def _season_key(raw: str) -> str:
    return next(s for s in SEASONS if raw.startswith(s))


def _vague_season(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    return _period(lambda y: _season_span(_season_key(m.group("season")), y), today)


def _vague_after_season(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    season = _season_key(m.group("season"))
    for year in range(today.year - 1, today.year + 2):
        after = _season_span(season, year)[1] + dt.timedelta(days=1)
        if after >= today:
            return after
    return None


def _vague_month(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    month, year = MONTHS[m.group("month")], _year(m.group("year"))
    if year is not None:
        return _period(lambda _: (dt.date(year, month, 1), _month_end(year, month)), today)
    return _period(lambda y: (dt.date(y, month, 1), _month_end(y, month)), today)


def _vague_this_year(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    return dt.date(today.year, 12, 31)


def _first_weekday_from(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=7 - day.weekday() if day.weekday() >= 5 else 0)


def _last_school_day(year: int) -> dt.date:
    # Folkeskoleloven § 14 a: the summer holiday begins on the last Saturday of June.
    june_30 = dt.date(year, 6, 30)
    return june_30 - dt.timedelta(days=(june_30.weekday() - 5) % 7 + 1)


def _school_start(year: int) -> dt.date:
    # Set by each municipality; in practice the second Monday of August.
    august_1 = dt.date(year, 8, 1)
    return august_1 + dt.timedelta(days=(-august_1.weekday()) % 7 + 7)


def _vague_after_holiday(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    if m.group("name").startswith("påske"):
        return _on_or_after(today, _easter_offset(2))  # the Tuesday after 2. påskedag
    # Danish "efter jul" means after the Christmas holidays, New Year included: back at work.
    return _on_or_after(today, lambda y: _first_weekday_from(dt.date(y, 1, 2)))


def _vague_summer_holiday(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    return _on_or_after(today, _school_start if m.group("after") else _last_school_day)


def _no_suggestion(m: re.Match[str], word: str, today: dt.date) -> dt.date | None:
    return None


VAGUE_HANDLERS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(rf"(?:i |om |hen på |hen imod |hen mod |i løbet af )?(?:næste |det kommende |"
                rf"den kommende )?(?P<season>{_SEASON})"), _vague_season),
    (re.compile(rf"efter (?P<season>{_SEASON})"), _vague_after_season),
    (re.compile(rf"(?:i |hen i |i løbet af )?(?P<month>{_BARE_MONTH})(?: måned)?"
                rf"(?:,? (?P<year>\d{{4}}))?"), _vague_month),
    (re.compile(r"(?:i år|i løbet af året|i løbet af i år)"), _vague_this_year),
    (re.compile(r"efter (?P<name>jul(?:en)?|nytår|påske(?:n)?)"), _vague_after_holiday),
    (re.compile(r"(?P<after>efter )?(?:den )?sommerferien"), _vague_summer_holiday),
    (re.compile(r"snart|engang|senere|på sigt|på et tidspunkt|med tiden|inden længe|om lidt|"
                r"hurtigst muligt|så hurtigt som muligt|så snart som muligt|asap|snarest|"
                r"snarest muligt|om (?:et stykke|noget) tid|om (?:nogle|få) (?:dage|uger|måneder)|"
                r"hen ad vejen|løbende|ved lejlighed"), _no_suggestion),
]  # fmt: skip


def _first_match(
    core: str, handlers: list[tuple[re.Pattern[str], Handler]]
) -> tuple[re.Match[str], Handler] | None:
    for pattern, handler in handlers:
        match = pattern.fullmatch(core)
        if match:
            return match, handler
    return None


def parse_due_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """A due date on or after today from natural Danish, or None.

    "om 6 uger", "på fredag", "15/2", "til påske", "slutningen af marts" … A vague period
    ("til efteråret") or a past date gives None; see `vague_due_date` for a suggestion.
    """
    today = today or clock.today()
    word, core = _normalise(text)
    if not core or _first_match(core, VAGUE_HANDLERS):
        return None
    found = _first_match(core, HANDLERS)
    if found:
        date = found[1](found[0], word, today)
    else:  # dateparser only for what the Danish layer does not read
        base = dt.datetime.combine(today, dt.time())
        parsed = dateparser.parse(
            core,
            languages=["da"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", "DATE_ORDER": "DMY"},
        )
        date = parsed.date() if parsed else None
    return date if date is not None and date >= today else None


def vague_due_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """A suggestion for a vague period ("til efteråret" → 1 September), for "Mener du fx …?".

    None when the text is not a vague period, or names none ("snart", "engang").
    """
    today = today or clock.today()
    word, core = _normalise(text)
    found = _first_match(core, VAGUE_HANDLERS) if core else None
    if not found:
        return None
    date = found[1](found[0], word, today)
    return date if date is not None and date >= today else None


def looks_like_date(text: str) -> bool:
    """True when the whole text is a date phrase, readable or vague ("om 8 uger", "til foråret").

    Only the Danish layer decides, never dateparser, which finds a date in almost anything
    ("2" is the 2nd of this month); so a delmål description is not refused by accident.
    """
    _, core = _normalise(text)
    return bool(core) and bool(_first_match(core, HANDLERS) or _first_match(core, VAGUE_HANDLERS))


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
