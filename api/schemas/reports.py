"""Quality indicators for leaders (GET /reports/indicators): aggregates, small counts hidden."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CellOut = int | Literal["<5"]


class Period(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")


class SuppressionRule(BaseModel):
    threshold: int
    shown_as: str
    rule: str


class IndicatorSource(BaseModel):
    kind: Literal["inspirationskatalog", "produktets eget"]
    area: str | None = Field(description="The catalogue's area (driver diagram)")
    driver: str | None = Field(description="Goal or driver, numbered as in the catalogue")
    measure: str | None = Field(description="The catalogue's measure this indicator serves")
    note: str | None = Field(description="How the product's figure relates to it")


class IndicatorRow(BaseModel):
    label: str = Field(description="'i alt', or the month (YYYY-MM)")
    total: CellOut
    counts: dict[str, CellOut]
    shares: dict[str, float | None] = Field(
        description="Percent of the total (one decimal); null where it would reveal a hidden count"
    )


class Indicator(BaseModel):
    id: str
    title: str
    definition: str
    unit: str = Field(description="What is counted: mål, delmål, borgere or evalueringer")
    source: IndicatorSource
    rows: list[IndicatorRow]
    values: dict[str, float | None] = Field(
        description="Means and medians; null when fewer than 5 stand behind them"
    )


class IndicatorReport(BaseModel):
    period: Period
    generated_at: dt.datetime
    suppression: SuppressionRule
    indicators: list[Indicator]
