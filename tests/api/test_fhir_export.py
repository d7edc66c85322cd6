"""GET /citizens/{ref}/fhir: a FHIR R4 Bundle shaped on KL Common, validated with fhir.resources.

Every resource is validated with fhir.resources' R4B models (pydantic 2); the KL-specific rules
(category coding, the based-on relationship of a delmål to its goal, nothing personal, no free
text beyond the goal texts) are checked by our own assertions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select

from api import fhir
from api.models import AuditEntry

from .conftest import (
    READ,
    WRITE,
    Api,
    TestClient,
    days,
    evaluation_body,
    problem,
    subgoal_body,
)

KL_GOAL_CATEGORIES = {  # CareSocialCodes, children of "Mål/formål" (version 20250530)
    "416fe27d-3ccf-4390-8742-8b52a9d8dc78",
    "6746d4af-145a-4bfd-a672-05c0cf11b53b",
    "0bb3daef-538d-45dc-b444-abdbcb63f6bc",
    "ca552020-6ed1-4cdc-b0d4-32697f1f27ad",
    "424827b1-23aa-4848-962b-56ee47def560",
    "ffb9886b-d04e-46b1-9165-a400f91f822b",
}
# Texts that must never travel: an evaluation note, the assessor's role, staff and token names.
NOTE = "Datteren Lise var med og hjalp"
FORBIDDEN = (NOTE, "ergoterapeut", "actions", "terapeut-1")
GOAL_TEXTS = {
    "Jeg vil selv kunne hente min post",
    "Hente post",
    "Øve at gå til postkassen med rollator",
    "Gå hver formiddag",
    "Terapeuten følger op",
    "Jeg vil lave kaffe igen",
    "Lave kaffe",
    "Måle vand op",
    "Tage bad selv",
    "Gå i haven",
}


def fhir_get(client: TestClient, reference: str = "B-1042", headers=WRITE) -> dict[str, Any]:
    response = client.get(f"/api/v1/citizens/{reference}/fhir", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/fhir+json; fhirVersion=4.0"
    return response.json()


def resources(bundle: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    found = [entry["resource"] for entry in bundle["entry"]]
    return [r for r in found if kind is None or r["resourceType"] == kind]


def by_url(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}


def extension(resource: dict[str, Any], url: str) -> dict[str, Any]:
    (found,) = [e for e in resource.get("extension", []) if e["url"] == url]
    return found


def part(extension_: dict[str, Any], url: str) -> dict[str, Any]:
    (found,) = [e for e in extension_["extension"] if e["url"] == url]
    return found


@pytest.fixture
def plan(api: Api, client: TestClient) -> dict[str, Any]:
    """A citizen with COPM (two problems, re-assessed), two goals with delmål, evaluations."""
    api.citizen("B-1042")
    assessment = api.assessment(problems=[problem(), problem("Gå i haven", "fritid", 6, 4, 5)])
    first, second = (p["id"] for p in assessment["problems"])
    ratings = [
        {"problem_id": first, "performance": 6, "satisfaction": 6},
        {"problem_id": second, "performance": 5, "satisfaction": 5},
    ]
    reassessment = client.post(
        f"/api/v1/assessments/{assessment['id']}/reassessments",
        json={"date": days(0), "assessor_role": "ergoterapeut", "ratings": ratings},
        headers=WRITE,
    )
    assert reassessment.status_code == 201, reassessment.text
    linked = api.goal(
        problem_id=first,
        subgoals=[
            subgoal_body(),
            subgoal_body(
                description="Måle vand op", responsible="paaroerende", actions=[], status="opnaaet"
            ),
        ],
    )
    other = api.goal(
        statement="Jeg vil lave kaffe igen",
        activity="Lave kaffe",
        area="egenomsorg",
        fsiii_area=None,
        baseline=None,
        status="delvist_opnaaet",
        subgoals=[],
    )
    evaluations = [
        (f"/api/v1/goals/{linked['id']}/evaluations", evaluation_body(date=days(-7), note=NOTE)),
        (f"/api/v1/goals/{linked['id']}/evaluations", evaluation_body(traffic_light="groen")),
        (
            f"/api/v1/subgoals/{linked['subgoals'][0]['id']}/evaluations",
            evaluation_body(traffic_light="roed", performance=None, satisfaction=None),
        ),
    ]
    for url, body in evaluations:
        assert client.post(url, json=body, headers=WRITE).status_code == 201
    return {
        "assessment": assessment,
        "linked": linked,
        "other": other,
        "bundle": fhir_get(client),
    }


def test_every_resource_is_valid_fhir(plan: dict[str, Any]) -> None:
    bundle = plan["bundle"]
    Bundle.model_validate(bundle)
    for resource in resources(bundle):
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    assert bundle["type"] == "collection"
    kinds = [r["resourceType"] for r in resources(bundle)]
    assert kinds.count("Patient") == 1
    assert kinds.count("CodeSystem") == 2
    assert kinds.count("Goal") == 4  # two goals, two delmål
    assert kinds.count("Observation") == 2 + 3  # assessment + re-assessment, 3 evaluations
    # Every reference points into the Bundle.
    urls = set(by_url(bundle))
    assert all(
        entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}" for entry in bundle["entry"]
    )
    for reference in _references(bundle):
        assert reference in urls


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference":
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def test_patient_carries_only_the_pseudonymous_reference(plan: dict[str, Any]) -> None:
    (patient,) = resources(plan["bundle"], "Patient")
    assert set(patient) == {"resourceType", "id", "meta", "identifier"}
    assert patient["identifier"] == [{"system": "urn:rehab:citizen-reference", "value": "B-1042"}]
    assert patient["meta"]["profile"] == [fhir.KL_CITIZEN_PROFILE]
    patient_url = f"urn:uuid:{patient['id']}"
    for resource in resources(plan["bundle"]):
        if resource["resourceType"] in ("Goal", "Observation"):
            assert resource["subject"] == {"reference": patient_url}


def test_goals_follow_kl_common(plan: dict[str, Any]) -> None:
    goals = resources(plan["bundle"], "Goal")
    for goal in goals:
        assert goal["meta"]["profile"] == [fhir.KL_GOAL_PROFILE]
        # KLCommonCareSocialGoal: category 1..1 from KLGoalTypeCodes (KL's CareSocialCodes).
        (category,) = goal["category"]
        (coding,) = category["coding"]
        assert coding["system"] == "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
        assert coding["code"] in KL_GOAL_CATEGORIES
        assert len(goal["target"]) == 1 and set(goal["target"][0]) == {"dueDate"}
    linked = plan["linked"]
    main = next(g for g in goals if g["description"]["text"] == linked["statement"])
    assert main["category"][0]["coding"][0] == {
        "system": fhir.KL_CARE_SOCIAL_CODES,
        "code": "ffb9886b-d04e-46b1-9165-a400f91f822b",
        "display": "Borgers ønsker og mål",
    }
    assert main["target"][0]["dueDate"] == linked["due_date"]
    assert "addresses" not in main  # KL allows only KL Conditions there (see api.fhir)


def test_a_delmaal_is_based_on_its_goal(plan: dict[str, Any]) -> None:
    bundle = plan["bundle"]
    urls = by_url(bundle)
    linked = plan["linked"]
    goals = resources(bundle, "Goal")
    main_url = next(
        url
        for url, r in urls.items()
        if r["resourceType"] == "Goal" and r["description"]["text"] == linked["statement"]
    )
    delmaal = [
        g
        for g in goals
        if g["category"][0]["coding"][0]["code"] == fhir.KL_SUBGOAL_CATEGORY["code"]
    ]
    assert sorted(d["description"]["text"] for d in delmaal) == sorted(
        s["description"] for s in linked["subgoals"]
    )
    for sub in delmaal:
        relationship = extension(sub, "http://hl7.org/fhir/StructureDefinition/goal-relationship")
        kind = part(relationship, "type")["valueCodeableConcept"]
        assert kind["text"] == "based-on"
        assert kind["coding"] == [
            {
                "system": "http://terminology.hl7.org/CodeSystem/goal-relationship-type",
                "code": "other",
                "display": "Other",
            }
        ]
        assert part(relationship, "target")["valueReference"] == {"reference": main_url}
        assert urls[main_url]["resourceType"] == "Goal"
    # Goals themselves relate to nothing.
    for goal in goals:
        if goal not in delmaal:
            assert all(e["url"] != fhir.GOAL_RELATIONSHIP for e in goal.get("extension", []))
    first = next(
        d for d in delmaal if d["description"]["text"] == linked["subgoals"][0]["description"]
    )
    assert [n["text"] for n in first["note"]] == linked["subgoals"][0]["actions"]
    assert extension(first, fhir.EXT_RESPONSIBLE)["valueCoding"]["code"] == "borger"
    second = next(d for d in delmaal if d is not first)
    assert "note" not in second  # no handlinger
    assert extension(second, fhir.EXT_RESPONSIBLE)["valueCoding"]["code"] == "paaroerende"


def _achievement(goal: dict[str, Any]) -> list[str]:
    return [c["code"] for c in goal["achievementStatus"]["coding"]]


def test_status_and_traffic_light_mapping(plan: dict[str, Any]) -> None:
    goals = {g["description"]["text"]: g for g in resources(plan["bundle"], "Goal")}
    linked, other = plan["linked"], plan["other"]
    # Active goal: its latest evaluation (today, green) gives the trend.
    main = goals[linked["statement"]]
    assert main["lifecycleStatus"] == "active"
    assert _achievement(main) == ["improving", "aktiv"]
    # Active delmål evaluated red; achieved delmål.
    assert _achievement(goals[linked["subgoals"][0]["description"]]) == ["worsening", "aktiv"]
    achieved = goals["Måle vand op"]
    assert (achieved["lifecycleStatus"], _achievement(achieved)) == (
        "completed",
        ["achieved", "opnaaet"],
    )
    partly = goals[other["statement"]]
    assert partly["lifecycleStatus"] == "completed"
    assert _achievement(partly) == ["not-achieved", "delvist_opnaaet"]


@pytest.mark.parametrize(
    ("status", "lifecycle", "achievement"),
    [
        ("aktiv", "active", ["in-progress", "aktiv"]),
        ("opnaaet", "completed", ["achieved", "opnaaet"]),
        ("delvist_opnaaet", "completed", ["not-achieved", "delvist_opnaaet"]),
        ("ikke_opnaaet", "completed", ["not-achieved", "ikke_opnaaet"]),
        ("afbrudt", "cancelled", ["afbrudt"]),
    ],
)
def test_every_status_maps(
    api: Api, client: TestClient, status: str, lifecycle: str, achievement: list[str]
) -> None:
    api.citizen("B-1042")
    api.goal(status=status, subgoals=[])
    (goal,) = resources(fhir_get(client), "Goal")
    assert goal["lifecycleStatus"] == lifecycle
    assert _achievement(goal) == achievement
    systems = [c["system"] for c in goal["achievementStatus"]["coding"]]
    assert systems[-1] == fhir.REHAB_SYSTEM


@pytest.mark.parametrize(
    ("light", "trend"), [("groen", "improving"), ("gul", "no-change"), ("roed", "worsening")]
)
def test_latest_traffic_light_sets_the_trend_of_an_active_goal(
    api: Api, client: TestClient, light: str, trend: str
) -> None:
    api.citizen("B-1042")
    goal = api.goal(subgoals=[])
    for date, colour in ((days(-3), "roed" if light != "roed" else "groen"), (days(-1), light)):
        client.post(
            f"/api/v1/goals/{goal['id']}/evaluations",
            json=evaluation_body(date=date, traffic_light=colour),
            headers=WRITE,
        )
    (exported,) = resources(fhir_get(client), "Goal")
    assert _achievement(exported)[0] == trend


def _components(observation: dict[str, Any]) -> list[tuple[int | None, str, Any]]:
    rows = []
    for component in observation["component"]:
        priority = next((e["valuePositiveInt"] for e in component.get("extension", [])), None)
        (coding,) = component["code"]["coding"]
        assert coding["system"] == fhir.COPM_SYSTEM
        value = next(v for k, v in component.items() if k.startswith("value"))
        rows.append((priority, coding["code"], value))
    return rows


def test_copm_assessment_and_reassessment(plan: dict[str, Any]) -> None:
    observations = resources(plan["bundle"], "Observation")
    baseline = next(o for o in observations if o["code"]["coding"][0]["code"] == "assessment")
    again = next(o for o in observations if o["code"]["coding"][0]["code"] == "reassessment")
    score = {"unit": "point", "system": "http://unitsofmeasure.org", "code": "{score}"}
    assert baseline["category"][0]["coding"][0]["code"] == "survey"
    assert baseline["effectiveDateTime"] == plan["assessment"]["date"]
    assert _components(baseline) == [
        (1, "problem", {"coding": [{"system": fhir.COPM_SYSTEM, "code": "egenomsorg",
                                    "display": "Egenomsorg"}], "text": "Tage bad selv"}),
        (1, "importance", 8),
        (1, "performance", 3),
        (1, "satisfaction", 2),
        (2, "problem", {"coding": [{"system": fhir.COPM_SYSTEM, "code": "fritid",
                                    "display": "Fritid"}], "text": "Gå i haven"}),
        (2, "importance", 6),
        (2, "performance", 4),
        (2, "satisfaction", 5),
        (None, "performance-score", {"value": 3.5, **score}),
        (None, "satisfaction-score", {"value": 3.5, **score}),
    ]  # fmt: skip
    assert again["derivedFrom"] == [{"reference": f"urn:uuid:{baseline['id']}"}]
    assert _components(again) == [
        (1, "performance", 6),
        (1, "satisfaction", 6),
        (2, "performance", 5),
        (2, "satisfaction", 5),
        (None, "performance-score", {"value": 5.5, **score}),
        (None, "satisfaction-score", {"value": 5.5, **score}),
        (None, "performance-change", {"value": 2.0, **score}),
        (None, "satisfaction-change", {"value": 2.0, **score}),
    ]
    # The goal linked to problem 1 points at the assessment, with the problem's priority.
    main = next(
        g for g in resources(plan["bundle"], "Goal")
        if g["description"]["text"] == plan["linked"]["statement"]
    )  # fmt: skip
    copm_ext = extension(main, fhir.EXT_GOAL_COPM)
    assert part(copm_ext, "problem")["valueReference"] == {
        "reference": f"urn:uuid:{baseline['id']}"
    }
    assert part(copm_ext, "priority")["valuePositiveInt"] == 1
    assert part(copm_ext, "activity")["valueString"] == "Hente post"
    assert [part(copm_ext, f"baseline-{n}")["valueInteger"] for n in
            ("importance", "performance", "satisfaction")] == [8, 3, 2]  # fmt: skip
    assert extension(main, fhir.EXT_FSIII_AREA)["valueCodeableConcept"] == {
        "text": "Mobilitet og bevægelse"
    }


def test_evaluations_are_observations_about_their_goal(plan: dict[str, Any]) -> None:
    bundle = plan["bundle"]
    urls = by_url(bundle)
    evaluations = [
        o
        for o in resources(bundle, "Observation")
        if o["code"]["coding"][0]["code"] == "evaluation"
    ]
    assert len(evaluations) == 3
    seen = []
    for evaluation in evaluations:
        assert evaluation["code"]["coding"][1] == {
            "system": "http://snomed.info/sct",
            "code": "712744002",
            "display": "Evaluation of care plan",
        }
        (focus,) = evaluation["focus"]
        target = urls[focus["reference"]]
        assert target["resourceType"] == "Goal"
        (light,) = evaluation["valueCodeableConcept"]["coding"]
        assert light["system"] == fhir.REHAB_SYSTEM
        seen.append((target["description"]["text"], evaluation["effectiveDateTime"], light["code"]))
    linked = plan["linked"]
    assert sorted(seen) == sorted(
        [
            (linked["statement"], days(-7), "gul"),
            (linked["statement"], days(0), "groen"),
            (linked["subgoals"][0]["description"], days(0), "roed"),
        ]
    )
    with_ratings = [e for e in evaluations if "component" in e]
    assert len(with_ratings) == 2
    assert _components(with_ratings[0]) == [(None, "performance", 5), (None, "satisfaction", 6)]


def _strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, value in node.items():
            yield from _strings(value, k)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, key)
    elif isinstance(node, str):
        yield key, node


def test_nothing_personal_and_no_free_text_beyond_the_goal_texts(plan: dict[str, Any]) -> None:
    bundle = plan["bundle"]
    code_system_texts = {text for _, text in _strings(fhir.code_systems())}
    known_displays = code_system_texts | {
        fhir.KL_GOAL_CATEGORY["display"],
        fhir.KL_SUBGOAL_CATEGORY["display"],
        fhir.SNOMED_EVALUATION["display"],
        "Other",
        "Survey",
        *(status.achievement[1] for status in fhir.GOAL_STATUS.values() if status.achievement),
        *(light.trend[1] for light in fhir.TRAFFIC_LIGHT.values()),
        fhir.IN_PROGRESS[1],
    }
    for resource in resources(bundle):
        if resource["resourceType"] == "CodeSystem":
            continue  # the project's own terminology, fixed in api.fhir
        for key in ("name", "birthDate", "gender", "address", "telecom", "performer", "note"):
            if resource["resourceType"] != "Goal" or key != "note":
                assert key not in resource, (resource["resourceType"], key)
        for key, value in _strings(resource):
            if key in ("text", "valueString"):
                assert value in GOAL_TEXTS | {"based-on", "Mobilitet og bevægelse"}, value
            elif key == "display":
                assert value in known_displays, value
            else:
                # Everything else is a code, an id, a URI or a date: no spaces, no prose.
                assert " " not in value, (key, value)
    text = str(bundle)
    for forbidden in FORBIDDEN:
        assert forbidden not in text


def test_export_is_audited_and_ids_are_stable(plan: dict[str, Any], client: TestClient, db) -> None:
    again = fhir_get(client, headers=READ)
    assert again["id"] != plan["bundle"]["id"]  # a new Bundle
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in plan["bundle"]["entry"]]
    with db() as session:
        rows = list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity_type == "fhir_export")
                .order_by(AuditEntry.id)
            )
        )
    assert [(r.action.value, r.actor, r.actor_role, r.citizen_reference) for r in rows] == [
        ("export", "actions", "token:write", "B-1042"),
        ("export", "rapport", "token:read", "B-1042"),
    ]
    assert rows[0].entity_id is not None


def test_unknown_citizen_is_404_and_not_audited(client: TestClient, db) -> None:
    response = client.get("/api/v1/citizens/X-1/fhir", headers=WRITE)
    assert response.status_code == 404
    assert response.json()["detail"] == "Borger med reference 'X-1' findes ikke"
    with db() as session:
        assert (
            session.scalars(select(AuditEntry).where(AuditEntry.entity_type == "fhir_export")).all()
            == []
        )


def test_a_citizen_without_goals_exports_a_valid_bundle(api: Api, client: TestClient) -> None:
    api.citizen("B-7")
    bundle = fhir_get(client, "B-7")
    Bundle.model_validate(bundle)
    assert [r["resourceType"] for r in resources(bundle)] == ["Patient", "CodeSystem", "CodeSystem"]
    for code_system in resources(bundle, "CodeSystem"):
        get_fhir_model_class("CodeSystem").model_validate(code_system)
        assert code_system["url"] in (fhir.COPM_SYSTEM, fhir.REHAB_SYSTEM)
        assert code_system["content"] == "complete"
