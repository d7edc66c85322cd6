"""Conversations that survive a restart and are forgotten on time.

Rasa's SQLTrackerStore, configured from the environment so one `endpoints.yml` serves every
deployment: TRACKER_DB_URL (default: an SQLite file, var/tracker.db; PostgreSQL e.g.
postgresql://rasa@127.0.0.1:5432/rasa). It loads only the current conversation session.

Retention (GDPR storage limitation): events older than TRACKER_RETENTION_DAYS (default 30) are
deleted when the server starts and then every hour. 30 days lets staff pick up an unfinished
goal capture after holidays and lets a citizen's question be followed up, while nothing is
kept longer than that purpose needs. `python -m bot.tracker_store purge` runs it by hand.
"""

from __future__ import annotations

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
from rasa.shared.core.domain import Domain
from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'tracker.db'}"
DEFAULT_RETENTION_DAYS = 30.0
PURGE_EVERY_SECONDS = 3600.0


def tracker_db_url() -> str:
    return os.environ.get("TRACKER_DB_URL") or DEFAULT_URL


def retention_days() -> float:
    return float(os.environ.get("TRACKER_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)


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
        self.purge()
        self._start_hourly_purge()

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
