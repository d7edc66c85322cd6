"""Load the rows the services work on. Raises NotFound (a domain error), never HTTPException."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.errors import NotFound
from api.models import Assessment, Citizen, CopmProblem, Goal, Reassessment, Subgoal


def citizen(session: Session, reference: str) -> Citizen:
    found = session.scalars(select(Citizen).where(Citizen.reference == reference)).one_or_none()
    if found is None:
        raise NotFound(f"Borger med reference '{reference}' findes ikke")
    return found


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


def assessment(session: Session, assessment_id: int) -> Assessment:
    found = session.scalars(
        select(Assessment).where(Assessment.id == assessment_id).options(*ASSESSMENT_TREE)
    ).one_or_none()
    if found is None:
        raise NotFound(f"COPM-vurdering {assessment_id} findes ikke")
    return found


def assessments_of(session: Session, of: Citizen) -> list[Assessment]:
    return list(
        session.scalars(
            select(Assessment)
            .where(Assessment.citizen_id == of.id)
            .order_by(Assessment.assessed_on, Assessment.id)
            .options(*ASSESSMENT_TREE)
        )
    )


def goal(session: Session, goal_id: int) -> Goal:
    found = session.scalars(
        select(Goal).where(Goal.id == goal_id).options(*GOAL_TREE)
    ).one_or_none()
    if found is None:
        raise NotFound(f"Mål {goal_id} findes ikke")
    return found


def goals_of(session: Session, of: Citizen) -> list[Goal]:
    return list(
        session.scalars(
            select(Goal).where(Goal.citizen_id == of.id).order_by(Goal.id).options(*GOAL_TREE)
        )
    )


def subgoal(session: Session, subgoal_id: int) -> Subgoal:
    found = session.scalars(
        select(Subgoal)
        .where(Subgoal.id == subgoal_id)
        .options(
            selectinload(Subgoal.goal).selectinload(Goal.citizen),
            selectinload(Subgoal.evaluations),
        )
    ).one_or_none()
    if found is None:
        raise NotFound(f"Delmål {subgoal_id} findes ikke")
    return found


def problem_of_citizen(session: Session, problem_id: int, citizen_id: int) -> CopmProblem | None:
    return session.scalars(
        select(CopmProblem)
        .join(Assessment, CopmProblem.assessment_id == Assessment.id)
        .where(CopmProblem.id == problem_id, Assessment.citizen_id == citizen_id)
    ).one_or_none()
