"""The stacks `make bench` measures, started from the Procfile's own lines on 127.0.0.1.

- `Single`: the goals API, the action server and Rasa (Procfile), SQLite tracker store,
  as `make run` runs them. The bench keeps each process (its pid) to read its memory.
- `BenchCluster`: the scale-out profile of tests/cluster (Procfile.cluster: HAProxy, Rasa x2,
  actions x2, one API, PostgreSQL, Redis), with Rasa's HTTP API on for /model/parse.

Rasa and the action server log at INFO here, as in `make run`: the DEBUG lines the tests use
cost time on every turn.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.cluster.support import Cluster, Proc, missing_services
from tests.support.processes import free_port
from tests.support.procfile import ROOT, procfile
from tests.support.stack import ApiProcess, BotProcesses, jwt_hs256

API_PYTHON = ROOT / ".venv-api" / "bin" / "python"
BENCH_ENV = {
    "LOG_LEVEL": "INFO",
    # Every simulated person comes from 127.0.0.1; the limits are not what is measured.
    "PUBLIC_RATE_LIMIT": "100000/minute",
    "PUBLIC_RATE_LIMIT_CONVERSATION": "100000/minute",
}
RASA_START_TIMEOUT = 600
STAFF_ROLE = "terapeut"


def status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """pid and every process below it (a service's helpers count towards its memory)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def memory_mb(pid: int) -> dict[str, float]:
    """RSS now and its peak (VmHWM) of the process, plus the RSS of its whole tree."""
    tree = descendants(pid)
    return {
        "rss_mb": round(status_kb(pid, "VmRSS") / 1024, 1),
        "peak_mb": round(status_kb(pid, "VmHWM") / 1024, 1),
        "tree_rss_mb": round(sum(status_kb(p, "VmRSS") for p in tree) / 1024, 1),
        "processes": len(tree),
    }


def ensure_users(env: dict[str, str], usernames: list[str], password: str) -> float:
    """`python -m api.cli ensure-user` for each name (one interpreter); returns seconds."""
    started = time.monotonic()
    script = (
        "import sys\nfrom api.cli import main\n"
        "for name in sys.argv[1:]:\n"
        f"    assert main(['ensure-user', '--username', name, '--role', '{STAFF_ROLE}',"
        " '--password-env', 'BENCH_STAFF_PASSWORD']) == 0\n"
    )
    subprocess.run(
        [str(API_PYTHON), "-c", script, *usernames],
        cwd=ROOT,
        env={**os.environ, **env, "BENCH_STAFF_PASSWORD": password},
        check=True,
        capture_output=True,
        timeout=600,
    )
    return time.monotonic() - started


@dataclass
class Accounts:
    usernames: list[str]
    password: str

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps({"usernames": self.usernames, "password": self.password}))
        return path


class Stack:
    """What the bench needs of either stack."""

    name: str
    procs: dict[str, Proc]
    jwt_secret: str

    @property
    def rasa_url(self) -> str:  # where clients talk to Rasa: the server or the balancer
        raise NotImplementedError

    @property
    def api_url(self) -> str:
        raise NotImplementedError

    def api_env(self) -> dict[str, str]:
        raise NotImplementedError

    def admin_jwt(self) -> str:
        return jwt_hs256({"user": {"username": "bench", "role": "admin"}}, self.jwt_secret)

    def memory(self) -> dict[str, dict[str, float]]:
        return {
            name: memory_mb(proc.process.pid)
            for name, proc in self.procs.items()
            if proc.process is not None and proc.process.poll() is None
        }

    def create_accounts(self, count: int, prefix: str) -> tuple[Accounts, float]:
        accounts = Accounts([f"{prefix}{i:02d}" for i in range(count)], secrets.token_urlsafe(18))
        seconds = ensure_users(self.api_env(), accounts.usernames, accounts.password)
        return accounts, seconds

    def parse(self, text: str) -> dict[str, Any]:
        reply = requests.post(
            f"{self.rasa_url}/model/parse",
            json={"text": text},
            headers={"Authorization": f"Bearer {self.admin_jwt()}"},
            timeout=60,
        )
        reply.raise_for_status()
        return reply.json()


@dataclass
class SharedApi:
    """The goals API from the Procfile, started once and shared by the single-instance stacks
    (production model, reference model, the profile): same accounts, same database."""

    work: Path
    process: ApiProcess | None = None
    proc: Proc | None = None

    def start(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        self.process = ApiProcess(self.work)
        self.proc = Proc("api", procfile()["api"], self.process.env(), self.work / "api.log",
                         f"{self.process.url}/health")  # fmt: skip
        self.proc.start()
        self.proc.wait_ready()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.stop()


@dataclass
class Single(Stack):
    """The action server and Rasa from the Procfile, on the shared API; `timed` swaps in the
    bench's timing launchers (tests/bench/timed_rasa.py, timed_actions.py), same arguments."""

    work: Path
    model: Path
    api: SharedApi
    name: str = "single"
    timed: bool = False
    procs: dict[str, Proc] = field(default_factory=dict)
    load_seconds: float = 0.0

    def __post_init__(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        assert self.api.process is not None, "start the shared API first"
        self.bot = BotProcesses(
            self.work / "bot",
            self.api.process,
            self.model,
            rasa_port=free_port(),
            actions_port=free_port(),
            extra_env=dict(BENCH_ENV),
        )
        self.bot.work.mkdir(parents=True, exist_ok=True)
        self.jwt_secret = self.bot.jwt_secret

    @property
    def rasa_url(self) -> str:
        return self.bot.url

    @property
    def api_url(self) -> str:
        return self.api.process.url

    def api_env(self) -> dict[str, str]:
        return self.api.process.env()

    def _commands(self) -> dict[str, str]:
        lines = procfile()
        rasa, actions = lines["rasa"], lines["actions"]
        if self.timed:
            rasa = rasa.replace(
                "exec .venv-bot/bin/rasa run",
                "exec .venv-bot/bin/python -m tests.bench.timed_rasa run",
            )
            actions = actions.replace("-m actions.server", "-m tests.bench.timed_actions")
            assert "timed_rasa" in rasa and "timed_actions" in actions, "Procfile lines changed"
        return {"actions": actions, "rasa": rasa}

    @property
    def timings(self) -> dict[str, Path]:
        return {"rasa": self.work / "timings-rasa.jsonl",
                "actions": self.work / "timings-actions.jsonl"}  # fmt: skip

    def start(self) -> None:
        commands = self._commands()
        env = self.bot.env()
        rasa_env, actions_env = dict(env), dict(env)
        if self.timed:
            rasa_env["BENCH_TIMINGS"] = str(self.timings["rasa"])
            actions_env["BENCH_TIMINGS"] = str(self.timings["actions"])
        self.procs = {
            "rasa": Proc("rasa", commands["rasa"], rasa_env, self.work / "rasa.log",
                         f"{self.bot.url}/"),
            "actions": Proc("actions", commands["actions"], actions_env,
                            self.work / "actions.log",
                            f"http://127.0.0.1:{self.bot.actions_port}/health"),
        }  # fmt: skip
        started = time.monotonic()
        self.procs["rasa"].start()  # the model takes longest: first
        self.procs["actions"].start()
        self.procs["actions"].wait_ready()
        self.procs["rasa"].wait_ready(RASA_START_TIMEOUT)
        self.load_seconds = time.monotonic() - started

    def memory(self) -> dict[str, dict[str, float]]:
        found = super().memory()
        if self.api.proc is not None and self.api.proc.process.poll() is None:
            found["api"] = memory_mb(self.api.proc.process.pid)
        return found

    def stop(self) -> None:
        for proc in self.procs.values():
            proc.terminate()
        for proc in self.procs.values():
            proc.stop()


class BenchCluster(Cluster, Stack):
    """tests/cluster's profile, with Rasa's HTTP API on and logging at INFO."""

    def __init__(self, work: Path, model: Path, today: str) -> None:
        Cluster.__init__(self, work, model, today)
        self.name = "cluster"
        self.jwt_secret = secrets.token_urlsafe(32)
        self.load_seconds = 0.0

    def env(self) -> dict[str, str]:
        return {**super().env(), **BENCH_ENV, "RASA_JWT_SECRET": self.jwt_secret}

    @property
    def rasa_url(self) -> str:
        return self.lb

    @property
    def api_url(self) -> str:
        return self.url("api")

    def api_env(self) -> dict[str, str]:
        return self.env()

    def start(self) -> None:
        started = time.monotonic()
        super().start()
        self.load_seconds = time.monotonic() - started

    def stop(self) -> None:
        super().stop()


def cluster_unavailable() -> str | None:
    return missing_services()
