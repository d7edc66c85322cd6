"""The two-stage fallback's custom steps: suggest the closest FAQ questions, then hand over.

When the model is unsure (ResponseFallbackClassifier or FallbackClassifier), the assistant never
guesses. Stage one offers the closest FAQ questions as buttons. A button sends the question's own
wording, so the choice is an ordinary, confident FAQ question. Stage two (still unclear) hands
over to a person at the visitation.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.faq.catalog import FAQ_QUESTIONS

SUGGESTIONS = 3
MOST_ASKED = ["skaerer_ned", "hvad_er_hverdagsrehabilitering", "skal_jeg_deltage"]
# Kept here rather than in the domain: Rasa's validator warns about responses that only custom
# actions use, and `make test` treats warnings as errors.
ASK_WHICH = "Jeg er ikke helt sikker på, hvad du mener. Er det et af disse spørgsmål?"


def ranked_faq_ids(tracker: Tracker) -> list[str]:
    """FAQ ids, best first, from the ResponseSelector's ranking on the latest message."""
    selector = tracker.latest_message.get("response_selector") or {}
    selection = selector.get("faq") or selector.get("default") or {}
    ranked = []
    for entry in selection.get("ranking") or []:
        key = entry.get("intent_response_key") or ""
        faq_id = key.removeprefix("faq/")
        if key.startswith("faq/") and faq_id in FAQ_QUESTIONS and faq_id not in ranked:
            ranked.append(faq_id)
    return ranked


def suggestion_buttons(tracker: Tracker) -> list[dict[str, str]]:
    ranked = (ranked_faq_ids(tracker) or MOST_ASKED)[:SUGGESTIONS]
    buttons = [{"title": FAQ_QUESTIONS[i], "payload": FAQ_QUESTIONS[i]} for i in ranked]
    buttons.append({"title": "Tal med et menneske", "payload": "/request_human"})
    # Rasa's two-stage fallback reads out_of_scope as "none of these": it asks to rephrase.
    buttons.append({"title": "Ingen af dem", "payload": "/out_of_scope"})
    return buttons


class ActionAskAffirmation(Action):
    """Stage one: offer the closest FAQ questions."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=ASK_WHICH, buttons=suggestion_buttons(tracker))
        return []


class ActionDefaultFallback(Action):
    """Stage two: still unclear, so point to a person instead of guessing."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_human_handover")
        return [UserUtteranceReverted()]
