"""Citizens: create, read, GDPR export, access log and erasure."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from api.routers.delegate import Delegating
from api.routers.params import ReferencePath
from api.schemas.citizens import CitizenCreate, CitizenOut
from api.schemas.export import AccessLogEntry, CitizenExport
from api.security import AccessLogReading, Erasing
from api.services import citizens

router = APIRouter(prefix="/api/v1", tags=["citizens"])
route = Delegating(router)

CONFLICT = {409: {"description": "The reference exists, or the Idempotency-Key was reused"}}


@route.create("/citizens", citizens.create_citizen, responses=CONFLICT)
def create_citizen(body: CitizenCreate) -> CitizenOut: ...


@route.read("/citizens/{reference}", citizens.read_citizen)
def get_citizen(reference: ReferencePath) -> CitizenOut: ...


@route.read("/citizens/{reference}/export", citizens.export_citizen)
def export_citizen(reference: ReferencePath) -> CitizenExport:
    """Everything held about the citizen (GDPR right of access)"""


@route.read("/citizens/{reference}/access-log", citizens.access_log, acting=AccessLogReading)
def access_log(reference: ReferencePath) -> list[AccessLogEntry]:
    """Who has looked at or changed the citizen's data, newest first"""


@router.delete(
    "/citizens/{reference}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase the citizen and everything about them (GDPR right to erasure; admin only)",
)
def erase_citizen(reference: ReferencePath, erase: Erasing) -> Response:
    erase(citizens.erase_citizen, reference)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
