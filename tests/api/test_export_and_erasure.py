"""GDPR: the access export holds everything; erasure removes everything but the fact."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from api.models import (
    Assessment,
    AuditEntry,
    Base,
    Citizen,
    CopmProblem,
    Evaluation,
    Goal,
    IdempotencyRecord,
    Reassessment,
    ReassessmentRating,
    Subgoal,
)

from .conftest import READ, WRITE, Api, Staff, TestClient, days, evaluation_body, subgoal_body

CITIZEN_TABLES = [
    Citizen,
    Assessment,
    CopmProblem,
    Reassessment,
    ReassessmentRating,
    Goal,
    Subgoal,
    Evaluation,
    IdempotencyRecord,
]


def full_record(api: Api, client: TestClient, reference: str) -> dict[str, Any]:
    """A citizen with one of everything, created with Idempotency-Keys."""
    key = {"Idempotency-Key": f"{reference}-citizen"}
    assert (
        client.post(
            "/api/v1/citizens", json={"reference": reference}, headers={**WRITE, **key}
        ).status_code
        == 201
    )
    assessment = api.assessment(reference)
    problem_id = assessment["problems"][0]["id"]
    rated = client.post(
        f"/api/v1/assessments/{assessment['id']}/reassessments",
        json={
            "date": days(0),
            "assessor_role": "ergoterapeut",
            "ratings": [{"problem_id": problem_id, "performance": 6, "satisfaction": 7}],
        },
        headers=WRITE,
    )
    assert rated.status_code == 201
    goal = api.goal(reference, problem_id=problem_id)
    subgoal_id = goal["subgoals"][0]["id"]
    for path in (f"/api/v1/goals/{goal['id']}", f"/api/v1/subgoals/{subgoal_id}"):
        response = client.post(
            f"{path}/evaluations",
            json=evaluation_body(),
            headers={**WRITE, "Idempotency-Key": f"{reference}-{path}"},
        )
        assert response.status_code == 201
    assert (
        client.patch(
            f"/api/v1/goals/{goal['id']}", json={"status": "delvist_opnaaet"}, headers=WRITE
        ).status_code
        == 200
    )
    return {"assessment": assessment, "goal": goal}


def counts(db) -> dict[str, int]:
    with db() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in CITIZEN_TABLES
        }


@pytest.fixture
def admin(staff: Staff) -> dict[str, str]:
    return staff.sign_in("admin").headers


def test_export_contains_everything_about_the_citizen(api: Api, client: TestClient) -> None:
    record = full_record(api, client, "B-1042")
    full_record(api, client, "T-0001")  # someone else, who must not appear

    response = client.get("/api/v1/citizens/B-1042/export", headers=READ)
    assert response.status_code == 200
    export = response.json()
    assert export["citizen"]["reference"] == "B-1042"
    [assessment] = export["assessments"]
    assert assessment["id"] == record["assessment"]["id"]
    assert len(assessment["reassessments"]) == 1
    assert assessment["problems"][0]["activity"] == "Tage bad selv"
    [goal] = export["goals"]
    assert goal["statement"] == "Jeg vil selv kunne hente min post"
    assert goal["status"] == "delvist_opnaaet"
    assert len(goal["evaluations"]) == 1
    assert len(goal["subgoals"][0]["evaluations"]) == 1

    audit = export["audit"]
    assert {row["citizen_reference"] for row in audit} == {"B-1042"}
    actions = [(row["action"], row["entity_type"]) for row in audit]
    for expected in [
        ("create", "citizen"),
        ("create", "assessment"),
        ("create", "reassessment"),
        ("create", "goal"),
        ("create", "subgoal"),
        ("create", "evaluation"),
        ("update", "goal"),
        ("export", "citizen"),  # this very export
    ]:
        assert expected in actions
    update = next(row for row in audit if row["action"] == "update")
    assert update["changed_fields"] == ["status"]
    assert "T-0001" not in response.text


def test_export_of_unknown_citizen_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/citizens/T-9999/export", headers=READ).status_code == 404


def test_erasure_cascades_through_everything(
    api: Api, client: TestClient, db, admin: dict[str, str]
) -> None:
    full_record(api, client, "B-1042")
    full_record(api, client, "T-0001")
    before = counts(db)
    other_before = client.get("/api/v1/citizens/T-0001/export", headers=READ).json()

    response = client.delete("/api/v1/citizens/B-1042", headers=admin)
    assert response.status_code == 204
    assert response.content == b""

    # Both citizens had identical records, so exactly half of every table is gone.
    after = counts(db)
    assert after == {table: count // 2 for table, count in before.items()}
    assert client.get("/api/v1/citizens/B-1042", headers=READ).status_code == 404

    # Nothing in any table mentions the reference any more.
    with db() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                assert "B-1042" not in repr(tuple(row))
        erasures = session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).all()
    [erasure] = erasures
    assert erasure.entity_type == "citizen"
    assert erasure.citizen_reference is None
    assert erasure.entity_id is None
    assert (erasure.actor, erasure.actor_role) == ("admin-1", "admin")
    assert erasure.occurred_at.tzinfo is not None

    # The other citizen is untouched (apart from the audit row of the new export).
    other_after = client.get("/api/v1/citizens/T-0001/export", headers=READ).json()
    assert other_after["assessments"] == other_before["assessments"]
    assert other_after["goals"] == other_before["goals"]


def test_erased_reference_can_be_used_again(
    api: Api, client: TestClient, admin: dict[str, str]
) -> None:
    full_record(api, client, "B-1042")
    assert client.delete("/api/v1/citizens/B-1042", headers=admin).status_code == 204
    # The old idempotency records went with the citizen, so the same key creates anew.
    again = client.post(
        "/api/v1/citizens",
        json={"reference": "B-1042"},
        headers={**WRITE, "Idempotency-Key": "B-1042-citizen"},
    )
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again.headers
    assert client.get("/api/v1/citizens/B-1042/goals", headers=READ).json() == []


def test_erasing_unknown_citizen_is_404(client: TestClient, admin: dict[str, str]) -> None:
    assert client.delete("/api/v1/citizens/T-9999", headers=admin).status_code == 404


def test_erasure_is_for_the_admin_role_only(api: Api, client: TestClient, staff: Staff) -> None:
    api.citizen("B-1042")
    terapeut = staff.sign_in("terapeut")
    for headers in (READ, WRITE, terapeut.headers, terapeut.delegated()):
        response = client.delete("/api/v1/citizens/B-1042", headers=headers)
        assert response.status_code == 403
    assert "rollen admin" in client.delete("/api/v1/citizens/B-1042", headers=WRITE).text
    # Not through a service either, even for an administrator.
    admin = staff.sign_in("admin")
    refused = client.delete("/api/v1/citizens/B-1042", headers=admin.delegated())
    assert refused.status_code == 403 and "tjeneste" in refused.json()["detail"]
    assert client.get("/api/v1/citizens/B-1042", headers=READ).status_code == 200


def test_subgoal_created_later_is_erased_too(
    api: Api, client: TestClient, db, admin: dict[str, str]
) -> None:
    api.citizen("B-1042")
    goal = api.goal("B-1042")
    added = client.post(f"/api/v1/goals/{goal['id']}/subgoals", json=subgoal_body(), headers=WRITE)
    assert added.status_code == 201
    assert client.delete("/api/v1/citizens/B-1042", headers=admin).status_code == 204
    assert all(count == 0 for count in counts(db).values())
