"""Citizens: pseudonymous references only, reading, and request-level validation."""

from __future__ import annotations

import pytest

from api.models import Citizen

from .conftest import READ, WRITE, Api, TestClient, messages


def test_create_and_read_citizen(client: TestClient) -> None:
    created = client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=WRITE)
    assert created.status_code == 201
    body = created.json()
    assert body["reference"] == "B-1042"
    assert body["created_by"] == "actions"
    assert body["created_at"].endswith(("Z", "+00:00"))

    read = client.get("/api/v1/citizens/B-1042", headers=READ)
    assert read.status_code == 200
    assert read.json() == body
    # Health data must not linger in browser or proxy caches.
    assert read.headers["Cache-Control"] == "no-store"
    assert created.headers["Cache-Control"] == "no-store"


def test_duplicate_reference_is_409(api: Api, client: TestClient) -> None:
    api.citizen("B-1042")
    again = client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=WRITE)
    assert again.status_code == 409
    assert "B-1042" in again.json()["detail"] and "findes allerede" in again.json()["detail"]


def test_unknown_citizen_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/citizens/T-9999", headers=READ)
    assert response.status_code == 404
    assert "T-9999" in response.json()["detail"]


@pytest.mark.parametrize("reference", ["T-0001", "a", "B.1042_x-2", "A" * 40, "0042"])
def test_valid_references(client: TestClient, reference: str) -> None:
    response = client.post("/api/v1/citizens", json={"reference": reference}, headers=WRITE)
    assert response.status_code == 201, response.text
    assert client.get(f"/api/v1/citizens/{reference}", headers=READ).status_code == 200


@pytest.mark.parametrize(
    "reference",
    ["", "A" * 41, "-B1042", "B 1042", "B/1042", "Bø-1", " B-1042", "B-1042\n", "B-1042;drop"],
)
def test_unsafe_references_are_422(client: TestClient, reference: str) -> None:
    response = client.post("/api/v1/citizens", json={"reference": reference}, headers=WRITE)
    assert response.status_code == 422
    assert "reference" in messages(response) and "Referencen skal være 1-40 tegn" in messages(
        response
    )


@pytest.mark.parametrize("reference", ["010190-1234", "0101901234", "010190 1234", "B-2902001234"])
def test_cpr_shaped_reference_is_422_with_a_clear_message(
    client: TestClient, db, reference: str
) -> None:
    response = client.post("/api/v1/citizens", json={"reference": reference}, headers=WRITE)
    assert response.status_code == 422
    assert "CPR-nummer" in messages(response)
    assert reference not in response.text  # the refused value is not echoed back
    with db() as session:
        assert session.query(Citizen).count() == 0


def test_cpr_shaped_reference_in_the_path_is_422(client: TestClient) -> None:
    response = client.get("/api/v1/citizens/0101901234", headers=READ)
    assert response.status_code == 422
    assert "CPR-nummer" in messages(response)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, "body.reference: Field required"),
        ({"reference": 1042}, "body.reference: Input should be a valid string"),
        ({"reference": None}, "body.reference"),
        ({"reference": "B-1", "name": "x"}, "body.name: Extra inputs are not permitted"),
        (["B-1042"], "body"),
    ],
)
def test_invalid_bodies_are_422_with_the_field(
    client: TestClient, body: object, expected: str
) -> None:
    response = client.post("/api/v1/citizens", json=body, headers=WRITE)
    assert response.status_code == 422
    assert expected in messages(response)


def test_malformed_json_is_422_with_a_message(client: TestClient) -> None:
    response = client.post(
        "/api/v1/citizens",
        content=b'{"reference": "B-1042",}',
        headers={**WRITE, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["type"] == "json_invalid"
    assert error["msg"].startswith("Ugyldig JSON i request body (tegn 23)")


@pytest.mark.parametrize("content_type", [None, "application/x-www-form-urlencoded", "text/plain"])
def test_body_without_json_content_type_is_422_with_a_hint(
    client: TestClient, content_type: str | None
) -> None:
    headers = dict(WRITE)
    if content_type:
        headers["Content-Type"] = content_type
    response = client.post("/api/v1/citizens", content=b'{"reference": "B-1042"}', headers=headers)
    assert response.status_code == 422
    assert "Content-Type: application/json" in messages(response)


def test_oversized_body_is_413(client: TestClient) -> None:
    response = client.post(
        "/api/v1/citizens", json={"reference": "B-1", "x": "y" * 600_000}, headers=WRITE
    )
    assert response.status_code == 413


def test_unknown_path_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/nothing", headers=READ).status_code == 404
