"""A service token acting for a signed-in person: X-On-Behalf-Of and X-Confirmed-At."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from api.clock import utcnow
from api.models import AuditEntry, Goal
from api.tokens import revoke_token

from .conftest import (
    READ,
    SERVICE,
    SERVICE_NAME,
    WRITE,
    SignedIn,
    Staff,
    TestClient,
    error_locs,
    goal_body,
)

GOALS = "/api/v1/citizens/B-1042/goals"


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def mette(staff: Staff) -> SignedIn:
    return staff.sign_in("terapeut", "mette")


def last_audit(db) -> AuditEntry:
    with db() as session:
        return session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def test_delegated_read_acts_as_the_person(
    client: TestClient, citizen: str, mette: SignedIn, db
) -> None:
    response = client.get(GOALS, headers=mette.delegated())
    assert response.status_code == 200
    row = last_audit(db)
    assert (row.action.value, row.actor, row.actor_role, row.via) == (
        "read",
        "mette",
        "terapeut",
        SERVICE_NAME,
    )


def test_delegated_write_is_recorded_as_the_person(
    client: TestClient, citizen: str, mette: SignedIn, db
) -> None:
    response = client.post(GOALS, json=goal_body(), headers=mette.delegated())
    assert response.status_code == 201, response.text
    assert response.json()["created_by"] == "mette"
    row = last_audit(db)
    assert (row.actor, row.actor_role, row.via) == ("mette", "terapeut", SERVICE_NAME)


def test_service_token_alone_may_do_nothing(client: TestClient, citizen: str) -> None:
    for method, body in (("GET", None), ("POST", goal_body())):
        response = client.request(method, GOALS, json=body, headers=SERVICE)
        assert response.status_code == 403
        assert "X-On-Behalf-Of" in response.json()["detail"]


@pytest.mark.parametrize("who", ["read", "write", "staff"])
def test_only_service_tokens_may_delegate(
    client: TestClient, citizen: str, mette: SignedIn, staff: Staff, who: str
) -> None:
    headers = {"read": READ, "write": WRITE, "staff": staff.sign_in("kontaktperson").headers}[who]
    response = client.get(GOALS, headers={**headers, "X-On-Behalf-Of": mette.session_id})
    assert response.status_code == 403
    assert "Kun tokens med scope 'service'" in response.json()["detail"]


def test_the_persons_role_decides(client: TestClient, citizen: str, staff: Staff) -> None:
    leder = staff.sign_in("leder")
    assert client.get(GOALS, headers=leder.delegated()).status_code == 200
    refused = client.post(GOALS, json=goal_body(), headers=leder.delegated())
    assert refused.status_code == 403
    assert "Rollen 'leder'" in refused.json()["detail"]


def test_unknown_session_is_refused(client: TestClient, citizen: str) -> None:
    headers = {**SERVICE, "X-On-Behalf-Of": "s-" + "0" * 32}
    response = client.get(GOALS, headers=headers)
    assert response.status_code == 403
    assert "der ikke findes" in response.json()["detail"]


@pytest.mark.parametrize(
    "change",
    [
        {"expires_at": "past"},
        {"revoked_at": "now"},
        {"last_used_at": "idle"},
    ],
)
def test_reads_need_a_live_session(
    client: TestClient, citizen: str, mette: SignedIn, staff: Staff, change: dict[str, str]
) -> None:
    now = utcnow()
    values = {
        "past": now - dt.timedelta(seconds=1),
        "now": now,
        "idle": now - dt.timedelta(minutes=31),
    }
    staff.change_session(mette, **{k: values[v] for k, v in change.items()})
    response = client.get(GOALS, headers=mette.delegated())
    assert response.status_code == 403
    assert "på vegne af medarbejderen" in response.json()["detail"]
    # ... and without X-Confirmed-At a write needs one too.
    assert client.post(GOALS, json=goal_body(), headers=mette.delegated()).status_code == 403


def test_a_write_confirmed_before_the_session_ended_is_stored(
    client: TestClient, citizen: str, mette: SignedIn, staff: Staff, db
) -> None:
    """The goal was confirmed, then the action server could not reach the API for a while."""
    confirmed = utcnow() - dt.timedelta(hours=2)
    staff.change_session(
        mette,
        created_at=confirmed - dt.timedelta(hours=1),
        expires_at=utcnow() - dt.timedelta(minutes=5),  # long gone by now
    )
    headers = mette.delegated(**{"X-Confirmed-At": rfc3339(confirmed)})
    response = client.post(GOALS, json=goal_body(), headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["created_by"] == "mette"
    assert last_audit(db).actor == "mette"
    # X-Confirmed-At does not make an ended session readable.
    assert client.get(GOALS, headers=headers).status_code == 403


def test_confirmed_before_logout_counts_after_logout(
    client: TestClient, citizen: str, mette: SignedIn, staff: Staff
) -> None:
    confirmed = utcnow() - dt.timedelta(seconds=30)
    staff.change_session(mette, created_at=confirmed - dt.timedelta(minutes=1))
    assert client.post("/api/v1/auth/logout", headers=mette.headers).status_code == 204
    ok = mette.delegated(**{"X-Confirmed-At": rfc3339(confirmed)})
    assert client.post(GOALS, json=goal_body(), headers=ok).status_code == 201
    staff.change_session(mette, revoked_at=confirmed - dt.timedelta(seconds=1))
    late = client.post(GOALS, json=goal_body(), headers=ok)
    assert late.status_code == 403
    assert "ikke gyldig på tidspunktet" in late.json()["detail"]


@pytest.mark.parametrize(
    ("confirmed", "expected", "text"),
    [
        ("before-created", 403, "ikke gyldig på tidspunktet"),
        ("31-days", 403, "mere end 30 dage"),
        ("disabled-before", 403, "ikke gyldig på tidspunktet"),
    ],
)
def test_confirmations_outside_the_session_are_refused(
    client: TestClient,
    citizen: str,
    mette: SignedIn,
    staff: Staff,
    db,
    confirmed: str,
    expected: int,
    text: str,
) -> None:
    now = utcnow()
    if confirmed == "before-created":
        moment = now - dt.timedelta(minutes=10)
    elif confirmed == "31-days":
        moment = now - dt.timedelta(days=31)
        staff.change_session(mette, created_at=moment - dt.timedelta(hours=1))
    else:
        moment = now - dt.timedelta(seconds=10)
        from api.models import StaffUser

        with db() as session:
            user = session.scalars(select(StaffUser).where(StaffUser.username == "mette")).one()
            user.disabled_at = moment - dt.timedelta(seconds=1)
            session.commit()
    headers = mette.delegated(**{"X-Confirmed-At": rfc3339(moment)})
    response = client.post(GOALS, json=goal_body(), headers=headers)
    assert response.status_code == expected
    assert text in response.json()["detail"]
    with db() as session:
        assert session.scalars(select(Goal)).all() == []


@pytest.mark.parametrize(
    "value",
    ["2026-13-01T00:00:00Z", "yesterday", "2026-03-01T10:00:00+01:00", "2026-03-01", "future"],
)
def test_malformed_or_future_confirmation_is_422_on_the_header(
    client: TestClient, citizen: str, mette: SignedIn, value: str
) -> None:
    if value == "future":
        value = rfc3339(utcnow() + dt.timedelta(minutes=5))
    headers = mette.delegated(**{"X-Confirmed-At": value})
    response = client.post(GOALS, json=goal_body(), headers=headers)
    assert response.status_code == 422
    assert error_locs(response) == [("header", "X-Confirmed-At")]


def test_a_rotated_service_token_is_401(
    client: TestClient, citizen: str, mette: SignedIn, db
) -> None:
    with db() as session:
        assert revoke_token(session, SERVICE_NAME)
    response = client.get(GOALS, headers=mette.delegated())
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_the_three_refusals_are_told_apart(
    client: TestClient, citizen: str, mette: SignedIn, db
) -> None:
    """What the action server's outbox needs: 401 operator, 403 delegation, 422 the data."""
    invalid = client.post(GOALS, json=goal_body(due_date="2000-01-01"), headers=mette.delegated())
    assert invalid.status_code == 422
    assert ("body", "due_date") in error_locs(invalid)
    forbidden = client.post(
        GOALS, json=goal_body(), headers={**SERVICE, "X-On-Behalf-Of": "s-unknown"}
    )
    assert forbidden.status_code == 403
    with db() as session:
        revoke_token(session, SERVICE_NAME)
    unauthorized = client.post(GOALS, json=goal_body(), headers=mette.delegated())
    assert unauthorized.status_code == 401


def test_idempotency_keys_of_delegated_requests_are_per_person(
    client: TestClient, citizen: str, mette: SignedIn, staff: Staff
) -> None:
    other = staff.sign_in("kontaktperson", "karin")
    key: dict[str, Any] = {"Idempotency-Key": "capture-1"}
    first = client.post(GOALS, json=goal_body(), headers={**mette.delegated(), **key})
    again = client.post(GOALS, json=goal_body(), headers={**mette.delegated(), **key})
    karins = client.post(GOALS, json=goal_body(), headers={**other.delegated(), **key})
    assert first.status_code == again.status_code == karins.status_code == 201
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert karins.json()["id"] != first.json()["id"]
    assert karins.json()["created_by"] == "karin"
