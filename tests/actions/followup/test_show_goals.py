""" "Vis mål for B-1042" against the real API, read as the signed-in person."""

from __future__ import annotations

from typing import Any

import pytest

from actions.common.api import ApiConfig, Delegation, GoalsApi
from actions.followup.show_goals import ActionShowGoals
from tests.actions.conftest import TODAY, ActionsEnv, seed_citizen, seed_goal, signed_in
from tests.actions.trackers import Reply, identity, run, tracker
from tests.support.stack import ApiProcess


def show(staff: dict[str, str] | None, reference: Any = "B-1042") -> Reply:
    return run(ActionShowGoals(), tracker("show_goals_request", staff=staff,
                                          slots={"citizen_ref": reference}))  # fmt: skip


def test_signed_out_the_goals_are_not_shown() -> None:
    reply = show(None)
    assert reply.responses == ["utter_staff_only"]
    assert reply.slots == {"citizen_ref": None}


def test_without_a_reference_it_asks_for_one(therapist: dict[str, str]) -> None:
    reply = show(therapist, None)
    assert reply.responses == ["utter_ask_reference_for_list"]
    assert reply.events == []


def test_the_goals_delmaal_and_latest_evaluations_are_listed(
    goals_api: ApiProcess, therapist: dict[str, str], actions_env: ActionsEnv, new_reference
) -> None:
    reference = new_reference()
    goal = seed_goal(goals_api, therapist, reference)
    client = GoalsApi(ApiConfig(goals_api.url, goals_api.service_token, attempts=1))
    acting = Delegation(therapist["session_id"])
    client.create_evaluation("goals", goal["id"], {"date": TODAY, "traffic_light": "gul"},
                             acting, key=f"{reference}-e1")  # fmt: skip
    client.create_evaluation("subgoals", goal["subgoals"][0]["id"],
                             {"date": TODAY, "traffic_light": "groen"}, acting,
                             key=f"{reference}-e2")  # fmt: skip
    leader = signed_in(goals_api, "leder")  # reading is allowed to a leader
    reply = show(leader, reference)
    assert reply.texts == [
        f"Mål for borger {reference}:\n"
        "1. »Jeg vil kunne tage bad selv to gange om ugen« – frist torsdag den 21. januar 2027, "
        "aktiv, seneste evaluering 🟡 gul\n"
        "   – Stå sikkert i badet i fem minutter (borgeren, frist torsdag den 31. december 2026)"
        " 🟢 grøn\n"
        "   – Vaske hår selv med bruseren (terapeuten, frist torsdag den 14. januar 2027)"
    ]
    assert reply.slots == {"citizen_ref": None}  # the next request names its own citizen


def test_a_citizen_without_goals(
    goals_api: ApiProcess, therapist: dict[str, str], actions_env: ActionsEnv, new_reference
) -> None:
    reference = new_reference()
    seed_citizen(goals_api, therapist, reference)
    assert show(therapist, reference).texts == [
        f"Borger {reference} har ingen registrerede mål endnu."
    ]


@pytest.mark.parametrize(
    ("reference", "response"),
    [("B-9999", "utter_unknown_citizen"), ("B" * 41, "utter_api_problem")],  # 404, 422
)
def test_what_the_api_refuses_is_explained(
    therapist, actions_env: ActionsEnv, reference: str, response: str
) -> None:
    reply = show(therapist, reference)
    assert reply.responses == [response]
    assert reply.texts == []
    assert reply.slots == {"citizen_ref": None}


def test_no_access_401_and_403(
    goals_api: ApiProcess, therapist, actions_env: ActionsEnv, new_reference
) -> None:
    reference = new_reference()
    seed_goal(goals_api, therapist, reference)
    unknown_session = identity(session_id="s-" + "f" * 32)
    assert show(unknown_session, reference).responses == ["utter_no_access"]  # 403
    actions_env.use(goals_api, token="svc-not-the-token-" + "k" * 20)
    assert show(therapist, reference).responses == ["utter_no_access"]  # 401


def test_api_down(therapist, actions_env: ActionsEnv, api_down: ApiProcess) -> None:
    actions_env.use(api_down)
    reply = show(therapist, "B-1042")
    assert reply.responses == ["utter_api_problem"]
    assert reply.slots == {"citizen_ref": None}
