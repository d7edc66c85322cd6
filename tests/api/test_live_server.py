"""Smoke tests against the real app served by uvicorn over HTTP (httpx as the client)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.db import create_db_engine
from api.main import create_app

from .conftest import (
    READ,
    WRITE,
    Staff,
    evaluation_body,
    goal_body,
    live_server,
    make_settings,
)


@pytest.fixture
def http(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=30) as client:
        yield client


def test_health(http: httpx.Client) -> None:
    response = http.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_web_page_static_assets_and_docs(http: httpx.Client) -> None:
    page = http.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="da">' in page.text
    assert http.get("/static/style.css").status_code == 200
    assert http.get("/static/missing.js").status_code == 404
    assert http.get("/docs").status_code == 200
    schema = http.get("/openapi.json").json()
    assert "/api/v1/citizens/{reference}/goals" in schema["paths"]


def test_docs_use_local_swagger_files_when_present(tmp_path) -> None:
    static = tmp_path / "static"
    (static / "swagger-ui").mkdir(parents=True)
    (static / "index.html").write_text("<!doctype html><html lang=da></html>")
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        (static / "swagger-ui" / name).write_text("/* vendored */")
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'docs.db'}", static_dir=static))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        docs = http.get("/docs").text
        assert "/static/swagger-ui/swagger-ui-bundle.js" in docs and "cdn." not in docs
        assert http.get("/static/swagger-ui/swagger-ui.css").status_code == 200
        assert http.get("/").text.startswith("<!doctype html><html lang=da>")


def test_a_whole_flow_over_http(http: httpx.Client, staff: Staff) -> None:
    assert (
        http.post("/api/v1/citizens", json={"reference": "T-0001"}, headers=WRITE).status_code
        == 201
    )
    goal = http.post(
        "/api/v1/citizens/T-0001/goals",
        json=goal_body(),
        headers={**WRITE, "Idempotency-Key": "flow-1"},
    )
    assert goal.status_code == 201
    goal_id = goal.json()["id"]
    evaluation = http.post(
        f"/api/v1/goals/{goal_id}/evaluations", json=evaluation_body(), headers=WRITE
    )
    assert evaluation.status_code == 201
    listed = http.get("/api/v1/citizens/T-0001/goals", headers=READ).json()
    assert listed[0]["latest_evaluation"]["id"] == evaluation.json()["id"]
    assert (
        http.get("/api/v1/citizens/T-0001/export", headers=READ).json()["goals"][0]["id"] == goal_id
    )
    assert http.post("/api/v1/citizens", json={"reference": "T-2"}, headers=READ).status_code == 403
    assert http.get("/api/v1/citizens/T-0001").status_code == 401
    assert http.delete("/api/v1/citizens/T-0001", headers=WRITE).status_code == 403
    admin = staff.sign_in("admin").headers
    assert http.delete("/api/v1/citizens/T-0001", headers=admin).status_code == 204
    assert http.get("/api/v1/citizens/T-0001", headers=READ).status_code == 404


def test_malformed_json_over_http(http: httpx.Client) -> None:
    response = http.post(
        "/api/v1/citizens",
        content=b"{not json",
        headers={**WRITE, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "Ugyldig JSON" in response.json()["detail"][0]["msg"]


def test_fresh_database_is_migrated_at_startup(empty_database_url: str) -> None:
    # `make run` on a new machine: the app creates its schema and tokens itself.
    app = create_app(make_settings(empty_database_url))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        assert http.get("/health").json() == {"status": "ok", "database": "ok"}
        created = http.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=WRITE)
        assert created.status_code == 201
        assert http.get("/api/v1/citizens/B-1042", headers=READ).status_code == 200


def test_health_is_503_when_the_database_is_unreachable(tmp_path) -> None:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'ok.db'}"))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as http:
        assert http.get("/health").status_code == 200
        # The database goes away while the app runs.
        app.state.engine = create_db_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
        response = http.get("/health")
        assert response.status_code == 503
        assert response.json() == {"status": "error", "database": "unreachable"}
        # Other endpoints answer 503 with a message as well, not a bare 500.
        app.state.session_factory.configure(bind=app.state.engine)
        down = http.get("/api/v1/citizens/B-1042", headers=READ)
        assert down.status_code == 503
        assert "Databasen er ikke tilgængelig" in down.json()["detail"]


def test_every_response_carries_browser_protections(http: httpx.Client) -> None:
    for path in ("/", "/health", "/api/v1/citizens/B-1"):
        response = http.get(path)
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_support_server_with_staff_and_a_service_token(tmp_path) -> None:
    """tests/support/api_server.py, as the bot's end-to-end tests use it: a real uvicorn."""
    from tests.support.api_server import StaffAccount, running_api

    account = StaffAccount("mette", "terapeut", "en-rigtig-god-adgangskode")
    with running_api(tmp_path, staff=[account]) as api:
        token = api.sign_in("mette")
        session_id = api.session_id(token)
        on_behalf = {
            "Authorization": f"Bearer {api.service_token}",
            "X-On-Behalf-Of": session_id,
        }
        with httpx.Client(base_url=api.url, timeout=30) as http:
            created = http.post("/api/v1/citizens", json={"reference": "T-0001"}, headers=on_behalf)
            assert created.status_code == 201, created.text
            assert created.json()["created_by"] == "mette"
        assert api.query("SELECT actor, actor_role, via FROM audit_log") == [
            ("mette", "terapeut", "assistent")
        ]
