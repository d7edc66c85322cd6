"""The outbox shared by action-server replicas (PostgreSQL, OUTBOX_DB_URL): the failure model
deploy/README.md describes, on a database of the test's own (no other service needed).

- Two replicas sending the same entry at the same moment: exactly one delivers it (the lease).
- A replica that claimed an entry and died: the entry waits out the lease, then another
  replica sends it, under the same entry id, so with the same Idempotency-Keys.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from typing import Any

import psycopg2
import pytest

from actions.common import outbox as outbox_module
from actions.common.api import Delegation
from actions.common.outbox import PENDING, SENT, Outbox
from tests.cluster.support import PG
from tests.support.services import unavailable

KIND = "cluster-test-write"


@pytest.fixture
def shared_url() -> Iterator[str]:
    name = f"rehab_cluster_test_outbox_{secrets.token_hex(4)}"
    try:
        admin = psycopg2.connect(dbname="postgres", connect_timeout=3, **PG)
    except psycopg2.Error as error:
        unavailable(f"PostgreSQL at {PG['host']}:{PG['port']} is unreachable ({error})")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def deliveries() -> Iterator[list[str]]:
    """A fake kind of write whose delivery records the entry id (the Idempotency-Key stem)."""
    calls: list[str] = []

    @outbox_module.deliverer(KIND)
    def deliver(api: Any, entry_id: str, reference: str, payload: dict, acting_for: Any) -> dict:
        calls.append(entry_id)
        time.sleep(payload.get("seconds", 0))
        return {"id": len(calls)}

    yield calls
    outbox_module.DELIVERERS.pop(KIND, None)


def replicas(url: str) -> tuple[Outbox, Outbox]:
    return Outbox(url, api=object()), Outbox(url, api=object())  # type: ignore[arg-type]


def test_two_replicas_sending_one_entry_at_once_deliver_it_once(
    shared_url: str, deliveries: list[str]
) -> None:
    first, second = replicas(shared_url)
    entry = first.add(KIND, "K-0100", {"seconds": 0.5}, Delegation("session-1"))
    together = threading.Barrier(2)
    outcomes = {}

    def send(name: str, box: Outbox) -> None:
        together.wait()
        outcomes[name] = box.send(entry).entry.status

    threads = [threading.Thread(target=send, args=a) for a in (("1", first), ("2", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert deliveries == [entry]
    assert sorted(outcomes.values()) == [PENDING, SENT]  # the other left it to the claimant
    assert second.get(entry).status == SENT


def test_an_entry_a_dead_replica_held_is_sent_by_another_after_the_lease(
    shared_url: str, deliveries: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outbox_module, "LEASE_SECONDS", 1.0)  # 120 s in production
    dead, alive = replicas(shared_url)
    entry = dead.add(KIND, "K-0101", {}, Delegation("session-2"))
    assert dead._claim(entry)  # it took the entry for sending, then died: no _finish ever
    assert alive.send(entry).entry.status == PENDING  # leased: not sent twice at once
    assert deliveries == []
    time.sleep(1.2)
    assert alive.flush() == 0  # what its flusher does every OUTBOX_FLUSH_SECONDS
    assert deliveries == [entry]  # same entry id, so the same Idempotency-Keys
    assert alive.get(entry).status == SENT
    assert alive.get(entry).payload is None  # the content left the outbox once it was sent
