"""Run the real goals API (uvicorn, .venv-api) on a temporary SQLite file for tests."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import http_calls
from tests.support.processes import ROOT, free_port, service

SERVICE_TOKEN_NAME = "assistent"


@dataclass(frozen=True)
class StaffAccount:
    username: str
    role: str  # visitator, terapeut, kontaktperson, leder or admin
    password: str = field(repr=False)


@dataclass(frozen=True)
class RunningApi:
    url: str
    port: int
    database: Path
    write_token: str
    read_token: str
    log: Path
    service_token: str = field(default="", repr=False)
    staff: tuple[StaffAccount, ...] = ()

    def query(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.database) as db:
            return db.execute(sql).fetchall()

    def sign_in(self, username: str, password: str | None = None) -> str:
        """Sign a staff account in (password flow); returns the access token."""
        if password is None:
            password = next(a.password for a in self.staff if a.username == username)
        return http_calls.sign_in(self.url, username, password)

    def session_id(self, access_token: str) -> str:
        """The session id a service token names in X-On-Behalf-Of."""
        return http_calls.get_json(f"{self.url}/api/v1/auth/me", access_token)["session_id"]


def api_command(port: int) -> list[str]:
    return [
        str(ROOT / ".venv-api" / "bin" / "uvicorn"), "api.main:app",
        "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip


def _create_staff(env: dict[str, str], accounts: Sequence[StaffAccount]) -> None:
    python = str(ROOT / ".venv-api" / "bin" / "python")
    for account in accounts:
        subprocess.run(
            [python, "-m", "api.cli", "create-user", "--username", account.username,
             "--role", account.role],
            cwd=ROOT,
            env={**os.environ, **env, "STAFF_PASSWORD": account.password},
            check=True,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )  # fmt: skip


@contextmanager
def running_api(
    work: Path,
    port: int | None = None,
    write: str | None = None,
    read: str | None = None,
    today: str | None = None,
    service_token: str | None = None,
    staff: Sequence[StaffAccount] = (),
    env: dict[str, str] | None = None,
) -> Iterator[RunningApi]:
    """The API on a fresh SQLite file; `today` pins its calendar day (REHAB_TODAY).

    Besides the write and read tokens there is always a service token (name 'assistent',
    scope 'service'; random unless `service_token` is given), and the `staff` accounts are
    created before the start. `env` adds or overrides environment variables.
    """
    work.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    write, read = write or secrets.token_urlsafe(24), read or secrets.token_urlsafe(24)
    service_token = service_token or secrets.token_urlsafe(24)
    database = work / "api.db"
    environment = {
        "DATABASE_URL": f"sqlite:///{database}",
        "API_TOKENS": f"action-server:write:{write},web:read:{read},"
        f"{SERVICE_TOKEN_NAME}:service:{service_token}",
    }
    if today:
        environment["REHAB_TODAY"] = today
    environment.update(env or {})
    _create_staff(environment, staff)
    with service(
        f"api-{port}", api_command(port), f"http://127.0.0.1:{port}/health", work, environment
    ) as log:
        yield RunningApi(
            f"http://127.0.0.1:{port}",
            port,
            database,
            write,
            read,
            log,
            service_token=service_token,
            staff=tuple(staff),
        )
