""" "Vis mål for B-1042": the citizen's goals, delmål and latest evaluations, read as the person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common.identity import staff_of
from actions.followup.reading import api, read_as
from actions.goals.texts import goals_overview


class ActionShowGoals(Action):
    def name(self) -> str:
        return "action_show_goals"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        staff = staff_of(tracker)
        if staff is None:  # the rules route the public door elsewhere; this is the second lock
            dispatcher.utter_message(response="utter_staff_only")
            return [SlotSet("citizen_ref", None)]
        reference = tracker.get_slot("citizen_ref")
        if not reference:
            dispatcher.utter_message(response="utter_ask_reference_for_list")
            return []
        goals = await read_as(staff, dispatcher, api().list_goals, reference)
        if goals is not None:
            dispatcher.utter_message(text=goals_overview(reference, goals))
        return [SlotSet("citizen_ref", None)]
