"""Authentication and scopes, and that token secrets never reach the logs."""

from __future__ import annotations

import logging
import re

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
PUBLIC = ["/health", "/", "/static/style.css", "/docs", "/openapi.json"]


def _template(path: str) -> str:
    path = re.sub(r"/citizens/B-1042", "/citizens/{reference}", path)
    path = re.sub(r"/assessments/1\b", "/assessments/{assessment_id}", path)
    path = re.sub(r"/subgoals/1\b", "/subgoals/{subgoal_id}", path)
    return re.sub(r"/goals/1\b", "/goals/{goal_id}", path)


def test_every_api_operation_is_covered_here_and_documents_bearer_auth(app) -> None:
    # A new endpoint must be added to the lists above, so that its protection is tested.
    operations = {
        (method.upper(), path): operation
        for path, item in app.openapi()["paths"].items()
        if path.startswith("/api/")
        for method, operation in item.items()
    }
    assert set(operations) == {(m, _template(p)) for m, p in READ_ENDPOINTS + WRITE_ENDPOINTS}
    for operation in operations.values():
        assert operation["security"] == [{"HTTPBearer": []}]


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
    assert READ_NAME in response.json()["detail"] and "write" in response.json()["detail"]


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
