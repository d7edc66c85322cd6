"""The first reply to a crisis: the right help, short and calm, before anything else.

The NLU pipeline marks the message (bot/nlu/crisis_gate.py) with the intent `crisis` and the
entity `crisis_kind`. Every reply names 112 for acute danger; suicidal thoughts get Livslinien
first. A signed-in staff member also gets one line on what to do, and, inside a form, a word
that the form waits. No FAQ and no form question follow in the same reply.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import municipality
from actions.common.identity import staff_of

REPLIES = {
    "suicide": "utter_crisis_suicide",
    "medical": "utter_crisis_medical",
    "violence": "utter_crisis_violence",
    "danger": "utter_crisis_danger",
    "unknown": "utter_crisis_unknown",  # only the classifier saw it: 112 and Livslinien
}


def crisis_kind(tracker: Tracker) -> str:
    kind = next(tracker.get_latest_entity_values("crisis_kind"), None)
    return kind if kind in REPLIES else "unknown"


class ActionCrisis(Action):
    def name(self) -> str:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        phrases = municipality.load().safety_phrases()
        dispatcher.utter_message(response=REPLIES[crisis_kind(tracker)], **phrases)
        form = tracker.active_loop.get("name")
        if staff_of(tracker) is not None:
            dispatcher.utter_message(response="utter_crisis_staff")
            if form:
                dispatcher.utter_message(response="utter_crisis_form_waits")
        if form and form != "action_two_stage_fallback":
            # The form's question still stands: mark the form as the last action, so the next
            # answer goes to it, without asking the question again in this reply.
            return [ActionExecuted(form)]
        return []
