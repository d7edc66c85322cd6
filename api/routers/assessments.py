"""COPM assessments and re-assessments."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import SessionDep
from api.idempotency import Create
from api.routers.params import AssessmentId, ReferencePath
from api.schemas.assessments import (
    AssessmentCreate,
    AssessmentOut,
    ReassessmentCreate,
    ReassessmentOut,
)
from api.security import Reader
from api.services import assessments

router = APIRouter(prefix="/api/v1", tags=["COPM"])


@router.post(
    "/citizens/{reference}/assessments",
    status_code=status.HTTP_201_CREATED,
    response_model=AssessmentOut,
    summary="Record a COPM assessment with 1-5 prioritised problems",
)
def create_assessment(
    reference: ReferencePath, body: AssessmentCreate, create: Create
) -> AssessmentOut:
    return create(lambda session, who: assessments.create_assessment(session, who, reference, body))


@router.get(
    "/citizens/{reference}/assessments",
    response_model=list[AssessmentOut],
    summary="The citizen's COPM assessments, oldest first",
)
def list_assessments(
    reference: ReferencePath, session: SessionDep, who: Reader
) -> list[AssessmentOut]:
    return assessments.list_assessments(session, who, reference)


@router.get(
    "/assessments/{assessment_id}",
    response_model=AssessmentOut,
    summary="One assessment with its re-assessments (baseline first) and a score timeline",
)
def get_assessment(assessment_id: AssessmentId, session: SessionDep, who: Reader) -> AssessmentOut:
    return assessments.read_assessment(session, who, assessment_id)


@router.post(
    "/assessments/{assessment_id}/reassessments",
    status_code=status.HTTP_201_CREATED,
    response_model=ReassessmentOut,
    summary="Re-rate performance and satisfaction for every problem; returns the changes",
)
def create_reassessment(
    assessment_id: AssessmentId, body: ReassessmentCreate, create: Create
) -> ReassessmentOut:
    return create(
        lambda session, who: assessments.create_reassessment(session, who, assessment_id, body)
    )
