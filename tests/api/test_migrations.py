"""Alembic migrations on both backends: upgrade from empty, downgrade to base, and back."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from api.db import alembic_config, create_db_engine, create_session_factory, migrate
from api.enums import OccupationArea
from api.models import Assessment, Base, Citizen, CopmProblem

ROOT = Path(__file__).resolve().parents[2]
APP_TABLES = {table.name for table in Base.metadata.sorted_tables}


def table_names(url: str) -> set[str]:
    engine = create_db_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def current_revision(url: str) -> str | None:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def test_upgrade_head_from_empty_database(empty_database_url: str) -> None:
    command.upgrade(alembic_config(empty_database_url), "head")
    assert table_names(empty_database_url) >= APP_TABLES
    assert current_revision(empty_database_url) == "0001"


def test_downgrade_to_base_and_upgrade_again(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert table_names(empty_database_url) & APP_TABLES == set()
    assert current_revision(empty_database_url) is None
    command.upgrade(config, "head")
    assert table_names(empty_database_url) >= APP_TABLES


def test_migrate_is_idempotent(empty_database_url: str) -> None:
    migrate(empty_database_url)
    migrate(empty_database_url)
    assert current_revision(empty_database_url) == "0001"


def test_migrations_match_the_models(empty_database_url: str) -> None:
    migrate(empty_database_url)
    engine = create_db_engine(empty_database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_alembic_command_line_reads_database_url(empty_database_url: str) -> None:
    # The documented command, with the URL taken from DATABASE_URL via Settings.
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", "api/alembic.ini", "upgrade", "head"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": empty_database_url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert current_revision(empty_database_url) == "0001"


@pytest.mark.postgres
def test_plain_postgresql_url_uses_psycopg3(postgres_databases) -> None:
    # SQLAlchemy would pick psycopg2 (not installed) for a bare postgresql:// URL.
    url = postgres_databases.create("plain")
    try:
        migrate(url.replace("postgresql+psycopg://", "postgresql://"))
        assert current_revision(url) == "0001"
    finally:
        postgres_databases.drop(url)


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'var' / 'nested' / 'rehab.db'}"
    migrate(url)
    assert (tmp_path / "var" / "nested" / "rehab.db").is_file()


def test_sqlite_connections_enforce_foreign_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rehab.db'}"
    migrate(url)
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.parametrize("column", ["importance", "performance", "satisfaction"])
def test_database_refuses_scores_out_of_range(db, column: str) -> None:
    # Defence in depth: even a bug that skipped the API validation could not store 11.
    scores = {"importance": 5, "performance": 5, "satisfaction": 5, column: 11}
    with db() as session:
        assessment = Assessment(
            citizen=Citizen(reference="T-0001", created_by="test"),
            assessed_on=dt.date(2025, 1, 1),
            assessor_role="ergoterapeut",
            created_by="test",
            problems=[
                CopmProblem(priority=1, area=OccupationArea.EGENOMSORG, activity="Bad", **scores)
            ],
        )
        session.add(assessment)
        with pytest.raises(IntegrityError):
            session.flush()


def test_session_factory_works_on_fresh_engine(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        with create_session_factory(engine)() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()
