"""With several API replicas, migrations run once elsewhere: API_MIGRATE_ON_START=false."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.db import migrate
from api.main import create_app
from api.settings import Settings

from .conftest import table_names


@pytest.mark.parametrize("on_start", [True, False])
def test_the_api_migrates_at_start_only_when_told_to(tmp_path: Path, on_start: bool) -> None:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    if not on_start:
        migrate(url)  # what the migration Job does before the replicas start
        before = table_names(url)
    settings = Settings(database_url=url, api_migrate_on_start=on_start)
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json() == {"status": "ok", "database": "ok"}
    assert "goals" in table_names(url)
    if not on_start:
        assert table_names(url) == before


def test_a_replica_that_does_not_migrate_creates_no_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with TestClient(create_app(Settings(database_url=url, api_migrate_on_start=False))):
        pass
    assert "goals" not in table_names(url)  # the schema is the migration Job's, not the replicas'
