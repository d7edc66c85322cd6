"""A goal the API refused for its data: which field, in Danish, and the form reopened there."""

from __future__ import annotations

from typing import Any

from actions.goals.capture import PROBLEMS, SUBGOALS

SUBGOAL_FIELDS = {"description": "subgoal_description", "actions": "subgoal_actions",
                  "responsible": "subgoal_responsible", "due_date": "subgoal_due_date"}  # fmt: skip
PROBLEM_FIELDS = {key: slot for key, slot in PROBLEMS.fields.items()}
GOAL_FIELDS = {"statement": "goal_statement", "due_date": "goal_due_date"}


class SlotView:
    """Slot values read like a tracker's, for a capture restored from the outbox."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def get_slot(self, name: str) -> Any:
        return self.values.get(name)


def reopen_refused(tracker: Any, fields: list[tuple[list[Any], str]]) -> dict[str, Any] | None:
    """Slot values that clear the first refused field the form can ask again; None if none."""
    for loc, _message in fields:
        step, *rest = loc or [None]
        path = [part for part in rest if part not in ("body", "path")]
        if step == "citizen" or path[:1] == ["reference"]:
            return {"citizen_ref": None}
        if step == "goal" and len(path) >= 3 and path[0] == "subgoals":
            slot = SUBGOAL_FIELDS.get(str(path[2]))
            if slot and isinstance(path[1], int):
                return SUBGOALS.reopen(tracker, path[1], clear=slot)
        if step == "goal" and path and path[0] in GOAL_FIELDS:
            return {GOAL_FIELDS[path[0]]: None}
        if step == "assessment" and len(path) >= 3 and path[0] == "problems":
            slot = PROBLEM_FIELDS.get(str(path[2]))
            if slot and isinstance(path[1], int):
                return PROBLEMS.reopen(tracker, path[1], clear=slot)
    return None


def refusal_text(fields: list[tuple[list[Any], str]]) -> str:
    reasons = "; ".join(message for _loc, message in fields if message) or "ukendt årsag"
    return f"Systemet afviste målet: {reasons}."
