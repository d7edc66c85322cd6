"""FHIR R4 export of one citizen's goals, delmål, COPM and evaluations (mapping in api.fhir)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api import audit, fhir, lookups
from api.clock import utcnow
from api.enums import AuditAction
from api.principal import Principal


def export_bundle(session: Session, who: Principal, reference: str) -> dict[str, Any]:
    citizen = lookups.citizen(session, reference)
    # The export hands the whole plan to another system: audited like the GDPR export.
    audit.record(session, who, AuditAction.EXPORT, "fhir_export", citizen.id, reference)
    session.flush()
    bundle = fhir.bundle(
        citizen,
        lookups.assessments_of(session, citizen),
        lookups.goals_of(session, citizen),
        now=utcnow(),
    )
    session.commit()
    return bundle
