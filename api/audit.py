"""Audit trail: who created, read, changed, exported or erased what. Ids and pseudonyms only.

No free text is ever copied here (no statements, notes or activity texts); for updates only
the *names* of the changed fields are kept. Each row names the person (username) or the
integration (token name), the role they acted in, and the service that carried the request
when a service acted on a person's behalf.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.clock import utcnow
from api.enums import AuditAction
from api.models import AuditEntry
from api.principal import Principal


def record(
    session: Session,
    principal: Principal,
    action: AuditAction,
    entity_type: str,
    entity_id: int | None,
    citizen_reference: str | None,
    changed_fields: Iterable[str] = (),
) -> None:
    fields = ",".join(sorted(changed_fields)) or None
    session.add(
        AuditEntry(
            occurred_at=utcnow(),
            actor=principal.name,
            actor_role=principal.actor_role,
            via=principal.via,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            citizen_reference=citizen_reference,
            changed_fields=fields,
        )
    )


def read(
    session: Session,
    principal: Principal,
    entity_type: str,
    entity_id: int | None,
    citizen_reference: str | None,
) -> None:
    """Record a read and commit it: the row is stored before the data is shown."""
    record(session, principal, AuditAction.READ, entity_type, entity_id, citizen_reference)
    session.commit()


def entries_for(
    session: Session, citizen_reference: str, *, newest_first: bool = False
) -> list[AuditEntry]:
    order = (AuditEntry.occurred_at, AuditEntry.id)
    if newest_first:
        order = (AuditEntry.occurred_at.desc(), AuditEntry.id.desc())
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.citizen_reference == citizen_reference)
            .order_by(*order)
        )
    )


def record_erasure(session: Session, principal: Principal, citizen_reference: str) -> None:
    """Forget the citizen's audit rows and keep only the fact that an erasure happened."""
    session.execute(delete(AuditEntry).where(AuditEntry.citizen_reference == citizen_reference))
    record(session, principal, AuditAction.ERASE, "citizen", None, None)
