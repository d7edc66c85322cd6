"""Latency and load figures of a running stack: locust with N simulated people, a long
conversation, and /model/parse alone. Bounded: fixed counts and durations, 127.0.0.1 only.

Percentiles are computed from locust's raw samples (tests/bench/locustfile.py writes them) over
the measurement window: from the moment the last person has signed in (at least WARMUP seconds
in) to the end of the run. Sign-ins and the reset message before the first conversation are
reported apart, never mixed into the reply latencies. Locust's own CSV files stay next to the
samples in build/bench/locust/.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import requests

from tests.bench.conversations import FAQ_QUESTIONS, KINDS, long_conversation_turns
from tests.support.procfile import ROOT

LOCUST = ROOT / ".venv-api" / "bin" / "locust"
LOCUSTFILE = ROOT / "tests" / "bench" / "locustfile.py"
WARMUP = 5.0
THINK = (1.0, 2.0)
PARSE_REQUESTS = 100
LONG_TURNS = int(os.environ.get("BENCH_LONG_TURNS", "300"))


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "p99": percentile(values, 0.99),
        "mean": round(statistics.mean(values), 1) if values else None,
        "max": max(values) if values else None,
    }


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


class Sampler:
    """Peak RSS of each process and its CPU use while a load runs (every `every` seconds)."""

    def __init__(self, stack: Any, every: float = 1.0) -> None:
        self.stack, self.every = stack, every
        self.peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._cpu0: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def _pids(self) -> dict[str, int]:
        pids = {n: p.process.pid for n, p in self.stack.procs.items()
                if p.process is not None and p.process.poll() is None}  # fmt: skip
        api = getattr(getattr(self.stack, "api", None), "proc", None)
        if api is not None and api.process is not None and api.process.poll() is None:
            pids["api"] = api.process.pid
        return pids

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, figures in self.stack.memory().items():
                self.peak[name] = max(self.peak.get(name, 0.0), figures["rss_mb"])
            self._stop.wait(self.every)

    def __enter__(self) -> Sampler:
        self._t0 = time.monotonic()
        self._cpu0 = {n: _cpu_seconds(p) for n, p in self._pids().items()}
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        elapsed = time.monotonic() - self._t0
        for name, pid in self._pids().items():
            used = _cpu_seconds(pid) - self._cpu0.get(name, 0.0)
            self.cpu[name] = round(100 * used / elapsed, 1)  # % of one core


def _locust_aggregate(prefix: Path) -> dict[str, Any]:
    path = Path(f"{prefix}_stats.csv")
    if not path.exists():
        return {}
    for row in csv.DictReader(path.open()):
        if row.get("Name") == "Aggregated":
            return {k: row[k] for k in ("Request Count", "Failure Count", "50%", "95%", "99%",
                                        "Requests/s") if k in row}  # fmt: skip
    return {}


def run_locust(stack: Any, users: int, seconds: int, accounts: Path, out: Path, run: str,
               run_number: int) -> dict[str, Any]:  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / f"{run}-u{users}"
    samples_path = Path(f"{prefix}.samples.json")
    samples_path.unlink(missing_ok=True)
    env = {
        **os.environ,
        "BENCH_API_URL": stack.api_url,
        "BENCH_ACCOUNTS": str(accounts),
        "BENCH_RUN": f"{run}{users}",
        "BENCH_RUN_NUMBER": str(run_number),
        "BENCH_SAMPLES": str(samples_path),
        "BENCH_THINK_MIN": str(THINK[0]),
        "BENCH_THINK_MAX": str(THINK[1]),
    }
    command = [str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "-u", str(users),
               "-r", str(users), "-t", f"{seconds}s", "--host", stack.rasa_url,
               "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]  # fmt: skip
    with Sampler(stack) as sampler:
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=seconds + 120)  # fmt: skip
    (out / f"{run}-u{users}.log").write_text(result.stdout + result.stderr)
    if not samples_path.exists():
        raise RuntimeError(f"locust wrote no samples (exit {result.returncode}):\n"
                           f"{result.stderr[-3000:]}")  # fmt: skip
    data = json.loads(samples_path.read_text())
    samples = data["samples"]  # [t, name, ms, ok, error]
    sign_ins = [s for s in samples if s[1] == "sign-in"]
    resets = [s for s in samples if s[1] == "reset"]
    start = max([WARMUP] + [s[0] + s[2] / 1000 for s in sign_ins + resets])
    window = [s for s in samples if s[1] in KINDS and s[0] >= start]
    window_seconds = max(float(seconds) - start, 1e-9)
    ok = [s for s in window if s[3]]
    errors: dict[str, int] = {}
    for s in window:
        if not s[3]:
            errors[s[4] or "error"] = errors.get(s[4] or "error", 0) + 1
    figures = {
        "users": users,
        "seconds": seconds,
        "think_seconds": list(THINK),
        "window_seconds": round(window_seconds, 1),
        "turns": len(window),
        "replies_per_s": round(len(ok) / window_seconds, 2),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "latency_ms": summary([s[2] for s in ok]),
        "by_kind": {k: summary([s[2] for s in ok if s[1] == k]) for k in KINDS},
        "sign_in_ms": summary([s[2] for s in sign_ins if s[3]]),
        "sign_in_failures": sum(not s[3] for s in sign_ins),
        "goal_captures": data.get("goals", {}),
        "conversations_started": data.get("conversations", {}),
        "peak_rss_mb": {k: round(v) for k, v in sampler.peak.items()},
        "cpu_percent_of_one_core": sampler.cpu,
        "locust_aggregate": _locust_aggregate(prefix),
        "locust_exit": result.returncode,
    }
    return figures


def parse_latency(stack: Any, count: int = PARSE_REQUESTS) -> dict[str, Any]:
    """/model/parse alone, sequential: NLU without dialogue, tracker or actions."""
    headers = {"Authorization": f"Bearer {stack.admin_jwt()}"}
    session = requests.Session()
    times = []
    for i in range(count + 5):
        text = FAQ_QUESTIONS[i % len(FAQ_QUESTIONS)]
        started = time.perf_counter()
        reply = session.post(f"{stack.rasa_url}/model/parse", json={"text": text},
                             headers=headers, timeout=60)  # fmt: skip
        reply.raise_for_status()
        if i >= 5:  # the first few warm the server up
            times.append((time.perf_counter() - started) * 1000)
    return summary(times)


def long_conversation(stack: Any, sender: str, turns: int = LONG_TURNS) -> dict[str, Any]:
    """One public conversation of `turns` turns, one after another: does a turn cost more late
    in a conversation than early on? (The tracker grows by each turn's events.)"""
    session = requests.Session()
    times = []
    for text in long_conversation_turns(turns):
        started = time.perf_counter()
        reply = session.post(f"{stack.rasa_url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": text}, timeout=120)  # fmt: skip
        reply.raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    first, last = times[:10], times[-10:]
    n = len(times)
    mean_x = (n - 1) / 2
    slope = sum((i - mean_x) * (t - statistics.mean(times)) for i, t in enumerate(times)) / sum(
        (i - mean_x) ** 2 for i in range(n)
    )
    return {
        "turns": n,
        "turn_1_ms": round(times[0], 1),
        f"turn_{n}_ms": round(times[-1], 1),
        "last_over_first": round(times[-1] / times[0], 2),
        "median_first_10_ms": round(statistics.median(first), 1),
        "median_last_10_ms": round(statistics.median(last), 1),
        "median_ratio": round(statistics.median(last) / statistics.median(first), 2),
        "ms_per_100_turns": round(slope * 100, 1),
        "all_ms": [round(t, 1) for t in times],
    }
