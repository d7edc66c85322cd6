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
        assert row.token_name == "actions"
        assert row.occurred_at.tzinfo is not None
        stored = " ".join(str(getattr(row, c.name)) for c in AuditEntry.__table__.columns)
        for text in [*FREE_TEXTS, "Nye ord", "Ny"]:
            assert text not in stored


def test_reads_are_not_audited_but_exports_are(api: Api, client: TestClient, db) -> None:
    api.citizen("B-1042")
    goal = api.goal()
    before = len(audit_rows(db))
    for path in (
        "/api/v1/citizens/B-1042",
        "/api/v1/citizens/B-1042/goals",
        f"/api/v1/goals/{goal['id']}",
        "/api/v1/citizens/B-1042/assessments",
    ):
        assert client.get(path, headers=READ).status_code == 200
    assert len(audit_rows(db)) == before
    client.get("/api/v1/citizens/B-1042/export", headers=READ)
    last = audit_rows(db)[-1]
    assert (last.action.value, last.token_name, last.citizen_reference) == (
        "export",
        "rapport",
        "B-1042",
    )


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
