"""COPM assessments and re-assessments."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.orm import Session

from api import audit, lookups, views
from api.enums import AuditAction
from api.errors import error_item, raise_if
from api.idempotency import Created
from api.models import Assessment, CopmProblem, Reassessment, ReassessmentRating
from api.principal import Principal
from api.schemas.assessments import (
    AssessmentCreate,
    AssessmentOut,
    ReassessmentCreate,
    ReassessmentOut,
)
from api.services.records import CitizenRecords


def create_assessment(
    session: Session, who: Principal, reference: str, body: AssessmentCreate
) -> Created[AssessmentOut]:
    citizen = lookups.citizen(session, reference)
    assessment = Assessment(
        citizen=citizen,
        assessed_on=body.date,
        assessor_role=body.assessor_role,
        created_by=who.name,
        problems=[
            CopmProblem(priority=priority, **problem.model_dump())
            for priority, problem in enumerate(body.problems, start=1)
        ],
        reassessments=[],
    )
    session.add(assessment)
    session.flush()
    audit.record(session, who, AuditAction.CREATE, "assessment", assessment.id, reference)
    return Created(views.assessment_out(assessment), citizen.id)


_assessments = CitizenRecords(
    "assessment",
    of_citizen=lookups.assessments_of,
    find=lookups.assessment,
    view=views.assessment_out,
)
list_assessments = _assessments.list_for
read_assessment = _assessments.read


def _check_ratings(assessment: Assessment, body: ReassessmentCreate) -> None:
    """Every problem of the assessment rated exactly once, and nothing else."""
    errors: list[dict[str, Any]] = []
    known = {problem.id for problem in assessment.problems}
    counts = Counter(rating.problem_id for rating in body.ratings)
    for index, rating in enumerate(body.ratings):
        loc = ("body", "ratings", index, "problem_id")
        if rating.problem_id not in known:
            errors.append(
                error_item(
                    loc,
                    f"Problem {rating.problem_id} hører ikke til COPM-vurdering {assessment.id}",
                )
            )
        elif counts[rating.problem_id] > 1:
            errors.append(
                error_item(loc, f"Problem {rating.problem_id} er vurderet mere end én gang")
            )
    missing = sorted(known - counts.keys())
    if missing:
        errors.append(
            error_item(
                ("body", "ratings"),
                "Alle problemer skal vurderes igen; mangler problem "
                + ", ".join(str(problem_id) for problem_id in missing),
            )
        )
    if body.date < assessment.assessed_on:
        errors.append(
            error_item(
                ("body", "date"),
                f"Genvurderingen ({body.date.isoformat()}) kan ikke ligge før den oprindelige "
                f"vurdering ({assessment.assessed_on.isoformat()})",
            )
        )
    raise_if(errors)


def create_reassessment(
    session: Session, who: Principal, assessment_id: int, body: ReassessmentCreate
) -> Created[ReassessmentOut]:
    assessment = lookups.assessment(session, assessment_id)
    _check_ratings(assessment, body)
    reassessment = Reassessment(
        assessment=assessment,
        assessed_on=body.date,
        assessor_role=body.assessor_role,
        created_by=who.name,
        ratings=[ReassessmentRating(**rating.model_dump()) for rating in body.ratings],
    )
    session.add(reassessment)
    session.flush()
    reference = assessment.citizen.reference
    audit.record(session, who, AuditAction.CREATE, "reassessment", reassessment.id, reference)
    return Created(views.reassessment_out(reassessment, assessment), assessment.citizen_id)
