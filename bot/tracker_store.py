"""Conversations that survive a restart and are forgotten on time.

Rasa's SQLTrackerStore, configured from the environment so one `endpoints.yml` serves every
deployment: TRACKER_DB_URL (default: an SQLite file, var/tracker.db; PostgreSQL e.g.
postgresql://rasa@127.0.0.1:5432/rasa). It loads only the current conversation session.

Long conversations stay as fast as short ones: Rasa loads, replays and sends the whole current
session to the action server on every turn, so each turn costs more than the one before. When a
session has run TRACKER_SESSION_MAX_TURNS user turns (default 10) and the assistant is waiting
for the next message outside any form, the store starts a new session the way a session expiry
does: the slots carry over, and the last turn is carried along as well, so that a rule answering
the assistant's last question still sees it. The old session stays stored (and in exports).

Retention (GDPR storage limitation): events older than TRACKER_RETENTION_DAYS (default 30) are
deleted when the server starts and then every hour. 30 days lets staff pick up an unfinished
goal capture after holidays and lets a citizen's question be followed up, while nothing is
kept longer than that purpose needs. `python -m bot.tracker_store purge` runs it by hand.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'tracker.db'}"
DEFAULT_RETENTION_DAYS = 30.0
DEFAULT_SESSION_MAX_TURNS = 10
# Metadata key on the copy of the last message that a new session carries along.
CARRIED_OVER = "carried_over"
PURGE_EVERY_SECONDS = 3600.0


def tracker_db_url() -> str:
    return os.environ.get("TRACKER_DB_URL") or DEFAULT_URL


def retention_days() -> float:
    return float(os.environ.get("TRACKER_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)


def session_max_turns() -> int:
    return int(os.environ.get("TRACKER_SESSION_MAX_TURNS") or DEFAULT_SESSION_MAX_TURNS)


def _current_session(tracker: DialogueStateTracker) -> list[Event]:
    events = list(tracker.events)
    starts = [i for i, event in enumerate(events) if isinstance(event, SessionStarted)]
    return events[starts[-1] :] if starts else events


def continuation(tracker: DialogueStateTracker, max_turns: int) -> list[Event]:
    """The events that start a new session after a long one, or none while it may go on.

    Only between turns (the assistant listens) and outside forms, so that no question of a form
    is cut off. The new session holds what Rasa's session start would (the slots carried over)
    and then the last turn again, with new times: the store loads a session from the time of
    its SessionStarted on.
    """
    session = _current_session(tracker)
    turns = [i for i, event in enumerate(session) if isinstance(event, UserUttered)]
    last = session[-1] if session else None
    waiting = isinstance(last, ActionExecuted) and last.action_name == ACTION_LISTEN_NAME
    if len(turns) <= max_turns or not waiting or tracker.active_loop_name:
        return []
    carried = [
        SlotSet(name, value)
        for name, value in tracker.current_slot_values().items()
        if value is not None
    ]
    start = [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), *carried,
             ActionExecuted(ACTION_LISTEN_NAME)]  # fmt: skip
    last_turn = [Event.from_parameters(event.as_dict()) for event in session[turns[-1] :]]
    # Marked, so that whoever reads the stored history can tell the copy from the message.
    last_turn[0].metadata = {**last_turn[0].metadata, CARRIED_OVER: True}
    events = [*start, *last_turn]
    now = max(time.time(), last.timestamp)
    for offset, event in enumerate(events, start=1):  # strictly after the old session
        event.timestamp = now + offset * 1e-6
    return events


def _store_arguments(url: str) -> dict[str, Any]:
    parsed = make_url(url)
    dialect = parsed.get_backend_name()
    if dialect == "sqlite":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return {"dialect": "sqlite", "db": parsed.database}
    return {
        "dialect": parsed.drivername,
        "host": parsed.host,
        "port": parsed.port,
        "db": parsed.database,
        "username": parsed.username,
        "password": parsed.password,
        "query": dict(parsed.query) or None,
    }


class RetainingSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,  # Rasa passes the endpoint's `url` here; unused
        event_broker: EventBroker | None = None,
        url: str | None = None,
        retention: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            domain=domain, event_broker=event_broker, **_store_arguments(url or tracker_db_url())
        )
        self.retention_days = retention or retention_days()
        self.max_turns = session_max_turns()
        self.purge()
        self._start_hourly_purge()

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        events = continuation(tracker, self.max_turns)
        if not events:
            return
        with self.session_scope() as session:
            session.add_all(self._row(tracker.sender_id, event) for event in events)
            session.commit()
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, events, tracker.sender_id)
        logger.debug("conversation %s continues in a new session", tracker.sender_id)

    def _row(self, sender_id: str, event: Event) -> Any:
        """One stored event, as SQLTrackerStore.save writes it."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def purge(self, now: float | None = None) -> int:
        """Deletes events older than the retention period; returns how many went."""
        cutoff = (now or time.time()) - self.retention_days * 86400
        with self.engine.begin() as connection:
            deleted = connection.execute(
                sa.delete(self.SQLEvent.__table__).where(self.SQLEvent.timestamp < cutoff)
            ).rowcount
        if deleted:
            logger.info("tracker retention: deleted %d events older than %g days", deleted,
                        self.retention_days)  # fmt: skip
        return deleted or 0

    def _start_hourly_purge(self) -> None:
        def loop() -> None:
            while not stop.wait(PURGE_EVERY_SECONDS):
                try:
                    self.purge()
                except Exception:  # a busy database must not stop later purges
                    logger.exception("tracker retention: purge failed")

        stop = threading.Event()
        threading.Thread(target=loop, name="tracker-retention", daemon=True).start()


def main(argv: list[str]) -> int:
    if argv[1:] != ["purge"]:
        print("usage: python -m bot.tracker_store purge", file=sys.stderr)
        return 2
    RetainingSQLTrackerStore()  # purges on start and logs what it deleted
    print(f"purged events older than {retention_days():g} days from the tracker store")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
