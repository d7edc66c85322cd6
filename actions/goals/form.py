"""Validation of goal_form: COPM problems, the goal, its delmål, then Gem / Ret / Annuller.

The form loops: a "ja" to "flere aktiviteter?" or "et delmål mere?" files the current item in
its list slot and clears its slots, so the form asks for the next one. "Ret" reaches every
field of every problem and delmål (actions/goals/corrections.py): the form asks for that field
again and then shows the summary anew. Dates are kept consistent with each other throughout
(actions/goals/capture.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common.forms import StaffFormValidation, validates
from actions.common.reading import has_cpr
from actions.goals import parsing
from actions.goals.capture import PROBLEMS, SUBGOALS, date_conflict
from actions.goals.corrections import parse_choice
from actions.goals.texts import danish_date
from rehab_rules import limits

VAGUE_RESPONSES = {
    ("aktivitet", "omfang"): "utter_goal_vague",
    ("aktivitet",): "utter_goal_missing_activity",
    ("omfang",): "utter_goal_missing_amount",
}
RESET_CORRECTION = {"correction_field": None, "correction_target": None, "goal_confirmed": None}
NOT_FOUND = "Det kunne jeg ikke finde. Vælg med knapperne, eller skriv fx »frist for delmål 2«."


class ValidateGoalForm(StaffFormValidation):
    def name(self) -> str:
        return "validate_goal_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = list(domain_slots)
        problems = len(PROBLEMS.in_order(tracker))
        if problems >= limits.MAX_PROBLEMS and tracker.get_slot("more_problems") is None:
            slots.remove("more_problems")
        if problems <= 1 and tracker.get_slot("goal_problem") is None:
            slots.remove("goal_problem")
        if tracker.get_slot("goal_confirmed") != "ret":
            slots.remove("correction_field")  # asked only after "Ret"
        return slots

    # -- who ---------------------------------------------------------------------------------
    validate_citizen_ref = validates("citizen_ref", StaffFormValidation.reference)

    # -- COPM --------------------------------------------------------------------------------
    def validate_problem_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        area = parsing.parse_area(str(value or ""))
        return self.parsed("problem_area", area, dispatcher, "utter_invalid_area")

    def validate_problem_activity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"problem_activity": self.free_text(value, limits.ACTIVITY_MAX, dispatcher)}

    validate_problem_importance = validates("problem_importance", StaffFormValidation.score)
    validate_problem_performance = validates("problem_performance", StaffFormValidation.score)
    validate_problem_satisfaction = validates("problem_satisfaction", StaffFormValidation.score)

    def validate_more_problems(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = self.answer_yes_no("more_problems", value, dispatcher)
        if answer is None:
            return {"more_problems": None}
        if not answer:
            return {"more_problems": "nej"}
        return {**PROBLEMS.start_next(tracker), "more_problems": None}

    def validate_goal_problem(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        count = len(PROBLEMS.in_order(tracker))
        return self.numbered("goal_problem", value, count, dispatcher,
                             response="utter_invalid_goal_problem")  # fmt: skip

    # -- the goal ----------------------------------------------------------------------------
    def validate_goal_statement(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        statement = self.free_text(value, limits.LONG_TEXT_MAX, dispatcher)
        if statement is None:
            return {"goal_statement": None}
        gaps = parsing.goal_gaps(statement)
        already_asked = tracker.get_slot("goal_statement_hint") == statement.lower()[:60]
        if gaps and not already_asked:
            # A gentle question once; if the same words come back, they are the citizen's own.
            dispatcher.utter_message(response=VAGUE_RESPONSES[tuple(gaps)])
            return {"goal_statement": None, "goal_statement_hint": statement.lower()[:60]}
        return {"goal_statement": statement, "goal_statement_hint": None}

    def validate_goal_due_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        due = self._due_date(value, dispatcher)
        if due is None:
            return {"goal_due_date": None}
        dispatcher.utter_message(text=f"Frist for målet: {danish_date(due)}.")
        # A corrected goal date may now fall before a delmål: resolve that here, not at the API.
        conflict = date_conflict(tracker, dispatcher, goal_due=due.isoformat()) or {}
        return {"goal_due_date": due.isoformat(), **conflict}

    # -- delmål ------------------------------------------------------------------------------
    def validate_subgoal_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        if parsing.looks_like_date(text):
            dispatcher.utter_message(response="utter_subgoal_is_a_date")
            return {"subgoal_description": None}
        return {"subgoal_description": self.free_text(text, limits.LONG_TEXT_MAX, dispatcher)}

    def validate_subgoal_actions(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if isinstance(value, list):
            value = "\n".join(value)
        if has_cpr(value):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {"subgoal_actions": None}
        actions = parsing.parse_actions(str(value or ""))
        too_many = len(actions) > limits.MAX_ACTIONS
        if not actions or too_many or any(len(a) > limits.ACTIVITY_MAX for a in actions):
            dispatcher.utter_message(response="utter_invalid_actions")
            return {"subgoal_actions": None}
        return {"subgoal_actions": actions}

    def validate_subgoal_responsible(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        responsible = parsing.parse_responsible(str(value or ""))
        return self.parsed(
            "subgoal_responsible", responsible, dispatcher, "utter_invalid_responsible"
        )

    def validate_subgoal_due_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        due = self._due_date(value, dispatcher)
        if due is None:
            return {"subgoal_due_date": None}
        goal_due = tracker.get_slot("goal_due_date")
        if goal_due and due > dt.date.fromisoformat(goal_due):
            dispatcher.utter_message(
                text=f"Delmålet skal nås senest samme dag som målet ({danish_date(goal_due)}). "
                "Prøv en tidligere dato."
            )
            return {"subgoal_due_date": None}
        dispatcher.utter_message(text=f"Frist for delmålet: {danish_date(due)}.")
        return {"subgoal_due_date": due.isoformat()}

    def validate_more_subgoals(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = self.answer_yes_no("more_subgoals", value, dispatcher)
        if answer is None:
            return {"more_subgoals": None}
        if not answer:
            return {"more_subgoals": "nej"}
        return {**SUBGOALS.start_next(tracker), "more_subgoals": None}

    # -- confirm and correct -----------------------------------------------------------------
    def validate_goal_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        choice = str(value or "").strip().lower()
        if choice.startswith("gem"):
            # The day may have changed since the dates were entered: check them once more.
            conflict = date_conflict(tracker, dispatcher)
            if conflict is not None:
                return {"goal_confirmed": None, **conflict}
            return {"goal_confirmed": "gem"}
        if choice.startswith("ret"):
            return {"goal_confirmed": "ret", "correction_target": None}
        if choice.startswith(("annull", "afbryd")):
            return {"goal_confirmed": "annuller"}
        dispatcher.utter_message(response="utter_invalid_confirm")
        return {"goal_confirmed": None}

    def validate_correction_field(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        problems = [p.get("activity") or "" for p in PROBLEMS.in_order(tracker)]
        subgoals = [s.get("description") or "" for s in SUBGOALS.in_order(tracker)]
        pending = tracker.get_slot("correction_target")
        choice = parse_choice(str(value or ""), problems, subgoals, pending)
        if choice is None:
            dispatcher.utter_message(text=NOT_FOUND)
            return {"correction_field": None}
        if choice.add:  # another delmål or COPM activity: the form asks "en mere?" again
            more = "more_subgoals" if choice.part == "subgoal" else "more_problems"
            return {**RESET_CORRECTION, more: None}
        if choice.needs_field:  # the item is chosen (or must be): its fields are offered next
            target = None if choice.index is None else f"{choice.part}:{choice.index}"
            return {"correction_field": None, "correction_target": target}
        items = {"problem": PROBLEMS, "subgoal": SUBGOALS}.get(choice.part or "")
        if items is not None and choice.index is not None:
            return {**items.reopen(tracker, choice.index, clear=choice.slot), **RESET_CORRECTION}
        return {choice.slot: None, **RESET_CORRECTION}

    @staticmethod
    def _due_date(value: Any, dispatcher: CollectingDispatcher) -> dt.date | None:
        text = str(value or "")
        due = parsing.parse_due_date(text)
        if due is not None:
            return due
        suggestion = parsing.vague_due_date(text)
        if suggestion is not None:
            dispatcher.utter_message(
                text=f"»{text.strip()}« er lidt bredt – hvilken dato skal det være? Mener du "
                f"fx {danish_date(suggestion)}?",
                buttons=[{"title": danish_date(suggestion), "payload": suggestion.isoformat()}],
            )
        else:
            dispatcher.utter_message(response="utter_invalid_date")
        return None
