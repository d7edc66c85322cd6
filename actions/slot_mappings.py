"""Global slot mappings that need a little logic."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.goals.parsing import find_reference
from rehab_rules.cpr import REDACTION, contains_cpr

# Messages that may name a citizen by reference ("vis mål for B-1042").
REFERENCE_INTENTS = {"start_goal", "show_goals", "start_reassessment", "start_evaluation"}


class ValidateSlotMappings(ValidationAction):
    def domain_slots(self, domain: dict[str, Any]) -> list[str]:
        # rasa-sdk leaves out slots that also have a form mapping; citizen_ref has both (named in
        # the opening message, or asked for by the form).
        slots = super().domain_slots(domain)
        return slots if "citizen_ref" in slots else [*slots, "citizen_ref"]

    async def extract_rolle(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        roles = set(tracker.get_latest_entity_values("rolle"))
        # "jeg er datter til en borger" names two roles; the writer is the more specific one.
        for role in ("paaroerende", "medarbejder", "borger"):
            if role in roles:
                return {"rolle": role}
        # "min mor får hjemmehjælp": whoever names a family member writes as a relative,
        # unless they already told us who they are.
        if tracker.get_slot("rolle") is None and next(
            tracker.get_latest_entity_values("relation"), None
        ):
            return {"rolle": "paaroerende"}
        return {}

    async def extract_citizen_ref(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        message = tracker.latest_message
        if (message.get("intent") or {}).get("name") not in REFERENCE_INTENTS:
            return {}
        text = message.get("text") or ""
        if REDACTION in text or contains_cpr(text):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {}
        reference = find_reference(text)
        return {"citizen_ref": reference} if reference else {}
