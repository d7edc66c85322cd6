"""Global slot mappings that need a little logic."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction


class ValidateSlotMappings(ValidationAction):
    async def extract_rolle(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        # "min mor får hjemmehjælp": whoever names a family member writes as a relative,
        # unless they already told us who they are.
        if tracker.get_slot("rolle") is None and next(
            tracker.get_latest_entity_values("relation"), None
        ):
            return {"rolle": "paaroerende"}
        return {}
