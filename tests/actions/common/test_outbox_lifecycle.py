"""The outbox's bookkeeping around sending: which confirmation is which entry, what is kept
how long, and the background resend. Sending goes to the real API."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from pathlib import Path

import pytest

from actions.common import outbox as outbox_module
from actions.common.api import ApiConfig, Delegation, GoalsApi
from actions.common.outbox import (
    PENDING,
    REJECTED,
    SENT,
    Outbox,
    confirmation_of,
    database_url,
    entries,
)
from actions.goals import delivery  # noqa: F401  (registers the "goal" deliverer)
from actions.goals.capture import capture_from
from tests.actions.conftest import TODAY, ActionsEnv
from tests.actions.trackers import tracker
from tests.support.stack import ApiProcess


@pytest.fixture
def box(goals_api: ApiProcess, tmp_path: Path) -> Outbox:
    client = GoalsApi(ApiConfig(goals_api.url, goals_api.service_token, attempts=1))
    return Outbox(f"sqlite:///{tmp_path / 'box' / 'outbox.db'}", client)


def goal(reference: str, **goal_changes: object) -> dict:
    capture = capture_from(tracker("goal_capture_summary", slots={"citizen_ref": reference}))
    capture["date"] = TODAY
    capture["goal"].update(goal_changes)
    return capture


def age(box: Outbox, entry_id: str, days: float) -> None:
    then = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    with box.engine.begin() as db:
        db.execute(entries.update().where(entries.c.id == entry_id).values(updated_at=then))


# -- one confirmation, one entry --------------------------------------------------------------


def test_the_same_answer_to_the_same_question_is_the_same_entry() -> None:
    confirmed = tracker("goal_capture_confirmed")
    assert confirmation_of(confirmed) == confirmation_of(tracker("goal_capture_confirmed"))
    # The answer before it (to "et delmål mere?") answered another question.
    assert confirmation_of(confirmed) != confirmation_of(tracker("goal_capture_summary"))
    other_person = tracker("goal_capture_confirmed", sender_id="staff-u-someone-else")
    assert confirmation_of(confirmed) != confirmation_of(other_person)


def test_a_message_before_any_question_is_the_conversations_start() -> None:
    empty = tracker("public_faq_question")
    empty.events = [e for e in empty.events if e["event"] in ("user", "slot")]
    again = tracker("public_faq_question")
    again.events = [e for e in empty.events if e["event"] == "user"]
    assert confirmation_of(empty) == confirmation_of(again)
    assert confirmation_of(empty) != confirmation_of(tracker("public_faq_question"))


def test_an_entry_added_twice_keeps_the_first(box: Outbox, therapist) -> None:
    acting = Delegation(therapist["session_id"])
    first = box.add("goal", "B-1", goal("B-1"), acting, entry_id="same")
    second = box.add("goal", "B-2", goal("B-2"), acting, entry_id="same")
    assert first == second == "same"
    assert box.get("same").payload["reference"] == "B-1"


def test_the_default_database_is_var_outbox_db(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OUTBOX_DB_URL", raising=False)
    assert database_url() == f"sqlite:///{outbox_module.ROOT / 'var' / 'outbox.db'}"
    monkeypatch.setenv("OUTBOX_DB_URL", "postgresql+psycopg://outbox@db/outbox")
    assert database_url() == "postgresql+psycopg://outbox@db/outbox"


def test_sending_an_unknown_entry_is_an_error(box: Outbox) -> None:
    with pytest.raises(KeyError):
        box.send("no-such-entry")


# -- how long things are kept ---------------------------------------------------------------


def test_only_a_refused_entry_can_be_discarded(box: Outbox, therapist, new_reference) -> None:
    acting = Delegation(therapist["session_id"])
    waiting = box.add("goal", "B-1", goal("B-1"), acting)
    box.discard(waiting)
    assert box.get(waiting).status == PENDING  # still to be sent: never dropped
    refused = box.add("goal", new_reference(), goal("B-1", due_date="2026-12-01"), acting)
    assert box.send(refused).entry.status == REJECTED
    box.discard(refused)
    assert box.get(refused) is None


def test_sent_ids_are_forgotten_after_30_days_refused_content_after_7(
    box: Outbox, therapist, new_reference
) -> None:
    acting = Delegation(therapist["session_id"])
    sent_old, sent_new = (
        box.add("goal", r, goal(r), acting) for r in (new_reference(), new_reference())
    )
    refused_new = box.add("goal", "B-1", goal("B-1", due_date="2026-12-01"), acting)
    for entry_id in (sent_old, sent_new):
        assert box.send(entry_id).entry.status == SENT
    assert box.send(refused_new).entry.status == REJECTED
    age(box, sent_old, 31)
    age(box, sent_new, 29)
    age(box, refused_new, 6)
    box.purge()
    assert box.get(sent_old) is None
    assert box.get(sent_new).status == SENT
    assert box.get(refused_new).status == REJECTED
    assert box.summary() == {PENDING: 0, "holdt": 0, SENT: 1, REJECTED: 1}


def test_one_bad_entry_does_not_stop_the_others(
    box: Outbox, therapist, new_reference, caplog: pytest.LogCaptureFixture
) -> None:
    acting = Delegation(therapist["session_id"])
    unknown = box.add("a-kind-from-a-newer-version", "B-1", {}, acting)
    good = box.add("goal", (reference := new_reference()), goal(reference), acting)
    with caplog.at_level(logging.ERROR, logger="actions.common.outbox"):
        assert box.flush() == 1  # the unknown kind still waits
    assert box.get(good).status == SENT
    assert box.get(unknown).status == PENDING
    assert f"sending {unknown} failed unexpectedly" in caplog.text


# -- the action server's outbox and its resender ----------------------------------------------


def test_the_action_server_has_one_outbox_with_a_resender(actions_env: ActionsEnv) -> None:
    first = outbox_module.outbox()
    assert outbox_module.outbox() is first
    assert str(first.engine.url) == actions_env.outbox_url
    assert any(t.name == "outbox-flusher" and t.daemon for t in threading.enumerate())


class Hiccup(Outbox):
    """An outbox whose first flush fails (a database hiccup); parks its thread after the
    second, so the test leaves no busy thread behind."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.flushes = 0
        self.recovered = threading.Event()

    def flush(self) -> int:
        self.flushes += 1
        if self.flushes == 1:
            raise ConnectionError("database went away")
        if self.flushes == 2:
            waiting = super().flush()
            self.recovered.set()
            return waiting
        threading.Event().wait()  # park for good
        return 0


def test_the_resender_sends_waiting_entries_and_survives_a_failure(
    goals_api: ApiProcess, tmp_path: Path, therapist, new_reference,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    client = GoalsApi(ApiConfig(goals_api.url, goals_api.service_token, attempts=1))
    box = Hiccup(f"sqlite:///{tmp_path / 'hiccup.db'}", client)
    reference = new_reference()
    entry_id = box.add("goal", reference, goal(reference), Delegation(therapist["session_id"]))
    with caplog.at_level(logging.ERROR, logger="actions.common.outbox"):
        started = time.monotonic()
        outbox_module._start_flusher(box, 0.05)
        assert box.recovered.wait(timeout=30)
    assert time.monotonic() - started >= 0.1  # two waits before the second flush
    assert "outbox flush failed" in caplog.text
    assert box.get(entry_id).status == SENT
