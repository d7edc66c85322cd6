"""'Min plan': the citizen's plan in plain Danish, for paper (GET /citizens/{ref}/plan)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PlanStep(BaseModel):
    title: str = Field(description="'Trin 1', 'Trin 2', …")
    text: str = Field(description="The delmål as written with the citizen")
    who: str = Field(description="Who does it: 'Det gør du.', 'Det gør din kontaktperson.', …")
    actions_title: str | None = Field(description="'Sådan gør du:' or 'Det skal ske:'")
    actions: list[str] = Field(description="The handlinger, as written")
    when: str | None = Field(description="The date in plain Danish, while the step is open")
    status: str | None = Field(description="Set when the step is closed, e.g. 'Det trin er nået.'")


class PlanGoal(BaseModel):
    title: str = Field(description="'Dit mål', or 'Mål 1', 'Mål 2', … for several")
    goal: str = Field(description="The goal in the citizen's own words")
    when: str = Field(description="The goal's date in plain Danish")
    steps_title: str
    steps: list[PlanStep]


class PlanOut(BaseModel):
    """Only generated Danish sentences and the plan's own texts: no ids, codes or references."""

    title: str
    intro: str
    goals: list[PlanGoal] = Field(description="The goals in progress")
    nothing_yet: str | None = Field(description="Set when no goal is in progress")
    next_evaluation: str | None = Field(
        description="When the plan is next looked at: the next date something in it is due"
    )
    made: str = Field(description="'Planen er lavet <dato>.'")
