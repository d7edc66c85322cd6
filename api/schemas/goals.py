"""Goal, delmål (subgoal) and evaluation bodies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import AliasChoices, Field, computed_field, model_validator

from api.enums import FunctionArea, GoalStatus, OccupationArea, Responsible, TrafficLight
from api.schemas.common import (
    ACTIVITY_MAX,
    ActivityText,
    AnyDueDate,
    DueDate,
    EventDate,
    Id,
    LongText,
    OrmModel,
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


class BaselineOut(OrmModel):
    importance: int
    performance: int
    satisfaction: int


class EvaluationOut(OrmModel):
    id: int
    goal_id: int | None
    subgoal_id: int | None
    # The column is `evaluated_on`; the API calls it `date` (also accepted when re-validating).
    date: dt.date = Field(validation_alias=AliasChoices("date", "evaluated_on"))
    traffic_light: TrafficLight
    performance: int | None
    satisfaction: int | None
    note: str | None
    created_at: dt.datetime
    created_by: str


class Evaluated(OrmModel):
    """Evaluations in date order, and the latest of them."""

    evaluations: list[EvaluationOut]

    @model_validator(mode="after")
    def _in_date_order(self) -> Evaluated:
        self.evaluations.sort(key=lambda e: (e.date, e.id))
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def latest_evaluation(self) -> EvaluationOut | None:
        return self.evaluations[-1] if self.evaluations else None


class SubgoalOut(Evaluated):
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


class GoalOut(Evaluated):
    id: int
    citizen_reference: str
    problem_id: int | None
    statement: str
    area: OccupationArea
    activity: str
    fsiii_area: FunctionArea | None
    baseline: BaselineOut | None
    due_date: dt.date
    status: GoalStatus
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: str
    subgoals: list[SubgoalOut]

    @model_validator(mode="after")
    def _subgoals_in_order(self) -> GoalOut:
        self.subgoals.sort(key=lambda s: s.id)
        return self
