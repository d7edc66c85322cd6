"""Reading a citizen's data from the API as the signed-in person, with Danish answers to failure."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk.executor import CollectingDispatcher

from actions.common.api import ApiRefused, ApiUnavailable, Delegation, GoalsApi
from actions.common.identity import Staff

T = TypeVar("T")
_api: GoalsApi | None = None


def api() -> GoalsApi:
    global _api
    if _api is None:
        _api = GoalsApi()
    return _api


async def read_as(
    staff: Staff,
    dispatcher: CollectingDispatcher,
    call: Callable[..., T],
    *args: Any,
) -> T | None:
    """`call(*args, acting_for)` off the event loop; None (and a Danish reason) on failure."""
    try:
        return await asyncio.to_thread(call, *args, Delegation(staff.session_id))
    except ApiRefused as refused:
        if refused.status == 404:
            dispatcher.utter_message(response="utter_unknown_citizen")
        elif refused.status in (401, 403):
            dispatcher.utter_message(response="utter_no_access")
        else:
            dispatcher.utter_message(response="utter_api_problem")
    except ApiUnavailable:
        dispatcher.utter_message(response="utter_api_problem")
    return None
