"""`rasa run` with timing around each step of a turn, for the bench's profile (not for serving).

    BENCH_TIMINGS=turns.jsonl .venv-bot/bin/python -m tests.bench.timed_rasa run <the Procfile's
    arguments>

The bench starts it with the Procfile's own `rasa` line, only `rasa run` swapped for this module,
so the model, endpoints, channels and tracker store are the ones served. Nothing of the project
is changed: the wrappers go around Rasa's and the doors' methods from the outside, and add a few
perf_counter calls per step. Each turn becomes one JSON line in BENCH_TIMINGS:

- door: the door's admission (staff: the /auth/me verification inside it, also as auth_me);
- lock: waiting for the conversation's lock (Agent.handle_message minus the processor);
- tracker_retrieve (SQL query + json) with tracker_replay (DialogueStateTracker.from_dict) in it;
- session: the rest of fetching the tracker and checking the session (tracker_save_session:
  storing a new session's start);
- nlu: MessageProcessor.parse_message, and per graph node (nodes: run_DIETClassifier0, ...);
- slots: action_extract_slots (with its action-server calls, if any);
- policies: every prediction of the turn (the core graph), with its count;
- actions: every action run, by name; remote: the action-server round trips in them;
- nlg: response rendering; tracker_save: storing the new events;
- events: the tracker's length after the turn.
"""

from __future__ import annotations

import contextvars
import functools
import json
import os
import sys
import time
from collections import defaultdict
from typing import Any

TIMINGS = os.environ.get("BENCH_TIMINGS")
_turn: contextvars.ContextVar[dict | None] = contextvars.ContextVar("bench_turn", default=None)
_last: list[dict] = []  # the profile sends one message at a time: the newest turn as fallback


def _new_turn(door: str) -> dict:
    turn = {
        "door": door,
        "started": time.time(),
        "ms": defaultdict(float),
        "count": defaultdict(int),
        "nodes": defaultdict(float),
        "actions": defaultdict(float),
        "remote": defaultdict(float),
    }
    _turn.set(turn)
    _last[:] = [turn]
    return turn


def _current() -> dict | None:
    return _turn.get() or (_last[0] if _last else None)


def _add(phase: str, ms: float, table: str = "ms") -> None:
    turn = _current()
    if turn is not None:
        turn[table][phase] += ms
        turn["count"][phase if table == "ms" else f"{table}:{phase}"] += 1


def _record(phase: str | None, key: Any, started: float, args: tuple, kwargs: dict) -> None:
    """The time since `started` under `phase`, and under key(*args, **kwargs) = (table, name)."""
    ms = (time.perf_counter() - started) * 1000
    if phase:
        _add(phase, ms)
    if key is not None:
        table, name = key(*args, **kwargs)
        _add(name, ms, table)


def _async(phase: str, key: Any = None):
    def wrap(fn):
        @functools.wraps(fn)
        async def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                _record(phase, key, started, args, kwargs)

        return timed

    return wrap


def _sync(phase: str | None, key: Any = None):
    def wrap(fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                _record(phase, key, started, args, kwargs)

        return timed

    return wrap


def _write(turn: dict) -> None:
    if not TIMINGS:
        return
    with open(TIMINGS, "a", encoding="utf-8") as out:
        out.write(json.dumps(turn) + "\n")


def install() -> None:
    from rasa.core import processor as processor_module
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import Agent
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.engine.graph import GraphNode
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.channels.public import PublicRestInput
    from bot.channels.staff import StaffRestInput
    from bot.channels.staff_identity import StaffVerifier

    processor = processor_module.MessageProcessor

    def door(name: str, admit):
        @functools.wraps(admit)
        async def timed(self, request):
            turn = _new_turn(name)
            started = time.perf_counter()
            try:
                return await admit(self, request)
            finally:
                turn["ms"]["door"] += (time.perf_counter() - started) * 1000

        return timed

    PublicRestInput.admit = door("public", PublicRestInput.admit)
    StaffRestInput.admit = door("staff", StaffRestInput.admit)
    StaffVerifier.verify = _async("auth_me")(StaffVerifier.verify)

    handle = Agent.handle_message

    @functools.wraps(handle)
    async def agent_handle(self, message):
        turn = _turn.get()
        if turn is None:  # another channel (socket.io): no door step timed
            turn = _new_turn(message.input_channel or "other")
        started = time.perf_counter()
        try:
            return await handle(self, message)
        finally:
            turn["ms"]["agent"] += (time.perf_counter() - started) * 1000
            turn["sender"] = message.sender_id
            turn["text_chars"] = len(message.text or "")
            _write(turn)

    Agent.handle_message = agent_handle
    processor.handle_message = _async("processor")(processor.handle_message)
    fetch = processor.fetch_tracker_and_update_session

    @functools.wraps(fetch)
    async def timed_fetch(self, *args, **kwargs):
        turn = _current()
        if turn is not None:
            turn["in_fetch"] = True
        started = time.perf_counter()
        try:
            return await fetch(self, *args, **kwargs)
        finally:
            _add("fetch_and_session", (time.perf_counter() - started) * 1000)
            if turn is not None:
                turn["in_fetch"] = False

    processor.fetch_tracker_and_update_session = timed_fetch
    processor.parse_message = _async("nlu")(processor.parse_message)
    processor.run_action_extract_slots = _async("slots")(processor.run_action_extract_slots)
    processor._predict_next_with_tracker = _sync("policies")(processor._predict_next_with_tracker)
    processor._run_action = _async(
        "actions", key=lambda self, action, *a, **k: ("actions", action.name())
    )(processor._run_action)
    processor.run_anonymization_pipeline = _async("anonymization")(
        processor.run_anonymization_pipeline
    )
    RemoteAction.run = _async("remote", key=lambda self, *a, **k: ("remote", self.name()))(
        RemoteAction.run
    )
    TemplatedNaturalLanguageGenerator.generate = _async("nlg")(
        TemplatedNaturalLanguageGenerator.generate
    )
    SQLTrackerStore._retrieve = _async("tracker_retrieve")(SQLTrackerStore._retrieve)
    DialogueStateTracker.from_dict = classmethod(
        _sync("tracker_replay")(DialogueStateTracker.from_dict.__func__)
    )
    save = SQLTrackerStore.save

    @functools.wraps(save)
    async def timed_save(self, tracker):
        started = time.perf_counter()
        try:
            return await save(self, tracker)
        finally:
            turn = _current()
            # A save while the tracker is fetched is the new session's start being stored.
            phase = "tracker_save_session" if turn and turn.get("in_fetch") else "tracker_save"
            _add(phase, (time.perf_counter() - started) * 1000)
            if turn is not None:
                turn["events"] = len(tracker.events)

    SQLTrackerStore.save = timed_save
    GraphNode.__call__ = _sync(None, key=lambda self, *a, **k: ("nodes", self._node_name))(
        GraphNode.__call__
    )


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
