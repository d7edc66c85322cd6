"""The whole assistant for conversation tests: Rasa and the action server from the Procfile,
and the real goals API with staff accounts, on a pinned day. Started once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import STACK_TODAY
from tests.support.stack import ApiProcess, BotProcesses

ROLES = ("visitator", "terapeut", "kontaktperson", "leder", "admin")


@dataclass
class Staff:
    username: str
    role: str
    password: str


@pytest.fixture(scope="session")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def api(work: Path) -> Iterator[ApiProcess]:
    """The goals API, up for the whole session unless a test takes it down (and back up)."""
    process = ApiProcess(work / "api", today=STACK_TODAY.isoformat())
    with process.running():
        yield process


@pytest.fixture(scope="session")
def staff(api: ApiProcess) -> dict[str, Staff]:
    """One invented account per role, e.g. staff["terapeut"]."""
    return {
        role: Staff(f"test-{role}", role, api.add_staff(f"test-{role}", role)) for role in ROLES
    }


@pytest.fixture(scope="session")
def bot(work: Path, api: ApiProcess, model_path: Path) -> Iterator[BotProcesses]:
    processes = BotProcesses(work / "bot", api, model_path, today=STACK_TODAY.isoformat())
    processes.work.mkdir(parents=True, exist_ok=True)
    with processes.actions(), processes.rasa():
        yield processes


@pytest.fixture
def token(api: ApiProcess, staff: dict[str, Staff]) -> str:
    """A fresh sign-in of the therapist."""
    therapist = staff["terapeut"]
    return api.sign_in(therapist.username, therapist.password)
