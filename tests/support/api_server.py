"""Run the real goals API (uvicorn, .venv-api) on a temporary SQLite file for tests."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import ROOT, free_port, service


@dataclass(frozen=True)
class RunningApi:
    url: str
    port: int
    database: Path
    write_token: str
    read_token: str
    log: Path

    def query(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.database) as db:
            return db.execute(sql).fetchall()


def api_command(port: int) -> list[str]:
    return [
        str(ROOT / ".venv-api" / "bin" / "uvicorn"), "api.main:app",
        "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip


@contextmanager
def running_api(
    work: Path,
    port: int | None = None,
    write: str | None = None,
    read: str | None = None,
    today: str | None = None,
) -> Iterator[RunningApi]:
    """The API on a fresh SQLite file; `today` pins its calendar day (REHAB_TODAY)."""
    work.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    write, read = write or secrets.token_urlsafe(24), read or secrets.token_urlsafe(24)
    database = work / "api.db"
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "API_TOKENS": f"action-server:write:{write},web:read:{read}",
    }
    if today:
        env["REHAB_TODAY"] = today
    with service(
        f"api-{port}", api_command(port), f"http://127.0.0.1:{port}/health", work, env
    ) as log:
        yield RunningApi(f"http://127.0.0.1:{port}", port, database, write, read, log)
