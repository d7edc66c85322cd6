"""COPM assessments and re-assessments."""

from __future__ import annotations

from fastapi import APIRouter

from api.routers.delegate import Delegating
from api.routers.params import AssessmentId, ReferencePath
from api.schemas.assessments import (
    AssessmentCreate,
    AssessmentOut,
    ReassessmentCreate,
    ReassessmentOut,
)
from api.services import assessments

router = APIRouter(prefix="/api/v1", tags=["COPM"])
route = Delegating(router)


@route.create("/citizens/{reference}/assessments", assessments.create_assessment)
def create_assessment(reference: ReferencePath, body: AssessmentCreate) -> AssessmentOut:
    """Record a COPM assessment with 1-5 prioritised problems"""


@route.read("/citizens/{reference}/assessments", assessments.list_assessments)
def list_assessments(reference: ReferencePath) -> list[AssessmentOut]:
    """The citizen's COPM assessments, oldest first"""


@route.read("/assessments/{assessment_id}", assessments.read_assessment)
def get_assessment(assessment_id: AssessmentId) -> AssessmentOut:
    """One assessment with its re-assessments (baseline first) and a score timeline"""


@route.create("/assessments/{assessment_id}/reassessments", assessments.create_reassessment)
def create_reassessment(assessment_id: AssessmentId, body: ReassessmentCreate) -> ReassessmentOut:
    """Re-rate performance and satisfaction for every problem; returns the changes"""
