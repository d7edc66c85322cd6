"""The action server as `python -m actions.server` builds it: rasa-sdk's app with every action,
/health/outbox added, on ACTIONS_HOST:ACTIONS_PORT.

main() is run for real up to `app.run`, which would block; the app it built is then served on
the host and port main() chose, in this process, and asked over HTTP.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import sanic

from actions import server
from actions.common.api import ApiConfig, Delegation, GoalsApi
from actions.common.outbox import HELD, Outbox
from actions.goals import delivery  # noqa: F401  (registers the "goal" deliverer)
from tests.actions.conftest import ActionsEnv
from tests.support.processes import free_port
from tests.support.stack import ApiProcess


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> Callable[[], dict[str, Any]]:
    """Runs main() and returns what it would have started: the app, host, port, options."""
    monkeypatch.setattr(sanic.Sanic, "test_mode", True)  # rasa-sdk names every app "rasa_sdk"

    def build() -> dict[str, Any]:
        started: dict[str, Any] = {}

        def run(app: sanic.Sanic, host: str, port: int, **options: Any) -> None:
            started.update(app=app, host=host, port=port, options=options)

        monkeypatch.setattr(sanic.Sanic, "run", run)
        server.main()
        return started

    return build


def serve(started: dict[str, Any], *paths: str) -> list[httpx.Response]:
    """GETs `paths` from the app, served where main() would have served it."""

    async def go() -> list[httpx.Response]:
        app, host, port = started["app"], started["host"], started["port"]
        running = await app.create_server(host=host, port=port, return_asyncio_server=True)
        await running.startup()
        await running.before_start()
        await running.after_start()
        try:
            async with httpx.AsyncClient(base_url=f"http://{host}:{port}", timeout=10) as client:
                return [await client.get(path) for path in paths]
        finally:
            await running.before_stop()
            running.close()
            await running.wait_closed()
            await running.after_stop()

    return asyncio.run(go())


def test_it_listens_on_localhost_5055_by_default(
    built, monkeypatch: pytest.MonkeyPatch, actions_env: ActionsEnv
) -> None:
    monkeypatch.delenv("ACTIONS_HOST", raising=False)
    monkeypatch.delenv("ACTIONS_PORT", raising=False)
    started = built()
    assert (started["host"], started["port"]) == ("127.0.0.1", 5055)
    assert started["options"] == {"workers": 1, "access_log": False}


def test_health_outbox_reports_counts_and_attention_for_held_writes(
    built, monkeypatch: pytest.MonkeyPatch, actions_env: ActionsEnv, goals_api: ApiProcess,
    therapist: dict[str, str], tmp_path: Path,
) -> None:  # fmt: skip
    port = free_port()
    monkeypatch.setenv("ACTIONS_HOST", "127.0.0.1")
    monkeypatch.setenv("ACTIONS_PORT", str(port))
    started = built()
    assert started["port"] == port
    health, outbox_health = serve(started, "/health", "/health/outbox")
    assert health.json() == {"status": "ok"}
    assert outbox_health.status_code == 200
    assert outbox_health.json() == {
        "status": "ok", "outbox": {"afventer": 0, "holdt": 0, "gemt": 0, "afvist": 0}
    }  # fmt: skip

    # A goal held because the API refuses the action server's token (another replica's write,
    # in the shared outbox database).
    wrong = GoalsApi(ApiConfig(goals_api.url, "svc-" + "r" * 32, attempts=1))
    box = Outbox(actions_env.outbox_url, wrong)
    entry_id = box.add(
        "goal", "B-1042", {"reference": "B-1042"}, Delegation(therapist["session_id"])
    )
    assert box.send(entry_id).entry.status == HELD
    [attention] = serve(started, "/health/outbox")
    assert attention.json() == {
        "status": "attention", "outbox": {"afventer": 0, "holdt": 1, "gemt": 0, "afvist": 0}
    }  # fmt: skip
    assert "B-1042" not in attention.text  # counts only, never content


def test_every_action_of_the_domain_is_registered(built, actions_env: ActionsEnv) -> None:
    from tests.actions.trackers import domain

    started = built()
    served = serve(started, "/actions")
    names = {action["name"] for action in served[0].json()}
    custom = {a for a in domain()["actions"] if a.startswith(("action_", "validate_"))}
    assert custom <= names | {"action_two_stage_fallback"}
