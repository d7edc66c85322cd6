"""The one durable, idempotent path for every write the assistant makes to the goals API.

A write the user confirmed (a goal with its COPM assessment, a re-assessment, an evaluation) is
stored here first, with the staff session it acts for and the moment it was confirmed, and only
then sent. Each step carries an Idempotency-Key derived from the entry, so a resend after a
timeout, a crash or an outage never stores anything twice.

What happens to an entry:
- sent ("gemt"): its content is deleted at once; only id, status and the API's id remain.
- the API is down or answers 5xx ("afventer"): resent by the next action or the flusher.
- the API refuses the credential or the delegation (401, 403, …) ("holdt"): nothing is dropped.
  The entry waits, the operator is told (an error in the log and /health/outbox), and it is
  sent once the configuration is fixed.
- the API refuses the data itself (404, 422) ("afvist"): the user is told which field, and the
  content is kept only so they can correct it, for REJECTED_KEEP_DAYS.

Storage is an SQLite file by default (var/outbox.db) and a shared PostgreSQL database with
OUTBOX_DB_URL. Replicas then share the outbox: one claims an entry with a short lease before
sending, and if a replica dies for good, another sends its entries after the lease runs out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlalchemy.exc

from actions.common.api import ApiRefused, ApiUnavailable, Delegation, GoalsApi

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
PENDING, HELD, SENT, REJECTED = "afventer", "holdt", "gemt", "afvist"
LEASE_SECONDS = 120.0
REJECTED_KEEP_DAYS = 7
SENT_KEEP_DAYS = 30

metadata = sa.MetaData()
entries = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("reference", sa.String(40), nullable=False),
    sa.Column("payload", sa.Text),  # the write's content; NULL once sent
    sa.Column("session_id", sa.String(128), nullable=False),
    sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("error", sa.Text),  # status codes and refused fields only, never content
    sa.Column("result_id", sa.Integer),
    sa.Column("claimed_until", sa.Float),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# kind -> deliver(api, entry_id, reference, payload, delegation) -> the API's final response
Deliver = Callable[[GoalsApi, str, str, dict[str, Any], Delegation], dict[str, Any]]
DELIVERERS: dict[str, Deliver] = {}


def deliverer(kind: str) -> Callable[[Deliver], Deliver]:
    """Registers how one kind of write reaches the API (each feature registers its own)."""

    def register(function: Deliver) -> Deliver:
        DELIVERERS[kind] = function
        return function

    return register


def entry_id_for(conversation: str, confirmation: str) -> str:
    """The same id for the same confirmation, so a confirmation sent twice is one write.

    A Rasa replica can die after the write reached the API but before the conversation was
    stored; the user then presses "Gem" again in the same state, and gets the same entry (and
    so the same Idempotency-Keys) instead of a second goal.
    """
    return uuid.uuid5(uuid.NAMESPACE_URL, f"rehab-outbox:{conversation}:{confirmation}").hex


def confirmation_of(tracker: Any) -> str:
    """The conversation and the question the user's latest message answers, as an entry id.

    That question is the last action before the message (the summary with Gem, the last score
    of a re-assessment …); the same answer to the same question is the same confirmation.
    """
    asked = answered = "start"
    for event in tracker.events:
        if event.get("event") == "action" and event.get("name") != "action_listen":
            asked = str(event.get("timestamp"))
        elif event.get("event") == "user":
            answered = asked
    return entry_id_for(tracker.sender_id, answered)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    status: str
    attempts: int
    result_id: int | None
    refused_fields: list[tuple[list[Any], str]] = field(default_factory=list)
    payload: dict[str, Any] | None = None


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    response: dict[str, Any] | None = None  # the API's answer when it was sent just now


def database_url() -> str:
    return os.environ.get("OUTBOX_DB_URL") or f"sqlite:///{ROOT / 'var' / 'outbox.db'}"


class Outbox:
    def __init__(self, url: str | None = None, api: GoalsApi | None = None) -> None:
        url = url or database_url()
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine = sa.create_engine(url, future=True, pool_pre_ping=True)
        metadata.create_all(self.engine)
        self.api = api or GoalsApi()

    # -- storing ---------------------------------------------------------------------------
    def add(
        self,
        kind: str,
        reference: str,
        payload: dict[str, Any],
        acting_for: Delegation,
        entry_id: str | None = None,
    ) -> str:
        """Stores a confirmed write durably and returns its id; an id stored before is kept."""
        entry_id = entry_id or uuid.uuid4().hex
        now = _now()
        with contextlib.suppress(sa.exc.IntegrityError):  # the same confirmation: first stands
            self._insert(entry_id, kind, reference, payload, acting_for, now)
        return entry_id

    def _insert(
        self, entry_id: str, kind: str, reference: str, payload: dict[str, Any],
        acting_for: Delegation, now: dt.datetime,
    ) -> None:  # fmt: skip
        with self.engine.begin() as db:
            db.execute(
                entries.insert().values(
                    id=entry_id, kind=kind, reference=reference, payload=json.dumps(payload),
                    session_id=acting_for.session_id,
                    confirmed_at=acting_for.confirmed_at or now, status=PENDING, attempts=0,
                    created_at=now, updated_at=now,
                )
            )  # fmt: skip

    def get(self, entry_id: str) -> Entry | None:
        with self.engine.connect() as db:
            row = db.execute(sa.select(entries).where(entries.c.id == entry_id)).first()
        return _entry(row) if row else None

    def waiting(self) -> list[str]:
        """Entries still to be sent (pending or held), oldest first."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(entries.c.id)
                .where(entries.c.status.in_([PENDING, HELD]))
                .order_by(entries.c.created_at)
            )
            return [row.id for row in rows]

    def summary(self) -> dict[str, int]:
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(entries.c.status, sa.func.count()).group_by(entries.c.status)
            )
            counts = {status: 0 for status in (PENDING, HELD, SENT, REJECTED)}
            counts.update({row[0]: row[1] for row in rows})
        return counts

    # -- sending ---------------------------------------------------------------------------
    def send(self, entry_id: str) -> Outcome:
        """Tries to deliver one entry now (unless another sender holds it); its state after."""
        if not self._claim(entry_id):
            entry = self.get(entry_id)
            if entry is None:
                raise KeyError(entry_id)
            return Outcome(entry)
        with self.engine.connect() as db:
            row = db.execute(sa.select(entries).where(entries.c.id == entry_id)).one()
        delegation = Delegation(row.session_id, _aware(row.confirmed_at))
        try:
            response = DELIVERERS[row.kind](
                self.api, row.id, row.reference, json.loads(row.payload), delegation
            )
        except ApiUnavailable as error:
            self._finish(entry_id, PENDING, error=f"API utilgængeligt ({error})")
            return Outcome(self.get(entry_id))  # type: ignore[arg-type]
        except ApiRefused as refused:
            if refused.invalid:
                fields = refused.fields()
                self._finish(entry_id, REJECTED, error=json.dumps(fields, ensure_ascii=False))
                logger.warning("outbox: the API refused the data of %s (HTTP %d)", entry_id,
                               refused.status)  # fmt: skip
            else:
                self._finish(entry_id, HELD, error=f"HTTP {refused.status}")
                logger.error(
                    "outbox: %s is held because the API refused the action server's access "
                    "(HTTP %d); check API_SERVICE_TOKEN and the API's delegation settings",
                    entry_id, refused.status,
                )  # fmt: skip
            return Outcome(self.get(entry_id))  # type: ignore[arg-type]
        result_id = response.get("id") if isinstance(response, dict) else None
        self._finish(entry_id, SENT, result_id=result_id)
        return Outcome(self.get(entry_id), response)  # type: ignore[arg-type]

    def flush(self) -> int:
        """Sends every waiting entry; returns how many still wait."""
        for entry_id in self.waiting():
            try:
                self.send(entry_id)
            except Exception:  # one bad row must not stop the others
                logger.exception("outbox: sending %s failed unexpectedly", entry_id)
        self.purge()
        return len(self.waiting())

    def purge(self) -> None:
        """Forgets refused content after REJECTED_KEEP_DAYS and sent ids after SENT_KEEP_DAYS."""
        now = _now()
        with self.engine.begin() as db:
            db.execute(entries.delete().where(
                entries.c.status == REJECTED,
                entries.c.updated_at < now - dt.timedelta(days=REJECTED_KEEP_DAYS),
            ))  # fmt: skip
            db.execute(entries.delete().where(
                entries.c.status == SENT,
                entries.c.updated_at < now - dt.timedelta(days=SENT_KEEP_DAYS),
            ))  # fmt: skip

    def discard(self, entry_id: str) -> None:
        """Deletes a refused entry once the user has corrected it (or given it up)."""
        with self.engine.begin() as db:
            db.execute(entries.delete().where(entries.c.id == entry_id,
                                              entries.c.status == REJECTED))  # fmt: skip

    def _claim(self, entry_id: str) -> bool:
        now = time.time()
        with self.engine.begin() as db:
            claimed = db.execute(
                entries.update()
                .where(
                    entries.c.id == entry_id,
                    entries.c.status.in_([PENDING, HELD]),
                    sa.or_(entries.c.claimed_until.is_(None), entries.c.claimed_until < now),
                )
                .values(claimed_until=now + LEASE_SECONDS)
            )
            return claimed.rowcount == 1

    def _finish(
        self, entry_id: str, status: str, *, error: str | None = None, result_id: Any = None
    ) -> None:
        values: dict[str, Any] = {
            "status": status, "error": error, "attempts": entries.c.attempts + 1,
            "claimed_until": None, "updated_at": _now(),
        }  # fmt: skip
        if status == SENT:  # the write lives in the API now; keep no health data here
            values |= {"payload": None, "result_id": result_id}
        with self.engine.begin() as db:
            db.execute(entries.update().where(entries.c.id == entry_id).values(**values))


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _entry(row: Any) -> Entry:
    fields = json.loads(row.error) if row.status == REJECTED and row.error else []
    return Entry(
        id=row.id,
        kind=row.kind,
        status=row.status,
        attempts=row.attempts,
        result_id=row.result_id,
        refused_fields=[(list(loc), msg) for loc, msg in fields],
        payload=json.loads(row.payload) if row.payload else None,
    )


_outbox: Outbox | None = None
_outbox_lock = threading.Lock()


def outbox() -> Outbox:
    """The action server's outbox, with its background resend started on first use."""
    global _outbox
    with _outbox_lock:
        if _outbox is None:
            _outbox = Outbox()
            _start_flusher(_outbox, float(os.environ.get("OUTBOX_FLUSH_SECONDS", "30")))
        return _outbox


def _start_flusher(box: Outbox, every: float) -> None:
    def loop() -> None:
        while not stop.wait(every):
            try:
                box.flush()
            except Exception:  # keep flushing; a database hiccup must not end the thread
                logger.exception("outbox flush failed")

    stop = threading.Event()
    threading.Thread(target=loop, name="outbox-flusher", daemon=True).start()
