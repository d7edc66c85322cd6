"""`make bench`: what users see and what it costs, on this machine, with a reference beside it.

    .venv-bot/bin/python -m tests.bench.run

1. NLU on every evaluation set as the user sees it (right / wrong / held back; crisis sets by
   the first reply), each named tuning, dev or blind (tests/bench/nlu_sets.py).
2. The MI coder (tests/bench/mi_bench.py) and the FHIR export (tests/bench/api_fhir_bench.py).
3. A bounded load test with locust (tests/bench/locustfile.py): 1, 20 and 50 simulated people
   in multi-turn conversations on the single-instance stack (the Procfile's lines) and on the
   cluster profile (Procfile.cluster), with /model/parse alone, a 300-turn conversation and
   every process's memory (tests/bench/load.py).
4. The same figures for Rasa's default recipe (the `rasa init` config, language da) trained on
   this project's data: build/bench/reference.tar.gz (`make bench-reference`).
5. Training time and peak memory of both models.
6. Where a turn's time goes on one Rasa server (tests/bench/turn_profile.py).

Progress goes to stderr; the report to stdout, build/bench/results.txt and, as JSON for the
README's table, build/bench/results.json. Every server is started by the bench on 127.0.0.1
and stopped at the end; every loop is bounded. BENCH_USERS (default 1,20,50), BENCH_SECONDS
(60) and BENCH_SKIP (any of nlu,mi,fhir,single,profile,reference,cluster) shorten a run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from tests.bench import load, nlu_sets, turn_profile
from tests.bench.stacks import BenchCluster, SharedApi, Single, cluster_unavailable
from tests.support.procfile import ROOT

OUT = ROOT / "build" / "bench"
MODEL = ROOT / "models" / "rehab.tar.gz"
MODEL_STATS = ROOT / "models" / "rehab.stats.json"
REFERENCE = OUT / "reference.tar.gz"
REFERENCE_STATS = OUT / "reference.stats.json"
BOT_PYTHON = ROOT / ".venv-bot" / "bin" / "python"
API_PYTHON = ROOT / ".venv-api" / "bin" / "python"
USERS = [int(n) for n in os.environ.get("BENCH_USERS", "1,20,50").split(",") if n.strip()]
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
SKIP = {s.strip() for s in os.environ.get("BENCH_SKIP", "").split(",") if s.strip()}
_T0 = time.monotonic()


def progress(text: str) -> None:
    print(f"[bench {time.monotonic() - _T0:6.0f} s] {text}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------- the machine
def machine() -> dict[str, Any]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))  # fmt: skip
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "host": platform.node(),
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
        "commit": commit + ("+uncommitted changes" if dirty else ""),
    }


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def other_busy_processes() -> list[str]:
    """Processes not started by the bench that used a lot of CPU (they skew the figures)."""
    mine = os.getpid()
    found = []
    out = subprocess.run(["ps", "-eo", "pid,ppid,pcpu,args", "--sort=-pcpu"],
                         capture_output=True, text=True).stdout.splitlines()[1:8]  # fmt: skip
    for line in out:
        pid, ppid, cpu, args = line.split(None, 3)
        if float(cpu) >= 20 and int(pid) != mine and int(ppid) != mine:
            found.append(f"{args[:110]} ({cpu} % CPU)")
    return found


# ------------------------------------------------------------------------------- pieces
def training_stats(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text()) if path.exists() else None


def sub_report(python: Path, module: str) -> dict[str, Any]:
    started = time.monotonic()
    result = subprocess.run(
        [str(python), "-c", f"from {module} import report; print(report())"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )  # fmt: skip
    text = result.stdout.strip() if result.returncode == 0 else (
        f"FAILED (exit {result.returncode}):\n{result.stderr[-2000:]}")  # fmt: skip
    return {"text": text, "seconds": round(time.monotonic() - started, 1),
            "ok": result.returncode == 0}  # fmt: skip


def measure_stack(stack: Any, accounts: Path, tag: str, run_base: int,
                  with_nlu: bool) -> dict[str, Any]:  # fmt: skip
    figures: dict[str, Any] = {"start_seconds": round(stack.load_seconds, 1),
                               "memory_after_load": stack.memory()}  # fmt: skip
    if with_nlu:
        progress(f"{tag}: NLU and crisis sets")
        started = time.monotonic()
        figures["nlu"] = nlu_sets.evaluate_sets(stack, tag)
        figures["nlu_seconds"] = round(time.monotonic() - started, 1)
    progress(f"{tag}: /model/parse alone")
    figures["parse"] = load.parse_latency(stack)
    progress(f"{tag}: a {load.LONG_TURNS}-turn conversation")
    figures["long"] = load.long_conversation(stack, f"bench-long-{tag}")
    figures["load"] = {}
    for i, users in enumerate(USERS):
        progress(f"{tag}: locust, {users} simulated people, {SECONDS} s (load {loadavg()})")
        figures["load"][str(users)] = load.run_locust(
            stack, users, SECONDS, accounts, OUT / "locust", tag, run_base + i
        )
    figures["memory_after_load_test"] = stack.memory()
    figures["load_average_after"] = loadavg()
    return figures


def single_stack(api: SharedApi, model: Path, tag: str, accounts: Path, run_base: int,
                 with_nlu: bool = True) -> dict[str, Any]:  # fmt: skip
    work = OUT / "run" / tag
    shutil.rmtree(work, ignore_errors=True)
    stack = Single(work, model, api, name=tag)
    progress(f"{tag}: starting the action server and Rasa ({model.relative_to(ROOT)})")
    try:
        stack.start()
        return measure_stack(stack, accounts, tag, run_base, with_nlu)
    finally:
        stack.stop()


def profile_stack(api: SharedApi, username: str, password: str) -> dict[str, Any]:
    work = OUT / "run" / "profile"
    shutil.rmtree(work, ignore_errors=True)
    stack = Single(work, MODEL, api, name="profile", timed=True)
    progress("profile: starting Rasa and the action server with the timing launchers")
    try:
        stack.start()
        progress("profile: one message at a time")
        client = turn_profile.drive(stack, username, password)
    finally:
        stack.stop()
    return turn_profile.analyse(client, stack.timings, stack.bot.tracker_db)


def cluster_stack(model: Path) -> dict[str, Any]:
    work = OUT / "run" / "cluster"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stack = BenchCluster(work, model, dt.date.today().isoformat())
    try:
        progress("cluster: tools/cluster_setup.sh (databases, migrations, HAProxy config)")
        stack.prepare()
        progress("cluster: starting HAProxy, API, actions x2, Rasa x2 (two models load at once)")
        stack.start()
        accounts, seconds = stack.create_accounts(max(USERS), "bench-c")
        progress(f"cluster: {max(USERS)} staff accounts in {seconds:.0f} s")
        return measure_stack(stack, accounts.write(work / "accounts.json"), "cluster", 30, False)
    finally:
        stack.stop()
        try:
            stack.forget_redis_keys()
            stack.drop_databases()
        except Exception as error:  # the figures are worth more than the clean-up
            progress(f"cluster: clean-up failed: {error}")


# ------------------------------------------------------------------------------- rendering
def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def render_load(name: str, figures: dict[str, Any]) -> list[str]:
    lines = [f"-- {name}: started in {figures['start_seconds']:.0f} s; "
             f"load average after {figures['load_average_after']}"]  # fmt: skip
    mem = figures["memory_after_load"]
    lines.append(
        "memory after model load (RSS MiB): "
        + ", ".join(f"{p} {m['rss_mb']:.0f}" for p, m in mem.items())
    )
    parse = figures["parse"]
    lines.append(f"/model/parse alone ({parse['n']} sequential): p50 {ms(parse['p50'])} ms, "
                 f"p95 {ms(parse['p95'])} ms, p99 {ms(parse['p99'])} ms")  # fmt: skip
    lines.append(f"{'people':>6} {'turns':>6} {'replies/s':>9} {'errors':>6} {'p50':>6} "
                 f"{'p95':>6} {'p99':>6}  {'faq p50/p95':>12} {'objection':>12} {'goal':>12}"
                 f"  {'goals saved':>11}  peak RSS MiB / CPU % of a core")  # fmt: skip
    for users, f in figures["load"].items():
        lat, kinds = f["latency_ms"], f["by_kind"]
        per_kind = "".join(f" {ms(kinds[k]['p50']):>5}/{ms(kinds[k]['p95']):<6}"
                           for k in ("faq", "objection", "goal"))  # fmt: skip
        goals = f["goal_captures"]
        saved = f"{goals.get('saved', 0)}/{goals.get('saved', 0) + goals.get('not_saved', 0)}"
        rss = ", ".join(f"{p} {v}/{f['cpu_percent_of_one_core'].get(p, 0):.0f}%"
                        for p, v in f["peak_rss_mb"].items())  # fmt: skip
        lines.append(f"{users:>6} {f['turns']:>6} {f['replies_per_s']:>9.2f} {f['errors']:>6} "
                     f"{ms(lat['p50']):>6} {ms(lat['p95']):>6} {ms(lat['p99']):>6} {per_kind}"
                     f"  {saved:>11}  {rss}")  # fmt: skip
        if f["error_kinds"]:
            lines.append(
                "        errors: " + ", ".join(f"{k} ×{n}" for k, n in f["error_kinds"].items())
            )
        if f["sign_in_failures"]:
            lines.append(f"        sign-in failures: {f['sign_in_failures']}")
    first = figures["load"].get("1")
    if first and parse["p50"]:
        ratio = first["latency_ms"]["p50"] / parse["p50"]
        verdict = "meets" if ratio <= 2 else "misses"
        lines.append(
            f"1 person: reply p50 {ms(first['latency_ms']['p50'])} ms = {ratio:.1f} × "
            f"/model/parse p50 ({verdict} p50 ≤ 2 × /model/parse); by kind: "
            + ", ".join(
                f"{k} {first['by_kind'][k]['p50'] / parse['p50']:.1f} ×"
                for k in ("faq", "objection", "goal")
                if first["by_kind"][k]["p50"]
            )
        )
    sign_in = [f["sign_in_ms"]["p50"] for f in figures["load"].values() if f["sign_in_ms"]["n"]]
    if sign_in:
        lines.append(
            "sign-in (POST /api/v1/auth/token, Argon2) p50 by run: "
            + ", ".join(f"{ms(v)} ms" for v in sign_in)
            + " (not in the reply figures)"
        )
    long = figures["long"]
    n = long["turns"]
    flat = "flat" if long["median_ratio"] <= 1.25 else "NOT flat"
    lines.append(f"long conversation ({n} turns, one after another): "
                 f"turn 1 {long['turn_1_ms']:.0f} ms, turn {n} {long[f'turn_{n}_ms']:.0f} ms"
                 f" (ratio {long['last_over_first']:.2f});"
                 f" median of turns 1-10 {long['median_first_10_ms']:.0f} ms, of the last 10 "
                 f"{long['median_last_10_ms']:.0f} ms (ratio {long['median_ratio']:.2f}: {flat});"
                 f" trend {long['ms_per_100_turns']:+.0f} ms per 100 turns")  # fmt: skip
    mem = figures["memory_after_load_test"]
    lines.append(
        "memory after the load test (RSS / peak MiB): "
        + ", ".join(f"{p} {m['rss_mb']:.0f}/{m['peak_mb']:.0f}" for p, m in mem.items())
    )
    return lines


def nlu_row(entry: dict[str, Any]) -> str:
    if entry["kind"] in ("faq", "labelled"):
        t = entry["total"]
        return f"{entry['right'] / t:.3f} / {entry['wrong'] / t:.3f} / {entry['held'] / t:.3f}"
    parts = []
    if "total" in entry:
        parts.append(f"crisis {entry['right'] / entry['total']:.3f}")
    if "alarms" in entry:
        parts.append(f"alarms {entry['alarms'] / entry['everyday_total']:.3f}")
    return ", ".join(parts)


def side_by_side(results: dict[str, Any]) -> list[str]:
    columns = [("production, single", results.get("single")),
               ("reference, single", results.get("reference")),
               ("production, cluster", results.get("cluster"))]  # fmt: skip
    columns = [(n, c) for n, c in columns if c and "error" not in c]
    if not columns:
        return ["(no stack was measured)"]
    width = 30
    lines = [f"{'':<44}" + "".join(f"{n:>{width}}" for n, _ in columns)]

    def row(label: str, get: Any) -> None:
        cells = []
        for _, c in columns:
            try:
                value = get(c)
            except (KeyError, TypeError, ZeroDivisionError):
                value = None
            cells.append("–" if value is None else str(value))
        lines.append(f"{label:<44}" + "".join(f"{v:>{width}}" for v in cells))

    for i, s in enumerate(nlu_sets.SETS):
        label = f"{s.name} ({s.role})" + (" right/wrong/held" if s.kind != "crisis" else "")
        row(label, lambda c, i=i: nlu_row(c["nlu"][i]) if "nlu" in c else None)
    row("/model/parse p50 / p95 ms", lambda c: f"{ms(c['parse']['p50'])} / {ms(c['parse']['p95'])}")
    for users in USERS:
        u = str(users)
        row(
            f"{users} people: p50 / p95 / p99 ms",
            lambda c, u=u: "{} / {} / {}".format(
                *(ms(c["load"][u]["latency_ms"][q]) for q in ("p50", "p95", "p99"))
            ),
        )
        row(f"{users} people: replies/s, errors", lambda c, u=u:
            f"{c['load'][u]['replies_per_s']:.2f}, {c['load'][u]['errors']}")  # fmt: skip
        row(
            f"{users} people: goals saved",
            lambda c, u=u: "{}/{}".format(
                c["load"][u]["goal_captures"].get("saved", 0),
                sum(c["load"][u]["goal_captures"].values()),
            ),
        )
    row(
        "1 person p50 / parse p50",
        lambda c: f"{c['load']['1']['latency_ms']['p50'] / c['parse']['p50']:.1f} ×",
    )
    row(
        "long conversation: median last10/first10",
        lambda c: f"{c['long']['median_ratio']:.2f} ({c['long']['turns']} turns)",
    )
    row("long conversation: turn N / turn 1", lambda c: f"{c['long']['last_over_first']:.2f}")

    def rasa_rss(c: dict[str, Any]) -> str:
        mem = c["memory_after_load"]
        return " + ".join(f"{m['rss_mb']:.0f}" for p, m in mem.items() if p.startswith("rasa"))

    row("Rasa RSS after model load, MiB", rasa_rss)
    row(
        "peak RSS during 50 people, MiB",
        lambda c: ", ".join(
            f"{p} {v}" for p, v in c["load"][str(max(USERS))]["peak_rss_mb"].items()
        ),
    )
    row("server start (model load), s", lambda c: f"{c['start_seconds']:.0f}")
    row("training time, s", lambda c: c.get("training", {}).get("seconds"))
    row("training peak memory, MiB", lambda c: c.get("training", {}).get("max_rss_mb"))
    return lines


def findings(results: dict[str, Any]) -> list[str]:
    """Sentences with the measured numbers: what a turn's time goes to, what to change."""
    p = results.get("profile")
    if not p or "error" in p:
        return []
    out = []
    kinds = p["by_kind"]
    for kind in ("faq", "objection", "goal"):
        m = kinds[kind]["mean_ms"]
        biggest = sorted(((k, m[k]) for k in ("outside", "door", "lock", "tracker_retrieve",
                          "session", "nlu", "slots", "policies", "actions", "tracker_save",
                          "other")), key=lambda kv: -kv[1])[:4]  # fmt: skip
        names = dict(turn_profile.PHASES)
        out.append(
            f"- {kind}: {m['client']:.0f} ms a turn; the largest steps "
            + "; ".join(
                f"{names[k].split(':')[0].split('(')[0].strip()} {v:.0f} ms" for k, v in biggest
            )
            + f"; action-server round trips {m['remote']:.0f} ms in "
            f"{kinds[kind]['remote_calls_per_turn']:.1f} calls, NLU {m['nlu']:.0f} ms."
        )
    actions = p["actions"]
    validate = actions.get("action_validate_slot_mappings")
    if validate:
        out.append(
            f"- Every turn calls the action server for action_validate_slot_mappings "
            f"({validate['calls']} calls, {validate['round_trip_ms']:.0f} ms round trip, of which "
            f"{validate['inside_action_server_ms']:.1f} ms inside the action server; "
            f"{validate['request_kb']:.0f} KiB request). Rasa 3.6 does this for every turn when "
            "the domain has custom slot mappings, and each call carries the whole domain and "
            "tracker.")  # fmt: skip
    sizes = [a["request_kb"] for a in actions.values()]
    if sizes:
        out.append(f"- Action-server requests are {min(sizes):.0f}–{max(sizes):.0f} KiB: Rasa "
                   "serialises the whole domain (all responses) and the tracker on every call; "
                   "the action server parses it again.")  # fmt: skip
    first, last = p["long"]["first_10"], p["long"]["last_10"]
    if first and last:
        out.append("- Long conversation (profile): from turns 1-10 to the last 10 a turn went "
                   f"{first['client']:.0f} → {last['client']:.0f} ms; tracker load "
                   f"{first['tracker_retrieve']:.0f} → {last['tracker_retrieve']:.0f} ms (replay "
                   f"{first['tracker_replay']:.0f} → {last['tracker_replay']:.0f}), save "
                   f"{first['tracker_save']:.0f} → {last['tracker_save']:.0f} ms, action-server "
                   f"round trips {first['remote']:.0f} → {last['remote']:.0f} ms, policies "
                   f"{first['policies']:.0f} → {last['policies']:.0f} ms.")  # fmt: skip
    staff = kinds["objection"]["mean_ms"]
    out.append(
        f"- Staff door: GET /api/v1/auth/me costs {staff['auth_me']:.0f} ms a turn "
        f"(objection turns; the public door's admission {kinds['faq']['mean_ms']['door']:.1f} ms)."
    )
    return out


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "=" * 100,
        f"make bench · {m['date']} · {m['host']} · {m['cpu_model']} · {m['cores']} cores · "
        f"{m['ram_gib']} GiB RAM · Linux {m['kernel']} · Python {m['python']}",
        f"commit {m['commit']} · load average at start "
        + " ".join(f"{x:.2f}" for x in m["load_average_at_start"])
        + f" · took {results['seconds'] / 60:.1f} min",
    ]
    if results.get("other_processes"):
        lines.append("other busy processes while measuring (figures are slower for it): "
                     + "; ".join(results["other_processes"]))  # fmt: skip
    lines.append("=" * 100)

    lines.append("\n## 1. NLU as the user sees it (right / wrong / held back)")
    lines.append("FAQ sets: an objection answer counts as the FAQ it leads to on the public "
                 "door. Crisis sets: a new public conversation per message; right = the first "
                 "reply is a crisis reply (bot/domain/safety.yml).")  # fmt: skip
    for key, title in (("single", "production model (models/rehab.tar.gz)"),
                       ("reference", "reference model (Rasa default recipe)")):  # fmt: skip
        block = results.get(key)
        if block and "nlu" in block:
            lines.append(f"-- {title}")
            lines.append(nlu_sets.render(block["nlu"], misses=key == "single"))
        elif block and "error" in block:
            lines.append(f"-- {title}: FAILED: {block['error']}")

    lines.append("\n## 2. MI coder and FHIR export")
    for key in ("mi", "fhir"):
        if key in results:
            lines.append(results[key]["text"])
            lines.append("")

    lines.append(
        f"## 3. Load: locust, {', '.join(map(str, USERS))} simulated people, "
        f"{SECONDS} s each, {load.THINK[0]:.0f}-{load.THINK[1]:.0f} s thinking between turns"
    )
    lines.append(
        "Each person signs in, then holds conversations in turn: FAQ (public door, 6 "
        "turns), objections (staff door, 5 turns), goal capture to the API (staff door, "
        "15 turns). Figures over the window after the last sign-in; latencies in ms."
    )
    for key, title in (
        ("single", "single instance (Procfile), production model"),
        (
            "cluster",
            "cluster profile (Procfile.cluster: HAProxy, Rasa x2, "
            "actions x2, PostgreSQL, Redis), production model",
        ),
    ):
        block = results.get(key)
        if block is None:
            continue
        if "skipped" in block:
            lines.append(f"-- {title}: SKIPPED: {block['skipped']}")
        elif "error" in block:
            lines.append(f"-- {title}: FAILED: {block['error']}")
        else:
            lines += render_load(title, block)
        lines.append("")

    lines.append("## 4. Side by side: production model and Rasa's default recipe")
    ref = results.get("reference")
    if ref and "skipped" in ref:
        lines.append(f"reference: SKIPPED: {ref['skipped']}")
    elif ref and "error" in ref:
        lines.append(f"reference: FAILED: {ref['error']}")
    elif ref:
        lines += render_load("reference model, single instance (same action server, API)", ref)
        lines.append("")
    lines += side_by_side(results)

    lines.append("\n## 5. Training")
    for key, title in (
        ("training", "production (models/rehab.stats.json, tools/train.sh)"),
        ("reference_training", "reference (build/bench/reference.stats.json)"),
    ):
        t = results.get(key)
        lines.append(f"{title}: " + (f"{t['seconds']} s, peak memory {t['max_rss_mb']} MiB, "
                                     f"{t.get('date')}, {t.get('cores')} cores"
                                     + (f", {t['pipeline']}" if t.get("pipeline") else "")
                                     if t else "no figures (not trained yet)"))  # fmt: skip

    lines.append("\n## 6. Where a turn's time goes (one Rasa server, production model)")
    p = results.get("profile")
    if p and "error" not in p:
        lines.append(turn_profile.render(p))
        lines.append("findings:")
        lines += findings(results)
        lines += results.get("recommendations", [])
    elif p:
        lines.append(f"FAILED: {p['error']}")
    lines.append("")
    return "\n".join(lines)


RECOMMENDATIONS = [
    "what I would change (not done here: bot/, actions/ and config are not the bench's to edit):",
    "- Drop the per-turn action_validate_slot_mappings round trip: give the slots that use custom "
    "mappings a form-specific validate_<form> action or from_text/from_entity mappings, so Rasa "
    "does not call the action server for every turn outside a form (bot/domain, actions/).",
    "- Keep the action-server request small: Rasa 3.6 sends the whole domain each call; moving the "
    "long FAQ response texts out of the domain the action server receives is not possible in 3.6, "
    "but fewer remote calls per turn (above) and fewer custom actions in the FAQ path "
    "(action_objection_faq could be a rule with a response) cut it directly.",
    "- Cache the staff door's /auth/me answer for a few seconds per token hash "
    "(bot/channels/staff_identity.py already keeps confirmed identities): one verification per "
    "conversation burst instead of per turn; a logout would take effect within that time.",
    "- For long conversations: a tracker store that appends only the new events and does not "
    "replay the whole session on every turn (Rasa's SQLTrackerStore counts and reloads all "
    "events of the session twice per turn); or a shorter session_expiration_time for staff.",
]


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "users": USERS, "seconds_per_load": SECONDS}
    progress(f"machine: {results['machine']['cpu_model']}, {results['machine']['cores']} cores, "
             f"load average {loadavg()}")  # fmt: skip
    busy = other_busy_processes()
    if not MODEL.exists():
        print(f"{MODEL} is missing: train it first (make train).", file=sys.stderr)
        return 2
    results["training"] = training_stats(MODEL_STATS)
    results["reference_training"] = training_stats(REFERENCE_STATS)

    if "mi" not in SKIP:
        progress("MI coder bench")
        results["mi"] = sub_report(BOT_PYTHON, "tests.bench.mi_bench")
    if "fhir" not in SKIP:
        progress("FHIR export bench")
        results["fhir"] = sub_report(API_PYTHON, "tests.bench.api_fhir_bench")

    api = SharedApi(OUT / "run" / "api")
    shutil.rmtree(api.work, ignore_errors=True)
    try:
        progress("goals API (Procfile) and staff accounts")
        api.start()
        from tests.bench.stacks import Accounts, ensure_users

        accounts = Accounts([f"bench-{i:02d}" for i in range(max(USERS))] + ["bench-profile"],
                            os.urandom(12).hex())  # fmt: skip
        seconds = ensure_users(api.process.env(), accounts.usernames, accounts.password)
        progress(
            f"{len(accounts.usernames)} staff accounts (api.cli ensure-user) in {seconds:.0f} s"
        )
        accounts_file = accounts.write(OUT / "run" / "accounts.json")
        with_nlu = "nlu" not in SKIP
        if "single" not in SKIP:
            try:
                results["single"] = single_stack(api, MODEL, "single", accounts_file, 1, with_nlu)
                results["single"]["training"] = results["training"] or {}
            except Exception as error:
                traceback.print_exc()
                results["single"] = {"error": f"{type(error).__name__}: {error}"}
        busy += other_busy_processes()
        if "profile" not in SKIP:
            try:
                results["profile"] = profile_stack(api, "bench-profile", accounts.password)
                results["recommendations"] = RECOMMENDATIONS
            except Exception as error:
                traceback.print_exc()
                results["profile"] = {"error": f"{type(error).__name__}: {error}"}
        if "reference" not in SKIP:
            if not REFERENCE.exists():
                results["reference"] = {
                    "skipped": f"{REFERENCE.relative_to(ROOT)} is missing: "
                    "run `make bench-reference` (trains it once)"
                }
            else:
                try:
                    results["reference"] = single_stack(api, REFERENCE, "reference",
                                                        accounts_file, 10, with_nlu)  # fmt: skip
                    results["reference"]["training"] = results["reference_training"] or {}
                except Exception as error:
                    traceback.print_exc()
                    results["reference"] = {"error": f"{type(error).__name__}: {error}"}
        busy += other_busy_processes()
    finally:
        api.stop()

    if "cluster" not in SKIP:
        reason = cluster_unavailable()
        if reason:
            results["cluster"] = {"skipped": reason + " (PostgreSQL, Redis and HAProxy are needed)"}
        else:
            try:
                results["cluster"] = cluster_stack(MODEL)
                results["cluster"]["training"] = results["training"] or {}
            except Exception as error:
                traceback.print_exc()
                results["cluster"] = {"error": f"{type(error).__name__}: {error}"}
        busy += other_busy_processes()

    results["other_processes"] = sorted(set(busy))
    results["seconds"] = round(time.monotonic() - _T0)
    text = report(results)
    (OUT / "results.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False, default=str)
    )
    (OUT / "results.txt").write_text(text)
    print(text)
    progress(f"done in {results['seconds'] / 60:.1f} min: {OUT / 'results.txt'}, "
             f"{OUT / 'results.json'}")  # fmt: skip
    failed = [k for k in ("single", "reference", "cluster", "profile")
              if isinstance(results.get(k), dict) and "error" in results[k]]  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
