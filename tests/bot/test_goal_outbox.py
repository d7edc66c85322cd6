"""A confirmed goal reaches the real API exactly once, even when the API was down at first."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from actions.goals.api_client import ApiConfig, GoalsApi
from actions.goals.outbox import PENDING, SENT, Outbox
from tests.support.api_server import running_api
from tests.support.processes import free_port

TODAY = dt.date.today()


def payload() -> dict:
    due = (TODAY + dt.timedelta(days=42)).isoformat()
    return {
        "assessment": {
            "date": TODAY.isoformat(),
            "assessor_role": "ergoterapeut",
            "problems": [
                {"area": "egenomsorg", "activity": "tage bad", "importance": 9,
                 "performance": 3, "satisfaction": 2},
                {"area": "produktivitet", "activity": "handle ind", "importance": 7,
                 "performance": 4, "satisfaction": 4},
            ],
        },
        "goal": {
            "statement": "Jeg vil kunne tage bad selv to gange om ugen",
            "area": "egenomsorg",
            "activity": "tage bad",
            "due_date": due,
            "problem_index": 0,
            "subgoals": [
                {"description": "Stå sikkert i badet i fem minutter",
                 "actions": ["øve at stå ved håndvasken", "skridsikker måtte"],
                 "responsible": "borger", "due_date": due},
            ],
        },
    }  # fmt: skip


def api_for(port: int, token: str) -> GoalsApi:
    return GoalsApi(
        ApiConfig(f"http://127.0.0.1:{port}", token, timeout=2, attempts=2, backoff=0.1)
    )


def test_goal_waits_in_the_outbox_while_the_api_is_down_then_is_stored_once(
    tmp_path: Path,
) -> None:
    port = free_port()
    work = tmp_path / "api"
    work.mkdir()
    with running_api(work, port) as probe:
        token = probe.write_token  # learn a valid token; the server is stopped again below
    box = Outbox(tmp_path / "outbox.db", api_for(port, token))
    box.add("capture-1", "B-1042", payload())

    down = box.send("capture-1")  # nothing listens on the port now
    assert down.status == PENDING
    assert down.attempts == 1
    assert "API" in (down.error or "")

    with running_api(work, port) as api:
        # The same database, but each start issues a new secret: point the outbox at it.
        box.api = api_for(port, api.write_token)
        assert box.flush() == 0
        sent = box.get("capture-1")
        assert sent is not None and sent.status == SENT and sent.goal_id

        # Sending again (a retry, a second flush) must not duplicate anything.
        box._update("capture-1", PENDING)  # simulate a crash after the API stored it
        with box._db() as db:
            db.execute(
                "UPDATE outbox SET payload = ? WHERE capture_id = ?",
                (json.dumps(payload()), "capture-1"),
            )
        assert box.send("capture-1").status == SENT

        assert api.query("SELECT count(*) FROM citizens") == [(1,)]
        assert api.query("SELECT count(*) FROM assessments") == [(1,)]
        assert api.query("SELECT count(*) FROM goals") == [(1,)]
        assert api.query("SELECT count(*) FROM subgoals") == [(1,)]
        goal = GoalsApi(ApiConfig(api.url, api.read_token)).list_goals("B-1042")[0]
        assert goal["statement"] == "Jeg vil kunne tage bad selv to gange om ugen"
        assert goal["baseline"] == {"importance": 9, "performance": 3, "satisfaction": 2}
        assert goal["subgoals"][0]["actions"] == ["øve at stå ved håndvasken", "skridsikker måtte"]


def test_sent_goals_leave_no_health_data_in_the_outbox(tmp_path: Path) -> None:
    with running_api(tmp_path) as api:
        box = Outbox(tmp_path / "outbox.db", api_for(api.port, api.write_token))
        box.add("capture-2", "T-0001", payload())
        assert box.send("capture-2").status == SENT
    with box._db() as db:
        assert db.execute("SELECT payload FROM outbox").fetchall() == [(None,)]


def test_invalid_data_is_rejected_not_retried_forever(tmp_path: Path) -> None:
    bad = payload()
    bad["goal"]["due_date"] = "2001-01-01"
    with running_api(tmp_path) as api:
        box = Outbox(tmp_path / "outbox.db", api_for(api.port, api.write_token))
        box.add("capture-3", "T-0002", bad)
        entry = box.send("capture-3")
    assert entry.status == "afvist"
    assert box.pending() == []


@pytest.mark.parametrize("attempts", [1, 3])
def test_the_client_retries_with_backoff_before_giving_up(attempts: int) -> None:
    api = GoalsApi(ApiConfig(f"http://127.0.0.1:{free_port()}", "x", timeout=1, attempts=attempts,
                             backoff=0.2))  # fmt: skip
    started = time.monotonic()
    with pytest.raises(Exception, match="citizens"):
        api.ensure_citizen("B-1", key="k")
    assert time.monotonic() - started >= 0.2 * (2 ** (attempts - 1) - 1)


def test_idempotency_keys_never_look_like_a_cpr_number() -> None:
    from actions.goals.api_client import new_key
    from rehab_rules.cpr import contains_cpr

    keys = [new_key() for _ in range(20000)]
    assert len(set(keys)) == len(keys)
    assert not any(contains_cpr(key) or any(c.isdigit() for c in key) for key in keys)
