"""Where a turn's time goes on one Rasa server, between the message arriving and the reply.

The bench starts a second pair of Rasa and action server from the Procfile's lines with the
timing launchers (tests/bench/timed_rasa.py, timed_actions.py) on the shared API, and sends one
message at a time: FAQ conversations on the public door, objections and goal captures on the
staff door (signed in), then one long public conversation. Each turn's steps (see timed_rasa.py)
are joined with what the client measured, in order; the action server reports the time each
action took inside it and the size of the request Rasa sent.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import requests

from tests.bench.conversations import CANCEL, conversation, long_conversation_turns

CONVERSATIONS = {"faq": 3, "objection": 3, "goal": 2}
LONG_TURNS = 150
LONG_SENDER = "pub-profile-long"
# (key, label, how it is computed from one turn's record)
PHASES = (
    ("client", "whole turn, as the client sees it"),
    ("outside", "HTTP, Sanic, JSON, CPR redaction (client - door - agent)"),
    ("door", "door admission (public: rate limit; staff: token check)"),
    ("auth_me", "  of which staff door's GET /api/v1/auth/me"),
    ("lock", "conversation lock (agent - processor)"),
    ("tracker_retrieve", "tracker load from the store (SQL, json)"),
    ("tracker_replay", "  of which replaying the events (DialogueStateTracker.from_dict)"),
    ("session", "session check and start (rest of fetch_tracker_and_update_session)"),
    ("nlu", "NLU (MessageProcessor.parse_message)"),
    ("slots", "slots: action_extract_slots"),
    ("policies", "policies: next-action predictions (core graph)"),
    ("actions", "actions run (responses and custom actions)"),
    ("nlg", "  of which response rendering (NLG)"),
    ("remote", "action-server round trips (inside session, slots and actions)"),
    ("tracker_save", "tracker save to the store"),
    ("other", "rest of the processor (tracker updates, logging)"),
)


def _derived(turn: dict[str, Any], client_ms: float) -> dict[str, float]:
    ms = defaultdict(float, turn["ms"])
    known = ("fetch_and_session", "nlu", "slots", "policies", "actions", "tracker_save",
             "anonymization")  # fmt: skip
    return {
        "client": client_ms,
        "outside": client_ms - ms["door"] - ms["agent"],
        "door": ms["door"],
        "auth_me": ms["auth_me"],
        "lock": ms["agent"] - ms["processor"],
        "tracker_retrieve": ms["tracker_retrieve"],
        "tracker_replay": ms["tracker_replay"],
        "session": ms["fetch_and_session"] - ms["tracker_retrieve"],
        "nlu": ms["nlu"],
        "slots": ms["slots"],
        "policies": ms["policies"],
        "actions": ms["actions"],
        "nlg": ms["nlg"],
        "remote": ms["remote"],
        "tracker_save": ms["tracker_save"],
        "other": ms["processor"] - sum(ms[k] for k in known),
    }


def _send(rasa_url: str, door: str, text: str, sender: str, token: str | None) -> float:
    if door == "public":
        url, body, headers = (f"{rasa_url}/webhooks/rest/webhook",
                              {"sender": sender, "message": text}, {})  # fmt: skip
    else:
        url, body, headers = (f"{rasa_url}/webhooks/staff/webhook", {"message": text},
                              {"Authorization": f"Bearer {token}"})  # fmt: skip
    started = time.perf_counter()
    reply = requests.post(url, json=body, headers=headers, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    reply.raise_for_status()
    return elapsed


def drive(stack: Any, username: str, password: str) -> list[dict[str, Any]]:
    """Sends the profile's conversations one message at a time; returns the client's turns."""
    token = requests.post(f"{stack.api_url}/api/v1/auth/token",
                          data={"username": username, "password": password},
                          timeout=60).json()["access_token"]  # fmt: skip
    rng = random.Random(6)
    turns: list[dict[str, Any]] = []
    turns.append({"kind": "reset", "ms": _send(stack.rasa_url, "staff", CANCEL, "", token)})
    for kind, count in CONVERSATIONS.items():
        for c in range(count):
            talk = conversation(kind, rng, f"PR-{c + 1:04d}")
            for i, text in enumerate(talk.turns):
                ms = _send(stack.rasa_url, talk.door, text, f"profile-{kind}-{c}", token)
                turns.append({"kind": kind, "turn": i + 1, "ms": ms})
    for i, text in enumerate(long_conversation_turns(LONG_TURNS, seed=150)):
        ms = _send(stack.rasa_url, "public", text, LONG_SENDER.removeprefix("pub-"), None)
        turns.append({"kind": "long", "turn": i + 1, "ms": ms})
    return turns


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def analyse(client: list[dict[str, Any]], timings: dict[str, Path],
            tracker_db: Path) -> dict[str, Any]:  # fmt: skip
    records = _read_jsonl(timings["rasa"])
    if len(records) != len(client):
        raise RuntimeError(f"{len(client)} turns sent but {len(records)} timed by Rasa")
    rows = []
    for sent, record in zip(client, records, strict=True):
        rows.append({**sent, "phases": _derived(record, sent["ms"]), "record": record})

    def mean_phases(selected: list[dict[str, Any]]) -> dict[str, float]:
        return {k: round(statistics.mean(r["phases"][k] for r in selected), 2)
                for k, _ in PHASES} if selected else {}  # fmt: skip

    by_kind = {}
    for kind in ("faq", "objection", "goal"):
        selected = [r for r in rows if r["kind"] == kind]
        calls = sum(r["record"]["count"].get("remote", 0) for r in selected)
        predictions = sum(r["record"]["count"].get("policies", 0) for r in selected)
        by_kind[kind] = {
            "turns": len(selected),
            "mean_ms": mean_phases(selected),
            "median_client_ms": round(statistics.median(r["ms"] for r in selected), 1),
            "remote_calls_per_turn": round(calls / len(selected), 2),
            "predictions_per_turn": round(predictions / len(selected), 2),
        }
    long_rows = [r for r in rows if r["kind"] == "long"]
    long = {
        "turns": len(long_rows),
        "first_10": mean_phases(long_rows[:10]),
        "last_10": mean_phases(long_rows[-10:]),
        "events_first": long_rows[0]["record"].get("events") if long_rows else None,
        "events_last": long_rows[-1]["record"].get("events") if long_rows else None,
    }
    nodes: dict[str, list[float]] = defaultdict(list)
    short = [r for r in rows if r["kind"] in ("faq", "objection", "goal")]
    for r in short:
        for name, ms in r["record"]["nodes"].items():
            nodes[name].append(ms)
    node_means = sorted(((n, sum(v) / len(short)) for n, v in nodes.items()),
                        key=lambda item: -item[1])  # fmt: skip
    # The action server's side of each round trip (short conversations; the long one apart).
    calls = _read_jsonl(timings["actions"])
    short_calls = [c for c in calls if c.get("sender") != LONG_SENDER]
    long_calls = [c for c in calls if c.get("sender") == LONG_SENDER]
    remote_by_action: dict[str, list[float]] = defaultdict(list)
    for r in short:
        count = r["record"]["count"]
        for name, ms in r["record"]["remote"].items():
            n = count.get(f"remote:{name}", 1)
            remote_by_action[name].extend([ms / n] * n)
    actions = {}
    for name in sorted({c["action"] for c in short_calls}):
        mine = [c for c in short_calls if c["action"] == name]
        trips = remote_by_action.get(name, [])
        overhead = statistics.mean(c["overhead_ms"] for c in mine)
        trip = statistics.mean(trips) - overhead if trips else None
        actions[name] = {
            "calls": len(mine),
            "round_trip_ms": round(trip, 2) if trip is not None else None,
            "inside_action_server_ms": round(statistics.mean(c["ms"] for c in mine), 2),
            "bench_overhead_ms": round(overhead, 2),
            "request_kb": round(statistics.mean(c["request_bytes"] for c in mine) / 1024, 1),
        }
    long["request_kb_first"] = (
        round(long_calls[0]["request_bytes"] / 1024, 1) if long_calls else None
    )
    long["request_kb_last"] = (
        round(long_calls[-1]["request_bytes"] / 1024, 1) if long_calls else None
    )
    return {"by_kind": by_kind, "long": long,
            "nodes_mean_ms_per_turn": [(n, round(ms, 2)) for n, ms in node_means[:14]],
            "actions": actions, "events": event_sizes(tracker_db)}  # fmt: skip


def event_sizes(tracker_db: Path) -> dict[str, Any]:
    """What the long conversation's stored events weigh, and how much of a user event is the
    response selectors' copy of the response texts (Rasa only reads `utter_action` of it)."""
    if not tracker_db.exists():
        return {}
    with sqlite3.connect(tracker_db) as db:
        rows = db.execute("SELECT type_name, data FROM events WHERE sender_id = ?",
                          (LONG_SENDER,)).fetchall()  # fmt: skip
    if not rows:
        return {}
    users = [json.loads(data) for kind, data in rows if kind == "user"]
    total = sum(len(data) for _, data in rows)
    user_bytes = sum(len(json.dumps(u)) for u in users)
    copies = 0
    for u in users:
        for selected in ((u.get("parse_data") or {}).get("response_selector") or {}).values():
            if isinstance(selected, dict):
                copies += len(json.dumps(selected.get("ranking", [])))
                copies += len(json.dumps((selected.get("response") or {}).get("responses", [])))
    return {
        "events": len(rows),
        "kib": round(total / 1024, 1),
        "user_events": len(users),
        "user_event_kib": round(user_bytes / len(users) / 1024, 2) if users else None,
        "response_copies_share_of_user_events": round(copies / user_bytes, 3)
        if user_bytes
        else None,
    }


def render(profile: dict[str, Any]) -> str:
    kinds = ("faq", "objection", "goal")
    counts = ", ".join(f"{k} {profile['by_kind'][k]['turns']} turns" for k in kinds)
    lines = [f"mean ms per turn, one message at a time ({counts})",
             f"{'step':<66}" + "".join(f"{k:>10}" for k in kinds)
             + f"{'long 1-10':>11}{'long -10':>10}"]  # fmt: skip
    for key, label in PHASES:
        row = f"{label:<66}" + "".join(
            f"{profile['by_kind'][k]['mean_ms'].get(key, 0):>10.1f}" for k in kinds
        )
        row += f"{profile['long']['first_10'].get(key, 0):>11.1f}"
        row += f"{profile['long']['last_10'].get(key, 0):>10.1f}"
        lines.append(row)
    lines.append(
        f"{'action-server calls per turn':<66}"
        + "".join(f"{profile['by_kind'][k]['remote_calls_per_turn']:>10.2f}" for k in kinds)
    )
    lines.append(
        f"{'policy predictions per turn':<66}"
        + "".join(f"{profile['by_kind'][k]['predictions_per_turn']:>10.2f}" for k in kinds)
    )
    long = profile["long"]
    lines.append(
        f"(long conversation: {long['turns']} public turns; the tracker held "
        f"{long['events_first']} events after turn 1, {long['events_last']} after the last)"
    )
    lines.append(
        "graph nodes, mean ms per turn (NLU components and policies; short conversations):"
    )
    lines += [f"  {name:<58}{ms:>8.2f}" for name, ms in profile["nodes_mean_ms_per_turn"]]
    lines.append("action-server calls in the short conversations: round trip seen by Rasa "
                 "(less the bench's own size measurement), time inside the action server, "
                 "request size (Rasa sends the whole domain and tracker every call):")  # fmt: skip
    for name, a in profile["actions"].items():
        trip = f"{a['round_trip_ms']:.1f}" if a["round_trip_ms"] is not None else "–"
        lines.append(f"  {name:<34}{a['calls']:>5} calls  round trip {trip:>7} ms  inside "
                     f"{a['inside_action_server_ms']:>7.1f} ms  request "
                     f"{a['request_kb']:>6.1f} KiB")  # fmt: skip
    if long.get("request_kb_first") is not None:
        lines.append(f"  long conversation: request {long['request_kb_first']:.0f} KiB at its "
                     f"first call, {long['request_kb_last']:.0f} KiB at its last")  # fmt: skip
    ev = profile.get("events") or {}
    if ev:
        lines.append(f"stored events of the long conversation: {ev['events']} events, "
                     f"{ev['kib']:.0f} KiB; a user event {ev['user_event_kib']:.1f} KiB, "
                     f"{ev['response_copies_share_of_user_events']:.0%} of it the response "
                     "selectors' copies of response texts and rankings")  # fmt: skip
    return "\n".join(lines)
