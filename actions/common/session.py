"""Session start: carry over who is asking, and load the municipality's specifics."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import municipality


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        phrases = municipality.load().phrases()
        events: list[dict[str, Any]] = [SessionStarted()]
        # carry_over_slots_to_new_session: keep what the user told us (e.g. rolle).
        events += [
            SlotSet(name, value)
            for name, value in tracker.current_slot_values().items()
            if value is not None and name not in phrases
        ]
        events += [SlotSet(name, value) for name, value in phrases.items()]
        events.append(ActionExecuted("action_listen"))
        return events
