"""The first reply to a crisis: the right help for each kind, a line for staff, and a form's
question left standing without being asked again."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk.events import ActionExecuted

from actions.common.municipality import LIVSLINIEN, UNCONFIGURED_CONCERN
from actions.safety.crisis import ActionCrisis
from tests.actions.trackers import identity, run, tracker


@pytest.fixture(autouse=True)
def unconfigured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MUNICIPALITY_CONFIG", raising=False)  # the shipped bot/municipality.yml


def test_suicidal_thoughts_on_the_public_door_get_livslinien() -> None:
    reply = run(ActionCrisis(), tracker("crisis_public"))
    [message] = reply.messages
    assert message["response"] == "utter_crisis_suicide"
    # The placeholders of the reply: Livslinien's national number, and where to turn.
    assert (message["livslinien"], message["kontakt_bekymring"]) == (
        "70 201 201",
        UNCONFIGURED_CONCERN,
    )
    assert reply.events == []


@pytest.mark.parametrize(
    ("kind", "response"),
    [("suicide", "utter_crisis_suicide"), ("medical", "utter_crisis_medical"),
     ("violence", "utter_crisis_violence"), ("danger", "utter_crisis_danger"),
     ("unknown", "utter_crisis_unknown"), ("tsunami", "utter_crisis_unknown"),
     (None, "utter_crisis_unknown")],
)  # fmt: skip
def test_each_kind_gets_its_own_reply(kind: str | None, response: str) -> None:
    entities = [{"entity": "crisis_kind", "value": kind}] if kind else []
    reply = run(ActionCrisis(), tracker("crisis_public", entities=entities))
    assert reply.responses == [response]


def test_staff_inside_a_capture_are_told_the_form_waits_and_it_does() -> None:
    reply = run(ActionCrisis(), tracker("crisis_during_goal_capture"))
    assert reply.responses == ["utter_crisis_medical", "utter_crisis_staff",
                               "utter_crisis_form_waits"]  # fmt: skip
    # The form is marked as the last action: the next answer is the activity it asked for.
    assert reply.events == [ActionExecuted("goal_form")]


def test_staff_outside_a_form_get_the_staff_line_only() -> None:
    reply = run(ActionCrisis(), tracker("crisis_public", staff=identity(), active_loop=None))
    assert reply.responses == ["utter_crisis_suicide", "utter_crisis_staff"]
    assert reply.events == []


def test_the_public_door_inside_a_form_keeps_the_form_without_staff_lines() -> None:
    reply = run(ActionCrisis(), tracker("crisis_during_goal_capture", staff=None))
    assert reply.responses == ["utter_crisis_medical"]
    assert reply.events == [ActionExecuted("goal_form")]


def test_inside_the_two_stage_fallback_nothing_is_resumed() -> None:
    reply = run(ActionCrisis(), tracker("crisis_during_fallback"))
    assert reply.responses == ["utter_crisis_violence"]
    assert reply.events == []


def test_the_municipalitys_own_numbers_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "kommune.yml"
    config.write_text(
        "kommune: Testkommune\nlivslinien: '12 34 56 78'\n"
        "bekymring_voksen:\n  telefon: '11 22 33 44'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MUNICIPALITY_CONFIG", str(config))
    [message] = run(ActionCrisis(), tracker("crisis_during_fallback")).messages
    assert message["kontakt_bekymring"] == "ring til Testkommune på 11 22 33 44"
    assert message["livslinien"] == "12 34 56 78" != LIVSLINIEN
