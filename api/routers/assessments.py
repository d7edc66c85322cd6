"""COPM assessments and re-assessments."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.idempotency import Create
from api.routers.params import AssessmentId, ReferencePath
from api.schemas.assessments import (
    AssessmentCreate,
    AssessmentOut,
    ReassessmentCreate,
    ReassessmentOut,
)
from api.security import Reading
from api.services import assessments

router = APIRouter(prefix="/api/v1", tags=["COPM"])


@router.post(
    "/citizens/{reference}/assessments",
    status_code=status.HTTP_201_CREATED,
    summary="Record a COPM assessment with 1-5 prioritised problems",
)
def create_assessment(
    reference: ReferencePath, body: AssessmentCreate, create: Create
) -> AssessmentOut:
    return create(assessments.create_assessment, reference, body)


@router.get(
    "/citizens/{reference}/assessments", summary="The citizen's COPM assessments, oldest first"
)
def list_assessments(reference: ReferencePath, read: Reading) -> list[AssessmentOut]:
    return read(assessments.list_assessments, reference)


@router.get(
    "/assessments/{assessment_id}",
    summary="One assessment with its re-assessments (baseline first) and a score timeline",
)
def get_assessment(assessment_id: AssessmentId, read: Reading) -> AssessmentOut:
    return read(assessments.read_assessment, assessment_id)


@router.post(
    "/assessments/{assessment_id}/reassessments",
    status_code=status.HTTP_201_CREATED,
    summary="Re-rate performance and satisfaction for every problem; returns the changes",
)
def create_reassessment(
    assessment_id: AssessmentId, body: ReassessmentCreate, create: Create
) -> ReassessmentOut:
    return create(assessments.create_reassessment, assessment_id, body)
