"""Citizens: create, read, GDPR export and erasure."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response, status
from fastapi.responses import JSONResponse
from sqlalchemy import delete, select

from api import audit, lookups, views
from api.clock import utcnow
from api.deps import SessionDep
from api.enums import AuditAction
from api.idempotency import Created, Fingerprint, IdempotencyKey, run_create
from api.models import Citizen
from api.routers.params import ReferencePath
from api.schemas.citizens import CitizenCreate, CitizenOut
from api.schemas.export import CitizenExport
from api.security import Reader, Writer

router = APIRouter(prefix="/api/v1", tags=["citizens"])


@router.post(
    "/citizens",
    status_code=status.HTTP_201_CREATED,
    response_model=CitizenOut,
    responses={409: {"description": "The reference exists, or the Idempotency-Key was reused"}},
)
def create_citizen(
    body: CitizenCreate,
    session: SessionDep,
    principal: Writer,
    fingerprint: Fingerprint,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def create() -> Created:
        exists = session.scalar(select(Citizen.id).where(Citizen.reference == body.reference))
        if exists is not None:
            raise HTTPException(
                status_code=status.HTTP_409_CONFLICT,
                detail=f"Der findes allerede en borger med reference '{body.reference}'",
            )
        citizen = Citizen(reference=body.reference, created_by=principal.name)
        session.add(citizen)
        session.flush()
        audit.record(
            session, principal, AuditAction.CREATE, "citizen", citizen.id, citizen.reference
        )
        return Created(views.citizen_out(citizen), citizen.id)

    return run_create(session, principal, idempotency_key, fingerprint, create)


@router.get("/citizens/{reference}", response_model=CitizenOut)
def get_citizen(reference: ReferencePath, session: SessionDep, _principal: Reader) -> CitizenOut:
    return views.citizen_out(lookups.citizen_or_404(session, reference))


@router.get(
    "/citizens/{reference}/export",
    response_model=CitizenExport,
    summary="Everything held about the citizen (GDPR right of access)",
)
def export_citizen(
    reference: ReferencePath, session: SessionDep, principal: Reader
) -> CitizenExport:
    citizen = lookups.citizen_or_404(session, reference)
    # Access to the full record is itself worth auditing; the export lists this row too.
    audit.record(session, principal, AuditAction.EXPORT, "citizen", citizen.id, reference)
    session.flush()
    export = CitizenExport(
        exported_at=utcnow(),
        citizen=views.citizen_out(citizen),
        assessments=[views.assessment_out(a) for a in lookups.assessments_of(session, citizen)],
        goals=[views.goal_out(g) for g in lookups.goals_of(session, citizen)],
        audit=[views.audit_out(e) for e in audit.entries_for(session, reference)],
    )
    session.commit()
    return export


@router.delete(
    "/citizens/{reference}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase the citizen and everything about them (GDPR right to erasure)",
)
def erase_citizen(reference: ReferencePath, session: SessionDep, principal: Writer) -> Response:
    citizen = lookups.citizen_or_404(session, reference)
    # The foreign keys cascade from citizens to every dependent row (including stored
    # idempotent responses); the audit trail keeps only an anonymous 'erase' row.
    session.execute(delete(Citizen).where(Citizen.id == citizen.id))
    audit.record_erasure(session, principal, reference)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
