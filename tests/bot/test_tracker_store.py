"""The tracker store on a real SQLite file: a long conversation goes on in a new session that
keeps the slots and the last turn, so a turn's cost stays bounded (bot/tracker_store.py)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import CARRIED_OVER, RetainingSQLTrackerStore
from tests.conftest import ROOT

MAX_TURNS = 20


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture
def store(tmp_path: Path, domain: Domain, monkeypatch) -> RetainingSQLTrackerStore:
    monkeypatch.setenv("TRACKER_SESSION_MAX_TURNS", str(MAX_TURNS))
    return RetainingSQLTrackerStore(domain=domain, url=f"sqlite:///{tmp_path / 'tracker.db'}")


def run(coroutine):
    return asyncio.run(coroutine)


def turn(store: RetainingSQLTrackerStore, sender: str, text: str, *extra, listen: bool = True):
    """One turn as Rasa's processor makes it: load, the message, the answer, save."""
    tracker = run(store.retrieve(sender))
    if tracker is None:
        tracker = DialogueStateTracker(sender, store.domain.slots)
        for event in (ActionExecuted("action_session_start"), SessionStarted(),
                      ActionExecuted("action_listen")):  # fmt: skip
            tracker.update(event)
    events = [
        UserUttered(text, {"name": "faq", "confidence": 0.9}),
        *extra,
        ActionExecuted("utter_faq"),
        BotUttered(f"svar på {text}"),
    ]
    if listen:
        events.append(ActionExecuted("action_listen"))
    for event in events:
        event.timestamp = time.time()  # as the processor does: in order, now
        tracker.update(event)
    run(store.save(tracker))
    return tracker


def user_texts(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def test_a_long_conversation_goes_on_in_a_new_session_with_its_slots_and_last_turn(store):
    turn(store, "long", "spørgsmål 1", SlotSet("rolle", "paaroerende"))
    for i in range(2, MAX_TURNS + 1):
        turn(store, "long", f"spørgsmål {i}")
    assert user_texts(run(store.retrieve("long")))[0] == "spørgsmål 1", "no new session yet"

    turn(store, "long", f"spørgsmål {MAX_TURNS + 1}")
    tracker = run(store.retrieve("long"))
    assert user_texts(tracker) == [f"spørgsmål {MAX_TURNS + 1}"]
    assert tracker.get_slot("rolle") == "paaroerende"
    assert tracker.latest_message.text == f"spørgsmål {MAX_TURNS + 1}"
    assert tracker.latest_action_name == "action_listen"
    assert tracker.latest_bot_utterance.text == f"svar på spørgsmål {MAX_TURNS + 1}"

    # The conversation goes on: the next turn is stored once, after the carried turn.
    turn(store, "long", "og så")
    assert user_texts(run(store.retrieve("long"))) == [f"spørgsmål {MAX_TURNS + 1}", "og så"]

    # Nothing is lost from the store: every turn is there, and the carried copy says it is one.
    full = run(store.retrieve_full_tracker("long"))
    everything = user_texts(full)
    assert everything == [*(f"spørgsmål {i}" for i in range(1, MAX_TURNS + 2)),
                          f"spørgsmål {MAX_TURNS + 1}", "og så"]  # fmt: skip
    carried = [e.text for e in full.events
               if isinstance(e, UserUttered) and e.metadata.get(CARRIED_OVER)]  # fmt: skip
    assert carried == [f"spørgsmål {MAX_TURNS + 1}"]


def test_what_a_turn_loads_stays_bounded(store):
    loaded = []
    for i in range(1, 4 * MAX_TURNS + 1):
        turn(store, "bounded", f"spørgsmål {i}")
        loaded.append(run(store.retrieve("bounded")))
    assert max(len(user_texts(t)) for t in loaded) == MAX_TURNS
    sizes = [len(t.events) for t in loaded]
    # After the first session every session is alike: the same most events, however long.
    assert max(sizes[MAX_TURNS : 2 * MAX_TURNS]) == max(sizes[3 * MAX_TURNS :])


def test_no_new_session_inside_a_form(store):
    turn(store, "form", "start", ActiveLoop("goal_form"))
    for i in range(MAX_TURNS + 5):
        turn(store, "form", f"svar {i}")
    tracker = run(store.retrieve("form"))
    assert user_texts(tracker)[0] == "start"
    assert tracker.active_loop_name == "goal_form"

    turn(store, "form", "færdig", ActiveLoop(None))  # the form ends: the next save may start one
    assert user_texts(run(store.retrieve("form"))) == ["færdig"]


def test_no_new_session_while_the_assistant_is_still_acting(store):
    for i in range(MAX_TURNS + 1):
        turn(store, "busy", f"spørgsmål {i}", listen=False)
    assert user_texts(run(store.retrieve("busy")))[0] == "spørgsmål 0"
