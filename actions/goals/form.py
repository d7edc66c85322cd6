"""Validation of goal_form: COPM problems, the goal, its delmål, then Gem / Ret / Annuller.

The form loops: a "ja" to "flere aktiviteter?" or "et delmål mere?" moves the current item into
a list slot and clears its slots, so the form asks for the next one. "Ret" clears just the chosen
field; the form asks for it again and then shows the summary anew.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import clock
from actions.goals import parsing
from actions.goals.texts import danish_date
from rehab_rules import limits
from rehab_rules.cpr import REDACTION, contains_cpr

MAX_PROBLEMS = limits.MAX_PROBLEMS
MAX_TEXT = limits.LONG_TEXT_MAX
MAX_ACTIVITY = limits.ACTIVITY_MAX
PROBLEM_SLOTS = [
    "problem_area", "problem_activity", "problem_importance", "problem_performance",
    "problem_satisfaction",
]  # fmt: skip
SUBGOAL_SLOTS = [
    "subgoal_description",
    "subgoal_actions",
    "subgoal_responsible",
    "subgoal_due_date",
]
# What "Ret" offers, and the slot each choice clears.
CORRECTABLE = {
    "reference": "citizen_ref", "aktivitet": "problem_activity", "vigtighed": "problem_importance",
    "udførelse": "problem_performance", "tilfredshed": "problem_satisfaction",
    "mål": "goal_statement", "frist": "goal_due_date", "delmål": "subgoal_description",
    "handlinger": "subgoal_actions", "ansvarlig": "subgoal_responsible",
    "delmålsfrist": "subgoal_due_date",
}  # fmt: skip
VAGUE_RESPONSES = {
    ("aktivitet", "omfang"): "utter_goal_vague",
    ("aktivitet",): "utter_goal_missing_activity",
    ("omfang",): "utter_goal_missing_amount",
}
YES = re.compile(r"^\s*(ja|jo|jep|jeps|yes|gerne|ja tak|en mere|et mere|ja, en mere)\b", re.I)
NO = re.compile(r"^\s*(nej|nope|ikke flere|videre|nej tak|færdig|det er nok)\b", re.I)


def yes_no(text: str) -> bool | None:
    if YES.match(text or ""):
        return True
    if NO.match(text or ""):
        return False
    return None


def _has_cpr(text: Any) -> bool:
    return isinstance(text, str) and (REDACTION in text or contains_cpr(text))


def current_problem(tracker: Tracker) -> dict[str, Any]:
    return {
        "area": tracker.get_slot("problem_area"),
        "activity": tracker.get_slot("problem_activity"),
        "importance": tracker.get_slot("problem_importance"),
        "performance": tracker.get_slot("problem_performance"),
        "satisfaction": tracker.get_slot("problem_satisfaction"),
    }


def current_subgoal(tracker: Tracker) -> dict[str, Any]:
    return {
        "description": tracker.get_slot("subgoal_description"),
        "actions": tracker.get_slot("subgoal_actions") or [],
        "responsible": tracker.get_slot("subgoal_responsible"),
        "due_date": tracker.get_slot("subgoal_due_date"),
    }


def _is_blank(item: dict[str, Any]) -> bool:
    return not any(item.values())


def subgoals_in_order(tracker: Tracker) -> list[dict[str, Any]]:
    """Every delmål of the capture in order; the one in the subgoal_* slots at its own place.

    The subgoal_* slots hold the delmål being asked about: the newest one while capturing, or
    an earlier one that was reopened (subgoal_edit_index) to correct one of its fields.
    """
    items = list(tracker.get_slot("subgoals") or [])
    current = current_subgoal(tracker)
    if _is_blank(current):
        return items
    index = tracker.get_slot("subgoal_edit_index")
    if index is None or not 0 <= int(index) <= len(items):
        items.append(current)
    else:
        items.insert(int(index), current)
    return items


def reopen_subgoal(tracker: Tracker, index: int, clear: str) -> dict[str, Any]:
    """Slot values that move delmål `index` into the subgoal_* slots with `clear` emptied."""
    items = subgoals_in_order(tracker)
    chosen = items.pop(index)
    values: dict[str, Any] = {
        "subgoals": items,
        "subgoal_edit_index": index,
        "subgoal_description": chosen["description"],
        "subgoal_actions": chosen["actions"],
        "subgoal_responsible": chosen["responsible"],
        "subgoal_due_date": chosen["due_date"],
    }
    values[clear] = None
    return values


def date_conflict(
    tracker: Tracker, dispatcher: CollectingDispatcher, goal_due: str | None = None
) -> dict[str, Any] | None:
    """The first date of the capture the API would refuse, reopened with a Danish explanation.

    Rules (the API's): no due date in the past, and no delmål due after its goal. Checked when
    the goal's date is entered or corrected and again at "Gem", so a capture that reaches the
    API is never refused for its dates.
    """
    today = clock.today()
    goal_due = goal_due or tracker.get_slot("goal_due_date")
    if goal_due and dt.date.fromisoformat(goal_due) < today:
        dispatcher.utter_message(
            text=f"Målets frist ({danish_date(goal_due)}) er passeret. Vælg en ny frist."
        )
        return {"goal_due_date": None}
    for number, subgoal in enumerate(subgoals_in_order(tracker), 1):
        due = subgoal.get("due_date")
        if not due:
            continue
        name = f"Delmål {number} »{subgoal['description']}«"
        if dt.date.fromisoformat(due) < today:
            dispatcher.utter_message(
                text=f"{name} har en frist, der er passeret ({danish_date(due)})."
            )
        elif goal_due and due > goal_due:
            dispatcher.utter_message(
                text=f"{name} har frist {danish_date(due)}, men målet skal nu nås "
                f"{danish_date(goal_due)}. Et delmål skal nås senest samme dag som målet."
            )
        else:
            continue
        return reopen_subgoal(tracker, number - 1, clear="subgoal_due_date")
    return None


def all_problems(tracker: Tracker) -> list[dict[str, Any]]:
    problems = list(tracker.get_slot("copm_problems") or [])
    if tracker.get_slot("problem_satisfaction") is not None:
        problems.append(current_problem(tracker))
    return problems


def capture_from(tracker: Tracker) -> dict[str, Any]:
    """The confirmed capture as the outbox stores it."""
    problems = all_problems(tracker)
    index = int(tracker.get_slot("goal_problem") or 1) - 1
    subgoals = subgoals_in_order(tracker)
    return {
        "reference": tracker.get_slot("citizen_ref"),
        "problems": problems,
        "goal": {
            "statement": tracker.get_slot("goal_statement"),
            "due_date": tracker.get_slot("goal_due_date"),
            "problem_index": index,
            "subgoals": subgoals,
        },
    }


class ValidateGoalForm(FormValidationAction):
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
        problems = len(tracker.get_slot("copm_problems") or []) + 1
        if problems >= MAX_PROBLEMS and tracker.get_slot("more_problems") is None:
            slots.remove("more_problems")
        if problems == 1 or tracker.get_slot("goal_problem") is not None:
            slots.remove("goal_problem")
        if tracker.get_slot("goal_confirmed") != "ret":
            slots.remove("correction_field")  # asked only after "Ret"
        return slots

    # -- who ---------------------------------------------------------------------------------
    def validate_citizen_ref(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if _has_cpr(text):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {"citizen_ref": None}
        reference = parsing.find_reference(text) or text
        if not parsing.is_reference_valid(reference) or " " in reference:
            dispatcher.utter_message(response="utter_invalid_reference")
            return {"citizen_ref": None}
        return {"citizen_ref": reference.upper()}

    # -- COPM --------------------------------------------------------------------------------
    def validate_problem_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        area = parsing.parse_area(str(value or ""))
        if area is None:
            dispatcher.utter_message(response="utter_invalid_area")
        return {"problem_area": area}

    def validate_problem_activity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"problem_activity": self._free_text(value, MAX_ACTIVITY, dispatcher)}

    def _score(self, slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        score = parsing.parse_score(str(value or ""))
        if score is None:
            dispatcher.utter_message(response="utter_invalid_score")
        return {slot: score}

    def validate_problem_importance(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._score("problem_importance", value, dispatcher)

    def validate_problem_performance(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._score("problem_performance", value, dispatcher)

    def validate_problem_satisfaction(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._score("problem_satisfaction", value, dispatcher)

    def validate_more_problems(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = yes_no(str(value or ""))
        if answer is None:
            dispatcher.utter_message(response="utter_invalid_yes_no")
            return {"more_problems": None}
        if not answer:
            return {"more_problems": "nej"}
        done = [*(tracker.get_slot("copm_problems") or []), current_problem(tracker)]
        return {"copm_problems": done, "more_problems": None, **dict.fromkeys(PROBLEM_SLOTS)}

    def validate_goal_problem(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        count = len(all_problems(tracker))
        choice = parsing.parse_score(str(value or ""))
        if choice is None or not 1 <= choice <= count:
            dispatcher.utter_message(response="utter_invalid_goal_problem")
            return {"goal_problem": None}
        return {"goal_problem": choice}

    # -- the goal ----------------------------------------------------------------------------
    def validate_goal_statement(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        statement = self._free_text(value, MAX_TEXT, dispatcher)
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
        due = parsing.parse_due_date(str(value or ""))
        if due is None:
            dispatcher.utter_message(response="utter_invalid_date")
            return {"goal_due_date": None}
        dispatcher.utter_message(text=f"Frist for målet: {danish_date(due)}.")
        # A corrected goal date may now fall before a delmål: resolve that here, not at the API.
        conflict = date_conflict(tracker, dispatcher, goal_due=due.isoformat()) or {}
        return {"goal_due_date": due.isoformat(), **conflict}

    # -- delmål ------------------------------------------------------------------------------
    def validate_subgoal_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"subgoal_description": self._free_text(value, MAX_TEXT, dispatcher)}

    def validate_subgoal_actions(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if isinstance(value, list):
            value = "\n".join(value)
        if _has_cpr(value):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {"subgoal_actions": None}
        actions = parsing.parse_actions(str(value or ""))
        too_many = len(actions) > limits.MAX_ACTIONS
        if not actions or too_many or any(len(a) > MAX_ACTIVITY for a in actions):
            dispatcher.utter_message(response="utter_invalid_actions")
            return {"subgoal_actions": None}
        return {"subgoal_actions": actions}

    def validate_subgoal_responsible(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        responsible = parsing.parse_responsible(str(value or ""))
        if responsible is None:
            dispatcher.utter_message(response="utter_invalid_responsible")
        return {"subgoal_responsible": responsible}

    def validate_subgoal_due_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        due = parsing.parse_due_date(str(value or ""))
        if due is None:
            dispatcher.utter_message(response="utter_invalid_date")
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
        answer = yes_no(str(value or ""))
        if answer is None:
            dispatcher.utter_message(response="utter_invalid_yes_no")
            return {"more_subgoals": None}
        if not answer:
            return {"more_subgoals": "nej"}
        return {
            "subgoals": subgoals_in_order(tracker),
            "subgoal_edit_index": None,
            "more_subgoals": None,
            **dict.fromkeys(SUBGOAL_SLOTS),
        }

    # -- confirm -----------------------------------------------------------------------------
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
            return {"goal_confirmed": "ret"}
        if choice.startswith(("annull", "afbryd")):
            return {"goal_confirmed": "annuller"}
        dispatcher.utter_message(response="utter_invalid_confirm")
        return {"goal_confirmed": None}

    def validate_correction_field(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        choice = str(value or "").strip().lower()
        slot = CORRECTABLE.get(choice) or next(
            (s for name, s in CORRECTABLE.items() if name in choice), None
        )
        if slot is None:  # the form asks again, with the buttons
            return {"correction_field": None}
        # Clear the field and the confirmation: the form asks for the field, then confirms anew.
        return {"correction_field": None, slot: None, "goal_confirmed": None}

    @staticmethod
    def _free_text(value: Any, limit: int, dispatcher: CollectingDispatcher) -> str | None:
        text = str(value or "").strip()
        if _has_cpr(text):
            dispatcher.utter_message(response="utter_cpr_refused")
            return None
        if not text:
            dispatcher.utter_message(response="utter_empty_text")
            return None
        if len(text) > limit:
            dispatcher.utter_message(text=f"Det er lidt for langt – højst {limit} tegn, tak.")
            return None
        return text
