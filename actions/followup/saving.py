"""Confirmed follow-ups go through the same durable outbox as goals."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common.api import Delegation
from actions.common.identity import Staff
from actions.common.outbox import HELD, PENDING, REJECTED, Outcome, confirmation_of, outbox
from actions.followup import delivery  # noqa: F401  (registers the deliverers)

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
