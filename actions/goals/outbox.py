"""A durable outbox: a confirmed goal is written here first, then sent to the goals API.

If the API is down or slow the goal stays here and is sent when the API is back (by the next
goal action or the background flusher). Idempotency keys make every resend harmless, so a goal
is stored in the API exactly once. Once sent, the goal's content is deleted from the outbox;
only its id, status and the API's goal id remain.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actions.goals.api_client import ApiRejected, ApiUnavailable, GoalsApi

logger = logging.getLogger(__name__)
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "var" / "outbox.db"
PENDING, SENT, REJECTED = "afventer", "gemt", "afvist"


@dataclass(frozen=True)
class Entry:
    capture_id: str
    status: str
    attempts: int
    goal_id: int | None
    error: str | None


class Outbox:
    def __init__(self, path: Path | None = None, api: GoalsApi | None = None) -> None:
        self.path = Path(path or os.environ.get("OUTBOX_PATH", DEFAULT_PATH))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.api = api or GoalsApi()
        self._lock = threading.Lock()
        with self._db() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS outbox (capture_id TEXT PRIMARY KEY, reference TEXT,"
                " payload TEXT, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                " goal_id INTEGER, error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"
            )

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    @staticmethod
    def _now() -> str:
        return dt.datetime.now(dt.timezone.utc).isoformat()

    def add(self, capture_id: str, reference: str, payload: dict[str, Any]) -> None:
        """Stores the goal durably; adding the same capture twice keeps the first."""
        with self._db() as db:
            db.execute(
                "INSERT OR IGNORE INTO outbox (capture_id, reference, payload, status, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (capture_id, reference, json.dumps(payload), PENDING, self._now(), self._now()),
            )

    def get(self, capture_id: str) -> Entry | None:
        with self._db() as db:
            row = db.execute(
                "SELECT capture_id, status, attempts, goal_id, error FROM outbox"
                " WHERE capture_id = ?",
                (capture_id,),
            ).fetchone()
        return Entry(*row) if row else None

    def pending(self) -> list[str]:
        with self._db() as db:
            rows = db.execute(
                "SELECT capture_id FROM outbox WHERE status = ? ORDER BY created_at", (PENDING,)
            ).fetchall()
        return [row[0] for row in rows]

    def send(self, capture_id: str) -> Entry:
        """Tries to deliver one goal now; returns its state afterwards."""
        with self._lock:
            with self._db() as db:
                row = db.execute(
                    "SELECT reference, payload, status FROM outbox WHERE capture_id = ?",
                    (capture_id,),
                ).fetchone()
            if row is None:
                raise KeyError(capture_id)
            reference, payload, status = row
            if status != PENDING:
                return self.get(capture_id)  # type: ignore[return-value]
            try:
                goal_id = deliver(self.api, capture_id, reference, json.loads(payload))
            except ApiUnavailable as error:
                self._update(capture_id, PENDING, error=f"API utilgængeligt ({error})", tried=True)
            except ApiRejected as error:
                self._update(capture_id, REJECTED, error=str(error.detail)[:500], tried=True)
            else:
                self._update(capture_id, SENT, goal_id=goal_id, tried=True)
        return self.get(capture_id)  # type: ignore[return-value]

    def flush(self) -> int:
        """Sends every pending goal; returns how many are still pending."""
        for capture_id in self.pending():
            self.send(capture_id)
        return len(self.pending())

    def _update(
        self, capture_id: str, status: str, *, goal_id: int | None = None,
        error: str | None = None, tried: bool = False,
    ) -> None:  # fmt: skip
        with self._db() as db:
            db.execute(
                "UPDATE outbox SET status = ?, goal_id = COALESCE(?, goal_id), error = ?,"
                " attempts = attempts + ?, updated_at = ?,"
                # Sent goals live in the API; the outbox keeps no health data about them.
                " payload = CASE WHEN ? = ? THEN NULL ELSE payload END WHERE capture_id = ?",
                (status, goal_id, error, int(tried), self._now(), status, SENT, capture_id),
            )


def deliver(api: GoalsApi, capture_id: str, reference: str, payload: dict[str, Any]) -> int:
    """Citizen, COPM assessment, then the goal with its delmål; each step idempotent."""
    api.ensure_citizen(reference, key=f"{capture_id}:citizen")
    assessment = api.create_assessment(
        reference, payload["assessment"], key=f"{capture_id}:assessment"
    )
    goal = dict(payload["goal"])
    problem = assessment["problems"][goal.pop("problem_index", 0)]
    goal["problem_id"] = problem["id"]
    goal["baseline"] = {k: problem[k] for k in ("importance", "performance", "satisfaction")}
    return api.create_goal(reference, goal, key=f"{capture_id}:goal")["id"]


_flusher_started = threading.Event()


def start_background_flusher(outbox: Outbox, interval: float | None = None) -> None:
    """Resends pending goals every `interval` seconds for the life of the action server."""
    if _flusher_started.is_set():
        return
    _flusher_started.set()
    every = interval or float(os.environ.get("OUTBOX_FLUSH_SECONDS", "30"))

    def loop() -> None:
        while True:
            try:
                outbox.flush()
            except Exception:  # keep flushing; one bad row must not stop the others
                logger.exception("outbox flush failed")
            threading.Event().wait(every)

    threading.Thread(target=loop, name="outbox-flusher", daemon=True).start()
