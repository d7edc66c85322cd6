"""COPM assessments and re-assessments."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api import audit, lookups, views
from api.deps import SessionDep
from api.enums import AuditAction
from api.errors import error_item
from api.idempotency import Created, Fingerprint, IdempotencyKey, run_create
from api.models import Assessment, CopmProblem, Reassessment, ReassessmentRating
from api.routers.params import AssessmentId, ReferencePath
from api.schemas.assessments import (
    AssessmentCreate,
    AssessmentOut,
    ReassessmentCreate,
    ReassessmentOut,
)
from api.security import Reader, Writer

router = APIRouter(prefix="/api/v1", tags=["COPM"])


@router.post(
    "/citizens/{reference}/assessments",
    status_code=status.HTTP_201_CREATED,
    response_model=AssessmentOut,
    summary="Record a COPM assessment with 1-5 prioritised problems",
)
def create_assessment(
    reference: ReferencePath,
    body: AssessmentCreate,
    session: SessionDep,
    principal: Writer,
    fingerprint: Fingerprint,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def create() -> Created:
        citizen = lookups.citizen_or_404(session, reference)
        assessment = Assessment(
            citizen=citizen,
            assessed_on=body.date,
            assessor_role=body.assessor_role,
            created_by=principal.name,
            problems=[
                CopmProblem(
                    priority=priority,
                    area=problem.area,
                    activity=problem.activity,
                    importance=problem.importance,
                    performance=problem.performance,
                    satisfaction=problem.satisfaction,
                )
                for priority, problem in enumerate(body.problems, start=1)
            ],
            reassessments=[],
        )
        session.add(assessment)
        session.flush()
        audit.record(session, principal, AuditAction.CREATE, "assessment", assessment.id, reference)
        return Created(views.assessment_out(assessment), citizen.id)

    return run_create(session, principal, idempotency_key, fingerprint, create)


@router.get(
    "/citizens/{reference}/assessments",
    response_model=list[AssessmentOut],
    summary="The citizen's COPM assessments, oldest first",
)
def list_assessments(
    reference: ReferencePath, session: SessionDep, _principal: Reader
) -> list[AssessmentOut]:
    citizen = lookups.citizen_or_404(session, reference)
    return [views.assessment_out(a) for a in lookups.assessments_of(session, citizen)]


@router.get(
    "/assessments/{assessment_id}",
    response_model=AssessmentOut,
    summary="One assessment with its re-assessments (baseline first) and a score timeline",
)
def get_assessment(
    assessment_id: AssessmentId, session: SessionDep, _principal: Reader
) -> AssessmentOut:
    return views.assessment_out(lookups.assessment_or_404(session, assessment_id))


def _check_ratings(assessment: Assessment, body: ReassessmentCreate) -> None:
    """Every problem of the assessment rated exactly once, and nothing else."""
    errors: list[dict[str, object]] = []
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
    if errors:
        raise RequestValidationError(errors)


@router.post(
    "/assessments/{assessment_id}/reassessments",
    status_code=status.HTTP_201_CREATED,
    response_model=ReassessmentOut,
    summary="Re-rate performance and satisfaction for every problem; returns the changes",
)
def create_reassessment(
    assessment_id: AssessmentId,
    body: ReassessmentCreate,
    session: SessionDep,
    principal: Writer,
    fingerprint: Fingerprint,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def create() -> Created:
        assessment = lookups.assessment_or_404(session, assessment_id)
        _check_ratings(assessment, body)
        reassessment = Reassessment(
            assessment=assessment,
            assessed_on=body.date,
            assessor_role=body.assessor_role,
            created_by=principal.name,
            ratings=[
                ReassessmentRating(
                    problem_id=rating.problem_id,
                    performance=rating.performance,
                    satisfaction=rating.satisfaction,
                )
                for rating in body.ratings
            ],
        )
        session.add(reassessment)
        session.flush()
        reference = assessment.citizen.reference
        audit.record(
            session, principal, AuditAction.CREATE, "reassessment", reassessment.id, reference
        )
        return Created(views.reassessment_out(reassessment, assessment), assessment.citizen_id)

    return run_create(session, principal, idempotency_key, fingerprint, create)
