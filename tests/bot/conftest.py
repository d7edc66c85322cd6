"""Fixtures for the bot tests. They run in .venv-bot against the model `make train` built."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "rehab.tar.gz"


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
