"""The scale-out profile for tests: Procfile.cluster's own lines, on free ports, with databases
and Redis keys of the test's own, so a `make run-cluster` on the same machine is left alone.

Preparation is tools/cluster_setup.sh (databases, API migrations, outbox table, HAProxy config),
as for `make run-cluster`. Each process runs in its own session so a test can SIGKILL one
replica and start it again. Evidence is read where it lives: trackers and goals from
PostgreSQL, locks from Redis, server states from HAProxy's stats.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg2
import redis
import requests

from tests.support import http_calls
from tests.support.processes import free_port, wait_for
from tests.support.procfile import ROOT, procfile

PROCFILE = ROOT / "Procfile.cluster"
SETUP = ROOT / "tools" / "cluster_setup.sh"
API_PYTHON = ROOT / ".venv-api" / "bin" / "python"
HAPROXY = os.environ.get("HAPROXY", "/usr/sbin/haproxy")
PG = {"host": "127.0.0.1", "port": int(os.environ.get("CLUSTER_TEST_PG_PORT", "5432")),
      "user": "postgres"}  # fmt: skip
REDIS_HOST, REDIS_PORT = "127.0.0.1", int(os.environ.get("CLUSTER_TEST_REDIS_PORT", "6379"))
# A Redis database of the tests' own (locks under a random prefix, rate-limit counters).
REDIS_DB = int(os.environ.get("CLUSTER_TEST_REDIS_DB", "13"))
# Shorter than Rasa's 60 s so a conversation a dead replica held is free again sooner; still far
# above the longest a message takes here.
LOCK_LIFETIME = 20
INVENTED_PHONE = "11 22 33 44"
RASA_START_TIMEOUT = 480  # two models loading at once on two shared cores
PORTS = ("lb", "rasa1", "rasa2", "actions_lb", "actions1", "actions2", "stats", "api")


def missing_services() -> str | None:
    """Why the cluster cannot run here, or None."""
    if not (os.access(HAPROXY, os.X_OK)):
        return f"HAProxy is not installed ({HAPROXY}; tools/cluster_setup.sh lb installs it)"
    if subprocess.run(["sh", "-c", "command -v psql"], capture_output=True).returncode != 0:
        return "psql (PostgreSQL's client) is missing; tools/cluster_setup.sh needs it"
    try:
        psycopg2.connect(dbname="postgres", connect_timeout=3, **PG).close()
    except psycopg2.Error as error:
        first = (str(error).strip().splitlines() or [""])[0]
        return f"PostgreSQL at {PG['host']}:{PG['port']} is unreachable ({first})"
    try:
        redis.Redis(REDIS_HOST, REDIS_PORT, socket_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_HOST}:{REDIS_PORT} is unreachable ({type(error).__name__})"
    return None


@dataclass
class Proc:
    """One Procfile.cluster line as a process of its own (its own session: killable alone)."""

    name: str
    command: str
    env: dict[str, str]
    log: Path
    ready_url: str
    process: subprocess.Popen | None = None
    starts: int = 0

    def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n=== start {self.starts} of {self.name}\n".encode())
            self.process = subprocess.Popen(
                ["/bin/sh", "-c", self.command],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", **self.env},
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 240) -> None:
        assert self.process is not None
        wait_for(self.ready_url, self.process, self.log, timeout)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, sig)
        self.process.wait(timeout=30)

    def terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Cluster:
    work: Path
    model: Path
    today: str
    ports: dict[str, int] = field(default_factory=lambda: {name: free_port() for name in PORTS})
    suffix: str = field(default_factory=lambda: f"{os.getpid()}_{secrets.token_hex(3)}")
    lock_prefix: str = field(default_factory=lambda: "t" + secrets.token_hex(5))
    service_token: str = field(default_factory=lambda: "svc-" + secrets.token_urlsafe(24))
    procs: dict[str, Proc] = field(default_factory=dict)

    # -- configuration ---------------------------------------------------------------------
    @property
    def databases(self) -> dict[str, str]:
        return {kind: f"rehab_cluster_test_{self.suffix}_{kind}"
                for kind in ("tracker", "outbox", "api")}  # fmt: skip

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    @property
    def lb(self) -> str:
        return self.url("lb")

    def env(self) -> dict[str, str]:
        municipality = self.work / "kommune.yml"
        if not municipality.exists():
            municipality.write_text(
                f"kommune: Testkommune\nvisitation:\n  telefon: '{INVENTED_PHONE}'\n"
                "  telefontid: hverdage kl. 8–10\n",
                encoding="utf-8",
            )
        pg = f"postgresql://{PG['user']}@{PG['host']}:{PG['port']}"
        p = self.ports
        return {
            "BIND_HOST": "127.0.0.1",
            "CLUSTER_LB_PORT": str(p["lb"]),
            "RASA1_PORT": str(p["rasa1"]),
            "RASA2_PORT": str(p["rasa2"]),
            "CLUSTER_ACTIONS_LB_PORT": str(p["actions_lb"]),
            "ACTIONS1_PORT": str(p["actions1"]),
            "ACTIONS2_PORT": str(p["actions2"]),
            "CLUSTER_LB_STATS_PORT": str(p["stats"]),
            "CLUSTER_LB_CONFIG": str(self.work / "haproxy.cfg"),
            "CLUSTER_LB_SOCKET": str(self.work / "haproxy.sock"),
            "HAPROXY": HAPROXY,
            "API_PORT": str(p["api"]),
            "API_BASE_URL": self.url("api"),
            "API_TOKENS": f"action-server:service:{self.service_token}",
            "API_SERVICE_TOKEN": self.service_token,
            "ACTION_ENDPOINT_URL": f"{self.url('actions_lb')}/webhook",
            "TRACKER_DB_URL": f"{pg}/{self.databases['tracker']}",
            "OUTBOX_DB_URL": f"{pg}/{self.databases['outbox']}",
            "DATABASE_URL": f"{pg}/{self.databases['api']}",
            "REDIS_HOST": REDIS_HOST,
            "REDIS_PORT": str(REDIS_PORT),
            "LOCK_STORE_DB": str(REDIS_DB),
            "LOCK_KEY_PREFIX": self.lock_prefix,
            "RATE_LIMIT_STORAGE": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
            "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME),
            "SANIC_PROXIES_COUNT": "1",
            "RASA_MODEL": str(self.model),
            "MUNICIPALITY_CONFIG": str(municipality),
            "REHAB_TODAY": self.today,
            "OUTBOX_FLUSH_SECONDS": "3600",  # the tests resend themselves
            "API_ATTEMPTS": "2",
            "API_BACKOFF": "0.2",
            "API_TIMEOUT": "5",
            # Every test client comes from 127.0.0.1: the limits are not what is tested here.
            "PUBLIC_RATE_LIMIT": "5000/minute",
            "PUBLIC_RATE_LIMIT_CONVERSATION": "1000/minute",
            "LOG_LEVEL": "DEBUG",  # Rasa then logs each wait for a conversation's lock
        }

    # -- life cycle ------------------------------------------------------------------------
    def prepare(self) -> None:
        """tools/cluster_setup.sh, as make run-cluster runs it (without installing anything)."""
        self.work.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [str(SETUP), "databases", "migrate", "schema", "lb-config"],
            cwd=ROOT,
            env={**os.environ, **self.env()},
            capture_output=True,
            text=True,
            timeout=300,
        )
        (self.work / "setup.log").write_text(result.stdout + result.stderr)
        if result.returncode != 0:
            raise RuntimeError(f"tools/cluster_setup.sh failed:\n{result.stdout}{result.stderr}")
        lines = procfile(PROCFILE)
        ready = {
            "lb": f"{self.url('stats')}/",
            "api": f"{self.url('api')}/health",
            "actions1": f"{self.url('actions1')}/health",
            "actions2": f"{self.url('actions2')}/health",
            "rasa1": f"{self.url('rasa1')}/",
            "rasa2": f"{self.url('rasa2')}/",
        }
        assert set(lines) == set(ready), f"Procfile.cluster has {sorted(lines)}"
        env = self.env()
        self.procs = {
            name: Proc(name, lines[name], env, self.work / f"{name}.log", url)
            for name, url in ready.items()
        }

    def start(self) -> None:
        # The models take longest to load: start both replicas first, the rest meanwhile.
        for name in ("rasa1", "rasa2", "api", "actions1", "actions2", "lb"):
            self.procs[name].start()
        for name in ("api", "actions1", "actions2", "lb"):
            self.procs[name].wait_ready()
        for name in ("rasa1", "rasa2"):
            self.procs[name].wait_ready(RASA_START_TIMEOUT)
        self.wait_for_servers({"rasa1": "UP", "rasa2": "UP"}, "rasa")
        self.wait_for_servers({"actions1": "UP", "actions2": "UP"}, "actions")

    def stop(self) -> None:
        for proc in self.procs.values():  # all at once: Rasa takes a while to shut down
            proc.terminate()
        for proc in self.procs.values():
            proc.stop()

    def forget_redis_keys(self) -> None:
        """Rasa's lock keys have no expiry: one a killed replica left behind would stay."""
        store = self.redis()
        for key in store.scan_iter(f"{self.lock_prefix}:*"):
            store.delete(key)

    def drop_databases(self) -> None:
        connection = psycopg2.connect(dbname="postgres", connect_timeout=5, **PG)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                for name in self.databases.values():
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            connection.close()

    # -- the load balancer -------------------------------------------------------------------
    def server_states(self, backend: str) -> dict[str, str]:
        """HAProxy's view of each server of `backend` (UP, DOWN, …), from its stats CSV."""
        text = requests.get(f"{self.url('stats')}/;csv", timeout=5).text.lstrip("# ")
        return {
            row["svname"]: row["status"].split()[0]
            for row in csv.DictReader(io.StringIO(text))
            if row["pxname"] == backend and row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def wait_for_servers(self, expected: dict[str, str], backend: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while (states := self.server_states(backend)) != expected:
            if time.monotonic() > deadline:
                raise TimeoutError(f"HAProxy {backend}: {states}, expected {expected}")
            time.sleep(0.25)

    # -- reading the evidence ----------------------------------------------------------------
    @contextmanager
    def _db(self, kind: str) -> Iterator[Any]:
        connection = psycopg2.connect(dbname=self.databases[kind], connect_timeout=5, **PG)
        try:
            with connection.cursor() as cursor:
                yield cursor
        finally:
            connection.close()

    def events(self, sender: str) -> list[dict[str, Any]]:
        """The conversation's events as the PostgreSQL tracker store holds them, in order."""
        with self._db("tracker") as cursor:
            cursor.execute(
                "SELECT type_name, action_name, timestamp, data FROM events"
                " WHERE sender_id = %s ORDER BY id",
                (sender,),
            )
            rows = [(t, a, ts, json.loads(d)) for t, a, ts, d in cursor.fetchall()]
            return [
                {
                    "event": t,
                    "name": a,
                    "timestamp": ts,
                    "text": data.get("text"),
                    "metadata": data.get("metadata"),
                }
                for t, a, ts, data in rows
            ]

    def user_texts(self, sender: str) -> list[str]:
        """What the user wrote, once each: a long conversation's new session carries a copy of
        the last message (bot/tracker_store.py), marked as such."""
        return [
            e["text"]
            for e in self.events(sender)
            if e["event"] == "user" and not (e.get("metadata") or {}).get("carried_over")
        ]

    def api_query(self, sql: str, *args: Any) -> list[tuple]:
        with self._db("api") as cursor:
            cursor.execute(sql, args)
            return cursor.fetchall()

    def outbox(self) -> list[tuple]:
        with self._db("outbox") as cursor:
            cursor.execute("SELECT id, reference, status FROM outbox ORDER BY created_at")
            return cursor.fetchall()

    def redis(self) -> redis.Redis:
        return redis.Redis(REDIS_HOST, REDIS_PORT, db=REDIS_DB, socket_timeout=2)

    def lock_key(self, sender: str) -> str:
        return f"{self.lock_prefix}:lock:{sender}"  # RedisLockStore's key for a conversation

    def peak_rss_mb(self) -> dict[str, int]:
        """Each running process's peak resident memory (VmHWM), for sizing deployments."""
        peaks = {}
        for name, proc in self.procs.items():
            if proc.process is not None and proc.process.poll() is None:
                status = Path(f"/proc/{proc.process.pid}/status").read_text()
                kb = next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmHWM:"))  # fmt: skip
                peaks[name] = kb // 1024
        return peaks

    def log(self, name: str) -> str:
        return self.procs[name].log.read_text(errors="replace")

    # -- staff -----------------------------------------------------------------------------
    def add_staff(self, username: str, role: str = "terapeut") -> str:
        """`python -m api.cli ensure-user` on the cluster's API database; returns the password."""
        password = secrets.token_urlsafe(18)
        subprocess.run(
            [str(API_PYTHON), "-m", "api.cli", "ensure-user", "--username", username,
             "--role", role, "--password-env", "CLUSTER_TEST_PASSWORD"],
            cwd=ROOT,
            env={**os.environ, **self.env(), "CLUSTER_TEST_PASSWORD": password},
            check=True,
            capture_output=True,
            timeout=120,
        )  # fmt: skip
        return password

    def sign_in(self, username: str, password: str) -> str:
        return http_calls.sign_in(self.url("api"), username, password)

    def staff_user_id(self, username: str) -> str:
        [(user_id,)] = self.api_query(
            "SELECT user_id FROM staff_users WHERE username = %s", username
        )
        return str(user_id)

    def goals_for(self, reference: str) -> int:
        [(count,)] = self.api_query(
            "SELECT count(*) FROM goals WHERE citizen_id ="
            " (SELECT id FROM citizens WHERE reference = %s)",
            reference,
        )
        return count


def texts(reply: requests.Response) -> str:
    return "\n".join(m.get("text") or "" for m in reply.json())
