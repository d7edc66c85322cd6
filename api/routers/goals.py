"""Goals, delmål (subgoals) and their evaluations."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter

from api.routers.delegate import Delegating
from api.routers.params import GoalId, ReferencePath, SubgoalId
from api.schemas import goals as schemas
from api.services import evaluations, goals

router = APIRouter(prefix="/api/v1", tags=["goals"])
route = Delegating(router)


@route.create("/citizens/{reference}/goals", goals.create_goal)
def create_goal(reference: ReferencePath, body: schemas.GoalCreate) -> schemas.GoalOut:
    """Create a goal together with its delmål (all or nothing)"""


@route.read("/citizens/{reference}/goals", goals.list_goals)
def list_goals(reference: ReferencePath) -> list[schemas.GoalOut]:
    """The citizen's goals with delmål, evaluations and the latest evaluation"""


@route.read("/goals/{goal_id}", goals.read_goal)
def get_goal(goal_id: GoalId) -> schemas.GoalOut: ...


@route.patch("/goals/{goal_id}", goals.patch_goal)
def patch_goal(goal_id: GoalId, body: schemas.GoalPatch) -> schemas.GoalOut:
    """Change some fields of a goal (omitted fields stay as they are)"""


@route.create("/goals/{goal_id}/subgoals", goals.add_subgoal)
def create_subgoal(goal_id: GoalId, body: schemas.SubgoalCreate) -> schemas.SubgoalOut:
    """Add a delmål to a goal"""


@route.patch("/subgoals/{subgoal_id}", goals.patch_subgoal)
def patch_subgoal(subgoal_id: SubgoalId, body: schemas.SubgoalPatch) -> schemas.SubgoalOut:
    """Change some fields of a delmål (omitted fields stay as they are)"""


# A goal and a delmål are evaluated alike, by one service.
@route.create("/goals/{goal_id}/evaluations", partial(evaluations.evaluate, target="goal"))
def evaluate_goal(goal_id: GoalId, body: schemas.EvaluationCreate) -> schemas.EvaluationOut:
    """Evaluate a goal (traffic light, optional new COPM ratings, note)"""


@route.create("/subgoals/{subgoal_id}/evaluations", partial(evaluations.evaluate, target="subgoal"))
def evaluate_subgoal(
    subgoal_id: SubgoalId, body: schemas.EvaluationCreate
) -> schemas.EvaluationOut:
    """Evaluate a delmål (traffic light, optional new COPM ratings, note)"""
