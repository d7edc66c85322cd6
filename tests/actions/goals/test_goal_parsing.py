"""What staff type during goal capture is read correctly, and refused kindly when it can't be."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.goals import parsing

TODAY = dt.date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("om 6 uger", dt.date(2027, 1, 3)),
        ("om seks uger", dt.date(2027, 1, 3)),
        ("inden jul", dt.date(2026, 12, 24)),
        ("1. marts", dt.date(2027, 3, 1)),
        ("uge 12", dt.date(2027, 3, 26)),
        ("om 2 måneder", dt.date(2027, 1, 22)),
        ("om to måneder", dt.date(2027, 1, 22)),
        ("15. januar 2027", dt.date(2027, 1, 15)),
        ("31/12", dt.date(2026, 12, 31)),
        ("senest 1. marts", dt.date(2027, 3, 1)),
    ],
)
def test_due_dates_in_natural_danish(text: str, expected: dt.date) -> None:
    assert parsing.parse_due_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["engang", "snart", "blåbær", "", "1. marts 2020", "i går"])
def test_unparseable_or_past_dates_are_refused(text: str) -> None:
    assert parsing.parse_due_date(text, TODAY) is None


def test_christmas_after_christmas_means_next_year() -> None:
    assert parsing.parse_due_date("inden jul", dt.date(2026, 12, 27)) == dt.date(2027, 12, 24)


@pytest.mark.parametrize(
    "statement",
    [
        "Jeg vil gerne kunne gå i bad selv to gange om ugen",
        "Jeg vil selv kunne handle i Netto hver fredag",
        "gå en tur på 500 meter med rollator hver dag",
    ],
)
def test_concrete_goals_pass(statement: str) -> None:
    assert parsing.goal_gaps(statement) == []


@pytest.mark.parametrize(
    ("statement", "gaps"),
    [
        ("Jeg vil have det bedre", ["aktivitet", "omfang"]),
        ("blive stærkere", ["aktivitet", "omfang"]),
        ("Jeg vil gerne gå mere", ["omfang"]),
        ("", ["aktivitet", "omfang"]),
    ],
)
def test_vague_goals_are_caught(statement: str, gaps: list[str]) -> None:
    assert parsing.goal_gaps(statement) == gaps


@pytest.mark.parametrize(
    ("text", "area"),
    [("Egenomsorg", "egenomsorg"), ("produktivitet", "produktivitet"), ("fritid", "fritid"),
     ("noget med indkøb", "produktivitet"), ("ved ikke", None)],
)  # fmt: skip
def test_areas(text: str, area: str | None) -> None:
    assert parsing.parse_area(text) == area


@pytest.mark.parametrize(
    ("text", "who"),
    [("borger", "borger"), ("kontaktpersonen", "kontaktperson"), ("Terapeut", "terapeut"),
     ("hendes datter", "paaroerende"), ("pårørende", "paaroerende"), ("andet", "andet"),
     ("månen", None)],
)  # fmt: skip
def test_responsible(text: str, who: str | None) -> None:
    assert parsing.parse_responsible(text) == who


def test_actions_split_into_a_list() -> None:
    assert parsing.parse_actions("øve at rejse sig, gå til postkassen og tilbage") == [
        "øve at rejse sig",
        "gå til postkassen og tilbage",
    ]
    assert parsing.parse_actions("- øve trappen\n- bære en pose") == ["øve trappen", "bære en pose"]
    assert parsing.parse_actions("gå og handle; bære poser") == ["gå og handle", "bære poser"]
