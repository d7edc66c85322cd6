"""Reading a citizen's data from the API as the signed-in person, with Danish answers to failure."""

from __future__ import annotations

import asyncio
from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common.api import ApiRefused, ApiUnavailable, Delegation, GoalsApi
from actions.common.forms import StaffFormValidation
from actions.common.identity import Staff, staff_of

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


@dataclass(frozen=True)
class Citizen:
    reference: str
    staff: Staff  # who reads: the API answers only what this person may see
    goals: list[dict[str, Any]]


class FollowupFormValidation(StaffFormValidation):
    """A follow-up form starts with the citizen: a valid reference whose goals this person may
    read. What the form then needs of them is its own (``citizen_found``)."""

    async def validate_citizen_ref(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        reference = self.reference("citizen_ref", value, dispatcher)["citizen_ref"]
        staff = staff_of(tracker)
        if reference is None or staff is None:
            return {"citizen_ref": None}
        goals = await read_as(staff, dispatcher, api().list_goals, reference)
        if goals is None:
            return {"citizen_ref": None}
        return await self.citizen_found(Citizen(reference, staff, goals), dispatcher)

    @abstractmethod
    async def citizen_found(
        self, citizen: Citizen, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        """The slots to set: ``citizen_ref`` and the form's helpers, or ``citizen_ref`` None."""
