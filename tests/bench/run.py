"""`make bench`: NLU accuracy on held-out paraphrases, reply latency, throughput, training, memory.

Runs in .venv-bot against the trained model. Traffic goes only to servers this script starts on
127.0.0.1, in bounded loops.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bot.evaluation import agent_parser, evaluate, load_heldout
from tests.support.processes import ROOT, free_port, service

MODEL = ROOT / "models" / "rehab.tar.gz"
HELDOUT = ROOT / "tests" / "nlu" / "faq_heldout.yml"
OBJECTIONS = ROOT / "tests" / "nlu" / "indvending_heldout.yml"
FAQ_BLIND = ROOT / "tests" / "nlu" / "faq_blind.yml"
PRACTICE_SETS = [
    ROOT / "tests" / "mi" / "practice_labelled.yml",
    ROOT / "tests" / "mi" / "practice_blind.yml",
]
BOT_BIN = ROOT / ".venv-bot" / "bin"
LATENCY_REQUESTS = 100
THROUGHPUT_REQUESTS = 120
THROUGHPUT_WORKERS = 4


def rss_mb(pid: int) -> float:
    """Resident memory of a process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def heldout_accuracy() -> None:
    parse = agent_parser(MODEL)
    sets = (
        ("FAQ", HELDOUT),
        ("FAQ, second blind set (written after tuning, never tuned on)", FAQ_BLIND),
        ("objections (indvending)", OBJECTIONS),
    )
    for name, path in sets:
        print(f"-- {name}, held-out paraphrases not in training")
        print(evaluate(parse, load_heldout(path)).render())


def practice_accuracy() -> None:
    from actions.mi.evaluate import evaluate as evaluate_practice
    from actions.mi.evaluate import render_confusion

    for path in PRACTICE_SETS:
        if not path.exists():
            continue
        accuracy, confusion, _ = evaluate_practice(path)
        total = sum(confusion.values())
        print(f"-- MI practice classifier on {path.name} ({total} utterances): {accuracy:.3f}")
        print(render_confusion(confusion))


def serving_figures(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        actions_port, rasa_port = free_port(), free_port()
        endpoints = work / "endpoints.yml"
        endpoints.write_text(f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n")
        rasa_cmd = [
            str(BOT_BIN / "rasa"),
            "run",
            "--enable-api",
            "--port",
            str(rasa_port),
            "--model",
            str(MODEL),
            "--endpoints",
            str(endpoints),
            "--credentials",
            "bot/credentials.yml",
        ]
        actions_cmd = [str(BOT_BIN / "rasa"), "run", "actions", "--port", str(actions_port)]
        started = time.monotonic()
        with (
            service("actions", actions_cmd, f"http://127.0.0.1:{actions_port}/health", work),
            service("rasa", rasa_cmd, f"http://127.0.0.1:{rasa_port}/status", work),
        ):
            print(f"server start (model load): {time.monotonic() - started:.1f} s")
            pids = subprocess.run(
                ["pgrep", "-f", f"rasa run --enable-api --port {rasa_port}"],
                capture_output=True, text=True,
            ).stdout.split()  # fmt: skip
            if pids:
                print(f"Rasa server memory after load: {rss_mb(int(pids[0])):.0f} MB RSS")
            url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
            latencies = []
            for i in range(LATENCY_REQUESTS):
                text = texts[i % len(texts)]
                t0 = time.perf_counter()
                requests.post(url, json={"sender": f"lat{i}", "message": text}, timeout=60)
                latencies.append((time.perf_counter() - t0) * 1000)
            print(
                f"reply latency over REST ({LATENCY_REQUESTS} sequential): "
                f"p50 {percentile(latencies, 0.5):.0f} ms, "
                f"p95 {percentile(latencies, 0.95):.0f} ms, "
                f"mean {statistics.mean(latencies):.0f} ms"
            )

            def one(i: int) -> None:
                requests.post(
                    url, json={"sender": f"tp{i}", "message": texts[i % len(texts)]}, timeout=60
                )

            t0 = time.perf_counter()
            with ThreadPoolExecutor(THROUGHPUT_WORKERS) as pool:
                list(pool.map(one, range(THROUGHPUT_REQUESTS)))
            elapsed = time.perf_counter() - t0
            print(
                f"throughput ({THROUGHPUT_REQUESTS} requests, {THROUGHPUT_WORKERS} clients): "
                f"{THROUGHPUT_REQUESTS / elapsed:.1f} replies/s"
            )
            status = requests.get(f"http://127.0.0.1:{rasa_port}/status", timeout=10).json()
            del status  # only to be sure the server is still healthy after the load
            for line in (work / "rasa.log").read_text().splitlines():
                if "spaCy pipeline" in line:
                    print("served with:", line.split(" - ", 1)[-1])
                    break


def main() -> int:
    os.environ.setdefault(
        "LOG_LEVEL", "WARNING"
    )  # Rasa's per-message debug lines drown the figures
    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{__import__('os').cpu_count()} cores · {time.strftime('%Y-%m-%d')}"
    )
    stats = ROOT / "models" / "rehab.stats.json"
    if stats.exists():
        s = json.loads(stats.read_text())
        print(
            f"training time: {s['seconds']} s, peak memory {s['max_rss_mb']} MB "
            f"({s['pipeline']}, {s['date']})"
        )
    heldout_accuracy()
    practice_accuracy()
    texts = [t for ts in load_heldout(HELDOUT).values() for t in ts]
    serving_figures(texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
