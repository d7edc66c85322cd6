"""Evaluations of a goal or a delmål: one implementation for both."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from api import audit, lookups
from api.enums import AuditAction
from api.idempotency import Created
from api.models import Evaluation, Goal, Subgoal
from api.principal import Principal
from api.schemas.goals import EvaluationCreate, EvaluationOut

Target = Literal["goal", "subgoal"]


def evaluate(
    session: Session, who: Principal, target_id: int, body: EvaluationCreate, *, target: Target
) -> Created[EvaluationOut]:
    find = lookups.goal if target == "goal" else lookups.subgoal
    evaluated: Goal | Subgoal = find(session, target_id)
    citizen = evaluated.citizen
    fields = body.model_dump()
    evaluation = Evaluation(evaluated_on=fields.pop("date"), **fields, created_by=who.name)
    evaluated.evaluations.append(evaluation)
    session.flush()
    audit.record(session, who, AuditAction.CREATE, "evaluation", evaluation.id, citizen.reference)
    return Created(EvaluationOut.model_validate(evaluation), citizen.id)
