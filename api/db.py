"""Engine, sessions and migrations.

SQLite gets two adjustments: foreign keys are switched on (otherwise ON DELETE CASCADE is
ignored and an erasure would leave orphans), and every transaction starts with
BEGIN IMMEDIATE so concurrent writers queue on the busy timeout instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from api.settings import API_DIR

ALEMBIC_INI = API_DIR / "alembic.ini"
SQLITE_BUSY_TIMEOUT_SECONDS = 30


def normalize_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs that name no driver (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(url: str) -> bool:
    return make_url(normalize_database_url(url)).get_backend_name() == "sqlite"


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a file-based SQLite database (e.g. var/ for the default)."""
    parsed = make_url(normalize_database_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)


def create_db_engine(url: str, *, for_migrations: bool = False) -> Engine:
    """Create an engine. `for_migrations` leaves SQLite foreign keys off (see below)."""
    url = normalize_database_url(url)
    # hide_parameters: a failing statement must not put health data into logs or tracebacks.
    options: dict[str, Any] = {"hide_parameters": True, "pool_pre_ping": True}
    if is_sqlite(url):
        options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
    else:
        options["connect_args"] = {"connect_timeout": 10}
    engine = create_engine(url, **options)
    if is_sqlite(url) and not for_migrations:
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take over transaction control from pysqlite so BEGIN IMMEDIATE below is honoured.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: responses are built from objects after the commit.
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    """Alembic configuration for `url`; env.py picks the URL up from `attributes`."""
    config = Config(str(ALEMBIC_INI))
    config.attributes["database_url"] = normalize_database_url(url)
    # Leave the caller's logging alone (alembic's fileConfig would replace it).
    config.attributes["configure_logger"] = False
    return config


def migrate(url: str) -> None:
    """Bring the database at `url` to the newest schema (`alembic upgrade head`).

    Migrations run with SQLite foreign keys OFF, as Alembic recommends: rebuilding a table
    (SQLite's way to ALTER) drops the old copy, which with foreign keys ON would cascade
    and silently delete every dependent row.
    """
    ensure_sqlite_folder(url)
    command.upgrade(alembic_config(url), "head")
