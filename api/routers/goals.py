"""Goals, delmål (subgoals) and their evaluations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from api import audit, lookups, views
from api.clock import utcnow
from api.deps import SessionDep
from api.enums import AuditAction
from api.errors import error_item
from api.idempotency import Created, Fingerprint, IdempotencyKey, run_create
from api.models import Citizen, Evaluation, Goal, Subgoal
from api.routers.params import GoalId, ReferencePath, SubgoalId
from api.schemas.common import check_due_date
from api.schemas.goals import (
    EvaluationCreate,
    EvaluationOut,
    GoalCreate,
    GoalOut,
    GoalPatch,
    SubgoalCreate,
    SubgoalOut,
    SubgoalPatch,
)
from api.security import Reader, Writer

router = APIRouter(prefix="/api/v1", tags=["goals"])

Errors = list[dict[str, Any]]


def _raise_if(errors: Errors) -> None:
    if errors:
        raise RequestValidationError(errors)


def _check_problem(
    session: Session, problem_id: int | None, citizen: Citizen, errors: Errors
) -> None:
    if problem_id is None:
        return
    if lookups.problem_of_citizen(session, problem_id, citizen.id) is None:
        errors.append(
            error_item(
                ("body", "problem_id"),
                f"COPM-problem {problem_id} findes ikke hos borger '{citizen.reference}'",
            )
        )


def _check_subgoal_within_goal(
    subgoal_due: dt.date, goal_due: dt.date, loc: tuple[str | int, ...], errors: Errors
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


def _check_changed_due_date(new: dt.date, loc: tuple[str | int, ...], errors: Errors) -> None:
    try:
        check_due_date(new)
    except ValueError as exc:
        errors.append(error_item(loc, str(exc)))


def _new_subgoal(body: SubgoalCreate, principal_name: str) -> Subgoal:
    now = utcnow()
    return Subgoal(
        description=body.description,
        actions=list(body.actions),
        responsible=body.responsible,
        due_date=body.due_date,
        status=body.status,
        created_at=now,
        updated_at=now,
        created_by=principal_name,
        evaluations=[],
    )


@router.post(
    "/citizens/{reference}/goals",
    status_code=status.HTTP_201_CREATED,
    response_model=GoalOut,
    summary="Create a goal together with its delmål (all or nothing)",
)
def create_goal(
    reference: ReferencePath,
    body: GoalCreate,
    session: SessionDep,
    principal: Writer,
    fingerprint: Fingerprint,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def create() -> Created:
        citizen = lookups.citizen_or_404(session, reference)
        errors: Errors = []
        _check_problem(session, body.problem_id, citizen, errors)
        for index, subgoal in enumerate(body.subgoals):
            _check_subgoal_within_goal(
                subgoal.due_date, body.due_date, ("body", "subgoals", index, "due_date"), errors
            )
        _raise_if(errors)
        now = utcnow()
        baseline = body.baseline
        goal = Goal(
            citizen=citizen,
            problem_id=body.problem_id,
            statement=body.statement,
            area=body.area,
            activity=body.activity,
            fsiii_area=body.fsiii_area,
            baseline_importance=baseline.importance if baseline else None,
            baseline_performance=baseline.performance if baseline else None,
            baseline_satisfaction=baseline.satisfaction if baseline else None,
            due_date=body.due_date,
            status=body.status,
            created_at=now,
            updated_at=now,
            created_by=principal.name,
            subgoals=[_new_subgoal(subgoal, principal.name) for subgoal in body.subgoals],
            evaluations=[],
        )
        session.add(goal)
        session.flush()
        audit.record(session, principal, AuditAction.CREATE, "goal", goal.id, reference)
        for subgoal in goal.subgoals:
            audit.record(session, principal, AuditAction.CREATE, "subgoal", subgoal.id, reference)
        return Created(views.goal_out(goal), citizen.id)

    return run_create(session, principal, idempotency_key, fingerprint, create)


@router.get(
    "/citizens/{reference}/goals",
    response_model=list[GoalOut],
    summary="The citizen's goals with delmål, evaluations and the latest evaluation",
)
def list_goals(reference: ReferencePath, session: SessionDep, _principal: Reader) -> list[GoalOut]:
    citizen = lookups.citizen_or_404(session, reference)
    return [views.goal_out(goal) for goal in lookups.goals_of(session, citizen)]


@router.get("/goals/{goal_id}", response_model=GoalOut)
def get_goal(goal_id: GoalId, session: SessionDep, _principal: Reader) -> GoalOut:
    return views.goal_out(lookups.goal_or_404(session, goal_id))


NO_BASELINE = (None, None, None)


def _baseline_tuple(goal: Goal) -> tuple[int | None, int | None, int | None]:
    return (goal.baseline_importance, goal.baseline_performance, goal.baseline_satisfaction)


@router.patch(
    "/goals/{goal_id}",
    response_model=GoalOut,
    summary="Change some fields of a goal (omitted fields stay as they are)",
)
def patch_goal(goal_id: GoalId, body: GoalPatch, session: SessionDep, principal: Writer) -> GoalOut:
    goal = lookups.goal_or_404(session, goal_id)
    changes = body.changes()
    errors: Errors = []
    new_due = changes.get("due_date")
    if new_due is not None and new_due != goal.due_date:
        _check_changed_due_date(new_due, ("body", "due_date"), errors)
        late = sorted(s.id for s in goal.subgoals if s.due_date > new_due)
        if late:
            errors.append(
                error_item(
                    ("body", "due_date"),
                    f"Målets frist kan ikke ligge før fristen for delmål "
                    f"{', '.join(map(str, late))}; ret delmålenes frist først",
                )
            )
    if changes.get("problem_id") not in (None, goal.problem_id):
        _check_problem(session, changes["problem_id"], goal.citizen, errors)
    _raise_if(errors)

    changed: list[str] = []
    for name, value in changes.items():
        if name == "baseline":
            new = NO_BASELINE
            if value is not None:
                new = (value.importance, value.performance, value.satisfaction)
            if new != _baseline_tuple(goal):
                (
                    goal.baseline_importance,
                    goal.baseline_performance,
                    goal.baseline_satisfaction,
                ) = new
                changed.append(name)
        elif getattr(goal, name) != value:
            setattr(goal, name, value)
            changed.append(name)
    if changed:
        goal.updated_at = utcnow()
        audit.record(
            session, principal, AuditAction.UPDATE, "goal", goal.id, goal.citizen.reference, changed
        )
    session.commit()
    return views.goal_out(goal)


@router.post(
    "/goals/{goal_id}/subgoals",
    status_code=status.HTTP_201_CREATED,
    response_model=SubgoalOut,
    summary="Add a delmål to a goal",
)
def create_subgoal(
    goal_id: GoalId,
    body: SubgoalCreate,
    session: SessionDep,
    principal: Writer,
    fingerprint: Fingerprint,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def create() -> Created:
        goal = lookups.goal_or_404(session, goal_id)
        errors: Errors = []
        _check_subgoal_within_goal(body.due_date, goal.due_date, ("body", "due_date"), errors)
        _raise_if(errors)
        subgoal = _new_subgoal(body, principal.name)
        goal.subgoals.append(subgoal)
        session.flush()
        reference = goal.citizen.reference
        audit.record(session, principal, AuditAction.CREATE, "subgoal", subgoal.id, reference)
        return Created(views.subgoal_out(subgoal), goal.citizen_id)

    return run_create(session, principal, idempotency_key, fingerprint, create)


@router.patch(
    "/subgoals/{subgoal_id}",
    response_model=SubgoalOut,
    summary="Change some fields of a delmål (omitted fields stay as they are)",
)
def patch_subgoal(
    subgoal_id: SubgoalId, body: SubgoalPatch, session: SessionDep, principal: Writer
) -> SubgoalOut:
    subgoal = lookups.subgoal_or_404(session, subgoal_id)
    changes = body.changes()
    errors: Errors = []
    new_due = changes.get("due_date")
    if new_due is not None and new_due != subgoal.due_date:
        _check_changed_due_date(new_due, ("body", "due_date"), errors)
        _check_subgoal_within_goal(new_due, subgoal.goal.due_date, ("body", "due_date"), errors)
    _raise_if(errors)

    changed: list[str] = []
    for name, value in changes.items():
        current = getattr(subgoal, name)
        if current != value:
            setattr(subgoal, name, list(value) if name == "actions" else value)
            changed.append(name)
    if changed:
        subgoal.updated_at = utcnow()
        audit.record(
            session,
            principal,
            AuditAction.UPDATE,
            "subgoal",
            subgoal.id,
            subgoal.goal.citizen.reference,
            changed,
        )
    session.commit()
    return views.subgoal_out(subgoal)


def _new_evaluation(body: EvaluationCreate, principal_name: str) -> Evaluation:
    return Evaluation(
        evaluated_on=body.date,
        traffic_light=body.traffic_light,
        performance=body.performance,
        satisfaction=body.satisfaction,
        note=body.note,
        created_by=principal_name,
    )


@router.post(
    "/goals/{goal_id}/evaluations",
    status_code=status.HTTP_201_CREATED,
    response_model=EvaluationOut,
    summary="Evaluate a goal (traffic light, optional new COPM ratings, note)",
)
def evaluate_goal(
    goal_id: GoalId,
    body: EvaluationCreate,
    session: SessionDep,
    principal: Writer,
    fingerprint: Fingerprint,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def create() -> Created:
        goal = lookups.goal_or_404(session, goal_id)
        evaluation = _new_evaluation(body, principal.name)
        goal.evaluations.append(evaluation)
        session.flush()
        reference = goal.citizen.reference
        audit.record(session, principal, AuditAction.CREATE, "evaluation", evaluation.id, reference)
        return Created(views.evaluation_out(evaluation), goal.citizen_id)

    return run_create(session, principal, idempotency_key, fingerprint, create)


@router.post(
    "/subgoals/{subgoal_id}/evaluations",
    status_code=status.HTTP_201_CREATED,
    response_model=EvaluationOut,
    summary="Evaluate a delmål (traffic light, optional new COPM ratings, note)",
)
def evaluate_subgoal(
    subgoal_id: SubgoalId,
    body: EvaluationCreate,
    session: SessionDep,
    principal: Writer,
    fingerprint: Fingerprint,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def create() -> Created:
        subgoal = lookups.subgoal_or_404(session, subgoal_id)
        evaluation = _new_evaluation(body, principal.name)
        subgoal.evaluations.append(evaluation)
        session.flush()
        reference = subgoal.goal.citizen.reference
        audit.record(session, principal, AuditAction.CREATE, "evaluation", evaluation.id, reference)
        return Created(views.evaluation_out(evaluation), subgoal.goal.citizen_id)

    return run_create(session, principal, idempotency_key, fingerprint, create)
