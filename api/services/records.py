"""Listing and reading one kind of a citizen's records, each read audited before it returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from api import audit, lookups
from api.models import Assessment, Citizen, Goal
from api.principal import Principal

Row = TypeVar("Row", Assessment, Goal)
Out = TypeVar("Out")


@dataclass(frozen=True)
class CitizenRecords(Generic[Row, Out]):
    """A kind of record a citizen has (COPM assessments, goals): how it is loaded and shown.

    `list_for` and `read` are services (`(session, who, ...)`), handed to `Reading` as they are.
    """

    entity_type: str  # the audit rows' entity_type
    of_citizen: Callable[[Session, Citizen], list[Row]]
    find: Callable[[Session, int], Row]
    view: Callable[[Row], Out]

    def list_for(self, session: Session, who: Principal, reference: str) -> list[Out]:
        """The citizen's records of this kind; one audit row for the list, without an id."""
        citizen = lookups.citizen(session, reference)
        audit.read(session, who, self.entity_type, None, reference)
        return [self.view(row) for row in self.of_citizen(session, citizen)]

    def read(self, session: Session, who: Principal, record_id: int) -> Out:
        row = self.find(session, record_id)
        audit.read(session, who, self.entity_type, row.id, row.citizen.reference)
        return self.view(row)
