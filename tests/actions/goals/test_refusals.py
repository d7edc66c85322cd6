"""A goal the API refused: which field the form asks again, and how the refusal reads."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.goals.capture import date_conflict, slots_from
from actions.goals.refusals import SlotView, refusal_text, reopen_refused
from tests.actions.trackers import tracker

SUMMARY = tracker("goal_capture_summary")


@pytest.mark.parametrize(
    ("loc", "reopened"),
    [
        (["citizen", "body", "reference"], {"citizen_ref": None}),
        (["assessment", "path", "reference"], {"citizen_ref": None}),
        (["goal", "body", "statement"], {"goal_statement": None}),
        (["goal", "body", "due_date"], {"goal_due_date": None}),
    ],
)
def test_a_refused_field_of_the_goal_or_citizen_is_asked_again(
    loc: list[Any], reopened: dict[str, Any]
) -> None:
    assert reopen_refused(SUMMARY, [(loc, "for lang")]) == reopened


def test_a_refused_delmaal_field_moves_that_delmaal_back_into_the_form() -> None:
    values = reopen_refused(SUMMARY, [(["goal", "body", "subgoals", 0, "actions"], "tom")])
    assert values["subgoal_description"] == "Stå sikkert i badet i fem minutter"
    assert values["subgoal_actions"] is None
    assert values["subgoal_edit_index"] == 0
    assert [s["description"] for s in values["subgoals"]] == ["Vaske hår selv med bruseren"]


def test_a_refused_problem_field_moves_that_problem_back_into_the_form() -> None:
    values = reopen_refused(SUMMARY, [(["assessment", "body", "problems", 1, "area"], "ugyldig")])
    assert (values["problem_activity"], values["problem_area"]) == ("handle ind", None)
    assert values["problem_edit_index"] == 1


@pytest.mark.parametrize(
    "fields",
    [
        [],
        [([], "noget")],
        [(["goal", "body", "subgoals", 0, "id"], "ukendt felt")],
        [(["goal", "body", "subgoals", "x", "due_date"], "?")],
        [(["assessment", "body", "problems", 0, "priority"], "?")],
        [(["assessment", "body", "date"], "for gammel")],
    ],
)
def test_nothing_the_form_can_ask_reopens_nothing(fields: list) -> None:
    assert reopen_refused(SUMMARY, fields) is None


def test_the_first_field_the_form_can_ask_is_chosen() -> None:
    fields = [(["assessment", "body", "date"], "a"), (["goal", "body", "statement"], "b")]
    assert reopen_refused(SUMMARY, fields) == {"goal_statement": None}


def test_the_refusal_names_every_reason_or_says_it_is_unknown() -> None:
    assert refusal_text([(["a"], "for lang"), (["b"], ""), (["c"], "passeret")]) == (
        "Systemet afviste målet: for lang; passeret."
    )
    assert refusal_text([]) == "Systemet afviste målet: ukendt årsag."


def test_a_capture_read_back_from_the_outbox_fills_the_form_again() -> None:
    capture = {
        "reference": "B-1042", "date": "2026-12-10",
        "problems": [{"area": "fritid", "activity": "gå tur", "importance": 8, "performance": 2,
                      "satisfaction": 2}],
        "goal": {"statement": "Gå til Netto selv hver uge", "due_date": "2027-01-21",
                 "problem_index": 0,
                 "subgoals": [{"description": "Gå til hjørnet", "actions": ["øve"],
                               "responsible": "borger", "due_date": "2026-12-20"}]},
    }  # fmt: skip
    slots = slots_from(capture)
    view = SlotView(slots)
    assert view.get_slot("copm_problems") == [] and view.get_slot("subgoals") == []
    assert (view.get_slot("problem_activity"), view.get_slot("subgoal_description")) == (
        "gå tur", "Gå til hjørnet")  # fmt: skip
    assert (view.get_slot("goal_problem"), view.get_slot("more_subgoals")) == (1, "nej")
    assert view.get_slot("no such slot") is None


def test_a_delmaal_still_without_a_date_is_no_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHAB_TODAY", "2026-12-10")
    writing = tracker("goal_capture_summary", slots={"subgoal_due_date": None})
    dispatcher = CollectingDispatcher()
    assert date_conflict(writing, dispatcher, goal_due="2027-01-01") is None
    assert dispatcher.messages == []
