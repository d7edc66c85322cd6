"""Account administration (admin role) and the citizen's access log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.models import StaffUser

from .conftest import READ, SERVICE_NAME, WRITE, Api, Staff, TestClient

USERS = "/api/v1/admin/users"


@pytest.fixture
def admin(staff: Staff):
    return staff.sign_in("admin", "anna")


def test_admin_lists_creates_and_disables_users(client: TestClient, admin, staff: Staff) -> None:
    created = client.post(
        USERS,
        json={"username": "Mette.Hansen", "role": "terapeut", "password": "en-lang-adgangskode"},
        headers=admin.headers,
    )
    assert created.status_code == 201, created.text
    user = created.json()
    assert user["username"] == "mette.hansen" and user["role"] == "terapeut"
    assert user["has_password"] is True and user["oidc_linked"] is False
    assert "en-lang-adgangskode" not in created.text and "argon2" not in created.text

    oidc_only = client.post(
        USERS, json={"username": "lone", "role": "leder"}, headers=admin.headers
    )
    assert oidc_only.status_code == 201 and oidc_only.json()["has_password"] is False

    listed = client.get(USERS, headers=admin.headers)
    assert listed.status_code == 200
    assert [u["username"] for u in listed.json()] == ["anna", "lone", "mette.hansen"]
    assert "argon2" not in listed.text

    signed_in = client.post(
        "/api/v1/auth/token", data={"username": "mette.hansen", "password": "en-lang-adgangskode"}
    ).json()["access_token"]
    disabled = client.post(f"{USERS}/{user['user_id']}/disable", headers=admin.headers)
    assert disabled.status_code == 200 and disabled.json()["disabled_at"] is not None
    # Disabling ends the person's sessions at once.
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {signed_in}"})
    assert me.status_code == 401


@pytest.mark.parametrize(
    ("body", "status", "loc"),
    [
        ({"username": "anna", "role": "terapeut"}, 409, None),
        ({"username": "ANNA", "role": "terapeut"}, 409, None),
        ({"username": "010190-1234", "role": "terapeut"}, 422, ["body", "username"]),
        ({"username": "har mellemrum", "role": "terapeut"}, 422, ["body", "username"]),
        ({"username": "ny", "role": "chef"}, 422, ["body", "role"]),
        ({"username": "ny", "role": "terapeut", "password": "kort"}, 422, ["body", "password"]),
    ],
)
def test_refused_account_creation(
    client: TestClient, admin, db, body: dict, status: int, loc: list | None
) -> None:
    response = client.post(USERS, json=body, headers=admin.headers)
    assert response.status_code == status
    if loc:
        assert loc in [e["loc"] for e in response.json()["detail"]]
    assert "010190-1234" not in response.text
    with db() as session:
        assert [u.username for u in session.scalars(select(StaffUser))] == ["anna"]


def test_admin_cannot_disable_themself(client: TestClient, admin) -> None:
    response = client.post(f"{USERS}/{admin.user_id}/disable", headers=admin.headers)
    assert response.status_code == 409
    assert (
        client.post(f"{USERS}/u-0000000000000000/disable", headers=admin.headers).status_code == 404
    )


@pytest.mark.parametrize("role", ["visitator", "terapeut", "kontaktperson", "leder"])
def test_only_admins_manage_accounts(client: TestClient, staff: Staff, role: str) -> None:
    person = staff.sign_in(role)
    for method in ("GET", "POST"):
        response = client.request(
            method, USERS, json={"username": "x", "role": "admin"}, headers=person.headers
        )
        assert response.status_code == 403
        assert f"Rollen '{role}'" in response.json()["detail"]
    assert client.get(USERS, headers=WRITE).status_code == 403


# --- access log -------------------------------------------------------------------------------


def test_access_log_shows_who_looked_and_changed(
    api: Api, client: TestClient, staff: Staff
) -> None:
    api.citizen("B-1042")  # created by the write token
    mette = staff.sign_in("terapeut", "mette")
    leder = staff.sign_in("leder", "lars")
    assert client.get("/api/v1/citizens/B-1042/goals", headers=mette.headers).status_code == 200
    assert client.get("/api/v1/citizens/B-1042", headers=mette.delegated()).status_code == 200

    response = client.get("/api/v1/citizens/B-1042/access-log", headers=leder.headers)
    assert response.status_code == 200
    log = response.json()
    assert all(
        set(entry) == {"occurred_at", "actor", "role", "action", "entity_type"} for entry in log
    )
    assert [(e["actor"], e["role"], e["action"], e["entity_type"]) for e in log] == [
        ("lars", "leder", "read", "access_log"),  # this look, newest first
        ("mette", "terapeut", "read", "citizen"),
        ("mette", "terapeut", "read", "goal"),
        ("actions", "token:write", "create", "citizen"),
    ]
    assert SERVICE_NAME not in response.text  # the log shows people, not plumbing


def test_access_log_is_for_signed_in_staff(api: Api, client: TestClient) -> None:
    api.citizen("B-1042")
    for headers in (READ, WRITE):
        response = client.get("/api/v1/citizens/B-1042/access-log", headers=headers)
        assert response.status_code == 403
        assert "B-1042" not in response.text
    assert client.get("/api/v1/citizens/B-1042/access-log").status_code == 401
