"""The GDPR access export: everything held about one citizen."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from api.enums import AuditAction
from api.schemas.assessments import AssessmentOut
from api.schemas.citizens import CitizenOut
from api.schemas.goals import GoalOut


class AuditOut(BaseModel):
    occurred_at: dt.datetime
    token_name: str
    action: AuditAction
    entity_type: str
    entity_id: int | None
    citizen_reference: str | None
    changed_fields: list[str]


class CitizenExport(BaseModel):
    exported_at: dt.datetime
    citizen: CitizenOut
    assessments: list[AssessmentOut]
    goals: list[GoalOut]
    audit: list[AuditOut]
