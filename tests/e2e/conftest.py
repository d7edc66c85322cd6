"""The whole assistant for conversation tests: Rasa and the action server from the Procfile,
and the real goals API with staff accounts, on a pinned day. Started once per test session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import STACK_TODAY
from tests.support.api_fixtures import pinned_api_fixtures
from tests.support.stack import ApiProcess, BotProcesses

ROLES = ("visitator", "terapeut", "kontaktperson", "leder", "admin")


@dataclass
class Staff:
    username: str
    role: str
    password: str


work, api = pinned_api_fixtures("session", "e2e")


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
def therapist(api: ApiProcess, request: pytest.FixtureRequest) -> tuple[str, str]:
    """A therapist of this test's own (the conversation follows the person): (username, token)."""
    username = "t-" + request.node.name.removeprefix("test_")[:40].replace("_", "-")
    password = api.add_staff(username, "terapeut")
    return username, api.sign_in(username, password)


@pytest.fixture
def say(bot: BotProcesses, therapist: tuple[str, str]) -> Callable[[str], str]:
    """The test's own therapist talking on the staff door: message in, the replies' text out."""
    _, token = therapist
    return lambda message: bot.staff_say(token, message)


def second_problem_then_goal(say: Callable[[str], str], satisfaction: str) -> None:
    """From "flere aktiviteter?": yes, a second COPM problem (handle ind i Netto, importance 6,
    performance 4, `satisfaction`), no more, and the goal for the first problem."""
    assert "område" in say("ja")
    say("produktivitet")
    say("handle ind i Netto")
    say("6")
    say("4")
    assert "flere aktiviteter" in say(satisfaction)
    assert "Hvilken af aktiviteterne" in say("nej")
    assert "Hvad er målet" in say("1")


@pytest.fixture
def token(api: ApiProcess, staff: dict[str, Staff]) -> str:
    """A fresh sign-in of the therapist."""
    therapist = staff["terapeut"]
    return api.sign_in(therapist.username, therapist.password)
