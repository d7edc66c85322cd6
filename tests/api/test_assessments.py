"""COPM assessments: 1-5 problems, scores as exact means, re-assessments and their changes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from api.models import Assessment, CopmProblem, Reassessment, ReassessmentRating

from .conftest import (
    READ,
    WRITE,
    Api,
    TestClient,
    assessment_body,
    days,
    error_locs,
    messages,
    problem,
)


def post_assessment(client: TestClient, body: dict[str, Any], reference: str = "B-1042") -> Any:
    return client.post(f"/api/v1/citizens/{reference}/assessments", json=body, headers=WRITE)


def reassess(client: TestClient, assessment_id: int, ratings: list[dict[str, Any]], **fields: Any):
    body = {"date": days(0), "assessor_role": "ergoterapeut", "ratings": ratings, **fields}
    return client.post(
        f"/api/v1/assessments/{assessment_id}/reassessments", json=body, headers=WRITE
    )


def rows(db, model: type) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_create_assessment_with_scores(client: TestClient, citizen: str) -> None:
    problems = [
        problem("Tage bad", "egenomsorg", 9, 3, 2),
        problem("Handle ind", "produktivitet", 7, 4, 4),
        problem("Gå tur", "fritid", 6, 4, 5),
        problem("Lave kaffe", "egenomsorg", 5, 4, 4),
    ]
    response = post_assessment(client, assessment_body(problems))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["citizen_reference"] == "B-1042"
    assert body["date"] == days(0)
    assert body["assessor_role"] == "ergoterapeut"
    assert body["created_by"] == "actions"
    # Performance (3+4+4+4)/4 = 3.75 -> 3.8 (half up); satisfaction (2+4+5+4)/4 = 3.75 -> 3.8.
    assert body["performance_score"] == 3.8
    assert body["satisfaction_score"] == 3.8
    assert [p["priority"] for p in body["problems"]] == [1, 2, 3, 4]
    assert [p["activity"] for p in body["problems"]] == [
        "Tage bad",
        "Handle ind",
        "Gå tur",
        "Lave kaffe",
    ]
    assert body["reassessments"] == []
    assert body["timeline"] == [
        {
            "kind": "baseline",
            "id": body["id"],
            "date": days(0),
            "performance_score": 3.8,
            "satisfaction_score": 3.8,
        }
    ]


def test_scores_are_means_rounded_to_one_decimal(client: TestClient, citizen: str) -> None:
    problems = [problem(performance=p, satisfaction=s) for p, s in [(1, 10), (2, 10), (2, 9)]]
    body = post_assessment(client, assessment_body(problems)).json()
    assert body["performance_score"] == 1.7  # 5/3
    assert body["satisfaction_score"] == 9.7  # 29/3


def test_five_problems_allowed_six_refused(client: TestClient, citizen: str, db) -> None:
    five = post_assessment(client, assessment_body([problem(f"Aktivitet {i}") for i in range(5)]))
    assert five.status_code == 201
    six = post_assessment(client, assessment_body([problem(f"Aktivitet {i}") for i in range(6)]))
    assert six.status_code == 422
    assert "body.problems" in messages(six) and "at most 5" in messages(six)
    assert rows(db, Assessment) == 1 and rows(db, CopmProblem) == 5


def test_no_problems_is_422(client: TestClient, citizen: str) -> None:
    response = post_assessment(client, assessment_body([]))
    assert response.status_code == 422
    assert "body.problems" in messages(response)


@pytest.mark.parametrize("field", ["importance", "performance", "satisfaction"])
@pytest.mark.parametrize("value", [0, 11, -1, 5.5, "5", True, None])
def test_scores_must_be_integers_from_1_to_10(
    client: TestClient, citizen: str, db, field: str, value: Any
) -> None:
    bad = {**problem(), field: value}
    response = post_assessment(client, assessment_body([problem("OK"), bad]))
    assert response.status_code == 422
    assert ("body", "problems", 1, field) in error_locs(response)
    assert rows(db, Assessment) == 0


@pytest.mark.parametrize("value", [1, 10])
def test_score_bounds_are_inclusive(client: TestClient, citizen: str, value: int) -> None:
    body = assessment_body([problem(importance=value, performance=value, satisfaction=value)])
    assert post_assessment(client, body).status_code == 201


@pytest.mark.parametrize(
    ("change", "loc", "text"),
    [
        ({"area": "hobby"}, ("body", "problems", 0, "area"), "'egenomsorg', 'produktivitet'"),
        ({"area": "Egenomsorg"}, ("body", "problems", 0, "area"), "egenomsorg"),
        ({"activity": "x" * 301}, ("body", "problems", 0, "activity"), "at most 300"),
        ({"activity": "   "}, ("body", "problems", 0, "activity"), "at least 1"),
        ({"activity": "Ring på 010190-1234"}, ("body", "problems", 0, "activity"), "CPR-nummer"),
        ({"activity": "Bad\x00"}, ("body", "problems", 0, "activity"), "kontroltegn"),
        ({"extra": 1}, ("body", "problems", 0, "extra"), "Extra inputs"),
    ],
)
def test_problem_validation(
    client: TestClient, citizen: str, change: dict[str, Any], loc: tuple[Any, ...], text: str
) -> None:
    response = post_assessment(client, assessment_body([{**problem(), **change}]))
    assert response.status_code == 422
    assert loc in error_locs(response)
    assert text in messages(response)


def test_activity_of_300_characters_is_fine(client: TestClient, citizen: str) -> None:
    response = post_assessment(client, assessment_body([problem("x" * 300)]))
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("fields", "loc", "text"),
    [
        ({"date": days(1)}, ("body", "date"), "fremtiden"),
        ({"date": "1999-12-31"}, ("body", "date"), "2000-01-01"),
        ({"date": "31-12-2024"}, ("body", "date"), "ÅÅÅÅ-MM-DD"),
        ({"date": 1700000000}, ("body", "date"), "ÅÅÅÅ-MM-DD"),
        ({"date": "2025-02-30"}, ("body", "date"), "date"),
        ({"assessor_role": "ergoterapeut 0101901234"}, ("body", "assessor_role"), "CPR-nummer"),
        ({"assessor_role": "x" * 101}, ("body", "assessor_role"), "at most 100"),
        ({"assessor_role": None}, ("body", "assessor_role"), "string"),
    ],
)
def test_assessment_field_validation(
    client: TestClient, citizen: str, fields: dict[str, Any], loc: tuple[Any, ...], text: str
) -> None:
    response = post_assessment(client, assessment_body(**fields))
    assert response.status_code == 422
    assert loc in error_locs(response)
    assert text in messages(response)


def test_assessment_for_unknown_citizen_is_404(client: TestClient) -> None:
    response = post_assessment(client, assessment_body(), reference="T-9999")
    assert response.status_code == 404
    assert "T-9999" in response.json()["detail"]


def test_list_and_get_assessments(api: Api, client: TestClient, citizen: str) -> None:
    later = api.assessment(date=days(0))
    earlier = api.assessment(date=days(-30))
    listed = client.get("/api/v1/citizens/B-1042/assessments", headers=READ)
    assert listed.status_code == 200
    assert [a["id"] for a in listed.json()] == [earlier["id"], later["id"]]
    got = client.get(f"/api/v1/assessments/{later['id']}", headers=READ)
    assert got.status_code == 200 and got.json() == later
    assert client.get("/api/v1/assessments/999999", headers=READ).status_code == 404
    assert client.get("/api/v1/citizens/T-9999/assessments", headers=READ).status_code == 404


@pytest.mark.parametrize("bad_id", ["0", "-1", "abc", str(2**31), str(2**70)])
def test_ids_out_of_range_are_422(client: TestClient, bad_id: str) -> None:
    assert client.get(f"/api/v1/assessments/{bad_id}", headers=READ).status_code == 422


# --- re-assessment ------------------------------------------------------------------------


@pytest.fixture
def baseline(api: Api, citizen: str) -> dict[str, Any]:
    return api.assessment(
        date=days(-60),
        problems=[
            problem("Tage bad", "egenomsorg", 9, 3, 2),
            problem("Handle ind", "produktivitet", 7, 4, 4),
            problem("Gå tur", "fritid", 6, 5, 5),
        ],
    )


def ratings_for(baseline: dict[str, Any], *pairs: tuple[int, int]) -> list[dict[str, Any]]:
    return [
        {"problem_id": p["id"], "performance": perf, "satisfaction": sat}
        for p, (perf, sat) in zip(baseline["problems"], pairs, strict=True)
    ]


def test_reassessment_reports_changes_and_clinical_importance(
    client: TestClient, baseline: dict[str, Any]
) -> None:
    # Baseline performance 3, 4, 5 (mean 4.0); satisfaction 2, 4, 5 (mean 3.667).
    ratings = ratings_for(baseline, (6, 3), (5, 4), (3, 7))
    response = reassess(client, baseline["id"], list(reversed(ratings)))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["assessment_id"] == baseline["id"]
    assert body["performance_score"] == 4.7  # 14/3
    assert body["satisfaction_score"] == 4.7  # 14/3
    assert body["change"]["performance"] == {
        "baseline": 4.0,
        "current": 4.7,
        "change": 0.7,
        "clinically_important": False,
    }
    assert body["change"]["satisfaction"] == {
        "baseline": 3.7,
        "current": 4.7,
        "change": 1.0,
        "clinically_important": False,
    }
    by_priority = {r["priority"]: r for r in body["ratings"]}
    assert [r["priority"] for r in body["ratings"]] == [1, 2, 3]  # ordered by priority
    assert by_priority[1]["change"]["performance"] == {
        "baseline": 3.0,
        "current": 6.0,
        "change": 3.0,
        "clinically_important": True,
    }
    assert by_priority[1]["change"]["satisfaction"]["clinically_important"] is False  # +1
    assert by_priority[2]["change"]["performance"]["clinically_important"] is False  # +1
    # A decline of two points is clinically important too.
    assert by_priority[3]["change"]["performance"] == {
        "baseline": 5.0,
        "current": 3.0,
        "change": -2.0,
        "clinically_important": True,
    }
    assert by_priority[3]["change"]["satisfaction"]["change"] == 2.0
    assert by_priority[3]["change"]["satisfaction"]["clinically_important"] is True


def test_score_change_of_exactly_two_is_clinically_important(
    client: TestClient, baseline: dict[str, Any]
) -> None:
    body = reassess(client, baseline["id"], ratings_for(baseline, (5, 4), (6, 6), (7, 7))).json()
    assert body["change"]["performance"]["change"] == 2.0
    assert body["change"]["performance"]["clinically_important"] is True


def test_assessment_shows_reassessments_in_date_order(
    client: TestClient, baseline: dict[str, Any]
) -> None:
    late = reassess(client, baseline["id"], ratings_for(baseline, (8, 8), (8, 8), (8, 8)))
    early = reassess(
        client, baseline["id"], ratings_for(baseline, (5, 5), (5, 5), (5, 5)), date=days(-20)
    )
    assert late.status_code == early.status_code == 201
    got = client.get(f"/api/v1/assessments/{baseline['id']}", headers=READ).json()
    assert [r["id"] for r in got["reassessments"]] == [early.json()["id"], late.json()["id"]]
    assert [(p["kind"], p["date"], p["performance_score"]) for p in got["timeline"]] == [
        ("baseline", days(-60), 4.0),
        ("reassessment", days(-20), 5.0),
        ("reassessment", days(0), 8.0),
    ]


def test_every_problem_must_be_rated_exactly_once(
    client: TestClient, baseline: dict[str, Any], db
) -> None:
    ratings = ratings_for(baseline, (5, 5), (5, 5), (5, 5))

    missing = reassess(client, baseline["id"], ratings[:2])
    assert missing.status_code == 422
    assert f"mangler problem {baseline['problems'][2]['id']}" in messages(missing)

    twice = reassess(client, baseline["id"], [*ratings, ratings[0]])
    assert twice.status_code == 422
    assert "mere end én gang" in messages(twice)
    assert ("body", "ratings", 3, "problem_id") in error_locs(twice)

    assert rows(db, Reassessment) == 0 and rows(db, ReassessmentRating) == 0


def test_problem_of_another_assessment_is_refused(
    api: Api, client: TestClient, baseline: dict[str, Any]
) -> None:
    other = api.assessment()
    ratings = ratings_for(baseline, (5, 5), (5, 5), (5, 5))
    ratings[1]["problem_id"] = other["problems"][0]["id"]
    response = reassess(client, baseline["id"], ratings)
    assert response.status_code == 422
    assert f"hører ikke til COPM-vurdering {baseline['id']}" in messages(response)


def test_unknown_problem_id_is_refused(client: TestClient, baseline: dict[str, Any]) -> None:
    ratings = ratings_for(baseline, (5, 5), (5, 5), (5, 5))
    ratings[0]["problem_id"] = 2_000_000_000
    response = reassess(client, baseline["id"], ratings)
    assert response.status_code == 422
    assert ("body", "ratings", 0, "problem_id") in error_locs(response)


@pytest.mark.parametrize("value", [0, 11, 2.0, "7"])
def test_reassessment_ratings_are_scores(
    client: TestClient, baseline: dict[str, Any], value: Any
) -> None:
    ratings = ratings_for(baseline, (5, 5), (5, 5), (5, 5))
    ratings[2]["satisfaction"] = value
    response = reassess(client, baseline["id"], ratings)
    assert response.status_code == 422
    assert ("body", "ratings", 2, "satisfaction") in error_locs(response)


def test_reassessment_dates(client: TestClient, baseline: dict[str, Any]) -> None:
    ratings = ratings_for(baseline, (5, 5), (5, 5), (5, 5))
    before = reassess(client, baseline["id"], ratings, date=days(-61))
    assert before.status_code == 422
    assert "før den oprindelige vurdering" in messages(before)
    future = reassess(client, baseline["id"], ratings, date=days(1))
    assert future.status_code == 422
    same_day = reassess(client, baseline["id"], ratings, date=days(-60))
    assert same_day.status_code == 201


def test_reassessment_of_unknown_assessment_is_404(client: TestClient, citizen: str) -> None:
    response = reassess(client, 999_999, [{"problem_id": 1, "performance": 5, "satisfaction": 5}])
    assert response.status_code == 404
