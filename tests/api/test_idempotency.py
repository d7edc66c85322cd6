"""Idempotency-Key: retries replay the first result, a reused key with another body is 409."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from api import idempotency
from api.models import (
    Assessment,
    Base,
    Citizen,
    Evaluation,
    Goal,
    IdempotencyRecord,
    Reassessment,
    Subgoal,
)

from .conftest import (
    OTHER_WRITE,
    WRITE,
    Api,
    TestClient,
    assessment_body,
    days,
    evaluation_body,
    goal_body,
    live_server,
    subgoal_body,
)


def count(db, model: type) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(model))


def keyed(key: str, headers: dict[str, str] = WRITE) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


CreateCase = Callable[[Api, TestClient], tuple[str, dict[str, Any], type]]


def _citizen(api: Api, client: TestClient) -> tuple[str, dict[str, Any], type]:
    return "/api/v1/citizens", {"reference": "T-0001"}, Citizen


def _assessment(api: Api, client: TestClient) -> tuple[str, dict[str, Any], type]:
    api.citizen()
    return "/api/v1/citizens/B-1042/assessments", assessment_body(), Assessment


def _reassessment(api: Api, client: TestClient) -> tuple[str, dict[str, Any], type]:
    api.citizen()
    assessment = api.assessment()
    body = {
        "date": days(0),
        "assessor_role": "fysioterapeut",
        "ratings": [
            {"problem_id": assessment["problems"][0]["id"], "performance": 6, "satisfaction": 6}
        ],
    }
    return f"/api/v1/assessments/{assessment['id']}/reassessments", body, Reassessment


def _goal(api: Api, client: TestClient) -> tuple[str, dict[str, Any], type]:
    api.citizen()
    return "/api/v1/citizens/B-1042/goals", goal_body(), Goal


def _subgoal(api: Api, client: TestClient) -> tuple[str, dict[str, Any], type]:
    api.citizen()
    goal = api.goal(subgoals=[])
    return f"/api/v1/goals/{goal['id']}/subgoals", subgoal_body(), Subgoal


def _goal_evaluation(api: Api, client: TestClient) -> tuple[str, dict[str, Any], type]:
    api.citizen()
    goal = api.goal()
    return f"/api/v1/goals/{goal['id']}/evaluations", evaluation_body(), Evaluation


def _subgoal_evaluation(api: Api, client: TestClient) -> tuple[str, dict[str, Any], type]:
    api.citizen()
    goal = api.goal()
    return (
        f"/api/v1/subgoals/{goal['subgoals'][0]['id']}/evaluations",
        evaluation_body(),
        Evaluation,
    )


CREATES = [
    _citizen,
    _assessment,
    _reassessment,
    _goal,
    _subgoal,
    _goal_evaluation,
    _subgoal_evaluation,
]


@pytest.mark.parametrize("case", CREATES, ids=lambda case: case.__name__.strip("_"))
def test_retry_with_same_key_and_body_replays_the_first_result(
    api: Api, client: TestClient, db, case: CreateCase
) -> None:
    path, body, model = case(api, client)
    before = count(db, model)

    first = client.post(path, json=body, headers=keyed("retry-1"))
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    retry = client.post(path, json=body, headers=keyed("retry-1"))
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert count(db, model) == before + 1

    # The same key with a different body is a conflict and creates nothing.
    if "date" in body:
        changed = {**body, "date": days(-1)}
    elif "due_date" in body:
        changed = {**body, "due_date": days(45)}
    else:
        changed = {"reference": "T-0002"}
    conflict = client.post(path, json=changed, headers=keyed("retry-1"))
    assert conflict.status_code == 409
    assert "Idempotency-Key" in conflict.json()["detail"]
    assert count(db, model) == before + 1


def test_key_order_and_whitespace_do_not_change_the_body(client: TestClient, db) -> None:
    first = client.post(
        "/api/v1/citizens",
        content=b'{"reference": "T-0001"}',
        headers={**keyed("k"), "Content-Type": "application/json"},
    )
    retry = client.post(
        "/api/v1/citizens",
        content=b'{\n  "reference":"T-0001"\n}',
        headers={**keyed("k"), "Content-Type": "application/json"},
    )
    assert first.status_code == retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert count(db, Citizen) == 1


def test_same_key_on_another_path_is_409(api: Api, client: TestClient, db) -> None:
    api.citizen()
    goal = api.goal()
    evaluation = evaluation_body()
    assert (
        client.post(
            f"/api/v1/goals/{goal['id']}/evaluations", json=evaluation, headers=keyed("k")
        ).status_code
        == 201
    )
    other = client.post(
        f"/api/v1/subgoals/{goal['subgoals'][0]['id']}/evaluations",
        json=evaluation,
        headers=keyed("k"),
    )
    assert other.status_code == 409
    assert count(db, Evaluation) == 1


def test_keys_are_scoped_per_token(api: Api, client: TestClient, db) -> None:
    api.citizen()
    body = goal_body()
    path = "/api/v1/citizens/B-1042/goals"
    first = client.post(path, json=body, headers=keyed("shared"))
    second = client.post(path, json=body, headers=keyed("shared", OTHER_WRITE))
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert second.json()["created_by"] == "actions-2"
    assert count(db, Goal) == 2


def test_without_a_key_every_post_creates(api: Api, client: TestClient, db) -> None:
    api.citizen()
    for _ in range(2):
        assert (
            client.post(
                "/api/v1/citizens/B-1042/goals", json=goal_body(), headers=WRITE
            ).status_code
            == 201
        )
    assert count(db, Goal) == 2
    assert count(db, IdempotencyRecord) == 0


def test_failed_request_does_not_use_up_the_key(client: TestClient, db) -> None:
    bad = client.post("/api/v1/citizens", json={"reference": "B 1042"}, headers=keyed("k"))
    assert bad.status_code == 422
    good = client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=keyed("k"))
    assert good.status_code == 201
    duplicate = client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=keyed("k2"))
    assert duplicate.status_code == 409  # a real duplicate, not a replay
    assert count(db, IdempotencyRecord) == 1


@pytest.mark.parametrize("key", [b"", b"x" * 201, b"with space", "ø-key".encode()])
def test_malformed_keys_are_422(client: TestClient, key: bytes) -> None:
    response = client.post(
        "/api/v1/citizens",
        json={"reference": "B-1042"},
        headers={**WRITE, "Idempotency-Key": key},
    )
    assert response.status_code == 422
    assert "idempotency-key" in str(response.json()["detail"]).lower()


def test_keys_are_stored_only_as_hashes_so_any_key_is_fine(client: TestClient, db) -> None:
    # A key with digits may look like a CPR number by chance; it is never stored, so it is fine.
    key = "0101901234"
    first = client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=keyed(key))
    retry = client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=keyed(key))
    assert first.status_code == retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    with db() as session:
        [record] = session.scalars(select(IdempotencyRecord)).all()
        assert record.key_hash == hashlib.sha256(key.encode()).hexdigest()
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                assert key not in repr(tuple(row))
    assert count(db, Citizen) == 1


def test_lost_race_replays_the_winners_result(
    api: Api, client: TestClient, db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two identical requests both find no stored key; the loser must not create a copy.

    We force the interleaving: the second request's lookup is made to miss, as if it had run
    before the first committed. Its insert then hits the unique constraint, and it must replay.
    """
    api.citizen()
    path, body = "/api/v1/citizens/B-1042/goals", goal_body()
    winner = client.post(path, json=body, headers=keyed("race"))
    assert winner.status_code == 201

    real_find = idempotency.find_record
    calls = {"n": 0}

    def stale_first_lookup(session, owner, key_hash):
        calls["n"] += 1
        return None if calls["n"] == 1 else real_find(session, owner, key_hash)

    monkeypatch.setattr(idempotency, "find_record", stale_first_lookup)
    loser = client.post(path, json=body, headers=keyed("race"))
    assert calls["n"] == 2
    assert loser.status_code == 201
    assert loser.json() == winner.json()
    assert loser.headers["Idempotent-Replayed"] == "true"
    assert count(db, Goal) == 1

    # ... and with a different body the loser gets 409 instead.
    calls["n"] = 0
    other = client.post(path, json=goal_body(statement="Noget andet"), headers=keyed("race"))
    assert other.status_code == 409
    assert count(db, Goal) == 1


def test_concurrent_identical_requests_create_once(app, db, api: Api) -> None:
    api.citizen()
    body = goal_body()
    results: list[httpx.Response] = []
    barrier = threading.Barrier(6)

    def send(url: str) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            barrier.wait()
            results.append(
                http.post("/api/v1/citizens/B-1042/goals", json=body, headers=keyed("burst"))
            )

    with live_server(app) as url:
        threads = [threading.Thread(target=send, args=(url,)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert [r.status_code for r in results] == [201] * 6
    assert len({r.text for r in results}) == 1
    assert sum("Idempotent-Replayed" in r.headers for r in results) == 5
    assert count(db, Goal) == 1 and count(db, Subgoal) == 1
