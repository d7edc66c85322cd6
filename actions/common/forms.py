"""What every staff form validates the same way: the signed-in person, references, scores,
free text and yes/no. In the spirit of financial-demo's CustomFormValidationAction."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common.identity import staff_of
from actions.common.reading import find_reference, has_cpr, parse_score, yes_no
from rehab_rules import limits

Check = Callable[[str, Any, CollectingDispatcher], dict[str, Any]]


def validates(slot: str, check: Check) -> Callable[..., dict[str, Any]]:
    """A form's ``validate_<slot>`` that is one of the shared checks below and nothing more.

    rasa-sdk calls it as a method, ``validate_<slot>(value, dispatcher, tracker, domain)``."""

    def validate(
        self: FormValidationAction,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return check(slot, value, dispatcher)

    return validate


class StaffFormValidation(FormValidationAction, ABC):
    """Base of the staff forms: refuses to run for anyone the staff door did not verify."""

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if staff_of(tracker) is None:
            # The rules start these forms only on the staff door; this is the second lock.
            dispatcher.utter_message(response="utter_staff_only")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        return await super().run(dispatcher, tracker, domain)

    # -- shared validators, each returning {slot: value or None} ----------------------------
    @staticmethod
    def reference(slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        text = str(value or "").strip()
        if has_cpr(text):
            dispatcher.utter_message(response="utter_cpr_refused")
            return {slot: None}
        reference = (find_reference(text) or text).upper()
        if not limits.is_reference(reference):
            dispatcher.utter_message(response="utter_invalid_reference")
            return {slot: None}
        return {slot: reference}

    @staticmethod
    def parsed(
        slot: str, value: Any, dispatcher: CollectingDispatcher, invalid: str
    ) -> dict[str, Any]:
        """``{slot: value}``; a value the parser could not read (None) is said (``invalid``)."""
        if value is None:
            dispatcher.utter_message(response=invalid)
        return {slot: value}

    @staticmethod
    def score(slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        score = parse_score(str(value or ""))
        return StaffFormValidation.parsed(slot, score, dispatcher, "utter_invalid_score")

    @staticmethod
    def numbered(
        slot: str, value: Any, count: int, dispatcher: CollectingDispatcher, **otherwise: Any
    ) -> dict[str, Any]:
        """One of the numbers 1..count offered as buttons; else says ``otherwise`` (a response or
        a text, as ``utter_message`` takes it)."""
        number = parse_score(str(value or ""))
        if number is None or not 1 <= number <= count:
            dispatcher.utter_message(**otherwise)
            return {slot: None}
        return {slot: number}

    @staticmethod
    def free_text(value: Any, limit: int, dispatcher: CollectingDispatcher) -> str | None:
        text = str(value or "").strip()
        if has_cpr(text):
            dispatcher.utter_message(response="utter_cpr_refused")
            return None
        if not text:
            dispatcher.utter_message(response="utter_empty_text")
            return None
        if len(text) > limit:
            dispatcher.utter_message(text=f"Det er lidt for langt – højst {limit} tegn, tak.")
            return None
        return text

    @staticmethod
    def answer_yes_no(slot: str, value: Any, dispatcher: CollectingDispatcher) -> bool | None:
        answer = yes_no(str(value or ""))
        if answer is None:
            dispatcher.utter_message(response="utter_invalid_yes_no")
        return answer
