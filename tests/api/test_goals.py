"""Goals with delmål, evaluations, patches, and all-or-nothing creation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, update

from api.enums import FunctionArea
from api.models import Evaluation, Goal, Subgoal

from .conftest import (
    READ,
    WRITE,
    Api,
    TestClient,
    days,
    error_locs,
    evaluation_body,
    goal_body,
    messages,
    subgoal_body,
)


@pytest.fixture
def goal(api: Api, citizen: str) -> dict[str, Any]:
    return api.goal(citizen)


def post_goal(client: TestClient, body: dict[str, Any], reference: str = "B-1042") -> Any:
    return client.post(f"/api/v1/citizens/{reference}/goals", json=body, headers=WRITE)


def rows(db, model: type) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(model))


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


# --- creating goals ----------------------------------------------------------------------


def test_create_goal_with_subgoals(client: TestClient, citizen: str) -> None:
    body = goal_body(subgoals=[subgoal_body(), subgoal_body(responsible="paaroerende", actions=[])])
    response = post_goal(client, body)
    assert response.status_code == 201, response.text
    goal = response.json()
    assert goal["citizen_reference"] == "B-1042"
    assert goal["statement"] == body["statement"]
    assert goal["area"] == "egenomsorg"
    assert goal["fsiii_area"] == "Mobilitet og bevægelse"
    assert goal["baseline"] == {"importance": 9, "performance": 3, "satisfaction": 2}
    assert goal["due_date"] == days(90)
    assert goal["status"] == "aktiv"
    assert goal["created_by"] == "actions"
    assert goal["problem_id"] is None
    created = parse_time(goal["created_at"])
    assert created.utcoffset() == dt.timedelta(0)
    assert goal["updated_at"] == goal["created_at"]
    assert goal["evaluations"] == [] and goal["latest_evaluation"] is None
    first, second = goal["subgoals"]
    assert first["actions"] == ["Gå hver formiddag", "Terapeuten følger op"]
    assert first["responsible"] == "borger" and first["status"] == "aktiv"
    assert second["responsible"] == "paaroerende" and second["actions"] == []
    assert first["goal_id"] == goal["id"] and first["latest_evaluation"] is None


def test_minimal_goal(client: TestClient, citizen: str) -> None:
    body = {
        "statement": "Jeg vil kunne lave min egen morgenmad",
        "area": "egenomsorg",
        "activity": "Lave morgenmad",
        "due_date": days(0),  # today is allowed
    }
    response = post_goal(client, body)
    assert response.status_code == 201, response.text
    goal = response.json()
    assert goal["fsiii_area"] is None and goal["baseline"] is None and goal["subgoals"] == []


@pytest.mark.parametrize("area", [area.value for area in FunctionArea])
def test_all_13_fsiii_areas_are_accepted(client: TestClient, citizen: str, area: str) -> None:
    assert len(FunctionArea) == 13
    assert post_goal(client, goal_body(fsiii_area=area)).status_code == 201


@pytest.mark.parametrize(
    "status", ["aktiv", "opnaaet", "delvist_opnaaet", "ikke_opnaaet", "afbrudt"]
)
def test_goal_statuses(client: TestClient, citizen: str, status: str) -> None:
    response = post_goal(client, goal_body(status=status))
    assert response.status_code == 201 and response.json()["status"] == status


@pytest.mark.parametrize(
    ("fields", "loc", "text"),
    [
        ({"due_date": days(-1)}, ("body", "due_date"), "i fortiden"),
        ({"due_date": "2999-01-01"}, ("body", "due_date"), "10 år"),
        ({"due_date": None}, ("body", "due_date"), ""),
        ({"fsiii_area": "personlig pleje"}, ("body", "fsiii_area"), "'Personlig pleje'"),
        ({"fsiii_area": "Bad"}, ("body", "fsiii_area"), "Input should be"),
        ({"area": "arbejde"}, ("body", "area"), "'egenomsorg'"),
        ({"status": "done"}, ("body", "status"), "'aktiv'"),
        ({"statement": "x" * 2001}, ("body", "statement"), "at most 2000"),
        ({"statement": " \n "}, ("body", "statement"), "at least 1"),
        ({"statement": "Mit cpr er 0101901234"}, ("body", "statement"), "CPR-nummer"),
        ({"activity": "x" * 301}, ("body", "activity"), "at most 300"),
        ({"activity": "bad 311299 1234"}, ("body", "activity"), "CPR-nummer"),
        (
            {"baseline": {"importance": 9, "performance": 3}},
            ("body", "baseline", "satisfaction"),
            "",
        ),
        (
            {"baseline": {"importance": 11, "performance": 3, "satisfaction": 2}},
            ("body", "baseline", "importance"),
            "less than or equal to 10",
        ),
        (
            {"baseline": {"importance": 0, "performance": 3, "satisfaction": 2}},
            ("body", "baseline", "importance"),
            "greater than or equal to 1",
        ),
        ({"problem_id": 0}, ("body", "problem_id"), ""),
        ({"created_by": "someone"}, ("body", "created_by"), "Extra inputs"),
        ({"subgoals": [subgoal_body()] * 21}, ("body", "subgoals"), "at most 20"),
    ],
)
def test_goal_validation(
    client: TestClient, citizen: str, db, fields: dict[str, Any], loc: tuple[Any, ...], text: str
) -> None:
    response = post_goal(client, goal_body(**fields))
    assert response.status_code == 422
    assert loc in error_locs(response), messages(response)
    assert text in messages(response)
    assert rows(db, Goal) == 0


def test_statement_of_2000_characters_is_fine(client: TestClient, citizen: str) -> None:
    assert post_goal(client, goal_body(statement="x" * 2000)).status_code == 201


@pytest.mark.parametrize(
    ("change", "loc", "text"),
    [
        ({"due_date": days(-1)}, ("body", "subgoals", 1, "due_date"), "i fortiden"),
        ({"due_date": days(91)}, ("body", "subgoals", 1, "due_date"), "efter målets frist"),
        ({"responsible": "nabo"}, ("body", "subgoals", 1, "responsible"), "'kontaktperson'"),
        ({"actions": ["x"] * 21}, ("body", "subgoals", 1, "actions"), "at most 20"),
        ({"actions": ["ok", "x" * 301]}, ("body", "subgoals", 1, "actions", 1), "at most 300"),
        ({"actions": ["Ring 010190-1234"]}, ("body", "subgoals", 1, "actions", 0), "CPR-nummer"),
        ({"actions": "Gå tur"}, ("body", "subgoals", 1, "actions"), "valid list"),
        ({"description": "x" * 2001}, ("body", "subgoals", 1, "description"), "at most 2000"),
        ({"description": "0101901234"}, ("body", "subgoals", 1, "description"), "CPR-nummer"),
        ({"status": "færdig"}, ("body", "subgoals", 1, "status"), "'opnaaet'"),
    ],
)
def test_one_invalid_subgoal_creates_nothing(
    client: TestClient, citizen: str, db, change: dict[str, Any], loc: tuple[Any, ...], text: str
) -> None:
    body = goal_body(subgoals=[subgoal_body(), subgoal_body(**change)])
    response = post_goal(client, body)
    assert response.status_code == 422
    assert loc in error_locs(response), messages(response)
    assert text in messages(response)
    assert rows(db, Goal) == 0 and rows(db, Subgoal) == 0


def test_subgoal_limits_are_inclusive(client: TestClient, citizen: str) -> None:
    subgoal = subgoal_body(actions=["x" * 300] * 20, due_date=days(90))
    response = post_goal(client, goal_body(subgoals=[subgoal] * 20))
    assert response.status_code == 201
    assert len(response.json()["subgoals"]) == 20


def test_goal_for_unknown_citizen_is_404(client: TestClient) -> None:
    assert post_goal(client, goal_body(), reference="T-9999").status_code == 404


def test_goal_linked_to_copm_problem_of_same_citizen(
    api: Api, client: TestClient, citizen: str
) -> None:
    problem_id = api.assessment()["problems"][0]["id"]
    response = post_goal(client, goal_body(problem_id=problem_id))
    assert response.status_code == 201 and response.json()["problem_id"] == problem_id


def test_goal_cannot_use_another_citizens_problem(
    api: Api, client: TestClient, citizen: str, db
) -> None:
    api.citizen("T-0001")
    foreign = api.assessment("T-0001")["problems"][0]["id"]
    for problem_id in (foreign, 2_000_000_000):
        response = post_goal(client, goal_body(problem_id=problem_id))
        assert response.status_code == 422
        assert ("body", "problem_id") in error_locs(response)
        assert f"COPM-problem {problem_id} findes ikke hos borger 'B-1042'" in messages(response)
    assert rows(db, Goal) == 0


# --- reading ------------------------------------------------------------------------------


def test_list_goals_with_subgoals_and_latest_evaluation(
    api: Api, client: TestClient, goal: dict[str, Any]
) -> None:
    second = api.goal(statement="Jeg vil i haven igen", subgoals=[])
    subgoal_id = goal["subgoals"][0]["id"]
    evaluate = f"/api/v1/goals/{goal['id']}/evaluations"
    # Created out of date order: the latest evaluation is the one with the latest date.
    newest = client.post(
        evaluate, json=evaluation_body(date=days(0), traffic_light="groen"), headers=WRITE
    )
    oldest = client.post(
        evaluate, json=evaluation_body(date=days(-14), traffic_light="roed"), headers=WRITE
    )
    sub = client.post(
        f"/api/v1/subgoals/{subgoal_id}/evaluations",
        json=evaluation_body(note=None, performance=None, satisfaction=None),
        headers=WRITE,
    )
    assert newest.status_code == oldest.status_code == sub.status_code == 201

    response = client.get("/api/v1/citizens/B-1042/goals", headers=READ)
    assert response.status_code == 200
    listed = response.json()
    assert [g["id"] for g in listed] == [goal["id"], second["id"]]
    first = listed[0]
    assert [e["id"] for e in first["evaluations"]] == [oldest.json()["id"], newest.json()["id"]]
    assert first["latest_evaluation"] == newest.json()
    assert first["subgoals"][0]["latest_evaluation"] == sub.json()
    assert first["subgoals"][0]["evaluations"] == [sub.json()]
    assert listed[1]["latest_evaluation"] is None and listed[1]["subgoals"] == []


def test_list_goals_of_unknown_citizen_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/citizens/T-9999/goals", headers=READ).status_code == 404


def test_get_goal(client: TestClient, goal: dict[str, Any]) -> None:
    response = client.get(f"/api/v1/goals/{goal['id']}", headers=READ)
    assert response.status_code == 200 and response.json() == goal
    assert client.get("/api/v1/goals/999999", headers=READ).status_code == 404


# --- patching goals -------------------------------------------------------------------


def patch_goal(client: TestClient, goal_id: int, body: dict[str, Any]) -> Any:
    return client.patch(f"/api/v1/goals/{goal_id}", json=body, headers=WRITE)


def test_patch_goal_changes_only_given_fields(client: TestClient, goal: dict[str, Any]) -> None:
    response = patch_goal(
        client, goal["id"], {"status": "opnaaet", "statement": "Jeg kan selv hente min post"}
    )
    assert response.status_code == 200, response.text
    patched = response.json()
    assert patched["status"] == "opnaaet"
    assert patched["statement"] == "Jeg kan selv hente min post"
    assert patched["activity"] == goal["activity"] and patched["baseline"] == goal["baseline"]
    assert patched["created_at"] == goal["created_at"]
    assert parse_time(patched["updated_at"]) > parse_time(goal["updated_at"])
    assert client.get(f"/api/v1/goals/{goal['id']}", headers=READ).json() == patched


def test_patch_nullable_fields(api: Api, client: TestClient, goal: dict[str, Any]) -> None:
    problem_id = api.assessment()["problems"][0]["id"]
    linked = patch_goal(client, goal["id"], {"problem_id": problem_id, "fsiii_area": "Trivsel"})
    assert linked.status_code == 200
    assert linked.json()["problem_id"] == problem_id and linked.json()["fsiii_area"] == "Trivsel"
    cleared = patch_goal(
        client, goal["id"], {"problem_id": None, "fsiii_area": None, "baseline": None}
    )
    assert cleared.status_code == 200
    body = cleared.json()
    assert body["problem_id"] is None and body["fsiii_area"] is None and body["baseline"] is None
    baseline = {"importance": 5, "performance": 5, "satisfaction": 5}
    assert patch_goal(client, goal["id"], {"baseline": baseline}).json()["baseline"] == baseline


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ({}, "Angiv mindst ét felt"),
        ({"statement": None}, "'statement' må ikke være null"),
        ({"status": None}, "'status' må ikke være null"),
        ({"due_date": None}, "'due_date' må ikke være null"),
        ({"status": "slut"}, "'aktiv'"),
        ({"due_date": days(-1)}, "i fortiden"),
        ({"statement": "x" * 2001}, "at most 2000"),
        ({"note": "x"}, "Extra inputs"),
        ({"baseline": {"importance": 5}}, "Field required"),
        ({"statement": "ring 010190-1234"}, "CPR-nummer"),
    ],
)
def test_invalid_goal_patch_is_422_and_changes_nothing(
    client: TestClient, goal: dict[str, Any], body: dict[str, Any], text: str
) -> None:
    response = patch_goal(client, goal["id"], body)
    assert response.status_code == 422
    assert text in messages(response)
    assert client.get(f"/api/v1/goals/{goal['id']}", headers=READ).json() == goal


def test_goal_due_date_cannot_move_before_its_subgoals(
    client: TestClient, goal: dict[str, Any]
) -> None:
    subgoal_id = goal["subgoals"][0]["id"]  # due in 30 days
    response = patch_goal(client, goal["id"], {"due_date": days(29)})
    assert response.status_code == 422
    assert f"delmål {subgoal_id}" in messages(response)
    assert patch_goal(client, goal["id"], {"due_date": days(30)}).status_code == 200


def test_patch_goal_with_unchanged_past_due_date(
    client: TestClient, goal: dict[str, Any], db
) -> None:
    # A goal whose deadline has passed can still be closed, even if the client resends the date.
    past = dt.date.fromisoformat(days(-3))
    with db() as session:
        session.execute(update(Subgoal).values(due_date=past))
        session.execute(update(Goal).where(Goal.id == goal["id"]).values(due_date=past))
        session.commit()
    response = patch_goal(
        client, goal["id"], {"status": "ikke_opnaaet", "due_date": past.isoformat()}
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ikke_opnaaet"


def test_patch_goal_with_another_citizens_problem_is_422(
    api: Api, client: TestClient, goal: dict[str, Any]
) -> None:
    api.citizen("T-0001")
    foreign = api.assessment("T-0001")["problems"][0]["id"]
    response = patch_goal(client, goal["id"], {"problem_id": foreign})
    assert response.status_code == 422
    assert ("body", "problem_id") in error_locs(response)


def test_patch_unknown_goal_is_404(client: TestClient, citizen: str) -> None:
    assert patch_goal(client, 999_999, {"status": "afbrudt"}).status_code == 404


def test_patch_without_changes_keeps_updated_at(client: TestClient, goal: dict[str, Any]) -> None:
    response = patch_goal(client, goal["id"], {"status": "aktiv"})
    assert response.status_code == 200
    assert response.json()["updated_at"] == goal["updated_at"]


# --- delmål -----------------------------------------------------------------------------------


def test_add_subgoal(client: TestClient, goal: dict[str, Any]) -> None:
    response = client.post(
        f"/api/v1/goals/{goal['id']}/subgoals",
        json=subgoal_body(responsible="kontaktperson", due_date=days(90)),
        headers=WRITE,
    )
    assert response.status_code == 201, response.text
    subgoal = response.json()
    assert subgoal["goal_id"] == goal["id"] and subgoal["responsible"] == "kontaktperson"
    assert subgoal["evaluations"] == [] and subgoal["latest_evaluation"] is None
    listed = client.get(f"/api/v1/goals/{goal['id']}", headers=READ).json()["subgoals"]
    assert [s["id"] for s in listed] == [goal["subgoals"][0]["id"], subgoal["id"]]


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"due_date": days(91)}, "efter målets frist"),
        ({"due_date": days(-1)}, "i fortiden"),
        ({"responsible": "nabo"}, "'borger'"),
        ({"description": ""}, "at least 1"),
    ],
)
def test_add_invalid_subgoal(
    client: TestClient, goal: dict[str, Any], db, change: dict[str, Any], text: str
) -> None:
    response = client.post(
        f"/api/v1/goals/{goal['id']}/subgoals", json=subgoal_body(**change), headers=WRITE
    )
    assert response.status_code == 422
    assert text in messages(response)
    assert rows(db, Subgoal) == 1


def test_add_subgoal_to_unknown_goal_is_404(client: TestClient, citizen: str) -> None:
    response = client.post("/api/v1/goals/999999/subgoals", json=subgoal_body(), headers=WRITE)
    assert response.status_code == 404


def patch_subgoal(client: TestClient, subgoal_id: int, body: dict[str, Any]) -> Any:
    return client.patch(f"/api/v1/subgoals/{subgoal_id}", json=body, headers=WRITE)


def test_patch_subgoal(client: TestClient, goal: dict[str, Any]) -> None:
    subgoal = goal["subgoals"][0]
    response = patch_subgoal(
        client,
        subgoal["id"],
        {
            "status": "opnaaet",
            "actions": ["Ny handling"],
            "responsible": "terapeut",
            "due_date": days(60),
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "opnaaet" and body["actions"] == ["Ny handling"]
    assert body["responsible"] == "terapeut" and body["due_date"] == days(60)
    assert body["description"] == subgoal["description"]
    assert parse_time(body["updated_at"]) > parse_time(subgoal["updated_at"])
    assert patch_subgoal(client, subgoal["id"], {"actions": []}).json()["actions"] == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ({}, "Angiv mindst ét felt"),
        ({"description": None}, "'description' må ikke være null"),
        ({"actions": None}, "'actions' må ikke være null"),
        ({"due_date": days(91)}, "efter målets frist"),
        ({"due_date": days(-1)}, "i fortiden"),
        ({"actions": ["x"] * 21}, "at most 20"),
        ({"goal_id": 5}, "Extra inputs"),
    ],
)
def test_invalid_subgoal_patch(
    client: TestClient, goal: dict[str, Any], body: dict[str, Any], text: str
) -> None:
    subgoal = goal["subgoals"][0]
    response = patch_subgoal(client, subgoal["id"], body)
    assert response.status_code == 422
    assert text in messages(response)
    assert client.get(f"/api/v1/goals/{goal['id']}", headers=READ).json()["subgoals"][0] == subgoal


def test_patch_unknown_subgoal_is_404(client: TestClient, citizen: str) -> None:
    assert patch_subgoal(client, 999_999, {"status": "afbrudt"}).status_code == 404


# --- evaluations ----------------------------------------------------------------------


@pytest.mark.parametrize("target", ["goal", "subgoal"])
def test_evaluate_goal_and_subgoal(client: TestClient, goal: dict[str, Any], target: str) -> None:
    target_id = goal["id"] if target == "goal" else goal["subgoals"][0]["id"]
    response = client.post(
        f"/api/v1/{target}s/{target_id}/evaluations", json=evaluation_body(), headers=WRITE
    )
    assert response.status_code == 201, response.text
    evaluation = response.json()
    assert evaluation[f"{target}_id"] == target_id
    other = "subgoal" if target == "goal" else "goal"
    assert evaluation[f"{other}_id"] is None
    assert evaluation["traffic_light"] == "gul"
    assert (evaluation["performance"], evaluation["satisfaction"]) == (5, 6)
    assert evaluation["note"] == "Går længere end sidst"
    assert evaluation["created_by"] == "actions"


def test_evaluation_with_only_required_fields(client: TestClient, goal: dict[str, Any]) -> None:
    response = client.post(
        f"/api/v1/goals/{goal['id']}/evaluations",
        json={"date": days(0), "traffic_light": "roed"},
        headers=WRITE,
    )
    assert response.status_code == 201
    body = response.json()
    assert body["performance"] is None and body["satisfaction"] is None and body["note"] is None


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"traffic_light": "green"}, "'groen', 'gul' or 'roed'"),
        ({"traffic_light": None}, "traffic_light"),
        ({"performance": 0}, "greater than or equal to 1"),
        ({"satisfaction": 11}, "less than or equal to 10"),
        ({"date": days(1)}, "fremtiden"),
        ({"note": "x" * 2001}, "at most 2000"),
        ({"note": "Borger 010190-1234 var glad"}, "CPR-nummer"),
    ],
)
@pytest.mark.parametrize("target", ["goal", "subgoal"])
def test_invalid_evaluation(
    client: TestClient,
    goal: dict[str, Any],
    db,
    target: str,
    change: dict[str, Any],
    text: str,
) -> None:
    target_id = goal["id"] if target == "goal" else goal["subgoals"][0]["id"]
    response = client.post(
        f"/api/v1/{target}s/{target_id}/evaluations", json=evaluation_body(**change), headers=WRITE
    )
    assert response.status_code == 422
    assert text in messages(response)
    assert rows(db, Evaluation) == 0


@pytest.mark.parametrize("target", ["goals", "subgoals"])
def test_evaluation_of_unknown_target_is_404(client: TestClient, citizen: str, target: str) -> None:
    response = client.post(
        f"/api/v1/{target}/999999/evaluations", json=evaluation_body(), headers=WRITE
    )
    assert response.status_code == 404


# --- the baseline of a goal linked to a COPM problem -------------------------------------


@pytest.fixture
def problem_id(api: Api, citizen: str) -> int:
    # problem(): importance 8, performance 3, satisfaction 2
    return api.assessment()["problems"][0]["id"]


PROBLEM_BASELINE = {"importance": 8, "performance": 3, "satisfaction": 2}


def test_linked_goal_takes_its_baseline_from_the_problem(
    client: TestClient, problem_id: int
) -> None:
    response = post_goal(client, goal_body(problem_id=problem_id))  # no baseline sent
    assert response.status_code == 201, response.text
    assert response.json()["baseline"] == PROBLEM_BASELINE
    agreeing = post_goal(client, goal_body(problem_id=problem_id, baseline=PROBLEM_BASELINE))
    assert agreeing.status_code == 201
    assert agreeing.json()["baseline"] == PROBLEM_BASELINE


def test_linked_goal_with_a_disagreeing_baseline_is_422(
    client: TestClient, problem_id: int, db
) -> None:
    baseline = {**PROBLEM_BASELINE, "performance": 4}
    response = post_goal(client, goal_body(problem_id=problem_id, baseline=baseline))
    assert response.status_code == 422
    assert error_locs(response) == [("body", "baseline")]
    assert f"COPM-problem {problem_id}" in messages(response)
    assert "vigtighed 8, udførelse 3, tilfredshed 2" in messages(response)
    assert rows(db, Goal) == 0


def test_unlinked_goal_keeps_the_baseline_it_was_given(client: TestClient, citizen: str) -> None:
    response = post_goal(client, goal_body())
    assert response.json()["baseline"] == {"importance": 9, "performance": 3, "satisfaction": 2}


def test_linking_by_patch_derives_the_baseline(
    client: TestClient, goal: dict[str, Any], problem_id: int
) -> None:
    linked = patch_goal(client, goal["id"], {"problem_id": problem_id})
    assert linked.status_code == 200
    assert linked.json()["baseline"] == PROBLEM_BASELINE
    # While linked, a baseline that disagrees with the problem (or none) is refused ...
    for baseline in ({**PROBLEM_BASELINE, "importance": 1}, None):
        refused = patch_goal(client, goal["id"], {"baseline": baseline})
        assert refused.status_code == 422
        assert error_locs(refused) == [("body", "baseline")]
    # ... one that agrees is fine, and unlinking frees the baseline again.
    assert patch_goal(client, goal["id"], {"baseline": PROBLEM_BASELINE}).status_code == 200
    free = patch_goal(client, goal["id"], {"problem_id": None, "baseline": None})
    assert free.status_code == 200 and free.json()["baseline"] is None


def test_a_goal_field_needs_only_the_model_and_the_schemas() -> None:
    # The services copy goal fields generically (see "Adding a field" in api/README.md): every
    # field a client sends must exist on the model, be patchable and be shown.
    from api.models import Goal as GoalModel
    from api.schemas.goals import GoalCreate, GoalOut, GoalPatch

    fields = set(GoalCreate.model_fields) - {"subgoals"}
    assert all(hasattr(GoalModel, name) for name in fields)
    assert fields <= set(GoalPatch.model_fields)
    assert fields <= set(GoalOut.model_fields)
