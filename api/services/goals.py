"""Goals and delmål (subgoals): create, read, patch.

Goal fields are copied generically between the schemas (api.schemas.goals) and the model, so
a new field needs no code here; see "Adding a field" in api/README.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from api import audit, lookups
from api.clock import utcnow
from api.enums import AuditAction
from api.errors import error_item, raise_if
from api.idempotency import Created
from api.models import BaselineRatings, Citizen, CopmProblem, Goal, Subgoal
from api.principal import Principal
from api.schemas.common import check_due_date
from api.schemas.goals import (
    GoalCreate,
    GoalOut,
    GoalPatch,
    SubgoalCreate,
    SubgoalOut,
    SubgoalPatch,
)
from api.services.records import CitizenRecords

Errors = list[dict[str, Any]]
Loc = tuple[str | int, ...]


def _comparable(value: Any) -> Any:
    """Baselines compare by their three ratings, whatever object holds them."""
    if hasattr(value, "importance"):
        return (value.importance, value.performance, value.satisfaction)
    return value


def _problem(
    session: Session, problem_id: int | None, citizen: Citizen, errors: Errors
) -> CopmProblem | None:
    if problem_id is None:
        return None
    problem = lookups.problem_of_citizen(session, problem_id, citizen.id)
    if problem is None:
        errors.append(
            error_item(
                ("body", "problem_id"),
                f"COPM-problem {problem_id} findes ikke hos borger '{citizen.reference}'",
            )
        )
    return problem


def _baseline_from(problem: CopmProblem, sent: Any, sent_it: bool, errors: Errors) -> Any:
    """The baseline of a goal linked to a COPM problem is that problem's ratings.

    A client may send it too (then it must agree) or leave it out.
    """
    derived = BaselineRatings(problem.importance, problem.performance, problem.satisfaction)
    if sent_it and _comparable(sent) != _comparable(derived):
        errors.append(
            error_item(
                ("body", "baseline"),
                f"Baseline skal svare til COPM-problem {problem.id} (vigtighed "
                f"{derived.importance}, udførelse {derived.performance}, tilfredshed "
                f"{derived.satisfaction}); udelad baseline, så udfyldes den fra problemet",
            )
        )
    return derived


def _check_subgoal_within_goal(
    subgoal_due: dt.date, goal_due: dt.date, loc: Loc, errors: Errors
) -> None:
    # Decision: a delmål is a step towards its goal, so it is due no later than the goal.
    if subgoal_due > goal_due:
        errors.append(
            error_item(
                loc,
                f"Delmålets frist ({subgoal_due.isoformat()}) ligger efter målets frist "
                f"({goal_due.isoformat()}); flyt målets frist først, hvis det er meningen",
            )
        )


def _new_subgoal(body: SubgoalCreate, who: Principal) -> Subgoal:
    now = utcnow()
    return Subgoal(
        **body.model_dump(), created_at=now, updated_at=now, created_by=who.name, evaluations=[]
    )


def create_goal(
    session: Session, who: Principal, reference: str, body: GoalCreate
) -> Created[GoalOut]:
    citizen = lookups.citizen(session, reference)
    errors: Errors = []
    fields = {name: getattr(body, name) for name in GoalCreate.model_fields if name != "subgoals"}
    problem = _problem(session, body.problem_id, citizen, errors)
    if problem is not None:
        sent = body.baseline is not None
        fields["baseline"] = _baseline_from(problem, body.baseline, sent, errors)
    for index, subgoal in enumerate(body.subgoals):
        _check_subgoal_within_goal(
            subgoal.due_date, body.due_date, ("body", "subgoals", index, "due_date"), errors
        )
    raise_if(errors)
    now = utcnow()
    goal = Goal(
        **fields,
        citizen=citizen,
        created_at=now,
        updated_at=now,
        created_by=who.name,
        subgoals=[_new_subgoal(subgoal, who) for subgoal in body.subgoals],
        evaluations=[],
    )
    session.add(goal)
    session.flush()
    audit.record(session, who, AuditAction.CREATE, "goal", goal.id, reference)
    for subgoal in goal.subgoals:
        audit.record(session, who, AuditAction.CREATE, "subgoal", subgoal.id, reference)
    return Created(GoalOut.model_validate(goal), citizen.id)


_goals = CitizenRecords(
    "goal", of_citizen=lookups.goals_of, find=lookups.goal, view=GoalOut.model_validate
)
list_goals = _goals.list_for
read_goal = _goals.read


def _moved_due_date(row: Goal | Subgoal, changes: dict[str, Any], errors: Errors) -> dt.date | None:
    """The patch's new due date if it moves the date (checked like a new one), else None."""
    new_due: dt.date | None = changes.get("due_date")
    if new_due is None or new_due == row.due_date:
        return None
    try:
        check_due_date(new_due)
    except ValueError as exc:
        errors.append(error_item(("body", "due_date"), str(exc)))
    return new_due


def _save_changes(
    session: Session, who: Principal, row: Goal | Subgoal, entity_type: str, changes: dict[str, Any]
) -> None:
    """Set the fields that really change, audit their names (never values) and commit."""
    changed: list[str] = []
    for name, value in changes.items():
        if _comparable(getattr(row, name)) != _comparable(value):
            setattr(row, name, list(value) if isinstance(value, list) else value)
            changed.append(name)
    if changed:
        row.updated_at = utcnow()
        reference = row.citizen.reference
        audit.record(session, who, AuditAction.UPDATE, entity_type, row.id, reference, changed)
    session.commit()


def patch_goal(session: Session, who: Principal, goal_id: int, body: GoalPatch) -> GoalOut:
    goal = lookups.goal(session, goal_id)
    changes = body.changes()
    errors: Errors = []
    new_due = _moved_due_date(goal, changes, errors)
    if new_due is not None:
        late = sorted(s.id for s in goal.subgoals if s.due_date > new_due)
        if late:
            errors.append(
                error_item(
                    ("body", "due_date"),
                    f"Målets frist kan ikke ligge før fristen for delmål "
                    f"{', '.join(map(str, late))}; ret delmålenes frist først",
                )
            )
    problem_id = changes.get("problem_id", goal.problem_id)
    if "problem_id" in changes or "baseline" in changes:
        problem = _problem(session, problem_id, goal.citizen, errors)
        if problem is not None:
            sent = "baseline" in changes
            changes["baseline"] = _baseline_from(problem, changes.get("baseline"), sent, errors)
    raise_if(errors)
    _save_changes(session, who, goal, "goal", changes)
    return GoalOut.model_validate(goal)


def add_subgoal(
    session: Session, who: Principal, goal_id: int, body: SubgoalCreate
) -> Created[SubgoalOut]:
    goal = lookups.goal(session, goal_id)
    errors: Errors = []
    _check_subgoal_within_goal(body.due_date, goal.due_date, ("body", "due_date"), errors)
    raise_if(errors)
    subgoal = _new_subgoal(body, who)
    goal.subgoals.append(subgoal)
    session.flush()
    audit.record(session, who, AuditAction.CREATE, "subgoal", subgoal.id, goal.citizen.reference)
    return Created(SubgoalOut.model_validate(subgoal), goal.citizen_id)


def patch_subgoal(
    session: Session, who: Principal, subgoal_id: int, body: SubgoalPatch
) -> SubgoalOut:
    subgoal = lookups.subgoal(session, subgoal_id)
    changes = body.changes()
    errors: Errors = []
    new_due = _moved_due_date(subgoal, changes, errors)
    if new_due is not None:
        _check_subgoal_within_goal(new_due, subgoal.goal.due_date, ("body", "due_date"), errors)
    raise_if(errors)
    _save_changes(session, who, subgoal, "subgoal", changes)
    return SubgoalOut.model_validate(subgoal)
