"""Goal capture actions: the summary and other questions, saving through the outbox, status."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common.api import Delegation
from actions.common.identity import Staff, staff_of
from actions.common.outbox import (
    HELD,
    PENDING,
    REJECTED,
    SENT,
    Outbox,
    confirmation_of,
    outbox,
)
from actions.goals import delivery  # noqa: F401  (registers the "goal" deliverer)
from actions.goals.capture import PROBLEMS, SUBGOALS, capture_from, slots_from
from actions.goals.corrections import buttons as correction_buttons
from actions.goals.refusals import SlotView, refusal_text, reopen_refused
from actions.goals.texts import AREA_NAMES, summary

HELPER_SLOTS = ["goal_statement_hint", "correction_target", PROBLEMS.list_slot,
                PROBLEMS.index_slot, SUBGOALS.list_slot, SUBGOALS.index_slot]  # fmt: skip


def capture_slots(domain: dict[str, Any]) -> list[str]:
    """Every slot of a capture: the form's own (from the domain) and its helpers."""
    required = domain.get("forms", {}).get("goal_form", {}).get("required_slots", [])
    return [*required, *HELPER_SLOTS]


def reset_capture(domain: dict[str, Any]) -> list[EventType]:
    return [SlotSet(slot, None) for slot in capture_slots(domain)]


def refuse_unless_writer(staff: Staff | None, dispatcher: CollectingDispatcher) -> bool:
    """True (and says why) when this person may not write goals."""
    if staff is None:
        dispatcher.utter_message(response="utter_staff_only")
        return True
    if not staff.can_write:
        dispatcher.utter_message(response="utter_role_cannot_write")
        return True
    return False


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
            for i, p in enumerate(PROBLEMS.in_order(tracker), 1)
        ]  # fmt: skip
        dispatcher.utter_message(response="utter_ask_goal_problem", buttons=buttons)
        return []


class ActionAskCorrectionField(Action):
    """After "Ret": what to correct, then (for a problem or delmål) which of its fields."""

    def name(self) -> str:
        return "action_ask_correction_field"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        pending = tracker.get_slot("correction_target")
        response = "utter_correction_which" if pending else "utter_correction_what"
        choices = correction_buttons(
            PROBLEMS.in_order(tracker), SUBGOALS.in_order(tracker), pending
        )
        dispatcher.utter_message(response=response, buttons=choices)
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
            return reset_capture(domain)
        staff = staff_of(tracker)
        if refuse_unless_writer(staff, dispatcher):
            return reset_capture(domain)
        assert staff is not None
        capture = capture_from(tracker)
        box = outbox()
        confirmed = Delegation(staff.session_id, dt.datetime.now(dt.timezone.utc))
        entry_id = await asyncio.to_thread(
            box.add, "goal", capture["reference"], capture, confirmed, confirmation_of(tracker)
        )
        entry = (await asyncio.to_thread(box.send, entry_id)).entry
        if entry.status == REJECTED:
            # Only the data can be at fault: say which field, and ask for it again.
            await asyncio.to_thread(box.discard, entry_id)
            dispatcher.utter_message(text=refusal_text(entry.refused_fields))
            reopen = reopen_refused(tracker, entry.refused_fields) or {}
            values = {**reopen, "goal_confirmed": None, "correction_field": None}
            return [*(SlotSet(k, v) for k, v in values.items()), FollowupAction("goal_form")]
        dispatcher.utter_message(response=SAVED_RESPONSES[entry.status])
        return [*reset_capture(domain), SlotSet("last_capture_id", entry_id)]


SAVED_RESPONSES = {SENT: "utter_goal_saved", PENDING: "utter_goal_queued", HELD: "utter_goal_held"}
STATUS_RESPONSES = {
    SENT: "utter_goal_status_saved",
    PENDING: "utter_goal_status_pending",
    HELD: "utter_goal_status_held",
}


class ActionCancelGoal(Action):
    def name(self) -> str:
        return "action_cancel_goal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return reset_capture(domain)


class ActionGoalStatus(Action):
    """'Er målet gemt?': the outbox knows; waiting goals get another try first."""

    def name(self) -> str:
        return "action_goal_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        capture_id = tracker.get_slot("last_capture_id")
        box = outbox()
        entry = await asyncio.to_thread(box.get, capture_id) if capture_id else None
        if entry is None:
            dispatcher.utter_message(response="utter_no_goal_to_check")
            return []
        if entry.status in (PENDING, HELD):
            entry = (await asyncio.to_thread(box.send, capture_id)).entry
        if entry.status != REJECTED:
            dispatcher.utter_message(response=STATUS_RESPONSES[entry.status])
            return []
        return await self._reopen_refused(dispatcher, tracker, box, entry)

    @staticmethod
    async def _reopen_refused(
        dispatcher: CollectingDispatcher, tracker: Tracker, box: Outbox, entry: Any
    ) -> list[EventType]:
        """A goal refused after an outage: back into the form at the refused field."""
        dispatcher.utter_message(text=refusal_text(entry.refused_fields))
        if tracker.active_loop.get("name") or entry.payload is None:
            dispatcher.utter_message(response="utter_goal_rejected")
            return []
        restored = slots_from(entry.payload)
        reopen = reopen_refused(SlotView(restored), entry.refused_fields) or {}
        values = {**restored, **reopen, "goal_confirmed": None, "last_capture_id": None}
        await asyncio.to_thread(box.discard, entry.id)
        dispatcher.utter_message(response="utter_goal_fix_refused")
        return [*(SlotSet(k, v) for k, v in values.items()), FollowupAction("goal_form")]
