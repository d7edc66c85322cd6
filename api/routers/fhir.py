"""FHIR R4 export of a citizen's goals, delmål, COPM assessments and evaluations."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.fhir import FHIR_MEDIA_TYPE
from api.routers.params import ReferencePath
from api.security import Reading
from api.services import fhir

router = APIRouter(prefix="/api/v1", tags=["FHIR"])


class FhirResponse(JSONResponse):
    media_type = FHIR_MEDIA_TYPE


@router.get(
    "/citizens/{reference}/fhir",
    response_class=FhirResponse,
    summary="The citizen's goals, delmål, COPM and evaluations as a FHIR R4 Bundle (collection)",
    responses={
        200: {
            "description": "A FHIR R4 Bundle of type collection (Patient with the pseudonymous "
            "reference only, Goals shaped on KL's KLCommonCareSocialGoal, Observations, and the "
            "project's CodeSystems); see api/README.md",
            "content": {"application/fhir+json": {"schema": {"type": "object"}}},
        }
    },
)
def export_fhir(reference: ReferencePath, read: Reading) -> FhirResponse:
    return FhirResponse(read(fhir.export_bundle, reference))
