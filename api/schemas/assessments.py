"""COPM assessment and re-assessment bodies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, Field

from api.enums import OccupationArea
from api.schemas.common import (
    ActivityText,
    EventDate,
    Id,
    OrmModel,
    RoleText,
    Score,
    StrictModel,
)

MAX_PROBLEMS = 5
Item = TypeVar("Item")
# One entry per problem of an assessment: 1-5 of them.
PerProblem = Annotated[list[Item], Field(min_length=1, max_length=MAX_PROBLEMS)]


class ProblemIn(StrictModel):
    area: OccupationArea
    activity: ActivityText
    importance: Score
    performance: Score
    satisfaction: Score


class AssessmentCreate(StrictModel):
    date: EventDate
    assessor_role: RoleText = Field(description="Role, not name, e.g. 'ergoterapeut'")
    problems: PerProblem[ProblemIn] = Field(
        description="1-5 problems, most important first (list order is the priority)"
    )


class RatingIn(StrictModel):
    problem_id: Id
    performance: Score
    satisfaction: Score


class ReassessmentCreate(StrictModel):
    date: EventDate
    assessor_role: RoleText
    ratings: PerProblem[RatingIn] = Field(
        description="Exactly one rating for every problem of the assessment"
    )


class ProblemOut(OrmModel):
    id: int
    priority: int
    area: OccupationArea
    activity: str
    importance: int
    performance: int
    satisfaction: int


class ChangeOut(BaseModel):
    """Change from the baseline assessment; |change| >= 2 is clinically important."""

    baseline: float
    current: float
    change: float
    clinically_important: bool


class ChangePair(BaseModel):
    performance: ChangeOut
    satisfaction: ChangeOut


class RatingOut(BaseModel):
    problem_id: int
    priority: int
    performance: int
    satisfaction: int
    change: ChangePair


class ReassessmentOut(BaseModel):
    id: int
    assessment_id: int
    date: dt.date
    assessor_role: str
    created_at: dt.datetime
    created_by: str
    performance_score: float
    satisfaction_score: float
    change: ChangePair
    ratings: list[RatingOut]


class TimelinePoint(BaseModel):
    """One point per assessment occasion, baseline first, for plotting scores over time."""

    kind: Literal["baseline", "reassessment"]
    id: int
    date: dt.date
    performance_score: float
    satisfaction_score: float


class AssessmentOut(BaseModel):
    id: int
    citizen_reference: str
    date: dt.date
    assessor_role: str
    created_at: dt.datetime
    created_by: str
    performance_score: float
    satisfaction_score: float
    problems: list[ProblemOut]
    reassessments: list[ReassessmentOut]
    timeline: list[TimelinePoint]
