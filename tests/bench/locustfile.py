"""`make bench`'s load test: simulated people in multi-turn conversations (locust, .venv-api).

Run by tests/bench/load.py as
    .venv-api/bin/locust -f tests/bench/locustfile.py --headless -u N -r N -t 60s \
        --host http://127.0.0.1:<rasa or balancer> --csv build/bench/locust/<run>
against servers the bench started on 127.0.0.1 only. Each simulated person signs in first
(POST /api/v1/auth/token on BENCH_API_URL, with an account made by `python -m api.cli
ensure-user`), then holds conversations in turn, starting at a kind that depends on its number:
an FAQ conversation on the public door, objections on the staff door, a goal capture on the
staff door through to the API (tests/bench/conversations.py). Between two turns a person
thinks BENCH_THINK_MIN..BENCH_THINK_MAX seconds.

Every request is also written, raw, to BENCH_SAMPLES (JSON) when locust quits, so the bench
computes its percentiles over the measurement window it chooses, per kind of conversation.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.conversations import CANCEL, GOAL_SAVED, KINDS, conversation

API_URL = os.environ.get("BENCH_API_URL", "http://127.0.0.1:8000")
ACCOUNTS = (
    json.loads(Path(os.environ["BENCH_ACCOUNTS"]).read_text())
    if os.environ.get("BENCH_ACCOUNTS")
    else {"usernames": [], "password": ""}
)
RUN = os.environ.get("BENCH_RUN", "run")
REFERENCE_PREFIX = os.environ.get("BENCH_REFERENCE_PREFIX", "LT")
RUN_NUMBER = int(os.environ.get("BENCH_RUN_NUMBER", "1"))
THINK = (
    float(os.environ.get("BENCH_THINK_MIN", "1")),
    float(os.environ.get("BENCH_THINK_MAX", "2")),
)
SAMPLES = os.environ.get("BENCH_SAMPLES")

_numbers = itertools.count()
_samples: list[list] = []
_goals = {"saved": 0, "not_saved": 0}
_conversations = {kind: 0 for kind in KINDS}
_started = time.time()


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kw) -> None:
    start = kw.get("start_time") or time.time() - response_time / 1000
    _samples.append([round(start - _started, 3), name, round(response_time, 2),
                     exception is None, str(exception)[:200] if exception else ""])  # fmt: skip


@events.quitting.add_listener
def _dump(environment, **kw) -> None:
    if SAMPLES:
        Path(SAMPLES).write_text(
            json.dumps(
                {
                    "started": _started,
                    "samples": _samples,
                    "goals": _goals,
                    "conversations": _conversations,
                }
            )
        )


class Person(FastHttpUser):
    """One simulated person: signs in, then holds one conversation after another."""

    wait_time = between(*THINK)  # between two conversations, as between two turns
    network_timeout = 120.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        self.number = next(_numbers)
        self.rng = random.Random(f"{RUN}-{self.number}")
        self.kinds = itertools.cycle(KINDS[self.number % 3 :] + KINDS[: self.number % 3])
        self.conversations = 0
        self.token = None
        usernames = ACCOUNTS["usernames"]
        if self.number < len(usernames):
            self.token = self._sign_in(usernames[self.number], ACCOUNTS["password"])
        if self.token:
            # A goal capture cut off by the end of an earlier run would still be open.
            self._send("staff", CANCEL, "reset")

    def _sign_in(self, username: str, password: str) -> str | None:
        with self.client.post(
            f"{API_URL}/api/v1/auth/token",
            data=urlencode({"username": username, "password": password}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="sign-in",
            catch_response=True,
        ) as reply:
            if reply.status_code != 200:
                reply.failure(f"sign-in {reply.status_code}")
                return None
            return reply.json()["access_token"]

    def _send(self, door: str, text: str, name: str, expect: str | None = None) -> str:
        if door == "public":
            path, body, headers = (
                "/webhooks/rest/webhook",
                {"sender": f"bench-{RUN}-{self.number}-{self.conversations}", "message": text},
                {},
            )
        else:
            path, body, headers = (
                "/webhooks/staff/webhook",
                {"message": text},
                {"Authorization": f"Bearer {self.token}"},
            )
        with self.client.post(path, json=body, headers=headers, name=name,
                              catch_response=True) as reply:  # fmt: skip
            if reply.status_code != 200:
                reply.failure(f"HTTP {reply.status_code}")
                return ""
            try:
                messages = reply.json()
            except ValueError:
                reply.failure("not JSON")
                return ""
            said = "\n".join(m.get("text") or "" for m in messages if isinstance(m, dict))
            if not said.strip():
                reply.failure("no reply text")
            elif expect and expect not in said:
                reply.failure(f"expected {expect!r}")
            return said

    @task
    def converse(self) -> None:
        kind = next(self.kinds)
        if kind != "faq" and not self.token:
            kind = "faq"
        self.conversations += 1
        _conversations[kind] += 1
        reference = f"{REFERENCE_PREFIX}-{RUN_NUMBER:02d}{self.number:02d}{self.conversations:03d}"
        talk = conversation(kind, self.rng, reference)
        for i, text in enumerate(talk.turns):
            if i:
                time.sleep(self.rng.uniform(*THINK))  # gevent's sleep: locust patches time
            last = i == len(talk.turns) - 1
            said = self._send(
                talk.door, text, kind, GOAL_SAVED if kind == "goal" and last else None
            )
            if kind == "goal" and last:
                _goals["saved" if GOAL_SAVED in said else "not_saved"] += 1
