"""Conversation states for the action tests, in the style of financial-demo's tracker fixtures.

Each file in data/ is the tracker JSON Rasa sends to the action server in one situation
(data/make_trackers.py writes them with Rasa's own classes). `tracker(name)` loads one as a
`rasa_sdk.Tracker`; `Conversation(name)` goes on from there the way Rasa does: the user's
answer becomes the requested slot's candidate, the form's validation action runs on it, and its
events update the state. So a test reads "given this conversation, the assistant says X and sets
Y", through the same calls Rasa makes.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[2]
KEEP: Any = object()  # "leave as the file has it"


def identity(
    role: str = "terapeut",
    username: str = "terapeut.jensen",
    user_id: str = "u-5a1e0c7d9b3f2e41",
    session_id: str = "s-6b0f4e1a2c3d4e5f60718293a4b5c6d7",
) -> dict[str, str]:
    """A staff identity as the staff door puts it into a message's metadata."""
    return {"user_id": user_id, "username": username, "role": role, "session_id": session_id}


@functools.cache
def _raw(name: str) -> str:
    return (DATA / f"{name}.json").read_text(encoding="utf-8")


def state(
    name: str,
    *,
    slots: dict[str, Any] | None = None,
    staff: dict[str, str] | None = KEEP,
    text: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    sender_id: str | None = None,
    active_loop: str | None = KEEP,
) -> dict[str, Any]:
    """The tracker dict of data/<name>.json, with the given changes.

    `staff` replaces the verified identity on the latest message (None: the public door, which
    carries none); `text`/`entities` change what the latest message said.
    """
    data = json.loads(_raw(name))
    data["slots"].update(slots or {})
    message = data["latest_message"]
    if staff is not KEEP:
        message["metadata"] = {"staff": dict(staff)} if staff else {}
    if text is not None:
        message["text"] = text
    if entities is not None:
        message["entities"] = entities
    if sender_id is not None:
        data["sender_id"] = sender_id
    if active_loop is not KEEP:
        data["active_loop"] = {"name": active_loop} if active_loop else {}
    return data


def tracker(name: str, **changes: Any) -> Tracker:
    """data/<name>.json as the action server's Tracker (see `state` for the changes)."""
    return Tracker.from_dict(state(name, **changes))


@functools.cache
def _domain() -> str:
    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Rasa's note about the removed slot auto-fill
        return json.dumps(Domain.load(str(ROOT / "bot" / "domain")).as_dict())


def domain() -> dict[str, Any]:
    """The project's domain as Rasa sends it with an action call (a fresh copy each time)."""
    return json.loads(_domain())


@dataclass
class Reply:
    """What an action did: its events and the messages it sent."""

    events: list[dict[str, Any]]
    messages: list[dict[str, Any]]

    @property
    def slots(self) -> dict[str, Any]:
        """The values the action set, the last one per slot."""
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}

    @property
    def responses(self) -> list[str]:
        return [m["response"] for m in self.messages if m.get("response")]

    @property
    def texts(self) -> list[str]:
        return [m["text"] for m in self.messages if m.get("text")]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [button for m in self.messages for button in m.get("buttons") or []]

    def kinds(self) -> list[str]:
        return [e.get("event") for e in self.events]


def run(action: Action, on: Tracker, the_domain: dict[str, Any] | None = None) -> Reply:
    """Runs one action the way the action server does, on this tracker."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, on, the_domain or domain()))
    return Reply(list(events), dispatcher.messages)


def validators() -> dict[str, type[Action]]:
    from actions.followup.evaluation import ValidateEvaluationForm
    from actions.followup.reassessment import ValidateReassessmentForm
    from actions.goals.form import ValidateGoalForm

    return {
        "goal_form": ValidateGoalForm,
        "reassessment_form": ValidateReassessmentForm,
        "evaluation_form": ValidateEvaluationForm,
    }


@dataclass
class Conversation:
    """A conversation from data/, continued turn by turn."""

    data: dict[str, Any]
    said: list[Reply] = field(default_factory=list)

    @classmethod
    def of(cls, name: str, **changes: Any) -> Conversation:
        return cls(state(name, **changes))

    @property
    def tracker(self) -> Tracker:
        return Tracker.from_dict(copy.deepcopy(self.data))

    @property
    def slots(self) -> dict[str, Any]:
        return self.data["slots"]

    @property
    def form(self) -> str | None:
        return (self.data.get("active_loop") or {}).get("name")

    @property
    def asking(self) -> str | None:
        return self.slots.get("requested_slot")

    def _time(self) -> float:
        return float(self.data["events"][-1]["timestamp"]) + 2.0

    def _event(self, event: dict[str, Any]) -> None:
        self.data["events"].append({**event, "timestamp": self._time()})

    def _apply(self, events: list[dict[str, Any]]) -> None:
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
            elif event.get("event") == "active_loop":
                self.data["active_loop"] = {"name": event["name"]} if event["name"] else {}
            self._event(event)

    def _action(self, name: str) -> None:
        self._event({"event": "action", "name": name, "policy": "RulePolicy", "confidence": 1.0})
        self.data["latest_action_name"] = name
        self.data["latest_action"] = {"action_name": name}

    def say(self, text: str, intent: str = "inform", **parse: Any) -> Reply:
        """The user's message; inside a form it answers the requested slot, validated as Rasa's
        FormAction does it (the text is the slot's candidate), and the form asks on."""
        message = {**self.data["latest_message"], "text": text, "entities": [],
                   "intent": {"name": intent, "confidence": 0.97}, **parse}  # fmt: skip
        message["intent_ranking"] = [message["intent"]]
        if "response_selector" not in parse:
            message.pop("response_selector", None)
        self.data["latest_message"] = message
        self._event({"event": "user", "text": text, "parse_data": message,
                     "metadata": message.get("metadata") or {},
                     "input_channel": self.data.get("latest_input_channel")})  # fmt: skip
        form, slot = self.form, self.asking
        if form not in validators() or not slot:
            return Reply([], [])
        self._apply([{"event": "slot", "name": slot, "value": text}])
        reply = run(validators()[form](), self.tracker)  # inside the form: no action event
        self._apply(reply.events)
        self.said.append(reply)
        if self.form and "requested_slot" not in reply.slots:
            # Rasa's FormAction picks the next empty slot when the validator does not.
            required = domain()["forms"][form]["required_slots"]
            missing = next((s for s in required if self.slots.get(s) is None), None)
            self._apply([{"event": "slot", "name": "requested_slot", "value": missing}])
        if self.form and self.asking is None:
            self._apply([{"event": "active_loop", "name": None}])
        self._action(form)
        return reply

    def run(self, action: Action) -> Reply:
        """Runs an action on the conversation as it stands and keeps what it changed."""
        reply = run(action, self.tracker)
        self._action(action.name())
        self._apply(reply.events)
        self.said.append(reply)
        return reply

    def answer(self, *texts: str) -> Reply:
        """Several answers in a row; the reply to the last."""
        reply = Reply([], [])
        for text in texts:
            reply = self.say(text)
        return reply
