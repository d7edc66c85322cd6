"""Authentication and scopes, and that token secrets never reach the logs."""

from __future__ import annotations

import logging

import httpx
import pytest

from api.tokens import revoke_token

from .conftest import (
    OTHER_WRITE_SECRET,
    READ,
    READ_NAME,
    READ_SECRET,
    WRITE,
    WRITE_NAME,
    WRITE_SECRET,
    TestClient,
    live_server,
)

READ_ENDPOINTS = [
    ("GET", "/api/v1/citizens/B-1042"),
    ("GET", "/api/v1/citizens/B-1042/export"),
    ("GET", "/api/v1/citizens/B-1042/assessments"),
    ("GET", "/api/v1/citizens/B-1042/goals"),
    ("GET", "/api/v1/assessments/1"),
    ("GET", "/api/v1/goals/1"),
    ("GET", "/api/v1/citizens/B-1042/access-log"),
]
WRITE_ENDPOINTS = [
    ("POST", "/api/v1/citizens"),
    ("DELETE", "/api/v1/citizens/B-1042"),
    ("POST", "/api/v1/citizens/B-1042/assessments"),
    ("POST", "/api/v1/assessments/1/reassessments"),
    ("POST", "/api/v1/citizens/B-1042/goals"),
    ("PATCH", "/api/v1/goals/1"),
    ("POST", "/api/v1/goals/1/subgoals"),
    ("PATCH", "/api/v1/subgoals/1"),
    ("POST", "/api/v1/goals/1/evaluations"),
    ("POST", "/api/v1/subgoals/1/evaluations"),
]
PUBLIC_API = [("GET", "/api/v1/rules")]
PUBLIC = ["/health", "/", "/static/style.css", "/docs", "/openapi.json", "/api/v1/rules"]


# Every route's protection, for every kind of caller, is in test_security_matrix.py; this file
# checks the machine tokens in more detail.


BAD_AUTHORIZATION = [
    {},
    {"Authorization": "Bearer not-a-real-token-0000000000"},
    {"Authorization": f"Basic {WRITE_SECRET}"},
    {"Authorization": "Bearer"},
    {"Authorization": "Bearer "},
    {"Authorization": WRITE_SECRET},
    {"Authorization": f"Bearer {WRITE_SECRET}x"},
]


@pytest.mark.parametrize(("method", "path"), READ_ENDPOINTS + WRITE_ENDPOINTS)
def test_missing_or_wrong_token_is_401(client: TestClient, method: str, path: str) -> None:
    for headers in BAD_AUTHORIZATION:
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == 401, headers
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert WRITE_SECRET not in response.text


def test_revoked_token_is_401(client: TestClient, db) -> None:
    with db() as session:
        assert revoke_token(session, WRITE_NAME)
    response = client.get("/api/v1/citizens/B-1042", headers=WRITE)
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), WRITE_ENDPOINTS)
def test_read_token_cannot_write(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, headers=READ, json={})
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert f"Token '{READ_NAME}' (scope 'read') har ikke adgang til" in detail
    expected = "rollen admin" if method == "DELETE" else "scope 'write'"
    assert expected in detail


def test_read_token_can_read_and_write_token_can_do_both(api, client: TestClient) -> None:
    api.citizen()
    for headers in (READ, WRITE):
        assert client.get("/api/v1/citizens/B-1042", headers=headers).status_code == 200


@pytest.mark.parametrize("path", PUBLIC)
def test_public_paths_need_no_token(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_secrets_never_reach_the_logs(
    app, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "Bearer wrong-secret-that-must-not-be-logged"
    with live_server(app) as url, httpx.Client(base_url=url, timeout=10) as http:
        assert (
            http.post("/api/v1/citizens", json={"reference": "T-0001"}, headers=WRITE).status_code
            == 201
        )
        assert http.get("/api/v1/citizens/T-0001", headers=READ).status_code == 200
        other = {"Authorization": f"Bearer {OTHER_WRITE_SECRET}"}
        assert http.get("/api/v1/citizens/T-0001/export", headers=other).status_code == 200
        assert (
            http.get("/api/v1/citizens/T-0001", headers={"Authorization": wrong}).status_code == 401
        )
        assert (
            http.post("/api/v1/citizens", json={"reference": "T-2"}, headers=READ).status_code
            == 403
        )
        assert http.post("/api/v1/citizens", json={"x": 1}, headers=WRITE).status_code == 422
        assert http.post("/api/v1/citizens", content=b"{", headers=WRITE).status_code == 422
    logged = caplog.text + "".join(capfd.readouterr())
    # The capture works (uvicorn's access log went through it) ...
    assert any(record.name == "uvicorn.access" for record in caplog.records)
    assert "/api/v1/citizens/T-0001" in logged
    # ... and no secret is in it.
    for secret in (WRITE_SECRET, READ_SECRET, OTHER_WRITE_SECRET, "wrong-secret-that-must"):
        assert secret not in logged


def test_staff_passwords_tokens_and_callback_codes_never_reach_the_logs(
    app, staff, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    password = "en-adgangskode-der-ikke-maa-logges"
    staff.user("terapeut", "mette", password)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        signed_in = http.post(
            "/api/v1/auth/token", data={"username": "mette", "password": password}
        )
        assert signed_in.status_code == 200
        token = signed_in.json()["access_token"]
        assert http.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).is_success
        wrong = http.post(
            "/api/v1/auth/token", data={"username": "mette", "password": "forkert-" + password}
        )
        assert wrong.status_code == 401
        # An identity provider's redirect carries a code and state in the query.
        http.get("/api/v1/auth/oidc/callback?code=secret-code-123&state=secret-state-456")
    # The server's logs, that is: not those of the test's own HTTP client.
    server = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    logged = "\n".join(r.getMessage() for r in server) + "".join(capfd.readouterr())
    assert "/api/v1/auth/token" in logged and "/api/v1/auth/oidc/callback?…" in logged
    for secret in (password, token, "secret-code-123", "secret-state-456"):
        assert secret not in logged
