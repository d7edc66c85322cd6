"""Staff sign-in (OAuth2 password flow), lockout, session lifetimes, /auth/me and logout."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from sqlalchemy import select, update

from api import passwords
from api.clock import utcnow
from api.main import create_app
from api.models import Base, SignInFailure, StaffSession, StaffUser
from api.services import sessions as sessions_service

from .conftest import READ, Staff, TestClient, make_settings

PASSWORD = "korrekt-hest-batteri-klips"
TOKEN = "/api/v1/auth/token"
ME = "/api/v1/auth/me"


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post(TOKEN, data={"username": username, "password": password})


def age_failures(db, minutes: int) -> None:
    with db() as session:
        for failure in session.scalars(select(SignInFailure)):
            failure.failed_at -= dt.timedelta(minutes=minutes)
        session.commit()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def mette(staff: Staff) -> str:
    return staff.user("terapeut", "mette", PASSWORD)


def test_sign_in_me_and_log_out(client: TestClient, mette: str, db) -> None:
    response = sign_in(client, "Mette")  # usernames are case-insensitive
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert 8 * 3600 - 60 <= body["expires_in"] <= 8 * 3600
    assert response.headers["Cache-Control"] == "no-store"

    me = client.get(ME, headers=bearer(body["access_token"]))
    assert me.status_code == 200
    info = me.json()
    assert set(info) == {"user_id", "username", "role", "session_id", "expires_at"}
    assert info["username"] == "mette" and info["role"] == "terapeut"
    assert info["user_id"].startswith("u-") and len(info["user_id"]) == 18
    assert info["session_id"].startswith("s-")

    # Stored: the token's hash only.
    with db() as session:
        stored = session.get(StaffSession, info["session_id"])
        assert stored.token_hash == hashlib.sha256(body["access_token"].encode()).hexdigest()
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                assert body["access_token"] not in repr(tuple(row))
                assert PASSWORD not in repr(tuple(row))

    assert (
        client.post("/api/v1/auth/logout", headers=bearer(body["access_token"])).status_code == 204
    )
    after = client.get(ME, headers=bearer(body["access_token"]))
    assert after.status_code == 401
    assert "logget ud" in after.json()["detail"]


def test_signed_in_staff_can_read_citizen_data(client: TestClient, mette: str, api) -> None:
    api.citizen("B-1042")
    token = sign_in(client, "mette").json()["access_token"]
    response = client.get("/api/v1/citizens/B-1042", headers=bearer(token))
    assert response.status_code == 200


def test_wrong_password_and_unknown_user_look_the_same(
    client: TestClient, mette: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[bool] = []
    real_verify = passwords.verify_password

    def spy(password: str, password_hash: str | None) -> bool:
        checked.append(password_hash is None)
        return real_verify(password, password_hash)

    monkeypatch.setattr(sessions_service, "verify_password", spy)
    wrong = sign_in(client, "mette", "forkert-adgangskode")
    unknown = sign_in(client, "ingen-her", "forkert-adgangskode")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "Forkert brugernavn eller adgangskode"}
    assert wrong.headers["WWW-Authenticate"] == unknown.headers["WWW-Authenticate"] == "Bearer"
    # Both spent an Argon2 verification (the unknown user against a dummy hash).
    assert checked == [False, True]


def test_oidc_only_account_cannot_use_a_password(client: TestClient, staff: Staff) -> None:
    staff.user("leder", "lone")  # no password
    response = sign_in(client, "lone", "hvad-som-helst-12")
    assert response.status_code == 401
    assert response.json()["detail"] == "Forkert brugernavn eller adgangskode"


@pytest.mark.parametrize("username", ["mette", "findes-ikke"])
def test_lockout_after_five_failures(client: TestClient, mette: str, db, username: str) -> None:
    for _ in range(5):
        assert sign_in(client, username, "forkert-adgangskode").status_code == 401
    locked = sign_in(client, username, PASSWORD)  # even the right password
    assert locked.status_code == 429
    assert 14 * 60 <= int(locked.headers["Retry-After"]) <= 15 * 60 + 1
    assert "For mange forkerte forsøg" in locked.json()["detail"]
    # Other usernames are not affected.
    assert sign_in(client, "andre", "forkert-adgangskode").status_code == 401

    # 15 minutes later it is over.
    age_failures(db, minutes=16)
    after = sign_in(client, username, PASSWORD)
    assert after.status_code == (200 if username == "mette" else 401)


def test_failures_spread_over_more_than_the_window_do_not_lock(
    client: TestClient, mette: str, db
) -> None:
    for _ in range(4):
        assert sign_in(client, "mette", "forkert-adgangskode").status_code == 401
    age_failures(db, minutes=16)
    assert sign_in(client, "mette", "forkert-adgangskode").status_code == 401
    assert sign_in(client, "mette").status_code == 200


def test_success_clears_the_failures(client: TestClient, mette: str, db) -> None:
    for _ in range(4):
        sign_in(client, "mette", "forkert-adgangskode")
    assert sign_in(client, "mette").status_code == 200
    with db() as session:
        assert session.scalars(select(SignInFailure)).all() == []


def test_failed_usernames_are_stored_only_as_hashes(client: TestClient, db) -> None:
    # Someone types a CPR number into the username field: it must not be stored.
    assert sign_in(client, "010190-1234", "forkert-adgangskode").status_code == 401
    with db() as session:
        [failure] = session.scalars(select(SignInFailure)).all()
        assert failure.username_hash == hashlib.sha256(b"010190-1234").hexdigest()


def test_lockout_is_configurable(database_url: str, clean_database, staff: Staff) -> None:
    staff.user("terapeut", "mette", PASSWORD)
    app = create_app(make_settings(database_url, sign_in_max_failures=2, sign_in_lockout_minutes=1))
    with TestClient(app) as client:
        for _ in range(2):
            assert sign_in(client, "mette", "forkert-adgangskode").status_code == 401
        locked = sign_in(client, "mette")
        assert locked.status_code == 429
        assert int(locked.headers["Retry-After"]) <= 61


def test_disabled_user_cannot_sign_in(client: TestClient, mette: str, db) -> None:
    token = sign_in(client, "mette").json()["access_token"]
    with db() as session:
        session.execute(update(StaffUser).values(disabled_at=utcnow()))
        session.commit()
    refused = sign_in(client, "mette")
    assert refused.status_code == 401
    assert "deaktiveret" in refused.json()["detail"]
    # ... and an existing session stops working.
    assert client.get(ME, headers=bearer(token)).status_code == 401


def test_missing_form_fields_are_422(client: TestClient) -> None:
    response = client.post(TOKEN, data={"username": "mette"})
    assert response.status_code == 422
    assert ["body", "password"] in [e["loc"] for e in response.json()["detail"]]


# --- lifetimes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "ago", "reason"),
    [
        ("expires_at", dt.timedelta(seconds=1), "højst 8 timer"),
        ("last_used_at", dt.timedelta(minutes=31), "30 minutter uden aktivitet"),
    ],
    ids=["absolute_lifetime", "idle_timeout"],
)
def test_session_ends(
    client: TestClient, staff: Staff, column: str, ago: dt.timedelta, reason: str
) -> None:
    person = staff.sign_in("terapeut")
    staff.change_session(person, **{column: utcnow() - ago})
    response = client.get(ME, headers=person.headers)
    assert response.status_code == 401
    assert reason in response.json()["detail"]


def test_use_keeps_the_session_alive_but_writes_at_most_once_a_minute(
    client: TestClient, staff: Staff, db
) -> None:
    person = staff.sign_in("terapeut")

    def last_used() -> dt.datetime:
        with db() as session:
            return session.get(StaffSession, person.session_id).last_used_at

    recently = utcnow() - dt.timedelta(seconds=20)
    staff.change_session(person, last_used_at=recently)
    assert client.get(ME, headers=person.headers).status_code == 200
    assert last_used() == recently  # under a minute: not written
    staff.change_session(person, last_used_at=utcnow() - dt.timedelta(minutes=29))
    assert client.get(ME, headers=person.headers).status_code == 200
    assert utcnow() - last_used() < dt.timedelta(seconds=5)


def test_session_lifetimes_are_configurable(database_url: str, clean_database, staff) -> None:
    app = create_app(make_settings(database_url, staff_session_hours=1))
    staff.user("terapeut", "mette", PASSWORD)
    with TestClient(app) as client:
        assert sign_in(client, "mette").json()["expires_in"] <= 3600


def test_me_is_for_sessions_not_machine_tokens(client: TestClient) -> None:
    assert client.get(ME).status_code == 401
    assert client.get(ME, headers=bearer("forged-" + "x" * 30)).status_code == 401
    refused = client.get(ME, headers=READ)
    assert refused.status_code == 403
    assert client.post("/api/v1/auth/logout", headers=READ).status_code == 403


def test_auth_config_without_oidc(client: TestClient) -> None:
    response = client.get("/api/v1/auth/config")
    assert response.status_code == 200
    assert response.json() == {"password": True, "oidc": False, "oidc_login_url": None}
    assert client.get("/api/v1/auth/oidc/login").status_code == 404
