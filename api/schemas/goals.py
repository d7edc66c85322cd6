"""Goal, delmål (subgoal) and evaluation bodies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, Field, model_validator

from api.enums import FunctionArea, GoalStatus, OccupationArea, Responsible, TrafficLight
from api.schemas.common import (
    ACTIVITY_MAX,
    ActivityText,
    AnyDueDate,
    DueDate,
    EventDate,
    Id,
    LongText,
    Score,
    StrictModel,
)

MAX_ACTIONS = 20
MAX_SUBGOALS_PER_REQUEST = 20

ActionList = Annotated[list[ActivityText], Field(max_length=MAX_ACTIONS)]


class Baseline(StrictModel):
    """COPM ratings when the goal was set; all three or none."""

    importance: Score
    performance: Score
    satisfaction: Score


class SubgoalCreate(StrictModel):
    description: LongText
    actions: ActionList = Field(
        default_factory=list,
        description=f"Handlinger: 0-{MAX_ACTIONS} short texts of at most {ACTIVITY_MAX} chars",
    )
    responsible: Responsible
    due_date: DueDate = Field(description="From today; not after the goal's due date")
    status: GoalStatus = GoalStatus.AKTIV


class GoalCreate(StrictModel):
    statement: LongText = Field(description="The citizen's own words")
    area: OccupationArea
    activity: ActivityText
    fsiii_area: FunctionArea | None = None
    problem_id: Id | None = Field(default=None, description="A COPM problem of the same citizen")
    baseline: Baseline | None = None
    due_date: DueDate
    status: GoalStatus = GoalStatus.AKTIV
    subgoals: Annotated[list[SubgoalCreate], Field(max_length=MAX_SUBGOALS_PER_REQUEST)] = Field(
        default_factory=list
    )


class PatchModel(StrictModel):
    """A partial update: omitted fields stay; only the nullable ones may be sent as null."""

    nullable_fields: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _check_nulls_and_emptiness(self) -> PatchModel:
        if not self.model_fields_set:
            raise ValueError("Angiv mindst ét felt, der skal ændres")
        for name in sorted(self.model_fields_set - self.nullable_fields):
            if getattr(self, name) is None:
                raise ValueError(f"Feltet '{name}' må ikke være null")
        return self

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}


class GoalPatch(PatchModel):
    nullable_fields = frozenset({"fsiii_area", "problem_id", "baseline"})

    statement: LongText | None = None
    area: OccupationArea | None = None
    activity: ActivityText | None = None
    fsiii_area: FunctionArea | None = None
    problem_id: Id | None = None
    baseline: Baseline | None = None
    due_date: AnyDueDate | None = None
    status: GoalStatus | None = None


class SubgoalPatch(PatchModel):
    description: LongText | None = None
    actions: ActionList | None = None
    responsible: Responsible | None = None
    due_date: AnyDueDate | None = None
    status: GoalStatus | None = None


class EvaluationCreate(StrictModel):
    date: EventDate
    traffic_light: TrafficLight
    performance: Score | None = None
    satisfaction: Score | None = None
    note: LongText | None = None


class EvaluationOut(BaseModel):
    id: int
    goal_id: int | None
    subgoal_id: int | None
    date: dt.date
    traffic_light: TrafficLight
    performance: int | None
    satisfaction: int | None
    note: str | None
    created_at: dt.datetime
    created_by: str


class SubgoalOut(BaseModel):
    id: int
    goal_id: int
    description: str
    actions: list[str]
    responsible: Responsible
    due_date: dt.date
    status: GoalStatus
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: str
    evaluations: list[EvaluationOut]
    latest_evaluation: EvaluationOut | None


class GoalOut(BaseModel):
    id: int
    citizen_reference: str
    problem_id: int | None
    statement: str
    area: OccupationArea
    activity: str
    fsiii_area: FunctionArea | None
    baseline: Baseline | None
    due_date: dt.date
    status: GoalStatus
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: str
    subgoals: list[SubgoalOut]
    evaluations: list[EvaluationOut]
    latest_evaluation: EvaluationOut | None
