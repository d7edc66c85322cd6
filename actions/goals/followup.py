"""Follow-up flows: COPM re-assessment ("revurdering for B-1042") and evaluating a delmål."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import clock
from actions.goals import parsing
from actions.goals.api_client import ApiRejected, ApiUnavailable, GoalsApi, new_key
from actions.goals.form import _has_cpr
from actions.goals.texts import goals_overview
from rehab_rules import limits

FOLLOWUP_SLOTS = [
    "citizen_ref", "ra_assessment_id", "ra_problems", "ra_ratings", "ra_performance",
    "ra_satisfaction", "ev_choices", "ev_subgoal", "ev_light", "ev_note",
]  # fmt: skip
LIGHTS = {"grøn": "groen", "groen": "groen", "gul": "gul", "rød": "roed", "roed": "roed"}


def _reference(value: Any, dispatcher: CollectingDispatcher) -> str | None:
    text = str(value or "").strip()
    if _has_cpr(text):
        dispatcher.utter_message(response="utter_cpr_refused")
        return None
    reference = (parsing.find_reference(text) or text).upper()
    if not parsing.is_reference_valid(reference):
        dispatcher.utter_message(response="utter_invalid_reference")
        return None
    return reference


def _api_failed(error: Exception, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    if isinstance(error, ApiRejected) and error.status == 404:
        dispatcher.utter_message(response="utter_unknown_citizen")
    else:
        dispatcher.utter_message(response="utter_api_problem")
    return {"citizen_ref": None}


def _change_line(label: str, change: dict[str, Any]) -> str:
    flag = " – en betydende ændring (2 point eller mere)" if change["clinically_important"] else ""
    return f"{label}: {change['baseline']:g} → {change['current']:g} ({change['change']:+g}){flag}"


class ValidateReassessmentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_reassessment_form"

    async def validate_citizen_ref(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        reference = _reference(value, dispatcher)
        if reference is None:
            return {"citizen_ref": None}
        api = GoalsApi()
        try:
            goals = api.list_goals(reference)
            assessments = api.get_assessments(reference)
        except (ApiRejected, ApiUnavailable) as error:
            return _api_failed(error, dispatcher)
        if not assessments:
            dispatcher.utter_message(response="utter_no_assessment")
            return {"citizen_ref": None}
        dispatcher.utter_message(text=goals_overview(reference, goals))
        latest = assessments[-1]
        problems = [
            {k: p[k] for k in ("id", "activity", "performance", "satisfaction")}
            for p in latest["problems"]
        ]
        return {
            "citizen_ref": reference, "ra_assessment_id": latest["id"],
            "ra_problems": problems, "ra_ratings": [],
        }  # fmt: skip

    def validate_ra_performance(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        score = parsing.parse_score(str(value or ""))
        if score is None:
            dispatcher.utter_message(response="utter_invalid_score")
        return {"ra_performance": score}

    def validate_ra_satisfaction(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        score = parsing.parse_score(str(value or ""))
        if score is None:
            dispatcher.utter_message(response="utter_invalid_score")
            return {"ra_satisfaction": None}
        problems = tracker.get_slot("ra_problems") or []
        ratings = list(tracker.get_slot("ra_ratings") or [])
        problem = problems[len(ratings)]
        ratings.append({
            "problem_id": problem["id"],
            "performance": tracker.get_slot("ra_performance"),
            "satisfaction": score,
        })  # fmt: skip
        if len(ratings) < len(problems):  # the next problem: ask both scales again
            return {"ra_ratings": ratings, "ra_performance": None, "ra_satisfaction": None}
        return {"ra_ratings": ratings, "ra_satisfaction": score}


class ActionAskRaPerformance(Action):
    def name(self) -> str:
        return "action_ask_ra_performance"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        problems = tracker.get_slot("ra_problems") or []
        done = len(tracker.get_slot("ra_ratings") or [])
        problem = problems[done]
        dispatcher.utter_message(
            text=f"Aktivitet {done + 1} af {len(problems)}: »{problem['activity']}«. "
            f"Sidst: udførelse {problem['performance']}, tilfredshed {problem['satisfaction']}. "
            "Hvor godt går det nu, fra 1 til 10?",
            buttons=[{"title": str(n), "payload": str(n)} for n in range(1, 11)],
        )
        return []


class ActionSubmitReassessment(Action):
    def name(self) -> str:
        return "action_submit_reassessment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        body = {
            "date": clock.today().isoformat(),
            "assessor_role": "terapeut eller kontaktperson",
            "ratings": tracker.get_slot("ra_ratings") or [],
        }
        try:
            result = GoalsApi().create_reassessment(
                int(tracker.get_slot("ra_assessment_id")), body, key=new_key()
            )
        except (ApiRejected, ApiUnavailable):
            dispatcher.utter_message(response="utter_api_problem")
            return reset_followup()
        activities = {p["id"]: p["activity"] for p in tracker.get_slot("ra_problems") or []}
        lines = ["Revurderingen er gemt. Ændring siden første vurdering:"]
        for rating in result["ratings"]:
            lines.append(f"• {activities.get(rating['problem_id'], 'Aktivitet')}:")
            lines.append("   " + _change_line("udførelse", rating["change"]["performance"]))
            lines.append("   " + _change_line("tilfredshed", rating["change"]["satisfaction"]))
        scores = result.get("change") or {}
        if scores:
            lines.append("COPM-score samlet:")
            lines.append("   " + _change_line("udførelse", scores["performance"]))
            lines.append("   " + _change_line("tilfredshed", scores["satisfaction"]))
        dispatcher.utter_message(text="\n".join(lines))
        return reset_followup()


class ValidateEvaluationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_evaluation_form"

    async def validate_citizen_ref(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        reference = _reference(value, dispatcher)
        if reference is None:
            return {"citizen_ref": None}
        try:
            goals = GoalsApi().list_goals(reference)
        except (ApiRejected, ApiUnavailable) as error:
            return _api_failed(error, dispatcher)
        choices = [
            {"id": sub["id"], "description": sub["description"]}
            for goal in goals
            for sub in goal.get("subgoals", [])
            if sub.get("status") == "aktiv"
        ]
        if not choices:
            dispatcher.utter_message(response="utter_no_subgoals")
            return {"citizen_ref": None}
        return {"citizen_ref": reference, "ev_choices": choices}

    def validate_ev_subgoal(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        choices = tracker.get_slot("ev_choices") or []
        number = parsing.parse_score(str(value or ""))
        if number is None or not 1 <= number <= len(choices):
            dispatcher.utter_message(text="Vælg delmålet med dets nummer.")
            return {"ev_subgoal": None}
        return {"ev_subgoal": choices[number - 1]["id"]}

    def validate_ev_light(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        word = str(value or "").strip().lower().split(" ")[0].strip("🟢🟡🔴 ")
        light = LIGHTS.get(word)
        if light is None:
            dispatcher.utter_message(response="utter_invalid_light")
        return {"ev_light": light}

    def validate_ev_note(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        note = str(value or "").strip()
        if _has_cpr(note):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {"ev_note": None}
        if len(note) > limits.LONG_TEXT_MAX:
            dispatcher.utter_message(
                text=f"Noten er for lang – højst {limits.LONG_TEXT_MAX} tegn, tak."
            )
            return {"ev_note": None}
        return {"ev_note": "" if note.lower() in ("ingen", "nej", "-") else note}


class ActionAskEvSubgoal(Action):
    def name(self) -> str:
        return "action_ask_ev_subgoal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        choices = tracker.get_slot("ev_choices") or []
        dispatcher.utter_message(
            text="Hvilket delmål vil du evaluere?",
            buttons=[
                {"title": f"{i}. {c['description']}", "payload": str(i)}
                for i, c in enumerate(choices, 1)
            ],
        )
        return []


class ActionSubmitEvaluation(Action):
    def name(self) -> str:
        return "action_submit_evaluation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        body: dict[str, Any] = {
            "date": clock.today().isoformat(),
            "traffic_light": tracker.get_slot("ev_light"),
        }
        if tracker.get_slot("ev_note"):
            body["note"] = tracker.get_slot("ev_note")
        try:
            GoalsApi().create_evaluation(
                "subgoals", int(tracker.get_slot("ev_subgoal")), body, key=new_key()
            )
        except (ApiRejected, ApiUnavailable):
            dispatcher.utter_message(response="utter_api_problem")
            return reset_followup()
        dispatcher.utter_message(response="utter_evaluation_saved")
        return reset_followup()


def reset_followup() -> list[EventType]:
    return [SlotSet(slot, None) for slot in FOLLOWUP_SLOTS]


class ActionResetFollowup(Action):
    def name(self) -> str:
        return "action_reset_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return reset_followup()
