"""Due dates at the edges of the calendar: days and weeks a year does not have, and the year's
own start, middle and end."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.goals.parsing import parse_due_date

TODAY = dt.date(2026, 12, 10)


@pytest.mark.parametrize("text", ["30/2/2027", "30. februar 2027", "uge 53 2027"])
def test_a_day_or_week_the_named_year_does_not_have_is_no_date(text: str) -> None:
    assert parse_due_date(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("starten af næste år", dt.date(2027, 1, 1)), ("midt i næste år", dt.date(2027, 7, 1)),
     ("udgangen af næste år", dt.date(2027, 12, 31)), ("uge 12 2027", dt.date(2027, 3, 26)),
     ("15/2/2027", dt.date(2027, 2, 15))],
)  # fmt: skip
def test_a_named_year_is_kept(text: str, expected: dt.date) -> None:
    assert parse_due_date(text, TODAY) == expected
