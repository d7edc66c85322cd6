"""Evaluating a goal or delmål against the real API: the active ones are offered, the traffic
light and a note are asked, and the evaluation is stored as the signed-in therapist."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from actions.common.outbox import HELD, PENDING, outbox
from actions.followup.evaluation import ActionAskEvTarget, ActionSubmitEvaluation, choices_of
from tests.actions.conftest import ActionsEnv, seed_citizen, seed_goal
from tests.actions.trackers import Conversation
from tests.support.stack import ApiProcess


@pytest.fixture
def chat(therapist: dict[str, str], unique: Callable[[str], str]) -> Callable[..., Conversation]:
    def make(**changes: Any) -> Conversation:
        return Conversation.of("evaluation_started", staff=therapist, sender_id=unique("staff"),
                               **changes)  # fmt: skip

    return make


@pytest.fixture
def citizen(goals_api: ApiProcess, therapist: dict[str, str], new_reference) -> tuple[str, dict]:
    reference = new_reference()
    return reference, seed_goal(goals_api, therapist, reference)


def evaluations(api: ApiProcess) -> list[tuple]:
    return api.query("SELECT goal_id, subgoal_id, traffic_light, note, created_by "
                     "FROM evaluations ORDER BY id")  # fmt: skip


def test_the_active_goal_and_delmaal_are_offered_by_number(
    chat, citizen, actions_env: ActionsEnv
) -> None:
    reference, goal = citizen
    conversation = chat()
    conversation.say(reference)
    [first, second] = goal["subgoals"]
    assert conversation.slots["ev_choices"] == [
        {"target": "goals", "id": goal["id"], "title": f"Mål: {goal['statement']}"},
        {"target": "subgoals", "id": first["id"],
         "title": "Delmål: Stå sikkert i badet i fem minutter"},
        {"target": "subgoals", "id": second["id"], "title": "Delmål: Vaske hår selv med bruseren"},
    ]  # fmt: skip
    reply = conversation.run(ActionAskEvTarget())
    assert reply.texts == ["Hvad vil du evaluere?"]
    assert [b["title"] for b in reply.buttons] == [
        "1. Mål: Jeg vil kunne tage bad selv to gange om ugen",
        "2. Delmål: Stå sikkert i badet i fem minutter",
        "3. Delmål: Vaske hår selv med bruseren",
    ]
    assert [b["payload"] for b in reply.buttons] == ["1", "2", "3"]
    assert conversation.asking == "ev_target"


def test_only_active_items_can_be_evaluated() -> None:
    goals = [
        {"id": 1, "status": "opnaaet", "statement": "Gå selv",
         "subgoals": [{"id": 11, "status": "aktiv", "description": "Gå til hjørnet"},
                      {"id": 12, "status": "afbrudt", "description": "Gå til Netto"}]},
        {"id": 2, "status": "aktiv", "statement": "Lave mad"},
    ]  # fmt: skip
    assert [(c["target"], c["id"]) for c in choices_of(goals)] == [("subgoals", 11), ("goals", 2)]


def test_a_delmaal_is_evaluated_and_stored(
    chat, citizen, actions_env: ActionsEnv, goals_api: ApiProcess, therapist
) -> None:
    reference, goal = citizen
    conversation = chat()
    conversation.answer(reference, "3", "gul", "Går bedre med bruseren")
    assert (conversation.slots["ev_target"], conversation.slots["ev_light"]) == (3, "gul")
    assert conversation.form is None
    reply = conversation.run(ActionSubmitEvaluation())
    assert reply.responses == ["utter_evaluation_saved"]
    assert evaluations(goals_api)[-1] == (
        None,
        goal["subgoals"][1]["id"],
        "gul",
        "Går bedre med bruseren",
        therapist["username"],
    )
    assert reply.slots["ev_choices"] is None and reply.slots["citizen_ref"] is None


def test_a_goal_evaluated_without_a_note_stores_none(
    chat, citizen, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    reference, goal = citizen
    conversation = chat()
    conversation.answer(reference, "1", "grøn", "ingen")
    assert conversation.slots["ev_note"] == ""
    assert conversation.run(ActionSubmitEvaluation()).responses == ["utter_evaluation_saved"]
    assert evaluations(goals_api)[-1][:4] == (goal["id"], None, "groen", None)


@pytest.mark.parametrize(("text", "number"), [("2", 2), ("tre", 3), ("4", None), ("0", None),
                                              ("badet", None)])  # fmt: skip
def test_the_choice_is_one_of_the_offered_numbers(
    chat, citizen, actions_env, text: str, number: int | None
) -> None:
    conversation = chat()
    conversation.say(citizen[0])
    reply = conversation.say(text)
    assert reply.slots["ev_target"] == number
    assert reply.texts == ([] if number else ["Vælg målet eller delmålet med dets nummer."])


@pytest.mark.parametrize(
    ("text", "light"),
    [("grøn", "groen"), ("Rød", "roed"), ("roed", "roed"), ("Gul – det går lidt", "gul"),
     ("blå", None)],
)  # fmt: skip
def test_the_traffic_light(chat, citizen, actions_env, text: str, light: str | None) -> None:
    conversation = chat()
    conversation.answer(citizen[0], "1")
    reply = conversation.say(text)
    assert reply.slots["ev_light"] == light
    assert reply.responses == ([] if light else ["utter_invalid_light"])


@pytest.mark.parametrize(("text", "light"), [("🟢 Grøn – det går godt", "groen"),
                                             ("🟡 gul", "gul")])  # fmt: skip
def test_a_light_typed_like_its_button_title_is_read(
    chat, citizen, actions_env, text: str, light: str
) -> None:
    conversation = chat()
    conversation.answer(citizen[0], "1")
    assert conversation.say(text).slots["ev_light"] == light


@pytest.mark.parametrize(
    ("text", "note", "said"),
    [("  Går fint  ", "Går fint", []), ("-", "", []), ("Nej", "", []),
     ("hun har cpr 010190-1234", None, ["utter_cpr_refused"])],
)  # fmt: skip
def test_the_note(chat, citizen, actions_env, text: str, note: str | None, said: list) -> None:
    conversation = chat()
    conversation.answer(citizen[0], "1", "grøn")
    reply = conversation.say(text)
    assert reply.slots["ev_note"] == note
    assert reply.responses == said


def test_a_note_over_2000_characters_is_refused(chat, citizen, actions_env) -> None:
    conversation = chat()
    conversation.answer(citizen[0], "1", "grøn")
    reply = conversation.say("x" * 2001)
    assert reply.texts == ["Noten er for lang – højst 2000 tegn, tak."]
    assert conversation.asking == "ev_note"


def test_a_citizen_without_goals_has_nothing_to_evaluate(
    chat, actions_env, goals_api: ApiProcess, therapist, new_reference
) -> None:
    reference = new_reference()
    seed_citizen(goals_api, therapist, reference)
    reply = chat().say(reference)
    assert reply.responses == ["utter_no_subgoals"]
    assert reply.slots == {"citizen_ref": None}
    assert "ev_choices" not in reply.slots


@pytest.mark.parametrize(("text", "response"), [("B-9998", "utter_unknown_citizen"),
                                                ("0101901234", "utter_cpr_refused")])  # fmt: skip
def test_a_citizen_that_cannot_be_read(chat, actions_env, text: str, response: str) -> None:
    reply = chat().say(text)
    assert reply.responses == [response]
    assert reply.slots["citizen_ref"] is None


def test_the_public_door_and_a_leader_cannot_evaluate(
    chat, citizen, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    assert Conversation.of("evaluation_started", staff=None).say("B-1042").responses == [
        "utter_staff_only"
    ]
    from tests.actions.conftest import signed_in

    conversation = chat()
    conversation.answer(citizen[0], "1", "grøn", "ingen")
    conversation.data["latest_message"]["metadata"] = {"staff": signed_in(goals_api, "leder")}
    before = evaluations(goals_api)
    assert conversation.run(ActionSubmitEvaluation()).responses == ["utter_role_cannot_write"]
    assert evaluations(goals_api) == before


def test_api_down_or_token_refused_at_submit_keeps_the_evaluation(
    chat, citizen, actions_env: ActionsEnv, api_down: ApiProcess, goals_api: ApiProcess
) -> None:
    conversation = chat()
    conversation.answer(citizen[0], "2", "grøn", "ingen")
    tracker_then = conversation.tracker
    actions_env.use(api_down)
    assert conversation.run(ActionSubmitEvaluation()).responses == ["utter_followup_queued"]
    assert outbox().summary()[PENDING] == 1
    actions_env.use(goals_api, token="svc-" + "w" * 32)
    from tests.actions.trackers import run

    assert run(ActionSubmitEvaluation(), tracker_then).responses == ["utter_followup_held"]
    assert outbox().summary()[HELD] == 1


def test_an_evaluation_of_something_gone_is_refused_and_dropped(
    chat, citizen, actions_env: ActionsEnv
) -> None:
    conversation = chat()
    conversation.answer(citizen[0], "1", "grøn", "ingen")
    conversation.slots["ev_choices"][0]["id"] = 99999  # deleted since the choices were read
    reply = conversation.run(ActionSubmitEvaluation())
    assert reply.texts == ["Systemet afviste det: ukendt årsag. Intet er gemt."]
    assert reply.responses == []
    assert outbox().summary()["afvist"] == 0
