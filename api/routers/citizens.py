"""Citizens: create, read, GDPR export, access log and erasure."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from api.deps import SessionDep
from api.idempotency import Create
from api.routers.params import ReferencePath
from api.schemas.citizens import CitizenCreate, CitizenOut
from api.schemas.export import AccessLogEntry, CitizenExport
from api.security import AccessLogReader, Eraser, Reader
from api.services import citizens

router = APIRouter(prefix="/api/v1", tags=["citizens"])


@router.post(
    "/citizens",
    status_code=status.HTTP_201_CREATED,
    response_model=CitizenOut,
    responses={409: {"description": "The reference exists, or the Idempotency-Key was reused"}},
)
def create_citizen(body: CitizenCreate, create: Create) -> CitizenOut:
    return create(lambda session, who: citizens.create_citizen(session, who, body))


@router.get("/citizens/{reference}", response_model=CitizenOut)
def get_citizen(reference: ReferencePath, session: SessionDep, who: Reader) -> CitizenOut:
    return citizens.read_citizen(session, who, reference)


@router.get(
    "/citizens/{reference}/export",
    response_model=CitizenExport,
    summary="Everything held about the citizen (GDPR right of access)",
)
def export_citizen(reference: ReferencePath, session: SessionDep, who: Reader) -> CitizenExport:
    return citizens.export_citizen(session, who, reference)


@router.get(
    "/citizens/{reference}/access-log",
    response_model=list[AccessLogEntry],
    summary="Who has looked at or changed the citizen's data, newest first",
)
def access_log(
    reference: ReferencePath, session: SessionDep, who: AccessLogReader
) -> list[AccessLogEntry]:
    return citizens.access_log(session, who, reference)


@router.delete(
    "/citizens/{reference}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase the citizen and everything about them (GDPR right to erasure; admin only)",
)
def erase_citizen(reference: ReferencePath, session: SessionDep, who: Eraser) -> Response:
    citizens.erase_citizen(session, who, reference)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
