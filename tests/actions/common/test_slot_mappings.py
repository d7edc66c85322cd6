"""Who is asking (rolle) and which citizen (citizen_ref) are read from the latest message."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common.slot_mappings import ValidateSlotMappings

STAFF = {"staff": {"user_id": "u-test", "username": "t", "role": "terapeut", "session_id": "s"}}


def tracker(
    text: str, intent: str, entities: list[dict[str, Any]], staff: bool = False, **slots: Any
) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities,
               "metadata": STAFF if staff else None}  # fmt: skip
    return Tracker("t", {"rolle": None, **slots}, message, [], False, None, None, "action_listen")


def run(method: str, t: Tracker) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(getattr(ValidateSlotMappings(), method)(dispatcher, t, {}))
    return result, dispatcher.messages


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ([{"entity": "rolle", "value": "paaroerende"}, {"entity": "rolle", "value": "borger"}],
         {"rolle": "paaroerende"}),
        ([{"entity": "rolle", "value": "borger"}, {"entity": "rolle", "value": "medarbejder"}],
         {"rolle": "medarbejder"}),
        ([{"entity": "rolle", "value": "borger"}], {"rolle": "borger"}),
        ([{"entity": "relation", "value": "mor"}], {"rolle": "paaroerende"}),
        ([], {}),
    ],
)  # fmt: skip
def test_the_writer_role_is_the_most_specific_one_named(entities, expected) -> None:
    assert run("extract_rolle", tracker("…", "state_role", entities))[0] == expected


def test_a_named_family_member_does_not_override_a_stated_role() -> None:
    t = tracker("min mor", "faq", [{"entity": "relation", "value": "mor"}], rolle="medarbejder")
    assert run("extract_rolle", t)[0] == {}


def test_the_reference_is_read_from_a_signed_in_goal_request() -> None:
    t = tracker("vis mål for b-1042", "show_goals", [], staff=True)
    assert run("extract_citizen_ref", t)[0] == {"citizen_ref": "B-1042"}


def test_no_reference_is_read_on_the_public_door() -> None:
    assert run("extract_citizen_ref", tracker("vis mål for b-1042", "show_goals", []))[0] == {}


def test_signed_in_follows_the_verified_identity_of_each_message() -> None:
    assert run("extract_signed_in", tracker("hej", "greet", [], staff=True))[0] == {
        "signed_in": True
    }
    assert run("extract_signed_in", tracker("hej", "greet", []))[0] == {"signed_in": False}


def test_the_staff_door_answers_as_for_staff() -> None:
    t = tracker("min mor", "faq", [{"entity": "relation", "value": "mor"}], staff=True)
    assert run("extract_rolle", t)[0] == {"rolle": "medarbejder"}


def test_a_cpr_number_is_refused_with_an_explanation() -> None:
    result, messages = run(
        "extract_citizen_ref", tracker("nyt mål for 010190-1234", "start_goal", [], staff=True)
    )
    assert result == {}
    assert messages[0]["response"] == "utter_cpr_refused"


def test_references_are_ignored_outside_goal_intents() -> None:
    assert run("extract_citizen_ref", tracker("B-1042", "greet", [], staff=True))[0] == {}


def test_asking_about_the_relatives_role_marks_a_relative() -> None:
    t = tracker("hvad kan jeg gøre", "faq", [])
    t.latest_message["response_selector"] = {
        "faq": {"response": {"intent_response_key": "faq/paaroerendes_rolle"}}
    }
    assert run("extract_rolle", t)[0] == {"rolle": "paaroerende"}
    t.slots["rolle"] = "medarbejder"  # a staff member asking keeps their role
    assert run("extract_rolle", t)[0] == {}


def test_every_message_updates_who_is_asking_and_which_citizen() -> None:
    """The whole action as Rasa calls it, with the project's domain: citizen_ref also has a
    form mapping, and is still extracted from the opening message."""
    from tests.actions.trackers import run as run_action
    from tests.actions.trackers import tracker as conversation

    opening = conversation("show_goals_request", slots={"citizen_ref": None})
    reply = run_action(ValidateSlotMappings(), opening)
    assert reply.slots["citizen_ref"] == "B-1042"
    assert reply.slots["signed_in"] is True
    assert reply.slots["rolle"] == "medarbejder"
    public = run_action(ValidateSlotMappings(), conversation("public_faq_question"))
    assert public.slots["signed_in"] is False
    assert "citizen_ref" not in public.slots
