"""The goal capture's actions: its questions, saving through the outbox to the real API, and
"er målet gemt?". The API runs for real (one process for the module); "down" is a port nothing
listens on, and "held" is a service token the API does not know."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rasa_sdk.events import FollowupAction

from actions.common import outbox as outbox_module
from actions.common.outbox import HELD, PENDING, SENT, outbox
from actions.goals.actions import (
    HELPER_SLOTS,
    ActionAskCorrectionField,
    ActionAskGoalConfirmed,
    ActionAskGoalProblem,
    ActionCancelGoal,
    ActionGoalStatus,
    ActionSubmitGoal,
)
from tests.actions.conftest import TODAY, ActionsEnv, signed_in
from tests.actions.trackers import Reply, domain, run, tracker
from tests.support.stack import ApiProcess

FORM_SLOTS = set(domain()["forms"]["goal_form"]["required_slots"])
SUMMARY = """Her er, hvad jeg har skrevet ned for borger B-1042:

COPM:
1. tage bad (Egenomsorg) – vigtighed 9, udførelse 3, tilfredshed 2
2. handle ind (Produktivitet) – vigtighed 7, udførelse 4, tilfredshed 4

Mål: »Jeg vil kunne tage bad selv to gange om ugen«
Frist: torsdag den 21. januar 2027
Knyttet til: tage bad

Delmål:
1. Stå sikkert i badet i fem minutter – ansvarlig: borgeren, frist torsdag den 31. december 2026
   • øve at stå ved håndvasken
   • skridsikker måtte i badet
2. Vaske hår selv med bruseren – ansvarlig: terapeuten, frist torsdag den 14. januar 2027
   • øve med bruseren siddende

Skal jeg gemme det?"""


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHAB_TODAY", TODAY)


def cleared(reply: Reply) -> set[str]:
    return {name for name, value in reply.slots.items() if value is None}


def goals_of(api: ApiProcess, reference: str) -> list[tuple]:
    return api.query(
        "SELECT g.statement, g.due_date, g.created_by FROM goals g JOIN citizens c "
        f"ON c.id = g.citizen_id WHERE c.reference = '{reference}'"
    )


# -- questions ---------------------------------------------------------------------------------


def test_the_summary_shows_everything_with_gem_ret_annuller() -> None:
    reply = run(ActionAskGoalConfirmed(), tracker("goal_capture_summary"))
    assert reply.text == SUMMARY
    assert [b["payload"] for b in reply.buttons] == ["gem", "ret", "annuller"]
    assert reply.events == []


def test_the_goal_is_attached_with_a_button_per_problem() -> None:
    reply = run(ActionAskGoalProblem(), tracker("goal_capture_summary"))
    assert reply.responses == ["utter_ask_goal_problem"]
    assert reply.buttons == [
        {"title": "1. tage bad (Egenomsorg)", "payload": "1"},
        {"title": "2. handle ind (Produktivitet)", "payload": "2"},
    ]


def test_after_ret_the_buttons_offer_every_item_then_the_fields_of_the_chosen() -> None:
    what = run(ActionAskCorrectionField(), tracker("goal_capture_correcting"))
    assert what.responses == ["utter_correction_what"]
    assert "Delmål 2: Vaske hår selv med bruseren" in [b["title"] for b in what.buttons]
    which = run(
        ActionAskCorrectionField(),
        tracker("goal_capture_correcting", slots={"correction_target": "subgoal:1"}),
    )
    assert which.responses == ["utter_correction_which"]
    assert [b["payload"] for b in which.buttons] == [
        "teksten for delmål 2", "handlinger for delmål 2", "ansvarlig for delmål 2",
        "frist for delmål 2",
    ]  # fmt: skip


def test_cancelling_clears_every_capture_slot() -> None:
    reply = run(ActionCancelGoal(), tracker("goal_capture_summary"))
    assert cleared(reply) == FORM_SLOTS | set(HELPER_SLOTS)
    assert set(reply.slots) == cleared(reply)


# -- saving ----------------------------------------------------------------------------------


@pytest.fixture
def confirmed(therapist: dict[str, str], unique: Callable[[str], str]) -> Callable[..., Any]:
    """The confirmed capture for `reference`, from the therapist (or `staff`)."""

    def make(reference: str, staff: dict[str, str] | None = None, **slots: Any) -> Any:
        return tracker(
            "goal_capture_confirmed",
            staff=staff or therapist,
            sender_id=unique("staff"),
            slots={"citizen_ref": reference, **slots},
        )

    return make


def test_annuller_saves_nothing(confirmed, actions_env: ActionsEnv) -> None:
    reply = run(ActionSubmitGoal(), confirmed("B-3001", goal_confirmed="annuller"))
    assert reply.responses == ["utter_goal_cancelled"]
    assert cleared(reply) == FORM_SLOTS | set(HELPER_SLOTS)
    assert outbox_module._outbox is None  # the outbox was never even opened


def test_the_public_door_cannot_save(confirmed, actions_env: ActionsEnv, goals_api) -> None:
    reply = run(ActionSubmitGoal(), tracker("goal_capture_confirmed", staff=None))
    assert reply.responses == ["utter_staff_only"]
    assert "citizen_ref" in cleared(reply)
    assert outbox_module._outbox is None


def test_a_leader_can_read_but_not_save(confirmed, actions_env: ActionsEnv, goals_api) -> None:
    leader = signed_in(goals_api, "leder")
    reply = run(ActionSubmitGoal(), confirmed("B-3002", staff=leader))
    assert reply.responses == ["utter_role_cannot_write"]
    assert cleared(reply) == FORM_SLOTS | set(HELPER_SLOTS)
    assert goals_of(goals_api, "B-3002") == []


def test_gem_stores_the_goal_for_the_therapist(
    confirmed, actions_env: ActionsEnv, goals_api: ApiProcess, therapist: dict[str, str]
) -> None:
    reply = run(ActionSubmitGoal(), confirmed("B-3003"))
    assert reply.responses == ["utter_goal_saved"]
    assert goals_of(goals_api, "B-3003") == [
        ("Jeg vil kunne tage bad selv to gange om ugen", "2027-01-21", therapist["username"])
    ]
    assert goals_api.query(
        "SELECT s.description, s.due_date FROM subgoals s JOIN goals g ON g.id = s.goal_id "
        "JOIN citizens c ON c.id = g.citizen_id WHERE c.reference = 'B-3003' ORDER BY s.id"
    ) == [("Stå sikkert i badet i fem minutter", "2026-12-31"),
          ("Vaske hår selv med bruseren", "2027-01-14")]  # fmt: skip
    entry_id = reply.slots["last_capture_id"]
    assert outbox().get(entry_id).status == SENT
    assert cleared(reply) == FORM_SLOTS | set(HELPER_SLOTS)


def test_gem_pressed_again_in_the_same_state_stores_one_goal(
    confirmed, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    """A replica died after the API stored the goal: the same answer is the same write."""
    conversation = confirmed("B-3004")
    first = run(ActionSubmitGoal(), conversation)
    again = run(ActionSubmitGoal(), tracker("goal_capture_confirmed",
                                            staff=conversation.latest_message["metadata"]["staff"],
                                            sender_id=conversation.sender_id,
                                            slots={"citizen_ref": "B-3004"}))  # fmt: skip
    assert first.slots["last_capture_id"] == again.slots["last_capture_id"]
    assert again.responses == ["utter_goal_saved"]
    assert len(goals_of(goals_api, "B-3004")) == 1


def test_api_down_queues_the_goal(
    confirmed, actions_env: ActionsEnv, api_down: ApiProcess, goals_api: ApiProcess
) -> None:
    actions_env.use(api_down)
    reply = run(ActionSubmitGoal(), confirmed("B-3005"))
    assert reply.responses == ["utter_goal_queued"]
    entry = outbox().get(reply.slots["last_capture_id"])
    assert (entry.status, entry.attempts) == (PENDING, 1)
    assert entry.payload["reference"] == "B-3005"
    assert goals_of(goals_api, "B-3005") == []


def test_a_bad_service_token_holds_the_goal(
    confirmed, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    actions_env.use(goals_api, token="svc-" + "x" * 32)
    reply = run(ActionSubmitGoal(), confirmed("B-3006"))
    assert reply.responses == ["utter_goal_held"]
    assert outbox().get(reply.slots["last_capture_id"]).status == HELD
    assert outbox().summary()[HELD] == 1


def refused(reply: Reply) -> str:
    [text] = reply.texts
    assert text.startswith("Systemet afviste målet: ")
    return text


def test_a_delmaal_the_api_refuses_reopens_its_date(
    confirmed, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    reply = run(ActionSubmitGoal(), confirmed("B-3007", subgoal_due_date="2027-02-01"))
    assert "Delmålets frist" in refused(reply)
    assert reply.events[-1] == FollowupAction("goal_form")
    slots = reply.slots
    assert slots["subgoal_description"] == "Vaske hår selv med bruseren"
    assert slots["subgoal_due_date"] is None
    assert slots["subgoal_edit_index"] == 1
    assert [s["description"] for s in slots["subgoals"]] == ["Stå sikkert i badet i fem minutter"]
    assert (slots["goal_confirmed"], slots["correction_field"]) == (None, None)
    assert "last_capture_id" not in slots
    assert outbox().summary() == {PENDING: 0, HELD: 0, SENT: 0, "afvist": 0}  # discarded
    assert goals_of(goals_api, "B-3007") == []


def test_a_problem_the_api_refuses_reopens_that_score(confirmed, actions_env: ActionsEnv) -> None:
    problems = [{"area": "egenomsorg", "activity": "tage bad", "importance": 11,
                 "performance": 3, "satisfaction": 2}]  # fmt: skip
    reply = run(ActionSubmitGoal(), confirmed("B-3008", copm_problems=problems))
    refused(reply)
    slots = reply.slots
    assert (slots["problem_activity"], slots["problem_importance"]) == ("tage bad", None)
    assert slots["problem_edit_index"] == 0
    assert [p["activity"] for p in slots["copm_problems"]] == ["handle ind"]


@pytest.mark.parametrize(
    ("slots", "reopened"),
    [({"goal_statement": "Gå i \x07 haven hver dag"}, "goal_statement"),
     ({"goal_due_date": "2026-12-01", "subgoals": [], "subgoal_due_date": "2026-12-01"},
      "goal_due_date")],
)  # fmt: skip
def test_a_goal_field_the_api_refuses_is_asked_again(
    confirmed, actions_env: ActionsEnv, slots: dict[str, Any], reopened: str
) -> None:
    reply = run(ActionSubmitGoal(), confirmed("B-3009", **slots))
    refused(reply)
    assert reply.slots[reopened] is None
    assert reply.events[-1] == FollowupAction("goal_form")


# -- "er målet gemt?" -------------------------------------------------------------------------


def status(therapist: dict[str, str], capture_id: str | None, **changes: Any) -> Reply:
    return run(
        ActionGoalStatus(),
        tracker(
            "goal_status_question",
            staff=therapist,
            slots={"last_capture_id": capture_id},
            **changes,
        ),
    )


@pytest.mark.parametrize("capture_id", [None, "0" * 32])
def test_no_goal_to_check(therapist, actions_env: ActionsEnv, capture_id: str | None) -> None:
    reply = status(therapist, capture_id)
    assert reply.responses == ["utter_no_goal_to_check"]
    assert reply.events == []


def test_a_queued_goal_is_sent_when_asked_about_after_the_outage(
    confirmed, therapist, actions_env: ActionsEnv, api_down: ApiProcess, goals_api: ApiProcess
) -> None:
    actions_env.use(api_down)
    capture_id = run(ActionSubmitGoal(), confirmed("B-3010")).slots["last_capture_id"]
    assert status(therapist, capture_id).responses == ["utter_goal_status_pending"]
    actions_env.use(goals_api)  # the API is back (and the action server restarted)
    assert status(therapist, capture_id).responses == ["utter_goal_status_saved"]
    assert len(goals_of(goals_api, "B-3010")) == 1
    assert status(therapist, capture_id).responses == ["utter_goal_status_saved"]
    assert len(goals_of(goals_api, "B-3010")) == 1


def test_a_held_goal_stays_held_until_the_token_is_fixed(
    confirmed, therapist, actions_env: ActionsEnv, goals_api: ApiProcess
) -> None:
    actions_env.use(goals_api, token="svc-" + "y" * 32)
    capture_id = run(ActionSubmitGoal(), confirmed("B-3011")).slots["last_capture_id"]
    assert status(therapist, capture_id).responses == ["utter_goal_status_held"]
    assert outbox().get(capture_id).attempts == 2
    actions_env.use(goals_api)
    assert status(therapist, capture_id).responses == ["utter_goal_status_saved"]


@pytest.fixture
def refused_after_outage(
    confirmed, actions_env: ActionsEnv, api_down: ApiProcess, goals_api: ApiProcess
) -> Callable[[str], str]:
    """Saves a capture while the API is down, with a delmål date the API will refuse, then
    brings the API back; the capture's id in the outbox."""

    def queue(reference: str) -> str:
        actions_env.use(api_down)
        reply = run(ActionSubmitGoal(), confirmed(reference, subgoal_due_date="2027-02-01"))
        actions_env.use(goals_api)
        return reply.slots["last_capture_id"]

    return queue


def test_a_goal_refused_after_the_outage_is_restored_into_the_form(
    refused_after_outage, therapist
) -> None:
    capture_id = refused_after_outage("B-3012")
    reply = status(therapist, capture_id)  # a fresh conversation state: the capture was reset
    assert "Delmålets frist" in refused(Reply(reply.events, reply.messages[:1]))
    assert reply.responses == ["utter_goal_fix_refused"]
    assert reply.events[-1] == FollowupAction("goal_form")
    slots = reply.slots
    assert slots["citizen_ref"] == "B-3012"
    assert slots["goal_statement"] == "Jeg vil kunne tage bad selv to gange om ugen"
    assert (slots["goal_problem"], slots["more_problems"], slots["more_subgoals"]) == (
        1,
        "nej",
        "nej",
    )
    assert slots["problem_activity"] == "handle ind"  # the last problem is the current one
    assert [p["activity"] for p in slots["copm_problems"]] == ["tage bad"]
    assert slots["subgoal_description"] == "Vaske hår selv med bruseren"
    assert slots["subgoal_due_date"] is None
    assert (slots["goal_confirmed"], slots["last_capture_id"]) == (None, None)
    assert outbox().get(capture_id) is None


def test_a_refusal_found_during_another_form_waits_for_it(refused_after_outage, therapist) -> None:
    capture_id = refused_after_outage("B-3013")
    reply = status(therapist, capture_id, active_loop="goal_form")
    assert reply.responses == ["utter_goal_rejected"]
    assert reply.events == []
    assert outbox().get(capture_id).refused_fields  # kept, to correct after this form
