"""Goal capture actions: confirm, save through the outbox, report status, show goals."""

from __future__ import annotations

import logging
import threading
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import clock
from actions.goals.api_client import ApiRejected, ApiUnavailable, GoalsApi, new_key
from actions.goals.form import PROBLEM_SLOTS, SUBGOAL_SLOTS, all_problems, capture_from
from actions.goals.outbox import PENDING, REJECTED, SENT, Outbox, start_background_flusher
from actions.goals.texts import AREA_NAMES, goals_overview, summary

logger = logging.getLogger(__name__)
CAPTURE_SLOTS = [
    "citizen_ref", *PROBLEM_SLOTS, "more_problems", "copm_problems", "goal_problem",
    "goal_statement", "goal_statement_hint", "goal_due_date", *SUBGOAL_SLOTS, "more_subgoals",
    "subgoals", "subgoal_edit_index", "goal_confirmed", "correction_field",
]  # fmt: skip

_outbox: Outbox | None = None
_outbox_lock = threading.Lock()


def outbox() -> Outbox:
    """One outbox per action server, with its background resend started on first use."""
    global _outbox
    with _outbox_lock:
        if _outbox is None:
            _outbox = Outbox()
            start_background_flusher(_outbox)
        return _outbox


def reset_capture() -> list[EventType]:
    return [SlotSet(slot, None) for slot in CAPTURE_SLOTS]


class ActionAskGoalConfirmed(Action):
    def name(self) -> str:
        return "action_ask_goal_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=summary(capture_from(tracker)),
            buttons=[
                {"title": "Gem", "payload": "gem"},
                {"title": "Ret", "payload": "ret"},
                {"title": "Annuller", "payload": "annuller"},
            ],
        )
        return []


class ActionAskGoalProblem(Action):
    def name(self) -> str:
        return "action_ask_goal_problem"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        buttons = [
            {"title": f"{i}. {p['activity']} ({AREA_NAMES.get(p['area'], p['area'])})",
             "payload": str(i)}
            for i, p in enumerate(all_problems(tracker), 1)
        ]  # fmt: skip
        dispatcher.utter_message(response="utter_ask_goal_problem", buttons=buttons)
        return []


class ActionSubmitGoal(Action):
    """Saves a confirmed goal: outbox first (nothing lost), then the API (idempotent)."""

    def name(self) -> str:
        return "action_submit_goal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot("goal_confirmed") != "gem":
            dispatcher.utter_message(response="utter_goal_cancelled")
            return reset_capture()
        capture = capture_from(tracker)
        capture_id = new_key()
        box = outbox()
        box.add(capture_id, capture["reference"], _payload(capture))
        entry = box.send(capture_id)
        if entry.status == SENT:
            dispatcher.utter_message(response="utter_goal_saved")
        elif entry.status == PENDING:
            dispatcher.utter_message(response="utter_goal_queued")
        else:
            dispatcher.utter_message(response="utter_goal_rejected")
            logger.warning("goal %s rejected by the API", capture_id)
        return [*reset_capture(), SlotSet("last_capture_id", capture_id)]


def _payload(capture: dict[str, Any]) -> dict[str, Any]:
    """The API's bodies: an assessment of the problems and a goal with its delmål."""
    goal = capture["goal"]
    problem = capture["problems"][goal["problem_index"]]
    return {
        "assessment": {
            "date": clock.today().isoformat(),
            "assessor_role": "terapeut eller kontaktperson",
            "problems": [
                {k: p[k] for k in ("area", "activity", "importance", "performance", "satisfaction")}
                for p in capture["problems"]
            ],
        },
        "goal": {
            "statement": goal["statement"],
            "area": problem["area"],
            "activity": problem["activity"],
            "due_date": goal["due_date"],
            "problem_index": goal["problem_index"],
            "subgoals": goal["subgoals"],
        },
    }


class ActionCancelGoal(Action):
    def name(self) -> str:
        return "action_cancel_goal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return reset_capture()


class ActionGoalStatus(Action):
    """'Er målet gemt?': the outbox knows; pending goals get another try first."""

    def name(self) -> str:
        return "action_goal_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        capture_id = tracker.get_slot("last_capture_id")
        if not capture_id:
            dispatcher.utter_message(response="utter_no_goal_to_check")
            return []
        box = outbox()
        entry = box.get(capture_id)
        if entry is not None and entry.status == PENDING:
            entry = box.send(capture_id)
        if entry is None:
            dispatcher.utter_message(response="utter_no_goal_to_check")
        elif entry.status == SENT:
            dispatcher.utter_message(response="utter_goal_status_saved")
        elif entry.status == REJECTED:
            dispatcher.utter_message(response="utter_goal_rejected")
        else:
            dispatcher.utter_message(response="utter_goal_status_pending")
        return []


class ActionShowGoals(Action):
    def name(self) -> str:
        return "action_show_goals"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reference = tracker.get_slot("citizen_ref")
        if not reference:
            dispatcher.utter_message(response="utter_ask_reference_for_list")
            return []
        try:
            goals = GoalsApi().list_goals(reference)
        except ApiRejected as error:
            if error.status == 404:
                dispatcher.utter_message(text=f"Jeg kender ingen borger med reference {reference}.")
            else:
                dispatcher.utter_message(response="utter_api_problem")
            return [SlotSet("citizen_ref", None)]
        except ApiUnavailable:
            dispatcher.utter_message(response="utter_api_problem")
            return [SlotSet("citizen_ref", None)]
        dispatcher.utter_message(text=goals_overview(reference, goals))
        return [SlotSet("citizen_ref", None)]
