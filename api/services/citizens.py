"""Citizens: create, read, GDPR export, access log and erasure."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api import audit, lookups, views
from api.clock import utcnow
from api.enums import AuditAction
from api.errors import Conflict
from api.idempotency import Created
from api.models import Citizen
from api.principal import Principal
from api.schemas.citizens import CitizenCreate, CitizenOut
from api.schemas.export import AccessLogEntry, AuditOut, CitizenExport
from api.schemas.goals import GoalOut


def create_citizen(session: Session, who: Principal, body: CitizenCreate) -> Created[CitizenOut]:
    exists = session.scalar(select(Citizen.id).where(Citizen.reference == body.reference))
    if exists is not None:
        raise Conflict(f"Der findes allerede en borger med reference '{body.reference}'")
    citizen = Citizen(reference=body.reference, created_by=who.name)
    session.add(citizen)
    session.flush()
    audit.record(session, who, AuditAction.CREATE, "citizen", citizen.id, citizen.reference)
    return Created(CitizenOut.model_validate(citizen), citizen.id)


def read_citizen(session: Session, who: Principal, reference: str) -> CitizenOut:
    citizen = lookups.citizen(session, reference)
    audit.read(session, who, "citizen", citizen.id, reference)
    return CitizenOut.model_validate(citizen)


def export_citizen(session: Session, who: Principal, reference: str) -> CitizenExport:
    citizen = lookups.citizen(session, reference)
    # Access to the full record is itself audited; the export lists this row too.
    audit.record(session, who, AuditAction.EXPORT, "citizen", citizen.id, reference)
    session.flush()
    export = CitizenExport(
        exported_at=utcnow(),
        citizen=CitizenOut.model_validate(citizen),
        assessments=[views.assessment_out(a) for a in lookups.assessments_of(session, citizen)],
        goals=[GoalOut.model_validate(g) for g in lookups.goals_of(session, citizen)],
        audit=[AuditOut.model_validate(e) for e in audit.entries_for(session, reference)],
    )
    session.commit()
    return export


def access_log(session: Session, who: Principal, reference: str) -> list[AccessLogEntry]:
    """Who has looked at or changed the citizen's data, newest first (this look included)."""
    citizen = lookups.citizen(session, reference)
    audit.record(session, who, AuditAction.READ, "access_log", citizen.id, reference)
    session.flush()
    entries = audit.entries_for(session, reference, newest_first=True)
    session.commit()
    return [AccessLogEntry.model_validate(entry) for entry in entries]


def erase_citizen(session: Session, who: Principal, reference: str) -> None:
    citizen = lookups.citizen(session, reference)
    # The foreign keys cascade from citizens to every dependent row (including stored
    # idempotent responses); the audit trail keeps only an anonymous 'erase' row.
    session.execute(delete(Citizen).where(Citizen.id == citizen.id))
    audit.record_erasure(session, who, reference)
    session.commit()
