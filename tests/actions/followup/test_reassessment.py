"""COPM re-assessment against the real API: the citizen's latest assessment is read as the
signed-in therapist, each problem is re-rated, and the change is reported once it is stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from actions.common.api import ApiUnavailable
from actions.common.outbox import HELD, PENDING, outbox
from actions.followup import reading
from actions.followup.reassessment import (
    ActionAskRaPerformance,
    ActionSubmitReassessment,
    change_report,
)
from actions.followup.slots import ActionResetFollowup
from tests.actions.conftest import ActionsEnv, seed_citizen, seed_goal, signed_in
from tests.actions.trackers import Conversation, Reply, domain, identity, run
from tests.support.stack import ApiProcess

FOLLOWUP_SLOTS = {
    "citizen_ref",
    "ra_performance",
    "ra_satisfaction",
    "ev_target",
    "ev_light",
    "ev_note",
    "ra_assessment_id",
    "ra_problems",
    "ra_ratings",
    "ev_choices",
}
REPORT = """Revurderingen er gemt. Ændring siden første vurdering:
• tage bad:
   udførelse: 3 → 6 (+3) – en betydende ændring (2 point eller mere)
   tilfredshed: 2 → 5 (+3) – en betydende ændring (2 point eller mere)
• handle ind:
   udførelse: 4 → 5 (+1)
   tilfredshed: 4 → 4 (+0)
COPM-score samlet:
   udførelse: 3.5 → 5.5 (+2) – en betydende ændring (2 point eller mere)
   tilfredshed: 3 → 4.5 (+1.5)"""


@pytest.fixture
def chat(therapist: dict[str, str], unique: Callable[[str], str]) -> Callable[..., Conversation]:
    def make(staff: dict[str, str] | None = None, **changes: Any) -> Conversation:
        return Conversation.of("reassessment_started", staff=staff or therapist,
                               sender_id=unique("staff"), **changes)  # fmt: skip

    return make


@pytest.fixture
def citizen(goals_api: ApiProcess, therapist: dict[str, str], new_reference) -> str:
    """A citizen with a COPM assessment (tage bad 9/3/2, handle ind 7/4/4) and a goal."""
    reference = new_reference()
    seed_goal(goals_api, therapist, reference)
    return reference


def rated(chat: Conversation, citizen: str) -> Conversation:
    chat.answer(citizen, "6", "5", "5", "4")
    return chat


def test_the_public_door_gets_no_reassessment(chat, actions_env: ActionsEnv) -> None:
    conversation = Conversation.of("reassessment_started", staff=None)
    reply = conversation.say("B-1042")
    assert reply.responses == ["utter_staff_only"]
    assert conversation.form is None


def test_the_citizens_goals_and_latest_assessment_are_read(
    chat, citizen: str, actions_env: ActionsEnv
) -> None:
    conversation = chat()
    reply = conversation.say(citizen.lower())
    assert reply.texts == [
        f"Mål for borger {citizen}:\n"
        "1. »Jeg vil kunne tage bad selv to gange om ugen« – frist torsdag den 21. januar 2027, "
        "aktiv\n"
        "   – Stå sikkert i badet i fem minutter (borgeren, frist torsdag den 31. december 2026)\n"
        "   – Vaske hår selv med bruseren (terapeuten, frist torsdag den 14. januar 2027)"
    ]
    slots = conversation.slots
    assert slots["citizen_ref"] == citizen
    assert isinstance(slots["ra_assessment_id"], int)
    assert [(p["activity"], p["performance"], p["satisfaction"]) for p in slots["ra_problems"]] == [
        ("tage bad", 3, 2), ("handle ind", 4, 4)]  # fmt: skip
    assert slots["ra_ratings"] == []
    assert conversation.asking == "ra_performance"


def test_each_problem_is_asked_with_its_last_scores(
    chat, citizen: str, actions_env: ActionsEnv
) -> None:
    conversation = chat()
    conversation.say(citizen)
    first = conversation.run(ActionAskRaPerformance())
    assert first.texts == ["Aktivitet 1 af 2: »tage bad«. Sidst: udførelse 3, tilfredshed 2. "
                           "Hvor godt går det nu, fra 1 til 10?"]  # fmt: skip
    assert [b["payload"] for b in first.buttons] == [str(n) for n in range(1, 11)]
    conversation.answer("6", "5")
    assert conversation.slots["ra_ratings"][0]["performance"] == 6
    assert (conversation.slots["ra_performance"], conversation.asking) == (None, "ra_performance")
    second = conversation.run(ActionAskRaPerformance())
    assert second.texts[0].startswith("Aktivitet 2 af 2: »handle ind«. Sidst: udførelse 4, "
                                      "tilfredshed 4.")  # fmt: skip
    conversation.answer("5", "4")
    assert [(r["performance"], r["satisfaction"]) for r in conversation.slots["ra_ratings"]] == [
        (6, 5), (5, 4)]  # fmt: skip
    assert conversation.form is None  # every problem re-rated: the form is done


@pytest.mark.parametrize("slot", ["ra_performance", "ra_satisfaction"])
def test_an_unreadable_score_is_asked_again(chat, citizen, actions_env, slot: str) -> None:
    conversation = chat()
    conversation.say(citizen)
    if slot == "ra_satisfaction":
        conversation.say("6")
    reply = conversation.say("rigtig godt")
    assert reply.responses == ["utter_invalid_score"]
    assert conversation.asking == slot
    assert conversation.slots["ra_ratings"] == []


def test_the_reassessment_is_stored_and_the_change_reported(
    chat, citizen: str, actions_env: ActionsEnv, goals_api: ApiProcess, therapist
) -> None:
    conversation = rated(chat(), citizen)
    assessment = conversation.slots["ra_assessment_id"]
    reply = conversation.run(ActionSubmitReassessment())
    assert reply.texts == [REPORT]
    assert goals_api.query(
        f"SELECT created_by FROM reassessments WHERE assessment_id = {int(assessment)}"
    ) == [(therapist["username"],)]
    assert {name for name, value in reply.slots.items() if value is None} == FOLLOWUP_SLOTS


def test_no_access_stores_nothing(chat, citizen, actions_env, goals_api: ApiProcess) -> None:
    conversation = rated(chat(), citizen)
    leader = signed_in(goals_api, "leder")
    conversation.data["latest_message"]["metadata"] = {"staff": leader}
    reply = conversation.run(ActionSubmitReassessment())
    assert reply.responses == ["utter_role_cannot_write"]
    assert set(reply.slots) == FOLLOWUP_SLOTS
    conversation.data["latest_message"]["metadata"] = {}
    assert conversation.run(ActionSubmitReassessment()).responses == ["utter_staff_only"]


def test_api_down_at_submit_queues_it(
    chat, citizen, actions_env: ActionsEnv, api_down: ApiProcess
) -> None:
    conversation = rated(chat(), citizen)
    actions_env.use(api_down)
    reply = conversation.run(ActionSubmitReassessment())
    assert reply.responses == ["utter_followup_queued"]
    assert reply.texts == []
    assert outbox().summary()[PENDING] == 1


def test_a_refused_service_token_holds_it(
    chat, citizen, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    conversation = rated(chat(), citizen)
    actions_env.use(goals_api, token="svc-" + "z" * 32)
    assert conversation.run(ActionSubmitReassessment()).responses == ["utter_followup_held"]
    assert outbox().summary()[HELD] == 1


def test_ratings_the_api_refuses_are_reported_and_dropped(
    chat, citizen, actions_env: ActionsEnv
) -> None:
    conversation = rated(chat(), citizen)
    conversation.slots["ra_ratings"] = conversation.slots["ra_ratings"][:1]  # one is missing
    reply = conversation.run(ActionSubmitReassessment())
    [text] = reply.texts
    assert text.startswith("Systemet afviste det: ") and text.endswith(". Intet er gemt.")
    assert text != "Systemet afviste det: ukendt årsag. Intet er gemt."
    assert outbox().summary()["afvist"] == 0  # nothing left to correct later


@pytest.mark.parametrize(
    ("text", "response"),
    [("B-9999", "utter_unknown_citizen"), ("010190-1234", "utter_cpr_refused"),
     ("Hans Hansen", "utter_invalid_reference")],
)  # fmt: skip
def test_a_citizen_that_cannot_be_read_is_asked_again(
    chat, actions_env: ActionsEnv, text: str, response: str
) -> None:
    conversation = chat()
    reply = conversation.say(text)
    assert reply.responses == [response]
    assert reply.slots["citizen_ref"] is None
    assert conversation.asking == "citizen_ref"


def test_a_citizen_without_an_assessment_has_nothing_to_reassess(
    chat, actions_env: ActionsEnv, goals_api: ApiProcess, therapist, new_reference
) -> None:
    reference = new_reference()
    seed_citizen(goals_api, therapist, reference)
    reply = chat().say(reference)
    assert reply.responses == ["utter_no_assessment"]
    assert reply.slots["citizen_ref"] is None


def test_the_api_refusing_the_delegation_or_the_token_is_no_access(
    chat, citizen, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    ended = identity(session_id="s-" + "0" * 32)  # a session the API does not know: 403
    assert chat(staff=ended).say(citizen).responses == ["utter_no_access"]
    actions_env.use(goals_api, token="svc-unknown-token-" + "q" * 20)  # 401
    assert chat().say(citizen).responses == ["utter_no_access"]


def test_api_down_while_reading_is_an_api_problem(
    chat, citizen, actions_env: ActionsEnv, api_down: ApiProcess
) -> None:
    actions_env.use(api_down)
    reply = chat().say(citizen)
    assert reply.responses == ["utter_api_problem"]
    assert reply.slots["citizen_ref"] is None


def test_assessments_that_cannot_be_read_after_the_goals_leave_the_citizen_unset(
    chat, citizen, actions_env: ActionsEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The goals are read, then the API goes away before the assessments: nothing is shown."""

    def gone(*args: Any) -> Any:
        raise ApiUnavailable("the API went away")

    monkeypatch.setattr(reading.api(), "list_assessments", gone)
    reply = chat().say(citizen)
    assert reply.responses == ["utter_api_problem"]
    assert reply.texts == []  # no goals overview for a reassessment that cannot start
    assert reply.slots["citizen_ref"] is None


def test_the_change_report_without_a_total_lists_only_the_ratings() -> None:
    change = {"baseline": 3.0, "current": 2.0, "change": -1.0, "clinically_important": False}
    result = {"ratings": [{"problem_id": 7, "change": {"performance": change,
                                                       "satisfaction": change}}]}  # fmt: skip
    assert change_report(result, {}) == (
        "Revurderingen er gemt. Ændring siden første vurdering:\n• Aktivitet:\n"
        "   udførelse: 3 → 2 (-1)\n   tilfredshed: 3 → 2 (-1)"
    )


def test_resetting_clears_every_followup_slot() -> None:
    reply: Reply = run(ActionResetFollowup(), Conversation.of("reassessment_started").tracker)
    assert set(reply.slots) == FOLLOWUP_SLOTS
    assert all(value is None for value in reply.slots.values())
    assert "ev_note" in domain()["forms"]["evaluation_form"]["required_slots"]
