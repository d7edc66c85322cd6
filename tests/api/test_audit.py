"""Audit rows: one per create, update and delete; ids and pseudonyms only, never free text."""

from __future__ import annotations

from sqlalchemy import select

from api.models import AuditEntry

from .conftest import READ, WRITE, Api, TestClient, days, evaluation_body, subgoal_body

FREE_TEXTS = [
    "Jeg vil selv kunne hente min post",  # statement
    "Hente post",  # activity
    "Øve at gå til postkassen",  # delmål description
    "Gå hver formiddag",  # handling
    "Går længere end sidst",  # note
    "Tage bad selv",  # COPM activity
    "ergoterapeut",  # assessor role
]


def audit_rows(db) -> list[AuditEntry]:
    with db() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_every_change_is_audited_without_free_text(api: Api, client: TestClient, db) -> None:
    api.citizen("B-1042")
    assessment = api.assessment()
    reassessed = client.post(
        f"/api/v1/assessments/{assessment['id']}/reassessments",
        json={
            "date": days(0),
            "assessor_role": "ergoterapeut",
            "ratings": [
                {"problem_id": assessment["problems"][0]["id"], "performance": 5, "satisfaction": 5}
            ],
        },
        headers=WRITE,
    ).json()
    goal = api.goal()
    subgoal_id = goal["subgoals"][0]["id"]
    added = client.post(f"/api/v1/goals/{goal['id']}/subgoals", json=subgoal_body(), headers=WRITE)
    evaluation = client.post(
        f"/api/v1/goals/{goal['id']}/evaluations", json=evaluation_body(), headers=WRITE
    ).json()
    client.patch(
        f"/api/v1/goals/{goal['id']}",
        json={"status": "opnaaet", "statement": "Nye ord", "baseline": None},
        headers=WRITE,
    )
    client.patch(f"/api/v1/subgoals/{subgoal_id}", json={"actions": ["Ny"]}, headers=WRITE)

    rows = audit_rows(db)
    summary = [(r.action.value, r.entity_type, r.entity_id, r.citizen_reference) for r in rows]
    assert summary == [
        ("create", "citizen", summary[0][2], "B-1042"),
        ("create", "assessment", assessment["id"], "B-1042"),
        ("create", "reassessment", reassessed["id"], "B-1042"),
        ("create", "goal", goal["id"], "B-1042"),
        ("create", "subgoal", subgoal_id, "B-1042"),
        ("create", "subgoal", added.json()["id"], "B-1042"),
        ("create", "evaluation", evaluation["id"], "B-1042"),
        ("update", "goal", goal["id"], "B-1042"),
        ("update", "subgoal", subgoal_id, "B-1042"),
    ]
    assert rows[-2].changed_fields == "baseline,statement,status"
    assert rows[-1].changed_fields == "actions"
    for row in rows:
        assert (row.actor, row.actor_role, row.via) == ("actions", "token:write", None)
        assert row.occurred_at.tzinfo is not None
        stored = " ".join(str(getattr(row, c.name)) for c in AuditEntry.__table__.columns)
        for text in [*FREE_TEXTS, "Nye ord", "Ny"]:
            assert text not in stored


def test_reads_and_exports_are_audited(api: Api, client: TestClient, db) -> None:
    api.citizen("B-1042")
    goal = api.goal()
    assessment = api.assessment()
    before = len(audit_rows(db))
    reads = [
        ("/api/v1/citizens/B-1042", "citizen", None),
        ("/api/v1/citizens/B-1042/goals", "goal", None),
        (f"/api/v1/goals/{goal['id']}", "goal", goal["id"]),
        ("/api/v1/citizens/B-1042/assessments", "assessment", None),
        (f"/api/v1/assessments/{assessment['id']}", "assessment", assessment["id"]),
    ]
    for path, _, _ in reads:
        assert client.get(path, headers=READ).status_code == 200
    rows = audit_rows(db)[before:]
    assert [(r.action.value, r.entity_type, r.citizen_reference, r.actor) for r in rows] == [
        ("read", entity, "B-1042", "rapport") for _, entity, _ in reads
    ]
    assert rows[2].entity_id == goal["id"] and rows[4].entity_id == assessment["id"]
    assert all(r.actor_role == "token:read" for r in rows)
    client.get("/api/v1/citizens/B-1042/export", headers=READ)
    last = audit_rows(db)[-1]
    assert (last.action.value, last.actor, last.citizen_reference) == (
        "export",
        "rapport",
        "B-1042",
    )


def test_reads_of_unknown_records_write_no_audit_rows(client: TestClient, db) -> None:
    for path in ("/api/v1/citizens/T-9999", "/api/v1/goals/999999"):
        assert client.get(path, headers=READ).status_code == 404
    assert audit_rows(db) == []


def test_failed_requests_write_no_audit_rows(api: Api, client: TestClient, db) -> None:
    api.citizen("B-1042")
    before = len(audit_rows(db))
    client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=WRITE)  # 409
    client.post("/api/v1/citizens/B-1042/goals", json={"statement": "x"}, headers=WRITE)  # 422
    client.post("/api/v1/citizens", json={"reference": "T-1"}, headers=READ)  # 403
    assert len(audit_rows(db)) == before


def test_unchanged_patch_writes_no_audit_row(api: Api, client: TestClient, db) -> None:
    api.citizen("B-1042")
    goal = api.goal()
    before = len(audit_rows(db))
    assert (
        client.patch(
            f"/api/v1/goals/{goal['id']}", json={"status": "aktiv"}, headers=WRITE
        ).status_code
        == 200
    )
    assert len(audit_rows(db)) == before
