"""Fixtures for the bot tests. They run in .venv-bot against the model `make train` built."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.processes import free_port, service

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "rehab.tar.gz"
BOT_BIN = ROOT / ".venv-bot" / "bin"
INVENTED_PHONE = "11 22 33 44"  # test configuration only; no real municipality's number
# The calendar day the conversation tests live on (REHAB_TODAY for the action server and the
# API), so that no test depends on the real date. 10 December: "inden jul" then falls before a
# delmål set "om 3 uger", the case that once lost a goal.
STACK_TODAY = dt.date(2026, 12, 10)


@pytest.fixture(scope="session")
def model_path() -> Path:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: `make test` trains it first (or run `make train`).")
    return MODEL


@pytest.fixture(scope="session")
def parse(model_path: Path) -> Callable[[str], dict[str, Any]]:
    """Parses text with the trained model, in process."""
    from rasa.core.agent import Agent

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    agent = Agent.load(str(model_path))
    loop = asyncio.new_event_loop()
    yield lambda text: loop.run_until_complete(agent.parse_message(text))
    loop.close()


@dataclass
class Stack:
    """`rasa run` with the trained model and the real action server, started once per session.

    The action server is configured with an invented municipality and points at an API port on
    which tests start (and stop) the real goals API themselves.
    """

    rasa_url: str
    api_port: int
    write_token: str
    work: Path
    tracker_db: Path

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        reply = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=120,
        )
        reply.raise_for_status()
        return reply.json()

    def text(self, sender: str, message: str) -> str:
        return "\n".join(r.get("text", "") for r in self.say(sender, message))


@pytest.fixture(scope="session")
def stack(model_path: Path, tmp_path_factory) -> Iterator[Stack]:
    work = tmp_path_factory.mktemp("stack")
    api_port, actions_port, rasa_port = free_port(), free_port(), free_port()
    write = secrets.token_urlsafe(24)
    municipality = work / "kommune.yml"
    municipality.write_text(
        f"kommune: Testkommune\nvisitation:\n  telefon: '{INVENTED_PHONE}'\n"
        "  telefontid: hverdage kl. 8–10\n",
        encoding="utf-8",
    )
    tracker_db = work / "tracker.db"
    endpoints = work / "endpoints.yml"
    # A persistent tracker store, so the privacy test can scan what Rasa really keeps.
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tracker_db}\n"
    )
    actions_env = {
        "MUNICIPALITY_CONFIG": str(municipality),
        "API_BASE_URL": f"http://127.0.0.1:{api_port}",
        "API_WRITE_TOKEN": write,
        "API_ATTEMPTS": "2",
        "API_BACKOFF": "0.2",
        "API_TIMEOUT": "3",
        "OUTBOX_PATH": str(work / "outbox.db"),
        "OUTBOX_FLUSH_SECONDS": "3600",  # the tests trigger resends themselves
        "REHAB_TODAY": STACK_TODAY.isoformat(),
    }
    actions = [str(BOT_BIN / "rasa"), "run", "actions", "--port", str(actions_port), "--debug"]
    rasa = [
        str(BOT_BIN / "rasa"), "run", "--enable-api", "--port", str(rasa_port), "--debug",
        "--model", str(model_path), "--credentials", "bot/credentials.yml",
        "--endpoints", str(endpoints),
    ]  # fmt: skip
    with (
        service("actions", actions, f"http://127.0.0.1:{actions_port}/health", work, actions_env),
        service("rasa", rasa, f"http://127.0.0.1:{rasa_port}/status", work),
    ):
        yield Stack(f"http://127.0.0.1:{rasa_port}", api_port, write, work, tracker_db)
