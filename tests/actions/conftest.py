"""The real goals API for the action tests, and the action server's environment pointing at it.

One API process per test module (`goals_api`); each test gets its own outbox database and fresh
module singletons (`actions_env`), so no test sees another's outbox or client.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import STACK_TODAY
from tests.support.processes import free_port
from tests.support.stack import ApiProcess

TODAY = STACK_TODAY.isoformat()
_names = itertools.count(1)


@pytest.fixture(scope="module")
def goals_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiProcess]:
    api = ApiProcess(tmp_path_factory.mktemp("goals-api"), today=TODAY)
    with api.running():
        yield api


def signed_in(api: ApiProcess, role: str, username: str | None = None) -> dict[str, str]:
    """A new staff member with `role`, signed in: the identity the staff door would verify."""
    username = username or f"{role}-{next(_names)}"
    token = api.sign_in(username, api.add_staff(username, role))
    me = requests.get(f"{api.url}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"},
                      timeout=30)  # fmt: skip
    me.raise_for_status()
    return {key: me.json()[key] for key in ("user_id", "username", "role", "session_id")}


@pytest.fixture(scope="module")
def therapist(goals_api: ApiProcess) -> dict[str, str]:
    return signed_in(goals_api, "terapeut")


@dataclass
class ActionsEnv:
    """Points the action server's API client and outbox where a test wants them."""

    monkeypatch: pytest.MonkeyPatch
    outbox_url: str

    def reset(self) -> None:
        """Forget the module singletons, as a restarted action server would."""
        self.monkeypatch.setattr("actions.common.outbox._outbox", None)
        self.monkeypatch.setattr("actions.followup.reading._api", None)

    def use(self, api: ApiProcess, token: str | None = None) -> None:
        self.monkeypatch.setenv("API_BASE_URL", api.url)
        self.monkeypatch.setenv("API_SERVICE_TOKEN", token or api.service_token)
        self.reset()


@pytest.fixture
def actions_env(
    goals_api: ApiProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ActionsEnv:
    outbox_url = f"sqlite:///{tmp_path / 'outbox.db'}"
    for name, value in {
        "API_ATTEMPTS": "1", "API_BACKOFF": "0.1", "API_TIMEOUT": "5",
        "OUTBOX_DB_URL": outbox_url, "OUTBOX_FLUSH_SECONDS": "3600", "REHAB_TODAY": TODAY,
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    env = ActionsEnv(monkeypatch, outbox_url)
    env.use(goals_api)
    return env


@pytest.fixture
def api_down(tmp_path: Path) -> ApiProcess:
    """An API that is not running: nothing listens on its port."""
    return ApiProcess(tmp_path / "down", port=free_port())


@pytest.fixture
def unique() -> Callable[[str], str]:
    """A sender id of its own per test, so the shared API never sees the same
    Idempotency-Key from two tests."""
    count = itertools.count(1)

    def make(prefix: str = "staff") -> str:
        return f"{prefix}-{next(_names)}-{next(count)}"

    return make


def seed_goal(api: ApiProcess, staff: dict[str, str], reference: str) -> dict[str, Any]:
    """Stores the capture of data/goal_capture_summary.json for `reference` (citizen, COPM
    assessment, goal with two delmål) through the project's own deliverer; the API's goal."""
    from actions.common.api import ApiConfig, Delegation, GoalsApi
    from actions.goals.capture import capture_from
    from actions.goals.delivery import deliver_goal
    from tests.actions.trackers import tracker

    capture = capture_from(tracker("goal_capture_summary", slots={"citizen_ref": reference}))
    capture["date"] = TODAY
    client = GoalsApi(ApiConfig(api.url, api.service_token, attempts=1))
    return deliver_goal(client, f"seed-{reference}", reference, capture,
                        Delegation(staff["session_id"]))  # fmt: skip


def seed_citizen(api: ApiProcess, staff: dict[str, str], reference: str) -> None:
    """Registers `reference` with nothing recorded yet."""
    from actions.common.api import ApiConfig, Delegation, GoalsApi

    client = GoalsApi(ApiConfig(api.url, api.service_token, attempts=1))
    client.ensure_citizen(reference, Delegation(staff["session_id"]), key=f"seed-{reference}")


_references = itertools.count(5001)


@pytest.fixture
def new_reference() -> Callable[[], str]:
    """A citizen reference no other test in the session uses ("B-5001", "B-5002" …)."""
    return lambda: f"B-{next(_references)}"
