"""Turn ORM rows into response bodies (scores and changes are computed here)."""

from __future__ import annotations

from fractions import Fraction

from api import copm
from api.models import (
    Assessment,
    AuditEntry,
    Citizen,
    Evaluation,
    Goal,
    Reassessment,
    Subgoal,
)
from api.schemas.assessments import (
    AssessmentOut,
    ChangeOut,
    ChangePair,
    ProblemOut,
    RatingOut,
    ReassessmentOut,
    TimelinePoint,
)
from api.schemas.citizens import CitizenOut
from api.schemas.export import AuditOut
from api.schemas.goals import Baseline, EvaluationOut, GoalOut, SubgoalOut


def citizen_out(citizen: Citizen) -> CitizenOut:
    return CitizenOut(
        reference=citizen.reference, created_at=citizen.created_at, created_by=citizen.created_by
    )


def _change(baseline: Fraction, current: Fraction) -> ChangeOut:
    return ChangeOut(**copm.Change(baseline=baseline, current=current).as_dict())


def reassessment_out(reassessment: Reassessment, assessment: Assessment) -> ReassessmentOut:
    problems = {problem.id: problem for problem in assessment.problems}
    ratings = sorted(reassessment.ratings, key=lambda r: problems[r.problem_id].priority)
    baseline_performance = copm.mean(p.performance for p in assessment.problems)
    baseline_satisfaction = copm.mean(p.satisfaction for p in assessment.problems)
    performance = copm.mean(r.performance for r in ratings)
    satisfaction = copm.mean(r.satisfaction for r in ratings)
    return ReassessmentOut(
        id=reassessment.id,
        assessment_id=assessment.id,
        date=reassessment.assessed_on,
        assessor_role=reassessment.assessor_role,
        created_at=reassessment.created_at,
        created_by=reassessment.created_by,
        performance_score=copm.round_score(performance),
        satisfaction_score=copm.round_score(satisfaction),
        change=ChangePair(
            performance=_change(baseline_performance, performance),
            satisfaction=_change(baseline_satisfaction, satisfaction),
        ),
        ratings=[
            RatingOut(
                problem_id=rating.problem_id,
                priority=problems[rating.problem_id].priority,
                performance=rating.performance,
                satisfaction=rating.satisfaction,
                change=ChangePair(
                    performance=_change(
                        Fraction(problems[rating.problem_id].performance),
                        Fraction(rating.performance),
                    ),
                    satisfaction=_change(
                        Fraction(problems[rating.problem_id].satisfaction),
                        Fraction(rating.satisfaction),
                    ),
                ),
            )
            for rating in ratings
        ],
    )


def assessment_out(assessment: Assessment) -> AssessmentOut:
    performance = copm.round_score(copm.mean(p.performance for p in assessment.problems))
    satisfaction = copm.round_score(copm.mean(p.satisfaction for p in assessment.problems))
    in_order = sorted(assessment.reassessments, key=lambda r: (r.assessed_on, r.id))
    reassessments = [reassessment_out(r, assessment) for r in in_order]
    timeline = [
        TimelinePoint(
            kind="baseline",
            id=assessment.id,
            date=assessment.assessed_on,
            performance_score=performance,
            satisfaction_score=satisfaction,
        ),
        *(
            TimelinePoint(
                kind="reassessment",
                id=r.id,
                date=r.date,
                performance_score=r.performance_score,
                satisfaction_score=r.satisfaction_score,
            )
            for r in reassessments
        ),
    ]
    return AssessmentOut(
        id=assessment.id,
        citizen_reference=assessment.citizen.reference,
        date=assessment.assessed_on,
        assessor_role=assessment.assessor_role,
        created_at=assessment.created_at,
        created_by=assessment.created_by,
        performance_score=performance,
        satisfaction_score=satisfaction,
        problems=[
            ProblemOut(
                id=p.id,
                priority=p.priority,
                area=p.area,
                activity=p.activity,
                importance=p.importance,
                performance=p.performance,
                satisfaction=p.satisfaction,
            )
            for p in assessment.problems
        ],
        reassessments=reassessments,
        timeline=timeline,
    )


def evaluation_out(evaluation: Evaluation) -> EvaluationOut:
    return EvaluationOut(
        id=evaluation.id,
        goal_id=evaluation.goal_id,
        subgoal_id=evaluation.subgoal_id,
        date=evaluation.evaluated_on,
        traffic_light=evaluation.traffic_light,
        performance=evaluation.performance,
        satisfaction=evaluation.satisfaction,
        note=evaluation.note,
        created_at=evaluation.created_at,
        created_by=evaluation.created_by,
    )


def _evaluations(evaluations: list[Evaluation]) -> list[EvaluationOut]:
    ordered = sorted(evaluations, key=lambda e: (e.evaluated_on, e.id))
    return [evaluation_out(e) for e in ordered]


def subgoal_out(subgoal: Subgoal) -> SubgoalOut:
    evaluations = _evaluations(subgoal.evaluations)
    return SubgoalOut(
        id=subgoal.id,
        goal_id=subgoal.goal_id,
        description=subgoal.description,
        actions=list(subgoal.actions),
        responsible=subgoal.responsible,
        due_date=subgoal.due_date,
        status=subgoal.status,
        created_at=subgoal.created_at,
        updated_at=subgoal.updated_at,
        created_by=subgoal.created_by,
        evaluations=evaluations,
        latest_evaluation=evaluations[-1] if evaluations else None,
    )


def goal_out(goal: Goal) -> GoalOut:
    evaluations = _evaluations(goal.evaluations)
    baseline = None
    if goal.baseline_importance is not None:
        baseline = Baseline(
            importance=goal.baseline_importance,
            performance=goal.baseline_performance,
            satisfaction=goal.baseline_satisfaction,
        )
    return GoalOut(
        id=goal.id,
        citizen_reference=goal.citizen.reference,
        problem_id=goal.problem_id,
        statement=goal.statement,
        area=goal.area,
        activity=goal.activity,
        fsiii_area=goal.fsiii_area,
        baseline=baseline,
        due_date=goal.due_date,
        status=goal.status,
        created_at=goal.created_at,
        updated_at=goal.updated_at,
        created_by=goal.created_by,
        subgoals=[subgoal_out(s) for s in sorted(goal.subgoals, key=lambda s: s.id)],
        evaluations=evaluations,
        latest_evaluation=evaluations[-1] if evaluations else None,
    )


def audit_out(entry: AuditEntry) -> AuditOut:
    return AuditOut(
        occurred_at=entry.occurred_at,
        token_name=entry.token_name,
        action=entry.action,
        entity_type=entry.entity_type,
        entity_id=entry.entity_id,
        citizen_reference=entry.citizen_reference,
        changed_fields=entry.changed_fields.split(",") if entry.changed_fields else [],
    )
