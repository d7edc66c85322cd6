"""Fixtures for the API tests: every database test runs on SQLite and on PostgreSQL.

The PostgreSQL variant creates a uniquely named database for this session (and scratch
databases for the migration tests) and drops them afterwards, so parallel runs don't
collide. It skips, with the reason, when 127.0.0.1:5432 is unreachable.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import pytest
import uvicorn
from sqlalchemy import Engine, Select, inspect
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import StarletteDeprecationWarning

from api import cli, clock
from api.db import create_db_engine, create_session_factory, migrate
from api.enums import AuthMethod, StaffRole
from api.models import Base, StaffSession
from api.services import sessions as staff_sessions
from api.services import staff as staff_accounts
from api.settings import Settings
from api.tokens import upsert_bootstrap_tokens
from tests.support.services import unavailable

with warnings.catch_warnings():
    # Starlette suggests httpx2 for its TestClient; httpx (installed and locked) still works.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from api.main import create_app

# The port can be moved for a local experiment (e.g. to see the skip); CI uses 5432.
PG_HOST, PG_USER = "127.0.0.1", "postgres"
PG_PORT = int(os.environ.get("API_TEST_PG_PORT", "5432"))
PG_ADMIN_DSN = f"host={PG_HOST} port={PG_PORT} user={PG_USER} dbname=postgres connect_timeout=3"

WRITE_NAME, READ_NAME, OTHER_WRITE_NAME = "actions", "rapport", "actions-2"
SERVICE_NAME = "assistent"
WRITE_SECRET = "w-" + secrets.token_urlsafe(24)
READ_SECRET = "r-" + secrets.token_urlsafe(24)
OTHER_WRITE_SECRET = "o-" + secrets.token_urlsafe(24)
SERVICE_SECRET = "s-" + secrets.token_urlsafe(24)
API_TOKENS = (
    f"{WRITE_NAME}:write:{WRITE_SECRET},{READ_NAME}:read:{READ_SECRET},"
    f"{OTHER_WRITE_NAME}:write:{OTHER_WRITE_SECRET},{SERVICE_NAME}:service:{SERVICE_SECRET}"
)
WRITE = {"Authorization": f"Bearer {WRITE_SECRET}"}
READ = {"Authorization": f"Bearer {READ_SECRET}"}
OTHER_WRITE = {"Authorization": f"Bearer {OTHER_WRITE_SECRET}"}
SERVICE = {"Authorization": f"Bearer {SERVICE_SECRET}"}
ROLES = ("visitator", "terapeut", "kontaktperson", "leder", "admin")

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.api)


# --- dates -----------------------------------------------------------------------------


def today() -> dt.date:
    return clock.today()


def days(offset: int) -> str:
    """ISO date `offset` days from today (Danish time)."""
    return (today() + dt.timedelta(days=offset)).isoformat()


# --- databases -------------------------------------------------------------------------


def _postgres_unreachable_reason() -> str | None:
    try:
        with psycopg.connect(PG_ADMIN_DSN) as connection:
            connection.execute("SELECT 1")
    except (psycopg.Error, OSError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return (
            f"PostgreSQL at {PG_HOST}:{PG_PORT} is unreachable ({type(exc).__name__}: {first_line})"
        )
    return None


@pytest.fixture(scope="session")
def postgres_available() -> str | None:
    """None if PostgreSQL is reachable, else the reason why not."""
    return _postgres_unreachable_reason()


class PostgresDatabases:
    """Creates uniquely named databases and drops them again."""

    def __init__(self) -> None:
        self.prefix = f"rehab_test_{os.getpid()}_{secrets.token_hex(3)}"
        self.created: list[str] = []

    def create(self, label: str) -> str:
        name = f"{self.prefix}_{label}_{len(self.created)}"
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.remove(name)

    def drop_all(self) -> None:
        for name in list(self.created):
            self.drop(f"postgresql://x/{name}")


@pytest.fixture(scope="session")
def postgres_databases(postgres_available: str | None) -> Iterator[PostgresDatabases]:
    if postgres_available:
        unavailable(postgres_available)
    databases = PostgresDatabases()
    yield databases
    databases.drop_all()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A database migrated to head, shared by the session (tables are emptied per test)."""
    if backend == "postgresql":
        url = request.getfixturevalue("postgres_databases").create("shared")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'rehab.db'}"
    migrate(url)
    return url


@pytest.fixture
def empty_database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A brand-new, empty database of the current backend (for migration and CLI tests)."""
    if backend == "postgresql":
        databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
        url = databases.create("scratch")
        yield url
        databases.drop(url)
    else:
        yield f"sqlite:///{tmp_path / 'fresh' / 'rehab.db'}"


@contextmanager
def engine_at(url: str) -> Iterator[Engine]:
    """An engine made as the app makes it, for a look at a database; disposed afterwards."""
    engine = create_db_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def table_names(url: str) -> set[str]:
    with engine_at(url) as engine:
        return set(inspect(engine).get_table_names())


Row = TypeVar("Row")


def stored(url: str, query: Select[tuple[Row]]) -> list[Row]:
    """The ORM objects `query` finds in the database at `url` (outside any app)."""
    with engine_at(url) as engine, create_session_factory(engine)() as session:
        return list(session.scalars(query))


@dataclass(frozen=True)
class Cli:
    """`python -m api.cli` run in-process on one database: (exit code, stdout, stderr)."""

    url: str
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    def __call__(self, args: list[str]) -> tuple[int, str, str]:
        self.monkeypatch.setenv("DATABASE_URL", self.url)
        code = cli.main(args)
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def run_cli(
    empty_database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    """The CLI on the test's brand-new database (`empty_database_url`)."""
    return Cli(empty_database_url, monkeypatch, capsys)


def empty_all_tables(engine: Engine) -> None:
    """Delete every row (tables stay). DELETE is much faster than TRUNCATE on tiny tables."""
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def make_settings(database_url: str, **overrides: Any) -> Settings:
    return Settings(database_url=database_url, api_tokens=API_TOKENS, **overrides)


@pytest.fixture(scope="session")
def shared_engine(database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clean_database(shared_engine: Engine, database_url: str) -> Engine:
    """Empty tables before each test, with only the standard test tokens in place."""
    empty_all_tables(shared_engine)
    with create_session_factory(shared_engine)() as session:
        upsert_bootstrap_tokens(session, make_settings(database_url).bootstrap_tokens())
    return shared_engine


@pytest.fixture
def db(clean_database: Engine) -> sessionmaker[Session]:
    """Sessions for looking at the database directly."""
    return create_session_factory(clean_database)


# The app is built once per backend: it holds no state besides the database, which
# `clean_database` empties before every test.
@pytest.fixture(scope="session")
def shared_app(database_url: str) -> Any:
    return create_app(make_settings(database_url))


@pytest.fixture(scope="session")
def shared_client(shared_app: Any) -> Iterator[TestClient]:
    with TestClient(shared_app) as test_client:
        yield test_client


@pytest.fixture
def app(shared_app: Any, clean_database: Engine) -> Any:
    return shared_app


@pytest.fixture
def client(shared_client: TestClient, clean_database: Engine) -> TestClient:
    return shared_client


# --- staff ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedIn:
    """A staff session made directly in the database (no Argon2: fast)."""

    username: str
    role: str
    user_id: str
    session_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def delegated(self, **extra: str) -> dict[str, str]:
        """Headers for the service token acting on this person's behalf."""
        return {**SERVICE, "X-On-Behalf-Of": self.session_id, **extra}


class Staff:
    def __init__(self, factory: sessionmaker[Session], settings: Settings) -> None:
        self.factory = factory
        self.settings = settings

    def user(self, role: str, username: str | None = None, password: str | None = None) -> str:
        """Create an account (or find it); returns the username."""
        name = username or f"{role}-1"
        with self.factory() as session:
            if staff_accounts.find_by_username(session, name) is None:
                staff_accounts.create_user(session, name, StaffRole(role), password)
                session.commit()
        return name

    def sign_in(self, role: str, username: str | None = None) -> SignedIn:
        name = self.user(role, username)
        with self.factory() as session:
            user = staff_accounts.find_by_username(session, name)
            assert user is not None
            issued = staff_sessions.issue_token(
                staff_sessions.open_session(session, user, AuthMethod.PASSWORD, self.settings)
            )
            session.commit()
            return SignedIn(
                name, user.role.value, user.user_id, issued.staff_session.id, issued.access_token
            )

    def change_session(self, signed_in: SignedIn, **values: Any) -> None:
        with self.factory() as session:
            staff_session = session.get(StaffSession, signed_in.session_id)
            assert staff_session is not None
            for name, value in values.items():
                setattr(staff_session, name, value)
            session.commit()


@pytest.fixture
def staff(db: sessionmaker[Session], app: Any) -> Staff:
    return Staff(db, app.state.settings)


# --- live server (real HTTP) -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Run `app` under uvicorn in a background thread; yields its base URL."""
    port = free_port()
    # log_config=None: uvicorn's loggers propagate to the root logger (and so to caplog).
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.fixture
def live_url(app: Any) -> Iterator[str]:
    with live_server(app) as url:
        yield url


# --- request bodies and shortcuts ------------------------------------------------------


def problem(
    activity: str = "Tage bad selv",
    area: str = "egenomsorg",
    importance: int = 8,
    performance: int = 3,
    satisfaction: int = 2,
) -> dict[str, Any]:
    return {
        "area": area,
        "activity": activity,
        "importance": importance,
        "performance": performance,
        "satisfaction": satisfaction,
    }


def assessment_body(problems: list[dict[str, Any]] | None = None, **fields: Any) -> dict[str, Any]:
    return {
        "date": days(0),
        "assessor_role": "ergoterapeut",
        "problems": problems if problems is not None else [problem()],
        **fields,
    }


def subgoal_body(**fields: Any) -> dict[str, Any]:
    return {
        "description": "Øve at gå til postkassen med rollator",
        "actions": ["Gå hver formiddag", "Terapeuten følger op"],
        "responsible": "borger",
        "due_date": days(30),
        **fields,
    }


def goal_body(**fields: Any) -> dict[str, Any]:
    body = {
        "statement": "Jeg vil selv kunne hente min post",
        "area": "egenomsorg",
        "activity": "Hente post",
        "fsiii_area": "Mobilitet og bevægelse",
        "baseline": {"importance": 9, "performance": 3, "satisfaction": 2},
        "due_date": days(90),
        "subgoals": [subgoal_body()],
        **fields,
    }
    if "problem_id" in fields and "baseline" not in fields:
        del body["baseline"]  # a goal linked to a COPM problem takes the problem's ratings
    return body


def evaluation_body(**fields: Any) -> dict[str, Any]:
    return {
        "date": days(0),
        "traffic_light": "gul",
        "performance": 5,
        "satisfaction": 6,
        "note": "Går længere end sidst",
        **fields,
    }


class Api:
    """Shortcuts for creating test data through the API (so the real rules apply)."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def citizen(self, reference: str = "B-1042") -> dict[str, Any]:
        response = self.client.post(
            "/api/v1/citizens", json={"reference": reference}, headers=WRITE
        )
        assert response.status_code == 201, response.text
        return response.json()

    def assessment(self, reference: str = "B-1042", **fields: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/api/v1/citizens/{reference}/assessments",
            json=assessment_body(**fields),
            headers=WRITE,
        )
        assert response.status_code == 201, response.text
        return response.json()

    def goal(self, reference: str = "B-1042", **fields: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/api/v1/citizens/{reference}/goals", json=goal_body(**fields), headers=WRITE
        )
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


@pytest.fixture
def citizen(api: Api) -> str:
    """The reference of a citizen created through the API."""
    return api.citizen("B-1042")["reference"]


def messages(response: Any) -> str:
    """All error messages of a 4xx response, joined, for `in` assertions."""
    detail = response.json()["detail"]
    if isinstance(detail, str):
        return detail
    return " | ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in detail)


def error_locs(response: Any) -> list[tuple[Any, ...]]:
    return [tuple(error["loc"]) for error in response.json()["detail"]]
