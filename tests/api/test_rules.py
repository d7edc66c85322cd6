"""GET /api/v1/rules: the shared rules, served to the web page without authentication."""

from __future__ import annotations

from rehab_rules import limits

from .conftest import TestClient


def test_rules_are_the_shared_rules(client: TestClient) -> None:
    response = client.get("/api/v1/rules")
    assert response.status_code == 200
    assert response.json() == limits.as_dict()
    assert response.json()["reference"]["pattern"] == limits.REFERENCE_PATTERN
    assert response.headers["Cache-Control"] == "no-store"
