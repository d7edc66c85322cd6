"""A goal capture as the form holds it: COPM problems, the goal, its delmål, and their dates.

The form asks about one problem and one delmål at a time in the problem_* and subgoal_* slots;
finished ones wait in the list slots copm_problems and subgoals. To correct an earlier item,
it is moved back into the current slots (its place is kept in problem_edit_index /
subgoal_edit_index), so "Ret" reaches every problem and every delmål.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import clock
from actions.goals.texts import danish_date


@dataclass(frozen=True)
class ItemList:
    """One repeating part of the capture: its list slot, its current slots and their keys."""

    list_slot: str
    index_slot: str
    fields: dict[str, str]  # key in the captured item -> slot holding it while asked

    @property
    def slots(self) -> list[str]:
        return list(self.fields.values())

    def current(self, tracker: Tracker) -> dict[str, Any]:
        return {key: tracker.get_slot(slot) for key, slot in self.fields.items()}

    def in_order(self, tracker: Tracker) -> list[dict[str, Any]]:
        """Every item in order, the one in the current slots at its own place."""
        items = list(tracker.get_slot(self.list_slot) or [])
        current = self.current(tracker)
        if not any(value not in (None, []) for value in current.values()):
            return items
        index = tracker.get_slot(self.index_slot)
        if index is None or not 0 <= int(index) <= len(items):
            items.append(current)
        else:
            items.insert(int(index), current)
        return items

    def reopen(self, tracker: Tracker, index: int, clear: str | None = None) -> dict[str, Any]:
        """Slot values that move item `index` into the current slots, `clear` emptied."""
        items = self.in_order(tracker)
        chosen = items.pop(index)
        values: dict[str, Any] = {self.list_slot: items, self.index_slot: index}
        values |= {slot: chosen.get(key) for key, slot in self.fields.items()}
        if clear is not None:
            values[clear] = None
        return values

    def start_next(self, tracker: Tracker) -> dict[str, Any]:
        """Slot values that file the current item and leave the current slots empty."""
        return {
            self.list_slot: self.in_order(tracker),
            self.index_slot: None,
            **dict.fromkeys(self.slots),
        }

    def restore(self, items: list[dict[str, Any]]) -> dict[str, Any]:
        """Slot values for a capture read back from the outbox: the last item is current."""
        *earlier, last = items
        values: dict[str, Any] = {self.list_slot: earlier, self.index_slot: None}
        return values | {slot: last.get(key) for key, slot in self.fields.items()}


PROBLEMS = ItemList(
    "copm_problems",
    "problem_edit_index",
    {"area": "problem_area", "activity": "problem_activity", "importance": "problem_importance",
     "performance": "problem_performance", "satisfaction": "problem_satisfaction"},
)  # fmt: skip
SUBGOALS = ItemList(
    "subgoals",
    "subgoal_edit_index",
    {"description": "subgoal_description", "actions": "subgoal_actions",
     "responsible": "subgoal_responsible", "due_date": "subgoal_due_date"},
)  # fmt: skip


def capture_from(tracker: Tracker) -> dict[str, Any]:
    """The confirmed capture, as the outbox stores it and the summary shows it."""
    return {
        "reference": tracker.get_slot("citizen_ref"),
        "date": clock.today().isoformat(),
        "problems": PROBLEMS.in_order(tracker),
        "goal": {
            "statement": tracker.get_slot("goal_statement"),
            "due_date": tracker.get_slot("goal_due_date"),
            "problem_index": int(tracker.get_slot("goal_problem") or 1) - 1,
            "subgoals": SUBGOALS.in_order(tracker),
        },
    }


def slots_from(capture: dict[str, Any]) -> dict[str, Any]:
    """The form's slots for a capture read back from the outbox (to correct a refused field)."""
    goal = capture["goal"]
    return {
        "citizen_ref": capture["reference"],
        "goal_statement": goal["statement"],
        "goal_due_date": goal["due_date"],
        "goal_problem": goal["problem_index"] + 1,
        "more_problems": "nej",
        "more_subgoals": "nej",
        **PROBLEMS.restore(capture["problems"]),
        **SUBGOALS.restore(goal["subgoals"]),
    }


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
    for number, subgoal in enumerate(SUBGOALS.in_order(tracker), 1):
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
        return SUBGOALS.reopen(tracker, number - 1, clear="subgoal_due_date")
    return None
