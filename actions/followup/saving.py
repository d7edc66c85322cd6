"""Confirmed follow-ups go through the same durable outbox as goals."""

from __future__ import annotations

import asyncio
import datetime as dt
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common.api import Delegation
from actions.common.identity import Staff, staff_of
from actions.common.outbox import HELD, PENDING, REJECTED, Outcome, confirmation_of, outbox
from actions.followup import delivery  # noqa: F401  (registers the deliverers)
from actions.followup.slots import reset_followup
from actions.goals.actions import refuse_unless_writer

WAITING = {PENDING: "utter_followup_queued", HELD: "utter_followup_held"}


async def save(
    kind: str, reference: str, write: dict[str, Any], staff: Staff,
    dispatcher: CollectingDispatcher, tracker: Tracker,
) -> dict[str, Any] | None:  # fmt: skip
    """Stores and sends one write; the API's answer when it is stored now, else None."""
    box = outbox()
    confirmed = Delegation(staff.session_id, dt.datetime.now(dt.timezone.utc))
    entry_id = await asyncio.to_thread(
        box.add, kind, reference, write, confirmed, confirmation_of(tracker)
    )
    outcome: Outcome = await asyncio.to_thread(box.send, entry_id)
    status = outcome.entry.status
    if status in WAITING:
        dispatcher.utter_message(response=WAITING[status])
        return None
    if status == REJECTED:
        await asyncio.to_thread(box.discard, entry_id)
        reasons = "; ".join(m for _loc, m in outcome.entry.refused_fields) or "ukendt årsag"
        dispatcher.utter_message(text=f"Systemet afviste det: {reasons}. Intet er gemt.")
        return None
    return outcome.response


class FollowupSubmit(Action, ABC):
    """Ends a follow-up form: saves its write as the signed-in writer, then clears the flow.

    Subclasses name the outbox kind, build the write from the slots and say what was stored;
    the flow's slots are cleared whether it was saved, queued, refused or not allowed.
    """

    kind: str  # the outbox kind, as registered in actions/followup/delivery.py

    @abstractmethod
    def write(self, tracker: Tracker) -> dict[str, Any]: ...

    @abstractmethod
    def saved(
        self, result: dict[str, Any], dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> None: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        staff = staff_of(tracker)
        if not refuse_unless_writer(staff, dispatcher):
            assert staff is not None
            reference = tracker.get_slot("citizen_ref")
            result = await save(self.kind, reference, self.write(tracker), staff, dispatcher,
                                tracker)  # fmt: skip
            if result is not None:
                self.saved(result, dispatcher, tracker)
        return reset_followup(domain)
