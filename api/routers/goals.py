"""Goals, delmål (subgoals) and their evaluations."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.idempotency import Create
from api.routers.params import GoalId, ReferencePath, SubgoalId
from api.schemas import goals as schemas
from api.security import Reading, Writing
from api.services import evaluations, goals

router = APIRouter(prefix="/api/v1", tags=["goals"])


@router.post(
    "/citizens/{reference}/goals",
    status_code=status.HTTP_201_CREATED,
    summary="Create a goal together with its delmål (all or nothing)",
)
def create_goal(
    reference: ReferencePath, body: schemas.GoalCreate, create: Create
) -> schemas.GoalOut:
    return create(goals.create_goal, reference, body)


@router.get(
    "/citizens/{reference}/goals",
    summary="The citizen's goals with delmål, evaluations and the latest evaluation",
)
def list_goals(reference: ReferencePath, read: Reading) -> list[schemas.GoalOut]:
    return read(goals.list_goals, reference)


@router.get("/goals/{goal_id}")
def get_goal(goal_id: GoalId, read: Reading) -> schemas.GoalOut:
    return read(goals.read_goal, goal_id)


@router.patch(
    "/goals/{goal_id}", summary="Change some fields of a goal (omitted fields stay as they are)"
)
def patch_goal(goal_id: GoalId, body: schemas.GoalPatch, write: Writing) -> schemas.GoalOut:
    return write(goals.patch_goal, goal_id, body)


@router.post(
    "/goals/{goal_id}/subgoals",
    status_code=status.HTTP_201_CREATED,
    summary="Add a delmål to a goal",
)
def create_subgoal(
    goal_id: GoalId, body: schemas.SubgoalCreate, create: Create
) -> schemas.SubgoalOut:
    return create(goals.add_subgoal, goal_id, body)


@router.patch(
    "/subgoals/{subgoal_id}",
    summary="Change some fields of a delmål (omitted fields stay as they are)",
)
def patch_subgoal(
    subgoal_id: SubgoalId, body: schemas.SubgoalPatch, write: Writing
) -> schemas.SubgoalOut:
    return write(goals.patch_subgoal, subgoal_id, body)


@router.post(
    "/goals/{goal_id}/evaluations",
    status_code=status.HTTP_201_CREATED,
    summary="Evaluate a goal (traffic light, optional new COPM ratings, note)",
)
def evaluate_goal(
    goal_id: GoalId, body: schemas.EvaluationCreate, create: Create
) -> schemas.EvaluationOut:
    return create(evaluations.evaluate, "goal", goal_id, body)


@router.post(
    "/subgoals/{subgoal_id}/evaluations",
    status_code=status.HTTP_201_CREATED,
    summary="Evaluate a delmål (traffic light, optional new COPM ratings, note)",
)
def evaluate_subgoal(
    subgoal_id: SubgoalId, body: schemas.EvaluationCreate, create: Create
) -> schemas.EvaluationOut:
    return create(evaluations.evaluate, "subgoal", subgoal_id, body)
