"""The follow-up flows' slots, cleared together when a flow ends."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

FORMS = ("reassessment_form", "evaluation_form")
# Filled by the forms' validation rather than asked: not in the forms' required slots.
HELPERS = ("ra_assessment_id", "ra_problems", "ra_ratings", "ev_choices")


def reset_followup(domain: dict[str, Any]) -> list[EventType]:
    """Clears every follow-up slot: the forms' own (from the domain) and their helpers."""
    forms = domain.get("forms", {})
    slots = {slot for form in FORMS for slot in forms.get(form, {}).get("required_slots", [])}
    return [SlotSet(slot, None) for slot in sorted(slots | set(HELPERS))]


class ActionResetFollowup(Action):
    def name(self) -> str:
        return "action_reset_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return reset_followup(domain)
