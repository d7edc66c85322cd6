"""'Min plan': the citizen's plan in plain Danish, as JSON, a printable page and a PDF."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from api.deps import SessionDep
from api.routers.params import ReferencePath
from api.schemas.plan import PlanOut
from api.security import Reader
from api.services import plan

router = APIRouter(prefix="/api/v1", tags=["plan"])


@router.get(
    "/citizens/{reference}/plan",
    response_model=PlanOut,
    summary="The plan in plain Danish: the goal in the citizen's words, steps, who does what",
)
def read_plan(reference: ReferencePath, session: SessionDep, who: Reader) -> PlanOut:
    return plan.read_plan(session, who, reference)


@router.get(
    "/citizens/{reference}/plan.html",
    response_class=HTMLResponse,
    summary="The plan as one printable HTML page (A4 print stylesheet, large type)",
)
def plan_html(reference: ReferencePath, session: SessionDep, who: Reader) -> HTMLResponse:
    return HTMLResponse(plan.plan_html(session, who, reference))


@router.get(
    "/citizens/{reference}/plan.pdf",
    response_class=Response,
    summary="The plan as an A4 PDF (large type, high contrast, no codes or ids)",
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The PDF"},
        503: {"description": "This server cannot render PDFs (use plan.html)"},
    },
)
def plan_pdf(reference: ReferencePath, session: SessionDep, who: Reader) -> Response:
    return Response(
        plan.plan_pdf(session, who, reference),
        media_type="application/pdf",
        headers={"Content-Disposition": 'inline; filename="min-plan.pdf"'},
    )
