"""The scale-out profile, started once per test module from Procfile.cluster's own lines.

Every test here is marked `cluster` (and `postgres`, `e2e`):
    .venv-bot/bin/python -m pytest tests/cluster -m cluster
Without PostgreSQL, Redis or HAProxy they skip and say why (in CI, with
REHAB_REQUIRE_SERVICES=1, they fail instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import STACK_TODAY
from tests.support.services import unavailable

HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cluster: starts the scale-out profile (two Rasa replicas behind HAProxy)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            for marker in ("cluster", "postgres", "e2e"):
                item.add_marker(getattr(pytest.mark, marker))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, model_path: Path) -> Iterator[object]:
    from tests.cluster.support import Cluster, missing_services

    reason = missing_services()
    if reason:
        unavailable(reason)
    running = Cluster(tmp_path_factory.mktemp("cluster"), model_path, STACK_TODAY.isoformat())
    try:
        running.prepare()
        running.start()
        yield running
    finally:
        running.stop()
        running.forget_redis_keys()
        running.drop_databases()
