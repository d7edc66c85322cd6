"""The goals API as a real process on the pinned day, as pytest fixtures for a conftest.

tests/browser (an API per test module) and tests/e2e (one for the session) run the same API the
same way and differ only in how long it lives, so the two fixtures are made here:

    work, api = pinned_api_fixtures("module", "browser")

pytest registers a conftest's fixtures by the names they are assigned to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import pytest

from tests.conftest import STACK_TODAY
from tests.support.stack import ApiProcess


def pinned_api_fixtures(
    scope: Literal["module", "session"], name: str
) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """`work`, a temporary folder named after `name`, and `api`, the goals API on STACK_TODAY
    (REHAB_TODAY) with its database in work/api: both live for `scope`."""

    @pytest.fixture(scope=scope)
    def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return tmp_path_factory.mktemp(name)

    @pytest.fixture(scope=scope)
    def api(work: Path) -> Iterator[ApiProcess]:
        """The goals API, up for the whole scope unless a test takes it down (and back up)."""
        process = ApiProcess(work / "api", today=STACK_TODAY.isoformat())
        with process.running():
            yield process

    return work, api
