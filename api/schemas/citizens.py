"""Citizen bodies. A citizen is known only by the municipality's pseudonymous reference."""

from __future__ import annotations

import datetime as dt

from api.schemas.common import OrmModel, Reference, StrictModel


class CitizenCreate(StrictModel):
    reference: Reference


class CitizenOut(OrmModel):
    reference: str
    created_at: dt.datetime
    created_by: str
