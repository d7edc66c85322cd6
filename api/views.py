"""COPM response bodies: scores, changes and the timeline are computed here.

Everything else validates straight from the ORM objects (`from_attributes` in api.schemas).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from api import copm
from api.models import Assessment, Reassessment
from api.schemas.assessments import (
    AssessmentOut,
    ChangeOut,
    ChangePair,
    ProblemOut,
    RatingOut,
    ReassessmentOut,
    TimelinePoint,
)


def _occasion(row: Assessment | Reassessment) -> dict[str, Any]:
    """What an assessment and a re-assessment both show of their row (`assessed_on` as date)."""
    return {
        "id": row.id,
        "date": row.assessed_on,
        "assessor_role": row.assessor_role,
        "created_at": row.created_at,
        "created_by": row.created_by,
    }


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
        **_occasion(reassessment),
        assessment_id=assessment.id,
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
        **_occasion(assessment),
        citizen_reference=assessment.citizen.reference,
        performance_score=performance,
        satisfaction_score=satisfaction,
        problems=[ProblemOut.model_validate(p) for p in assessment.problems],
        reassessments=reassessments,
        timeline=timeline,
    )
