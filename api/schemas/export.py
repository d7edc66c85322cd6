"""The GDPR access export (everything held about one citizen) and the access log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AliasChoices, BaseModel, BeforeValidator, Field

from api.enums import AuditAction
from api.schemas.assessments import AssessmentOut
from api.schemas.citizens import CitizenOut
from api.schemas.common import OrmModel
from api.schemas.goals import GoalOut


def _split_fields(value: object) -> object:
    # Stored as "a,b,c" (or NULL); shown as a list.
    if value is None:
        return []
    return value.split(",") if isinstance(value, str) else value


class AuditOut(OrmModel):
    occurred_at: dt.datetime
    actor: str = Field(description="Username of the person, or the name of the machine token")
    actor_role: str = Field(description="Staff role, or 'token:<scope>' for a machine token")
    via: str | None = Field(description="The service that acted on the person's behalf")
    action: AuditAction
    entity_type: str
    entity_id: int | None
    citizen_reference: str | None
    changed_fields: Annotated[list[str], BeforeValidator(_split_fields)]


class CitizenExport(BaseModel):
    exported_at: dt.datetime
    citizen: CitizenOut
    assessments: list[AssessmentOut]
    goals: list[GoalOut]
    audit: list[AuditOut]


class AccessLogEntry(OrmModel):
    """Who has looked at or changed the citizen's data (as on sundhed.dk)."""

    occurred_at: dt.datetime
    actor: str
    role: str = Field(validation_alias=AliasChoices("role", "actor_role"))
    action: AuditAction
    entity_type: str
