"""COPM re-assessment ("revurdering for B-1042"): new performance and satisfaction per problem."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import clock
from actions.common.forms import StaffFormValidation, validates
from actions.followup.reading import Citizen, FollowupFormValidation, api, read_as
from actions.followup.saving import FollowupSubmit
from actions.goals.texts import goals_overview


def _change_line(label: str, change: dict[str, Any]) -> str:
    flag = " – en betydende ændring (2 point eller mere)" if change["clinically_important"] else ""
    return f"{label}: {change['baseline']:g} → {change['current']:g} ({change['change']:+g}){flag}"


def change_report(result: dict[str, Any], activities: dict[int, str]) -> str:
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
    return "\n".join(lines)


class ValidateReassessmentForm(FollowupFormValidation):
    def name(self) -> str:
        return "validate_reassessment_form"

    async def citizen_found(
        self, citizen: Citizen, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        reference = citizen.reference
        assessments = await read_as(citizen.staff, dispatcher, api().list_assessments, reference)
        if assessments is None:
            return {"citizen_ref": None}
        if not assessments:
            dispatcher.utter_message(response="utter_no_assessment")
            return {"citizen_ref": None}
        dispatcher.utter_message(text=goals_overview(reference, citizen.goals))
        latest = assessments[-1]
        problems = [
            {k: p[k] for k in ("id", "activity", "performance", "satisfaction")}
            for p in latest["problems"]
        ]
        return {
            "citizen_ref": reference, "ra_assessment_id": latest["id"],
            "ra_problems": problems, "ra_ratings": [],
        }  # fmt: skip

    validate_ra_performance = validates("ra_performance", StaffFormValidation.score)

    def validate_ra_satisfaction(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        score = self.score("ra_satisfaction", value, dispatcher)["ra_satisfaction"]
        if score is None:
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


class ActionSubmitReassessment(FollowupSubmit):
    kind = "reassessment"

    def name(self) -> str:
        return "action_submit_reassessment"

    def write(self, tracker: Tracker) -> dict[str, Any]:
        return {
            "assessment_id": int(tracker.get_slot("ra_assessment_id")),
            "body": {
                "date": clock.today().isoformat(),
                "assessor_role": "terapeut eller kontaktperson",
                "ratings": tracker.get_slot("ra_ratings") or [],
            },
        }

    def saved(
        self, result: dict[str, Any], dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> None:
        activities = {p["id"]: p["activity"] for p in tracker.get_slot("ra_problems") or []}
        dispatcher.utter_message(text=change_report(result, activities))
