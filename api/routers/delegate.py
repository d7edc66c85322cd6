"""Endpoints that only hand their path parameter (and body) to one service.

Most routes are a single call: a create gives the idempotent `Create` its service, a read gives
`Reading` its service, a change gives `Writing` its service. `Delegating` writes that call once;
a route is declared by a typed stub:

    @route.create("/goals/{goal_id}/subgoals", goals.add_subgoal)
    def create_subgoal(goal_id: GoalId, body: SubgoalCreate) -> SubgoalOut:
        "Add a delmål to a goal"

The stub is never called. Its name is the endpoint's (and so the operationId), its parameters
are the route's, its return type the response model and its docstring the summary. The
endpoint hands its arguments to the service in the stub's order, `create(goals.add_subgoal,
goal_id, body)`, so the OpenAPI document is the one a hand-written endpoint gives.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, status

from api.idempotency import Create
from api.security import Reading, Writing

Function = Callable[..., Any]
Declare = Callable[[Function], Function]
# The acting dependency's parameter, after the stub's own (no path parameter or body is named so).
ACTING = "acting"


class Delegating:
    """Declares delegating routes on `router`, in the order they are declared."""

    def __init__(self, router: APIRouter) -> None:
        self.router = router

    def create(self, path: str, service: Function, **options: Any) -> Declare:
        """POST answering 201 Created, through `Create` (a retried Idempotency-Key replays)."""
        return self._route(
            "POST", path, service, Create, status_code=status.HTTP_201_CREATED, **options
        )

    def read(self, path: str, service: Function, acting: Any = Reading, **options: Any) -> Declare:
        """GET through `Reading` (or a narrower permission); the service audits the read."""
        return self._route("GET", path, service, acting, **options)

    def patch(self, path: str, service: Function, **options: Any) -> Declare:
        """PATCH through `Writing`: the fields sent change, the others stay."""
        return self._route("PATCH", path, service, Writing, **options)

    def _route(
        self, method: str, path: str, service: Function, acting: Any, **options: Any
    ) -> Declare:
        def declare(stub: Function) -> Function:
            signature = inspect.signature(stub, eval_str=True)
            names = list(signature.parameters)

            def endpoint(**values: Any) -> Any:
                return values[ACTING](service, *(values[name] for name in names))

            # Not functools.wraps: FastAPI would take the docstring as the description too.
            endpoint.__name__ = endpoint.__qualname__ = stub.__name__
            endpoint.__module__ = stub.__module__
            acting_parameter = inspect.Parameter(
                ACTING, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=acting
            )
            endpoint.__signature__ = signature.replace(  # type: ignore[attr-defined]
                parameters=[*signature.parameters.values(), acting_parameter]
            )
            self.router.add_api_route(
                path, endpoint, methods=[method], summary=inspect.getdoc(stub), **options
            )
            return endpoint

        return declare
