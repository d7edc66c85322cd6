"""A corrected goal date never leaves a delmål due after it, whatever day it is.

The capture's dates are the API's rules (no due date in the past, no delmål after its goal), so
a capture that passes here is one the API accepts. The form is driven through its real
validation methods on a tracker, for every day of a year, 4-24 December included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.goals.capture import capture_from
from actions.goals.form import ValidateGoalForm

YEAR = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]
FORM = ValidateGoalForm()


def tracker(slots: dict[str, Any]) -> Tracker:
    return Tracker("dates", slots, {}, [], False, None, {"name": "goal_form"}, "action_listen")


def answer(slots: dict[str, Any], slot: str, text: str) -> list[str]:
    """Validates `text` for `slot` and applies the result to `slots`; returns the bot's texts."""
    dispatcher = CollectingDispatcher()
    values = getattr(FORM, f"validate_{slot}")(text, dispatcher, tracker(slots), {})
    slots.update(values)
    return [m.get("text") or m.get("response") for m in dispatcher.messages]


def summary_slots(subgoal_due: str) -> dict[str, Any]:
    """A capture at its summary: goal "om 6 uger", an earlier delmål and the current one."""
    slots: dict[str, Any] = {"citizen_ref": "B-1042", "goal_problem": 1, "subgoals": []}
    for slot, value in [("problem_area", "egenomsorg"), ("problem_activity", "gå i bad"),
                        ("problem_importance", "7"), ("problem_performance", "3"),
                        ("problem_satisfaction", "2"),
                        ("goal_statement", "Jeg vil kunne tage bad selv to gange om ugen"),
                        ("goal_due_date", "om 6 uger")]:  # fmt: skip
        answer(slots, slot, value)
    for description in ("Stå i badet i fem minutter", "Vaske hår selv"):
        answer(slots, "subgoal_description", description)
        answer(slots, "subgoal_actions", "øve ved håndvasken")
        answer(slots, "subgoal_responsible", "borger")
        answer(slots, "subgoal_due_date", subgoal_due)
        answer(slots, "more_subgoals", "ja" if description.startswith("Stå") else "nej")
    return slots


def assert_api_would_accept(slots: dict[str, Any], today: dt.date) -> None:
    goal = capture_from(tracker(slots))["goal"]
    goal_due = dt.date.fromisoformat(goal["due_date"])
    assert goal_due >= today
    assert len(goal["subgoals"]) == 2
    for subgoal in goal["subgoals"]:
        assert today <= dt.date.fromisoformat(subgoal["due_date"]) <= goal_due, subgoal


@pytest.mark.parametrize("today", YEAR, ids=str)
def test_correcting_the_goal_date_to_christmas_keeps_every_date_valid(
    today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REHAB_TODAY", today.isoformat())
    slots = summary_slots("om 3 uger")
    christmas = dt.date(today.year, 12, 24)
    if christmas < today:
        christmas = dt.date(today.year + 1, 12, 24)

    replies = answer(slots, "goal_due_date", "inden jul")  # "Ret" → "frist" → "inden jul"
    conflicting = today + dt.timedelta(weeks=3) > christmas
    assert any("Et delmål skal nås senest" in r for r in replies) == conflicting
    while slots.get("subgoal_due_date") is None:  # the form asks for the delmål's date again
        answer(slots, "subgoal_due_date", "inden jul")
    answer(slots, "goal_confirmed", "gem")
    while slots.get("goal_confirmed") != "gem":  # a second conflicting delmål, then Gem again
        assert slots.get("subgoal_due_date") is None
        answer(slots, "subgoal_due_date", "inden jul")
        answer(slots, "goal_confirmed", "gem")
    assert_api_would_accept(slots, today)


def test_a_capture_left_overnight_is_checked_again_at_gem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHAB_TODAY", "2026-12-10")
    slots = summary_slots("i morgen")
    monkeypatch.setenv("REHAB_TODAY", "2026-12-12")  # two days later, the delmål's date passed
    replies = answer(slots, "goal_confirmed", "gem")
    assert slots["goal_confirmed"] is None
    assert any("passeret" in r for r in replies)
    answer(slots, "subgoal_due_date", "om 2 uger")
    answer(slots, "goal_confirmed", "gem")
    answer(slots, "subgoal_due_date", "om 2 uger")  # the second delmål had the same date
    answer(slots, "goal_confirmed", "gem")
    assert slots["goal_confirmed"] == "gem"
    assert_api_would_accept(slots, dt.date(2026, 12, 12))
