"""Citizen bodies. A citizen is known only by the municipality's pseudonymous reference."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from api.schemas.common import Reference, StrictModel


class CitizenCreate(StrictModel):
    reference: Reference


class CitizenOut(BaseModel):
    reference: str
    created_at: dt.datetime
    created_by: str
