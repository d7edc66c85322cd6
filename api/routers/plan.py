"""'Min plan': the citizen's plan in plain Danish, as JSON, a printable page and a PDF."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from api.routers.delegate import Delegating
from api.routers.params import ReferencePath
from api.schemas.plan import PlanOut
from api.security import Reading
from api.services import plan

router = APIRouter(prefix="/api/v1", tags=["plan"])
route = Delegating(router)


@route.read("/citizens/{reference}/plan", plan.read_plan)
def read_plan(reference: ReferencePath) -> PlanOut:
    """The plan in plain Danish: the goal in the citizen's words, steps, who does what"""


@router.get(
    "/citizens/{reference}/plan.html",
    response_class=HTMLResponse,
    summary="The plan as one printable HTML page (A4 print stylesheet, large type)",
)
def plan_html(reference: ReferencePath, read: Reading) -> HTMLResponse:
    return HTMLResponse(read(plan.plan_html, reference))


@router.get(
    "/citizens/{reference}/plan.pdf",
    response_class=Response,
    summary="The plan as an A4 PDF (large type, high contrast, no codes or ids)",
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The PDF"},
        503: {"description": "This server cannot render PDFs (use plan.html)"},
    },
)
def plan_pdf(reference: ReferencePath, read: Reading) -> Response:
    return Response(
        read(plan.plan_pdf, reference),
        media_type="application/pdf",
        headers={"Content-Disposition": 'inline; filename="min-plan.pdf"'},
    )
