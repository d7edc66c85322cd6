"""Alembic migrations on both backends: upgrade from empty, downgrade to base, and back."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from api.db import alembic_config, migrate
from api.enums import OccupationArea
from api.models import Assessment, Base, Citizen, CopmProblem

from .conftest import engine_at, table_names

ROOT = Path(__file__).resolve().parents[2]
APP_TABLES = {table.name for table in Base.metadata.sorted_tables}
HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(url: str) -> str | None:
    with engine_at(url) as engine, engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_upgrade_head_from_empty_database(empty_database_url: str) -> None:
    command.upgrade(alembic_config(empty_database_url), "head")
    assert table_names(empty_database_url) >= APP_TABLES
    assert current_revision(empty_database_url) == HEAD


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
    assert current_revision(empty_database_url) == HEAD


def schema_differences(url: str) -> list:
    """What Alembic's autogenerate would change to make the database match the models."""
    with engine_at(url) as engine, engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_head_schema_matches_the_models(empty_database_url: str) -> None:
    migrate(empty_database_url)
    assert schema_differences(empty_database_url) == []


def test_upgrade_downgrade_upgrade_still_matches_the_models(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "head")
    command.downgrade(config, "0001")
    assert current_revision(empty_database_url) == "0001"
    # 0001's shape is back: the audit trail by token name, plain idempotency keys.
    with engine_at(empty_database_url) as engine:
        columns = {c["name"] for c in inspect(engine).get_columns("audit_log")}
        assert "token_name" in columns and "actor" not in columns
        assert "key" in {c["name"] for c in inspect(engine).get_columns("idempotency_keys")}
        assert "staff_users" not in inspect(engine).get_table_names()
    # A missing or wrong schema change would show up here as a difference.
    assert schema_differences(empty_database_url) != []
    command.upgrade(config, "head")
    assert schema_differences(empty_database_url) == []


def test_upgrade_to_0002_keeps_existing_data(empty_database_url: str) -> None:
    """Rows written under 0001 survive: keys are hashed, audit rows get a role."""
    config = alembic_config(empty_database_url)
    command.upgrade(config, "0001")
    with engine_at(empty_database_url) as engine:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO api_tokens (name, scope, token_hash, created_at)"
                    " VALUES ('actions', 'write', 'h', :t)"
                ),
                {"t": dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)},
            )
            for name in ("actions", "gone"):
                connection.execute(
                    text(
                        "INSERT INTO audit_log (occurred_at, token_name, action, entity_type)"
                        " VALUES (:t, :name, 'create', 'citizen')"
                    ),
                    {"t": dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), "name": name},
                )
            connection.execute(
                text(
                    "INSERT INTO citizens (reference, created_at, created_by)"
                    " VALUES ('T-0001', :t, 'actions')"
                ),
                {"t": dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)},
            )
            connection.execute(
                text(
                    "INSERT INTO idempotency_keys (token_name, key, request_hash, status_code,"
                    " response_body, citizen_id, created_at)"
                    " SELECT 'actions', 'retry-1', 'h', 201, '{}', id, created_at FROM citizens"
                )
            )
        command.upgrade(config, "head")
        with engine.connect() as connection:
            audit = connection.execute(
                text("SELECT actor, actor_role, via FROM audit_log ORDER BY id")
            ).all()
            keys = connection.execute(text("SELECT owner, key_hash FROM idempotency_keys")).all()
    assert [tuple(row) for row in audit] == [
        ("actions", "token:write", None),
        ("gone", "token", None),
    ]
    assert [tuple(row) for row in keys] == [("actions", hashlib.sha256(b"retry-1").hexdigest())]


@pytest.mark.parametrize(
    ("table", "column", "good", "bad"),
    [
        ("api_tokens", "scope", "service", "admin"),
        ("audit_log", "action", "read", "peek"),
        ("staff_users", "role", "terapeut", "chef"),
    ],
)
def test_database_refuses_unknown_enum_values(
    db, table: str, column: str, good: str, bad: str
) -> None:
    # The CHECK constraints written by the migrations know the new values, and only those.
    rows = {
        "api_tokens": {"name": "n", "scope": None, "token_hash": "h", "created_at": "2025-01-01"},
        "audit_log": {
            "occurred_at": "2025-01-01",
            "actor": "a",
            "actor_role": "token:write",
            "action": None,
            "entity_type": "citizen",
        },
        "staff_users": {
            "user_id": "u-0",
            "username": "a",
            "role": None,
            "created_at": "2025-01-01",
        },
    }[table]
    insert = text(
        f"INSERT INTO {table} ({', '.join(rows)}) VALUES ({', '.join(':' + c for c in rows)})"
    )
    with db() as session:
        session.execute(insert, {**rows, column: good})
        session.rollback()
        with pytest.raises(IntegrityError):
            session.execute(insert, {**rows, column: bad})


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
    assert current_revision(empty_database_url) == HEAD


@pytest.mark.postgres
def test_plain_postgresql_url_uses_psycopg3(postgres_databases) -> None:
    # SQLAlchemy would pick psycopg2 (not installed) for a bare postgresql:// URL.
    url = postgres_databases.create("plain")
    try:
        migrate(url.replace("postgresql+psycopg://", "postgresql://"))
        assert current_revision(url) == HEAD
    finally:
        postgres_databases.drop(url)


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'var' / 'nested' / 'rehab.db'}"
    migrate(url)
    assert (tmp_path / "var" / "nested" / "rehab.db").is_file()


def test_sqlite_connections_enforce_foreign_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rehab.db'}"
    migrate(url)
    with engine_at(url) as engine, engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


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
