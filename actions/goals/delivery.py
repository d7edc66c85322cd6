"""How a confirmed goal reaches the API: citizen, COPM assessment, then the goal with its delmål.

Each step has its own Idempotency-Key derived from the outbox entry, so a resend after any
failure repeats nothing. A refusal is re-raised with the step prefixed to each field location
("assessment", "goal"), so the conversation can name the field to correct.
"""

from __future__ import annotations

from typing import Any

from actions.common.api import ApiRefused, Delegation, GoalsApi
from actions.common.outbox import deliverer

ASSESSOR_ROLE = "terapeut eller kontaktperson"
PROBLEM_KEYS = ("area", "activity", "importance", "performance", "satisfaction")


def assessment_body(capture: dict[str, Any], role: str = ASSESSOR_ROLE) -> dict[str, Any]:
    return {
        "date": capture["date"],
        "assessor_role": role,
        "problems": [{k: p[k] for k in PROBLEM_KEYS} for p in capture["problems"]],
    }


def goal_body(capture: dict[str, Any], assessment: dict[str, Any]) -> dict[str, Any]:
    goal = capture["goal"]
    problem = assessment["problems"][goal["problem_index"]]
    return {
        "statement": goal["statement"],
        "area": problem["area"],
        "activity": problem["activity"],
        "problem_id": problem["id"],
        "due_date": goal["due_date"],
        "subgoals": [
            {k: s[k] for k in ("description", "actions", "responsible", "due_date")}
            for s in goal["subgoals"]
        ],
    }


def _at(step: str, refused: ApiRefused) -> ApiRefused:
    if isinstance(refused.detail, list):
        refused.detail = [
            {**item, "loc": [step, *item.get("loc", [])]} if isinstance(item, dict) else item
            for item in refused.detail
        ]
    return refused


@deliverer("goal")
def deliver_goal(
    api: GoalsApi, entry_id: str, reference: str, capture: dict[str, Any], acting_for: Delegation
) -> dict[str, Any]:
    try:
        api.ensure_citizen(reference, acting_for, key=f"{entry_id}-citizen")
    except ApiRefused as refused:
        raise _at("citizen", refused) from None
    try:
        assessment = api.create_assessment(
            reference, assessment_body(capture), acting_for, key=f"{entry_id}-assessment"
        )
    except ApiRefused as refused:
        raise _at("assessment", refused) from None
    try:
        return api.create_goal(
            reference, goal_body(capture, assessment), acting_for, key=f"{entry_id}-goal"
        )
    except ApiRefused as refused:
        raise _at("goal", refused) from None
