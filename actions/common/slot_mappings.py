"""Global slot mappings that need a little logic."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.common.identity import staff_of
from actions.common.reading import find_reference
from rehab_rules.cpr import REDACTION, contains_cpr

# Messages that may name a citizen by reference ("vis mål for B-1042").
REFERENCE_INTENTS = {"start_goal", "show_goals", "start_reassessment", "start_evaluation"}


class ValidateSlotMappings(ValidationAction):
    def domain_slots(self, domain: dict[str, Any]) -> list[str]:
        # rasa-sdk leaves out slots that also have a form mapping; citizen_ref has both (named in
        # the opening message, or asked for by the form).
        slots = super().domain_slots(domain)
        return slots if "citizen_ref" in slots else [*slots, "citizen_ref"]

    async def extract_signed_in(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        # Every message: the staff door's verified identity, or not signed in.
        return {"signed_in": staff_of(tracker) is not None}

    async def extract_rolle(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        if staff_of(tracker) is not None:  # the staff door: answers for staff, always
            return {"rolle": "medarbejder"}
        roles = set(tracker.get_latest_entity_values("rolle"))
        # "jeg er datter til en borger" names two roles; the writer is the more specific one.
        for role in ("paaroerende", "medarbejder", "borger"):
            if role in roles:
                return {"rolle": role}
        # Asking about the relatives' role ("hvad kan jeg som pårørende gøre?") is a relative's
        # question, unless they already told us who they are.
        selected = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
        key = (selected.get("response") or {}).get("intent_response_key")
        if tracker.get_slot("rolle") is None and key == "faq/paaroerendes_rolle":
            return {"rolle": "paaroerende"}
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
        if staff_of(tracker) is None:  # citizen references are for signed-in staff only
            return {}
        if (message.get("intent") or {}).get("name") not in REFERENCE_INTENTS:
            return {}
        text = message.get("text") or ""
        if REDACTION in text or contains_cpr(text):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {}
        reference = find_reference(text)
        return {"citizen_ref": reference} if reference else {}
