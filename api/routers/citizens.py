"""Citizens: create, read, GDPR export, access log and erasure."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from api.idempotency import Create
from api.routers.params import ReferencePath
from api.schemas.citizens import CitizenCreate, CitizenOut
from api.schemas.export import AccessLogEntry, CitizenExport
from api.security import AccessLogReading, Erasing, Reading
from api.services import citizens

router = APIRouter(prefix="/api/v1", tags=["citizens"])


@router.post(
    "/citizens",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "The reference exists, or the Idempotency-Key was reused"}},
)
def create_citizen(body: CitizenCreate, create: Create) -> CitizenOut:
    return create(citizens.create_citizen, body)


@router.get("/citizens/{reference}")
def get_citizen(reference: ReferencePath, read: Reading) -> CitizenOut:
    return read(citizens.read_citizen, reference)


@router.get(
    "/citizens/{reference}/export",
    summary="Everything held about the citizen (GDPR right of access)",
)
def export_citizen(reference: ReferencePath, read: Reading) -> CitizenExport:
    return read(citizens.export_citizen, reference)


@router.get(
    "/citizens/{reference}/access-log",
    summary="Who has looked at or changed the citizen's data, newest first",
)
def access_log(reference: ReferencePath, read: AccessLogReading) -> list[AccessLogEntry]:
    return read(citizens.access_log, reference)


@router.delete(
    "/citizens/{reference}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase the citizen and everything about them (GDPR right to erasure; admin only)",
)
def erase_citizen(reference: ReferencePath, erase: Erasing) -> Response:
    erase(citizens.erase_citizen, reference)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
