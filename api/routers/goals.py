"""Goals, delmål (subgoals) and their evaluations."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import SessionDep
from api.idempotency import Create
from api.routers.params import GoalId, ReferencePath, SubgoalId
from api.schemas.goals import (
    EvaluationCreate,
    EvaluationOut,
    GoalCreate,
    GoalOut,
    GoalPatch,
    SubgoalCreate,
    SubgoalOut,
    SubgoalPatch,
)
from api.security import Reader, Writer
from api.services import evaluations, goals

router = APIRouter(prefix="/api/v1", tags=["goals"])


@router.post(
    "/citizens/{reference}/goals",
    status_code=status.HTTP_201_CREATED,
    response_model=GoalOut,
    summary="Create a goal together with its delmål (all or nothing)",
)
def create_goal(reference: ReferencePath, body: GoalCreate, create: Create) -> GoalOut:
    return create(lambda session, who: goals.create_goal(session, who, reference, body))


@router.get(
    "/citizens/{reference}/goals",
    response_model=list[GoalOut],
    summary="The citizen's goals with delmål, evaluations and the latest evaluation",
)
def list_goals(reference: ReferencePath, session: SessionDep, who: Reader) -> list[GoalOut]:
    return goals.list_goals(session, who, reference)


@router.get("/goals/{goal_id}", response_model=GoalOut)
def get_goal(goal_id: GoalId, session: SessionDep, who: Reader) -> GoalOut:
    return goals.read_goal(session, who, goal_id)


@router.patch(
    "/goals/{goal_id}",
    response_model=GoalOut,
    summary="Change some fields of a goal (omitted fields stay as they are)",
)
def patch_goal(goal_id: GoalId, body: GoalPatch, session: SessionDep, who: Writer) -> GoalOut:
    return goals.patch_goal(session, who, goal_id, body)


@router.post(
    "/goals/{goal_id}/subgoals",
    status_code=status.HTTP_201_CREATED,
    response_model=SubgoalOut,
    summary="Add a delmål to a goal",
)
def create_subgoal(goal_id: GoalId, body: SubgoalCreate, create: Create) -> SubgoalOut:
    return create(lambda session, who: goals.add_subgoal(session, who, goal_id, body))


@router.patch(
    "/subgoals/{subgoal_id}",
    response_model=SubgoalOut,
    summary="Change some fields of a delmål (omitted fields stay as they are)",
)
def patch_subgoal(
    subgoal_id: SubgoalId, body: SubgoalPatch, session: SessionDep, who: Writer
) -> SubgoalOut:
    return goals.patch_subgoal(session, who, subgoal_id, body)


@router.post(
    "/goals/{goal_id}/evaluations",
    status_code=status.HTTP_201_CREATED,
    response_model=EvaluationOut,
    summary="Evaluate a goal (traffic light, optional new COPM ratings, note)",
)
def evaluate_goal(goal_id: GoalId, body: EvaluationCreate, create: Create) -> EvaluationOut:
    return create(lambda session, who: evaluations.evaluate(session, who, "goal", goal_id, body))


@router.post(
    "/subgoals/{subgoal_id}/evaluations",
    status_code=status.HTTP_201_CREATED,
    response_model=EvaluationOut,
    summary="Evaluate a delmål (traffic light, optional new COPM ratings, note)",
)
def evaluate_subgoal(
    subgoal_id: SubgoalId, body: EvaluationCreate, create: Create
) -> EvaluationOut:
    return create(
        lambda session, who: evaluations.evaluate(session, who, "subgoal", subgoal_id, body)
    )
