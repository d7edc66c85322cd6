"""Load the rows an endpoint works on, or answer 404 with a clear message."""

from __future__ import annotations

from fastapi import HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.models import Assessment, Citizen, CopmProblem, Goal, Reassessment, Subgoal


def _not_found(message: str) -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=message)


def citizen_or_404(session: Session, reference: str) -> Citizen:
    citizen = session.scalars(select(Citizen).where(Citizen.reference == reference)).one_or_none()
    if citizen is None:
        raise _not_found(f"Borger med reference '{reference}' findes ikke")
    return citizen


ASSESSMENT_TREE = (
    selectinload(Assessment.citizen),
    selectinload(Assessment.problems),
    selectinload(Assessment.reassessments).selectinload(Reassessment.ratings),
)

GOAL_TREE = (
    selectinload(Goal.citizen),
    selectinload(Goal.evaluations),
    selectinload(Goal.subgoals).selectinload(Subgoal.evaluations),
)


def assessment_or_404(session: Session, assessment_id: int) -> Assessment:
    assessment = session.scalars(
        select(Assessment).where(Assessment.id == assessment_id).options(*ASSESSMENT_TREE)
    ).one_or_none()
    if assessment is None:
        raise _not_found(f"COPM-vurdering {assessment_id} findes ikke")
    return assessment


def assessments_of(session: Session, citizen: Citizen) -> list[Assessment]:
    return list(
        session.scalars(
            select(Assessment)
            .where(Assessment.citizen_id == citizen.id)
            .order_by(Assessment.assessed_on, Assessment.id)
            .options(*ASSESSMENT_TREE)
        )
    )


def goal_or_404(session: Session, goal_id: int) -> Goal:
    goal = session.scalars(select(Goal).where(Goal.id == goal_id).options(*GOAL_TREE)).one_or_none()
    if goal is None:
        raise _not_found(f"Mål {goal_id} findes ikke")
    return goal


def goals_of(session: Session, citizen: Citizen) -> list[Goal]:
    return list(
        session.scalars(
            select(Goal).where(Goal.citizen_id == citizen.id).order_by(Goal.id).options(*GOAL_TREE)
        )
    )


def subgoal_or_404(session: Session, subgoal_id: int) -> Subgoal:
    subgoal = session.scalars(
        select(Subgoal)
        .where(Subgoal.id == subgoal_id)
        .options(selectinload(Subgoal.goal).selectinload(Goal.citizen))
    ).one_or_none()
    if subgoal is None:
        raise _not_found(f"Delmål {subgoal_id} findes ikke")
    return subgoal


def problem_of_citizen(session: Session, problem_id: int, citizen_id: int) -> CopmProblem | None:
    return session.scalars(
        select(CopmProblem)
        .join(Assessment, CopmProblem.assessment_id == Assessment.id)
        .where(CopmProblem.id == problem_id, Assessment.citizen_id == citizen_id)
    ).one_or_none()
