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


class RatingIn(StrictModel):
    problem_id: Id
    performance: Score
    satisfaction: Score


class OccasionIn(StrictModel):
    """What an assessment and a re-assessment both record: the day and the assessor's role."""

    date: EventDate
    assessor_role: RoleText


class AssessmentCreate(OccasionIn):
    # Declared again for its description; the field keeps its place after `date`.
    assessor_role: RoleText = Field(description="Role, not name, e.g. 'ergoterapeut'")
    problems: PerProblem[ProblemIn] = Field(
        description="1-5 problems, most important first (list order is the priority)"
    )


class ReassessmentCreate(OccasionIn):
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


class OccasionOut(BaseModel):
    """What an assessment and a re-assessment both show: the occasion and its two scores."""

    date: dt.date
    assessor_role: str
    created_at: dt.datetime
    created_by: str
    performance_score: float
    satisfaction_score: float


class ReassessmentKey(BaseModel):
    id: int
    assessment_id: int


# Pydantic lists the last base's fields first, so the id and what the row belongs to lead.
class ReassessmentOut(OccasionOut, ReassessmentKey):
    change: ChangePair
    ratings: list[RatingOut]


class TimelinePoint(BaseModel):
    """One point per assessment occasion, baseline first, for plotting scores over time."""

    kind: Literal["baseline", "reassessment"]
    id: int
    date: dt.date
    performance_score: float
    satisfaction_score: float


class AssessmentKey(BaseModel):
    id: int
    citizen_reference: str


class AssessmentOut(OccasionOut, AssessmentKey):
    problems: list[ProblemOut]
    reassessments: list[ReassessmentOut]
    timeline: list[TimelinePoint]
