"""Evaluating a goal or a delmål ("evaluer et delmål for B-1042"): traffic light and a note."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import clock
from actions.common.reading import has_cpr
from actions.followup.reading import Citizen, FollowupFormValidation
from actions.followup.saving import FollowupSubmit
from rehab_rules import limits

LIGHTS = {"grøn": "groen", "groen": "groen", "gul": "gul", "rød": "roed", "roed": "roed"}


def choices_of(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The active goals and delmål, numbered the way the buttons show them."""
    choices = []
    for goal in goals:
        if goal.get("status") == "aktiv":
            choices.append(
                {"target": "goals", "id": goal["id"], "title": f"Mål: {goal['statement']}"}
            )
        for sub in goal.get("subgoals", []):
            if sub.get("status") == "aktiv":
                choices.append({"target": "subgoals", "id": sub["id"],
                                "title": f"Delmål: {sub['description']}"})  # fmt: skip
    return choices


class ValidateEvaluationForm(FollowupFormValidation):
    def name(self) -> str:
        return "validate_evaluation_form"

    async def citizen_found(
        self, citizen: Citizen, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        choices = choices_of(citizen.goals)
        if not choices:
            dispatcher.utter_message(response="utter_no_subgoals")
            return {"citizen_ref": None}
        return {"citizen_ref": citizen.reference, "ev_choices": choices}

    def validate_ev_target(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        choices = tracker.get_slot("ev_choices") or []
        return self.numbered("ev_target", value, len(choices), dispatcher,
                             text="Vælg målet eller delmålet med dets nummer.")  # fmt: skip

    def validate_ev_light(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # Strip the light emoji first: a light typed as its button shows it ("🟢 Grøn – ...")
        # would otherwise read as the bare emoji.
        words = str(value or "").lower().strip().lstrip("🟢🟡🔴 ").split()
        word = words[0].strip(".,!–-") if words else ""
        return self.parsed("ev_light", LIGHTS.get(word), dispatcher, "utter_invalid_light")

    def validate_ev_note(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        note = str(value or "").strip()
        if has_cpr(note):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {"ev_note": None}
        if len(note) > limits.LONG_TEXT_MAX:
            dispatcher.utter_message(
                text=f"Noten er for lang – højst {limits.LONG_TEXT_MAX} tegn, tak."
            )
            return {"ev_note": None}
        return {"ev_note": "" if note.lower() in ("ingen", "nej", "-") else note}


class ActionAskEvTarget(Action):
    def name(self) -> str:
        return "action_ask_ev_target"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        choices = tracker.get_slot("ev_choices") or []
        dispatcher.utter_message(
            text="Hvad vil du evaluere?",
            buttons=[
                {"title": f"{i}. {c['title']}", "payload": str(i)} for i, c in enumerate(choices, 1)
            ],
        )
        return []


class ActionSubmitEvaluation(FollowupSubmit):
    kind = "evaluation"

    def name(self) -> str:
        return "action_submit_evaluation"

    def write(self, tracker: Tracker) -> dict[str, Any]:
        choice = (tracker.get_slot("ev_choices") or [])[int(tracker.get_slot("ev_target")) - 1]
        body: dict[str, Any] = {
            "date": clock.today().isoformat(),
            "traffic_light": tracker.get_slot("ev_light"),
        }
        if tracker.get_slot("ev_note"):
            body["note"] = tracker.get_slot("ev_note")
        return {"target": choice["target"], "target_id": choice["id"], "body": body}

    def saved(
        self, result: dict[str, Any], dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> None:
        dispatcher.utter_message(response="utter_evaluation_saved")
