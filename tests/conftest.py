"""Fixtures every test tree may use. Heavy imports (Rasa) happen inside the fixtures, so the
API's environment, which has no Rasa, can load this file too."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "rehab.tar.gz"
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
def parse(model_path: Path) -> Iterator[Callable[[str], dict[str, Any]]]:
    """Parses text with the trained model, in process (NLU only: no channel, no metadata)."""
    from rasa.core.agent import Agent

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    agent = Agent.load(str(model_path))
    loop = asyncio.new_event_loop()
    yield lambda text: loop.run_until_complete(agent.parse_message(text))
    loop.close()
