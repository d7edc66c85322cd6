"""Every confirmed write reaches the real API exactly once, whatever goes wrong on the way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from actions.common.api import ApiConfig, Delegation, GoalsApi
from actions.common.outbox import HELD, PENDING, REJECTED, SENT, Outbox, entries
from actions.goals import delivery  # noqa: F401  (registers the "goal" deliverer)
from tests.support.processes import free_port
from tests.support.stack import ApiProcess

TODAY = dt.date(2026, 12, 10)


def capture(due: str = "2027-01-21", subgoal_due: str = "2026-12-31") -> dict:
    return {
        "reference": "B-1042",
        "date": TODAY.isoformat(),
        "problems": [
            {"area": "egenomsorg", "activity": "tage bad", "importance": 9, "performance": 3,
             "satisfaction": 2},
            {"area": "produktivitet", "activity": "handle ind", "importance": 7,
             "performance": 4, "satisfaction": 4},
        ],
        "goal": {
            "statement": "Jeg vil kunne tage bad selv to gange om ugen", "due_date": due,
            "problem_index": 0,
            "subgoals": [{"description": "Stå sikkert i badet i fem minutter",
                          "actions": ["øve ved håndvasken"], "responsible": "borger",
                          "due_date": subgoal_due}],
        },
    }  # fmt: skip


@pytest.fixture
def api(tmp_path: Path) -> ApiProcess:
    return ApiProcess(tmp_path / "api", port=free_port(), today=TODAY.isoformat())


def confirmed_now(api: ApiProcess, token: str) -> Delegation:
    """The token's staff session, confirming a write at this moment."""
    me = requests.get(f"{api.url}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"},
                      timeout=30).json()  # fmt: skip
    return Delegation(me["session_id"], dt.datetime.now(dt.timezone.utc))


def session_of(api: ApiProcess, username: str = "t-outbox") -> Delegation:
    return confirmed_now(api, api.sign_in(username, api.add_staff(username, "terapeut")))


def client(api: ApiProcess, token: str | None = None) -> GoalsApi:
    return GoalsApi(ApiConfig(api.url, token or api.service_token, timeout=3, attempts=2,
                              backoff=0.1))  # fmt: skip


def test_api_down_then_up_stores_the_goal_once_for_the_person(
    api: ApiProcess, tmp_path: Path
) -> None:
    with api.running():
        acting = session_of(api)
    box = Outbox(f"sqlite:///{tmp_path / 'outbox.db'}", client(api))
    entry_id = box.add("goal", "B-1042", capture(), acting)
    down = box.send(entry_id).entry  # nothing listens on the port now
    assert (down.status, down.attempts) == (PENDING, 1)
    with api.running():
        assert box.flush() == 0
        assert box.get(entry_id).status == SENT
        # A resend after a crash between the API's answer and our bookkeeping: nothing twice.
        with box.engine.begin() as db:
            db.execute(entries.update().values(status=PENDING, payload=json.dumps(capture())))
        assert box.send(entry_id).entry.status == SENT
        assert api.query("SELECT count(*) FROM goals") == [(1,)]
        assert api.query("SELECT count(*) FROM assessments") == [(1,)]
        assert api.query("SELECT count(*) FROM subgoals") == [(1,)]
        creators = api.query("SELECT DISTINCT created_by FROM goals")
    assert creators == [("t-outbox",)]


def test_a_rotated_service_token_holds_the_goal_until_it_is_fixed(
    api: ApiProcess, tmp_path: Path
) -> None:
    box = Outbox(f"sqlite:///{tmp_path / 'outbox.db'}", client(api, token="svc-" + "x" * 30))
    with api.running():
        acting = session_of(api)
        entry_id = box.add("goal", "B-1042", capture(), acting)
        held = box.send(entry_id).entry
        assert held.status == HELD  # 401: an operator must fix the credential; nothing dropped
        assert box.summary()[HELD] == 1
        assert box.flush() == 1  # still waiting, retried on every flush
        box.api = client(api)  # the operator sets the right token
        assert box.flush() == 0
        assert box.get(entry_id).status == SENT
        assert api.query("SELECT count(*) FROM goals") == [(1,)]


def test_a_goal_confirmed_before_the_session_ended_is_still_stored(
    api: ApiProcess, tmp_path: Path
) -> None:
    with api.running():
        username = "t-leaves"
        token = api.sign_in(username, api.add_staff(username, "terapeut"))
        acting = confirmed_now(api, token)
        box = Outbox(f"sqlite:///{tmp_path / 'outbox.db'}", client(api))
        entry_id = box.add("goal", "B-1042", capture(), acting)
        requests.post(f"{api.url}/api/v1/auth/logout",
                      headers={"Authorization": f"Bearer {token}"}, timeout=30)  # fmt: skip
        assert box.send(entry_id).entry.status == SENT
        assert api.query("SELECT created_by FROM goals") == [(username,)]


def test_sent_writes_leave_no_health_data_in_the_outbox(api: ApiProcess, tmp_path: Path) -> None:
    with api.running():
        box = Outbox(f"sqlite:///{tmp_path / 'outbox.db'}", client(api))
        entry_id = box.add("goal", "B-1042", capture(), session_of(api))
        assert box.send(entry_id).entry.status == SENT
    with box.engine.connect() as db:
        assert db.execute(sa.select(entries.c.payload)).all() == [(None,)]


def test_invalid_data_is_refused_with_its_field_and_purged_after_a_week(
    api: ApiProcess, tmp_path: Path
) -> None:
    with api.running():
        box = Outbox(f"sqlite:///{tmp_path / 'outbox.db'}", client(api))
        entry_id = box.add("goal", "B-1042", capture(subgoal_due="2027-02-01"), session_of(api))
        entry = box.send(entry_id).entry
    assert entry.status == REJECTED
    assert box.waiting() == []
    [(loc, message)] = entry.refused_fields
    assert loc[:2] == ["goal", "body"] and "subgoals" in loc and "due_date" in loc
    assert "Delmålets frist" in message
    assert entry.payload is not None  # kept only so the user can correct it
    with box.engine.begin() as db:
        long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=8)
        db.execute(entries.update().values(updated_at=long_ago))
    box.purge()
    assert box.get(entry_id) is None


def test_two_senders_never_send_the_same_entry_at_once(api: ApiProcess, tmp_path: Path) -> None:
    """Replicas sharing one outbox: the first to claim an entry sends it; the other waits."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = Outbox(url, client(api)), Outbox(url, client(api))
    with api.running():
        entry_id = first.add("goal", "B-1042", capture(), session_of(api))
        assert first._claim(entry_id)
        assert second.send(entry_id).entry.status == PENDING  # claimed by the first: untouched
        assert second.get(entry_id).attempts == 0
        with first.engine.begin() as db:  # the first replica died; its lease runs out
            db.execute(entries.update().values(claimed_until=0))
        assert second.send(entry_id).entry.status == SENT
        assert api.query("SELECT count(*) FROM goals") == [(1,)]
