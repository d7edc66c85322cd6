"""Due dates as therapists type them, read against fixed days (never the real calendar).

Each ambiguous reading is a documented choice in actions/goals/parsing.py; these tests pin them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from actions.goals import parsing

D = dt.date
DEC10 = D(2026, 12, 10)  # a Thursday, two weeks before jul
DEC11 = D(2026, 12, 11)  # a Friday
DEC27 = D(2026, 12, 27)  # a Sunday, after jul
FEB28 = D(2027, 2, 28)  # a Sunday, the last day of February in a common year
MAR02 = D(2027, 3, 2)  # a Tuesday, just after 1 March
LEAP = D(2028, 2, 29)  # a Tuesday, leap day
JAN31 = D(2027, 1, 31)  # a Sunday, the longest month's end

EVERYDAY = [
    # weekdays: the next one strictly after today; "næste" is the one in next week
    ("på fredag", DEC10, D(2026, 12, 11)),
    ("fredag", DEC10, D(2026, 12, 11)),
    ("Fredag", DEC11, D(2026, 12, 18)),
    ("næste fredag", DEC10, D(2026, 12, 18)),
    ("næste fredag", DEC27, D(2027, 1, 1)),
    ("fredag i næste uge", DEC10, D(2026, 12, 18)),
    ("til mandag", DEC10, D(2026, 12, 14)),
    ("til mandag", FEB28, D(2027, 3, 1)),
    ("inden onsdag", MAR02, D(2027, 3, 3)),
    ("på søndag", LEAP, D(2028, 3, 5)),
    ("fredag i uge 10", MAR02, D(2027, 3, 12)),
    # amounts of time
    ("om et halvt år", DEC10, D(2027, 6, 10)),
    ("om et halvt år", LEAP, D(2028, 8, 29)),
    ("om ca. 8 uger", DEC10, D(2027, 2, 4)),
    ("om cirka 3 uger", DEC10, D(2026, 12, 31)),
    ("om 14 dage", DEC27, D(2027, 1, 10)),
    ("om en måned", DEC10, D(2027, 1, 10)),
    ("om en måned", JAN31, D(2027, 2, 28)),
    ("om en måned", D(2028, 1, 31), D(2028, 2, 29)),
    ("om halvanden måned", DEC10, D(2027, 1, 25)),
    ("om 2-3 uger", DEC10, D(2026, 12, 31)),
    ("om to-tre uger", MAR02, D(2027, 3, 23)),
    ("om 6 ugers tid", FEB28, D(2027, 4, 11)),
    ("inden for en måned", MAR02, D(2027, 4, 2)),
    ("om 1½ uge", DEC10, D(2026, 12, 21)),
    ("om et år", LEAP, D(2029, 2, 28)),
    ("om 4 år", LEAP, D(2032, 2, 29)),
    ("næste måned", DEC10, D(2027, 1, 10)),
    ("næste måned", JAN31, D(2027, 2, 28)),
    ("i morgen", DEC27, D(2026, 12, 28)),
    ("i morgen", FEB28, D(2027, 3, 1)),
    ("i overmorgen", LEAP, D(2028, 3, 2)),
    ("i dag", DEC10, DEC10),
    ("om en uge", DEC27, D(2027, 1, 3)),
    ("uge 12", DEC10, D(2027, 3, 26)),
    ("i uge 12", MAR02, D(2027, 3, 26)),
    ("uge 1", FEB28, D(2028, 1, 7)),
    # calendar dates, day before month
    ("d. 15 feb", DEC10, D(2027, 2, 15)),
    ("den 15. februar", MAR02, D(2028, 2, 15)),
    ("15/2", DEC27, D(2027, 2, 15)),
    ("den 3/4", DEC10, D(2027, 4, 3)),
    ("3.4.", MAR02, D(2027, 4, 3)),
    ("15-02-2027", DEC10, D(2027, 2, 15)),
    ("15/2-27", DEC10, D(2027, 2, 15)),
    ("2027-03-15", FEB28, D(2027, 3, 15)),
    ("1. marts", DEC10, D(2027, 3, 1)),
    ("1. marts", FEB28, D(2027, 3, 1)),
    ("1. marts", MAR02, D(2028, 3, 1)),
    ("senest 1. marts", LEAP, D(2028, 3, 1)),
    ("29/2", FEB28, D(2028, 2, 29)),
    ("29. februar", LEAP, LEAP),
    ("den 15.", DEC27, D(2027, 1, 15)),
    ("fredag den 15. januar 2027", DEC10, D(2027, 1, 15)),
    ("Senest d. 15. feb.", DEC10, D(2027, 2, 15)),
    # feasts
    ("inden nytår", DEC10, D(2026, 12, 31)),
    ("inden nytår", FEB28, D(2027, 12, 31)),
    ("til påske", DEC10, D(2027, 3, 28)),
    ("til påske", LEAP, D(2028, 4, 16)),
    ("inden påske", DEC10, D(2027, 3, 25)),
    ("inden påske", LEAP, D(2028, 4, 13)),
    ("inden jul", DEC10, D(2026, 12, 24)),
    ("til jul", DEC27, D(2027, 12, 24)),
    ("inden pinse", DEC10, D(2027, 5, 16)),
    # parts of a month or year
    ("midt i marts", DEC10, D(2027, 3, 15)),
    ("midt i marts", MAR02, D(2027, 3, 15)),
    ("start af marts", FEB28, D(2027, 3, 1)),
    ("begyndelsen af marts", MAR02, D(2028, 3, 1)),
    ("slutningen af marts", DEC10, D(2027, 3, 31)),
    ("udgangen af marts", MAR02, D(2027, 3, 31)),
    ("inden udgangen af januar", DEC27, D(2027, 1, 31)),
    ("slutningen af februar", LEAP, D(2028, 2, 29)),
    ("udgangen af måneden", FEB28, FEB28),
    ("ved udgangen af året", DEC10, D(2026, 12, 31)),
]


@pytest.mark.parametrize(("text", "today", "expected"), EVERYDAY)
def test_everyday_due_dates(text: str, today: dt.date, expected: dt.date) -> None:
    assert parsing.parse_due_date(text, today) == expected


def test_every_listed_phrase_is_covered() -> None:
    assert len({text.lower() for text, _, _ in EVERYDAY}) >= 45


def test_spacing_case_and_punctuation_do_not_matter() -> None:
    assert parsing.parse_due_date("  Om  CA. 8 uger! ", DEC10) == D(2027, 2, 4)


def test_dateparser_still_reads_what_the_danish_layer_does_not() -> None:
    assert parsing.parse_due_date("februar 15", DEC10) == D(2027, 2, 15)


def test_today_comes_from_the_pinned_danish_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHAB_TODAY", "2026-12-10")
    assert parsing.parse_due_date("i morgen") == D(2026, 12, 11)
    assert parsing.vague_due_date("til efteråret") == D(2027, 9, 1)


VAGUE = [
    # seasons: their first day; the last day once the season has begun
    ("til efteråret", DEC10, D(2027, 9, 1)),
    ("til efteråret", LEAP, D(2028, 9, 1)),
    ("til foråret", DEC10, D(2027, 3, 1)),
    ("til foråret", MAR02, D(2027, 5, 31)),
    ("til sommer", DEC10, D(2027, 6, 1)),
    ("til vinter", MAR02, D(2027, 12, 1)),
    ("til vinter", DEC10, D(2027, 2, 28)),
    ("til vinter", LEAP, D(2028, 2, 29)),
    ("efter sommeren", DEC10, D(2027, 9, 1)),
    # holidays: back at work after jul and nytår; the last school day before summer
    ("efter jul", DEC10, D(2027, 1, 4)),
    ("efter jul", DEC27, D(2027, 1, 4)),
    ("efter jul", FEB28, D(2028, 1, 3)),
    ("efter påske", DEC10, D(2027, 3, 30)),
    ("til sommerferien", DEC10, D(2027, 6, 25)),
    ("til sommerferien", LEAP, D(2028, 6, 23)),
    ("efter sommerferien", DEC10, D(2027, 8, 9)),
    # a month on its own, and the year
    ("i marts", DEC10, D(2027, 3, 1)),
    ("i marts", MAR02, D(2027, 3, 31)),
    ("marts 2027", DEC10, D(2027, 3, 1)),
    ("i år", DEC10, D(2026, 12, 31)),
    # no date named at all
    ("snart", DEC10, None),
    ("engang", DEC10, None),
    ("på sigt", MAR02, None),
    ("hurtigst muligt", MAR02, None),
    ("om nogle uger", LEAP, None),
]


@pytest.mark.parametrize(("text", "today", "suggestion"), VAGUE)
def test_vague_phrases_are_no_date_but_get_a_suggestion(
    text: str, today: dt.date, suggestion: dt.date | None
) -> None:
    assert parsing.parse_due_date(text, today) is None
    assert parsing.vague_due_date(text, today) == suggestion
    assert parsing.looks_like_date(text)


@pytest.mark.parametrize("text", ["om 8 uger", "1. marts", "blåbær", "", "til jul"])
def test_only_vague_phrases_get_a_suggestion(text: str) -> None:
    assert parsing.vague_due_date(text, DEC10) is None


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("1. marts 2020", DEC10),
        ("i går", DEC10),
        ("i forgårs", LEAP),
        ("15-02-2026", MAR02),
        ("2027-03-01", MAR02),
        ("slutningen af februar 2027", MAR02),
        ("onsdag i denne uge", DEC10),
        ("uge 5 2027", MAR02),
        ("15/2-27", MAR02),
    ],
)
def test_past_dates_are_refused(text: str, today: dt.date) -> None:
    assert parsing.parse_due_date(text, today) is None


def test_a_past_month_gets_no_suggestion() -> None:
    assert parsing.vague_due_date("marts 2027", LEAP) is None


@pytest.mark.parametrize("text", ["31/2", "30. februar", "32/1", "0/3", "uge 0", "uge 54"])
def test_impossible_dates_are_refused(text: str) -> None:
    assert parsing.parse_due_date(text, DEC10) is None


@pytest.mark.parametrize(
    "text",
    ["om 8 uger", "til efteråret", "snart", "15/2", "næste fredag", "1. marts 2020", "31/2",
     "Senest d. 15. feb.", "om ca. 8 uger", "inden påske", "efter jul", "i morgen"],
)  # fmt: skip
def test_date_phrases_are_recognised(text: str) -> None:
    assert parsing.looks_like_date(text)


@pytest.mark.parametrize(
    "text",
    ["Stå i badet i fem minutter", "Vaske hår selv", "gå til postkassen og tilbage",
     "øve trappen to gange om ugen", "gå 2 km", "2", "ved ikke", "", "Gå en tur hver fredag"],
)  # fmt: skip
def test_delmaal_descriptions_are_not_date_phrases(text: str) -> None:
    assert not parsing.looks_like_date(text)
