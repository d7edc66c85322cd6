"""Reports for leaders: quality indicators, aggregated and with small counts suppressed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.schemas.reports import IndicatorReport
from api.security import ReportReading
from api.services import indicators

router = APIRouter(prefix="/api/v1", tags=["reports"])

DATE = {
    "description": "YYYY-MM-DD (required; Danish calendar days, both included)",
    "json_schema_extra": {"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
}


@router.get(
    "/reports/indicators",
    summary="Quality indicators for the period (role leder); counts under 5 shown as '<5'",
)
def read_indicators(
    read: ReportReading,
    start: Annotated[str | None, Query(alias="from", **DATE)] = None,
    end: Annotated[str | None, Query(alias="to", **DATE)] = None,
) -> IndicatorReport:
    return read(indicators.report, start, end)
