"""Who is asking (rolle) and which citizen (citizen_ref) are read from the latest message."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.slot_mappings import ValidateSlotMappings


def tracker(text: str, intent: str, entities: list[dict[str, Any]], **slots: Any) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities}
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


def test_the_reference_is_read_from_a_goal_request() -> None:
    t = tracker("vis mål for b-1042", "show_goals", [])
    assert run("extract_citizen_ref", t)[0] == {"citizen_ref": "B-1042"}


def test_a_cpr_number_is_refused_with_an_explanation() -> None:
    result, messages = run(
        "extract_citizen_ref", tracker("nyt mål for 010190-1234", "start_goal", [])
    )
    assert result == {}
    assert messages[0]["response"] == "utter_cpr_refused"


def test_references_are_ignored_outside_goal_intents() -> None:
    assert run("extract_citizen_ref", tracker("B-1042", "greet", []))[0] == {}
