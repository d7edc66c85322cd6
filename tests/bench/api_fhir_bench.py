"""FHIR export bench: one citizen with 5 goals × 5 delmål, timed in-process on SQLite.

The app is built by the app factory on a temporary SQLite database and driven through
Starlette's TestClient (no network). A run is one GET /api/v1/citizens/{ref}/fhir, end to end:
authentication, the queries, the audit row and its commit, the mapping and the JSON. The
mapping alone (api.fhir.bundle on loaded rows) is timed too. Medians of RUNS runs after a
warm-up.

    .venv-api/bin/python -c "from tests.bench.api_fhir_bench import report; print(report())"
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import secrets
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from starlette.exceptions import StarletteDeprecationWarning

from api import clock, fhir, lookups
from api.clock import utcnow
from api.main import create_app
from api.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

GOALS = 5
SUBGOALS = 5
RUNS = 25
REFERENCE = "BENCH-1"


def _day(offset: int) -> str:
    return (clock.today() + dt.timedelta(days=offset)).isoformat()


def _seed(client: TestClient, headers: dict[str, str]) -> None:
    def post(url: str, body: dict) -> dict:
        response = client.post(url, json=body, headers=headers)
        response.raise_for_status()
        return response.json()

    post("/api/v1/citizens", {"reference": REFERENCE})
    assessment = post(
        f"/api/v1/citizens/{REFERENCE}/assessments",
        {
            "date": _day(-30),
            "assessor_role": "ergoterapeut",
            "problems": [
                {
                    "area": "egenomsorg",
                    "activity": f"Aktivitet {i}",
                    "importance": 8,
                    "performance": 3,
                    "satisfaction": 3,
                }
                for i in range(1, 6)
            ],
        },
    )
    problems = [p["id"] for p in assessment["problems"]]
    for days_ago, score in ((-15, 5), (-1, 7)):
        post(
            f"/api/v1/assessments/{assessment['id']}/reassessments",
            {
                "date": _day(days_ago),
                "assessor_role": "ergoterapeut",
                "ratings": [
                    {"problem_id": p, "performance": score, "satisfaction": score} for p in problems
                ],
            },
        )
    for g in range(GOALS):
        goal = post(
            f"/api/v1/citizens/{REFERENCE}/goals",
            {
                "statement": f"Jeg vil selv klare opgave {g + 1} igen",
                "area": "egenomsorg",
                "activity": f"Aktivitet {g + 1}",
                "problem_id": problems[g],
                "due_date": _day(90),
                "subgoals": [
                    {
                        "description": f"Delmål {s + 1} af mål {g + 1}",
                        "actions": ["Øve hver dag", "Tale om det ved evalueringen"],
                        "responsible": ("borger", "kontaktperson", "terapeut", "paaroerende")[
                            s % 4
                        ],
                        "due_date": _day(30 + s),
                    }
                    for s in range(SUBGOALS)
                ],
            },
        )
        for days_ago, light in ((-7, "gul"), (0, "groen")):
            post(
                f"/api/v1/goals/{goal['id']}/evaluations",
                {"date": _day(days_ago), "traffic_light": light, "performance": 5},
            )
        for sub in goal["subgoals"]:
            post(
                f"/api/v1/subgoals/{sub['id']}/evaluations",
                {"date": _day(0), "traffic_light": "groen"},
            )


def _median_ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"median {statistics.median(samples) * 1000:.1f} ms (p90 {p90 * 1000:.1f} ms)"


def report() -> str:
    secret = secrets.token_urlsafe(24)
    headers = {"Authorization": f"Bearer {secret}"}
    with tempfile.TemporaryDirectory() as work:
        settings = Settings(
            database_url=f"sqlite:///{Path(work) / 'bench.db'}",
            api_tokens=f"bench:write:{secret}",
        )
        app = create_app(settings)
        with TestClient(app) as client:
            _seed(client, headers)
            url = f"/api/v1/citizens/{REFERENCE}/fhir"
            warm = client.get(url, headers=headers)
            warm.raise_for_status()
            size = len(warm.content)
            entries = warm.json()["entry"]
            end_to_end = []
            for _ in range(RUNS):
                started = time.perf_counter()
                client.get(url, headers=headers).raise_for_status()
                end_to_end.append(time.perf_counter() - started)
            mapping = []
            with app.state.session_factory() as session:
                citizen = lookups.citizen(session, REFERENCE)
                assessments = lookups.assessments_of(session, citizen)
                goals = lookups.goals_of(session, citizen)
                for _ in range(RUNS):
                    started = time.perf_counter()
                    fhir.bundle(citizen, assessments, goals, now=utcnow())
                    mapping.append(time.perf_counter() - started)
    kinds: dict[str, int] = {}
    for entry in entries:
        kind = entry["resource"]["resourceType"]
        kinds[kind] = kinds.get(kind, 0) + 1
    return "\n".join(
        [
            f"FHIR export bench · {platform.node()} · {os.cpu_count()} cores · "
            f"{time.strftime('%Y-%m-%d')} · Python {platform.python_version()} · SQLite",
            f"citizen: {GOALS} goals × {SUBGOALS} delmål, COPM with 5 problems and 2 "
            f"re-assessments, {GOALS * 2 + GOALS * SUBGOALS} evaluations",
            f"bundle: {len(entries)} resources ("
            + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
            + f"), {size / 1024:.0f} KiB of JSON",
            f"GET /fhir in-process, end to end ({RUNS} runs): {_median_ms(end_to_end)}",
            f"mapping alone, api.fhir.bundle ({RUNS} runs): {_median_ms(mapping)}",
        ]
    )


if __name__ == "__main__":
    print(report())
