"""The real services for end-to-end tests, started from the Procfile's own lines.

`ApiProcess` is the goals API on a fixed port and database, so a test can stop it (an outage)
and start it again with the data kept. `BotProcesses` is the Rasa server and the action server.
Both run with an invented municipality and a pinned "today" where the test asks for it.
Everything talks over HTTP on 127.0.0.1; nothing here is mocked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.support import http_calls
from tests.support.processes import free_port, service
from tests.support.procfile import ROOT, command

API_PYTHON = ROOT / ".venv-api" / "bin" / "python"
INVENTED_PHONE = "11 22 33 44"  # test configuration only; no real municipality's number


def jwt_hs256(payload: dict[str, Any], secret: str) -> str:
    """A JWT for Rasa's protected HTTP API (standard library, so both venvs can mint one)."""

    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = part(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = part(json.dumps(payload).encode())
    signature = hmac.new(secret.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{part(signature)}"


@dataclass
class ApiProcess:
    work: Path
    port: int = field(default_factory=free_port)
    service_token: str = field(default_factory=lambda: "svc-" + secrets.token_urlsafe(24))
    today: str | None = None
    database_url: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    _stack: ExitStack | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.work / "api.db"

    def env(self) -> dict[str, str]:
        env = {
            "DATABASE_URL": self.database_url or f"sqlite:///{self.database}",
            "API_TOKENS": f"action-server:service:{self.service_token}",
            "API_PORT": str(self.port),
            "BIND_HOST": "127.0.0.1",
            **self.extra_env,
        }
        if self.today:
            env["REHAB_TODAY"] = self.today
        return env

    def start(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        self._stack = ExitStack()
        self._stack.enter_context(
            service(f"api-{self.port}", command("api"), f"{self.url}/health", self.work, self.env())
        )

    def stop(self) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None

    @contextmanager
    def running(self) -> Iterator[ApiProcess]:
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def cli(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            [str(API_PYTHON), "-m", "api.cli", *args],
            cwd=ROOT,
            env={**os.environ, **self.env(), **(env or {})},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def add_staff(self, username: str, role: str, password: str | None = None) -> str:
        password = password or secrets.token_urlsafe(18)
        self.cli(
            *("ensure-user", "--username", username, "--role", role),
            *("--password-env", "TEST_STAFF_PASSWORD"),
            env={"TEST_STAFF_PASSWORD": password},
        )
        return password

    def sign_in(self, username: str, password: str) -> str:
        return http_calls.sign_in(self.url, username, password)

    def query(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.database) as db:
            return db.execute(sql).fetchall()


@dataclass
class BotProcesses:
    work: Path
    api: ApiProcess
    model: Path
    today: str | None = None
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    extra_env: dict[str, str] = field(default_factory=dict)
    logs: dict[str, Path] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def tracker_db(self) -> Path:
        return self.work / "tracker.db"

    def env(self) -> dict[str, str]:
        municipality = self.work / "kommune.yml"
        municipality.write_text(
            f"kommune: Testkommune\nvisitation:\n  telefon: '{INVENTED_PHONE}'\n"
            "  telefontid: hverdage kl. 8–10\n",
            encoding="utf-8",
        )
        endpoints = self.work / "endpoints.yml"
        endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{self.actions_port}/webhook\n"
            "tracker_store:\n  type: bot.tracker_store.RetainingSQLTrackerStore\n"
        )
        env = {
            "BIND_HOST": "127.0.0.1",
            "RASA_PORT": str(self.rasa_port),
            "ACTIONS_PORT": str(self.actions_port),
            "RASA_MODEL": str(self.model),
            "RASA_ENDPOINTS": str(endpoints),
            "RASA_JWT_SECRET": self.jwt_secret,
            "TRACKER_DB_URL": f"sqlite:///{self.tracker_db}",
            "OUTBOX_DB_URL": f"sqlite:///{self.work / 'outbox.db'}",
            "OUTBOX_FLUSH_SECONDS": "3600",  # the tests trigger resends themselves
            "MUNICIPALITY_CONFIG": str(municipality),
            "API_BASE_URL": self.api.url,
            "API_SERVICE_TOKEN": self.api.service_token,
            "API_ATTEMPTS": "2",
            "API_BACKOFF": "0.2",
            "API_TIMEOUT": "3",
            "PUBLIC_RATE_LIMIT": "1000/minute",
            "PUBLIC_RATE_LIMIT_CONVERSATION": "1000/minute",
            "LOG_LEVEL": "DEBUG",
            **self.extra_env,
        }
        if self.today:
            env["REHAB_TODAY"] = self.today
        return env

    @contextmanager
    def actions(self) -> Iterator[Path]:
        health = f"http://127.0.0.1:{self.actions_port}/health"
        with service("actions", command("actions"), health, self.work, self.env()) as log:
            self.logs["actions"] = log
            yield log

    @contextmanager
    def rasa(self, name: str = "rasa") -> Iterator[Path]:
        with service(name, command("rasa"), f"{self.url}/", self.work, self.env()) as log:
            self.logs[name] = log
            yield log

    # -- talking to it ---------------------------------------------------------------------
    def public(self, sender: str, message: str, **extra: Any) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message, **extra},
            timeout=120,
        )

    def say(self, sender: str, message: str) -> str:
        reply = self.public(sender, message)
        reply.raise_for_status()
        return "\n".join(m.get("text", "") for m in reply.json())

    def staff(self, token: str | None, message: str, **extra: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.post(
            f"{self.url}/webhooks/staff/webhook",
            json={"message": message, **extra},
            headers=headers,
            timeout=120,
        )

    def staff_say(self, token: str, message: str) -> str:
        reply = self.staff(token, message)
        reply.raise_for_status()
        return "\n".join(m.get("text", "") for m in reply.json())

    def admin_jwt(self) -> str:
        return jwt_hs256({"user": {"username": "tests", "role": "admin"}}, self.jwt_secret)

    def tracker(self, sender: str) -> dict[str, Any]:
        return http_calls.get_json(f"{self.url}/conversations/{sender}/tracker", self.admin_jwt())


def wait_until(check: Any, timeout: float = 30.0, every: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)
