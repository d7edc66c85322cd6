"""FHIR R4 export of one citizen: goals and delmål as Goals, COPM and evaluations as Observations.

Pure mapping from the ORM rows to FHIR JSON (plain dicts); no database and no HTTP here. The
service (api.services.fhir) loads the rows and audits the export. api/README.md has the mapping
table; the decisions in short:

- Goals are shaped on KL Common's `KLCommonCareSocialGoal` (hl7dk/KL-dk): `category` 1..1 from
  KL's goal categories (code system `CareSocialCodes`, value set KLGoalTypeCodes), the
  description in the citizen's own words, `target.dueDate`, and a delmål pointing to its goal
  with the core `goal-relationship` extension, type text "based-on" and code `other`, exactly as
  KL's example AndreasDelmaal does.
- `Goal.addresses` is left out: KL allows only KL Conditions or MatterOfInterest Observations
  there, and those need FSIII/FFB condition codes the product does not record. The COPM problem
  behind a goal travels in the project extension `goal-copm` instead.
- COPM assessments and re-assessments are Observations with a component per rating and problem
  and the two scores; KL has no COPM profile, so the codes are the project's own CodeSystem,
  which is included in every Bundle (with the product's other codes).
- Evaluations are Observations (dated, traffic light, optional ratings) with `focus` on the goal
  or delmål, not `Goal.outcome`: R4's outcome has no date, and there are many evaluations.
- Nothing about people travels but the pseudonymous reference: no names, no CPR, no staff
  usernames, no assessor roles, and no free text except the goal texts themselves (statement,
  activity, delmål, handlinger, COPM activity). Evaluation notes stay home (staff free text).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, NamedTuple

from api import copm
from api.clock import DANISH_TIME
from api.enums import GoalStatus, OccupationArea, Responsible, TrafficLight
from api.models import Assessment, Citizen, Evaluation, Goal, Reassessment, Subgoal

Json = dict[str, Any]

FHIR_MEDIA_TYPE = "application/fhir+json; fhirVersion=4.0"

# --- identifiers and canonical URLs ----------------------------------------------------------
# The project's own names are URNs: they identify, and do not pretend to resolve anywhere.
CITIZEN_REFERENCE_SYSTEM = "urn:rehab:citizen-reference"
BASE = "urn:rehab:fhir"


def _urn(resource_type: str, name: str) -> str:
    """The canonical URL of one of the project's CodeSystems or StructureDefinitions."""
    return f"{BASE}:{resource_type}:{name}"


COPM_SYSTEM = _urn("CodeSystem", "copm")
REHAB_SYSTEM = _urn("CodeSystem", "rehab")
EXT_GOAL_COPM = _urn("StructureDefinition", "goal-copm")
EXT_FSIII_AREA = _urn("StructureDefinition", "goal-fsiii-area")
EXT_RESPONSIBLE = _urn("StructureDefinition", "subgoal-responsible")
EXT_PROBLEM_PRIORITY = _urn("StructureDefinition", "copm-problem-priority")
# uuid5 namespace for stable resource ids: the same goal gets the same id in every export.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE)

# HL7 and KL
GOAL_RELATIONSHIP = "http://hl7.org/fhir/StructureDefinition/goal-relationship"
GOAL_RELATIONSHIP_TYPE = "http://terminology.hl7.org/CodeSystem/goal-relationship-type"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
KL_CARE_SOCIAL_CODES = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
KL_PROFILES = "http://kl.dk/fhir/common/caresocial/StructureDefinition"
KL_GOAL_PROFILE = f"{KL_PROFILES}/KLCommonCareSocialGoal"
KL_CITIZEN_PROFILE = f"{KL_PROFILES}/KLCommonCitizen"

# KL's goal categories (CareSocialCodes, children of "Mål/formål", value set KLGoalTypeCodes).
# The goal is the citizen's own, in their words: "Borgers ønsker og mål". A delmål: "FFB delmål",
# the only delmål code KL has (its definition places it under an indsatsmål).
KL_GOAL_CATEGORY = {
    "code": "ffb9886b-d04e-46b1-9165-a400f91f822b",
    "display": "Borgers ønsker og mål",
}
KL_SUBGOAL_CATEGORY = {"code": "6746d4af-145a-4bfd-a672-05c0cf11b53b", "display": "FFB delmål"}
# KL's follow-up profile (KLCommonCareSocialFollowUp) codes a follow-up with this concept.
SNOMED_EVALUATION = {"code": "712744002", "display": "Evaluation of care plan"}

# --- status mapping (api/README.md, "FHIR export") -------------------------------------------


class StatusCodes(NamedTuple):
    display: str  # in the product's own code system
    lifecycle: str  # Goal.lifecycleStatus
    achievement: tuple[str, str] | None  # Goal.achievementStatus (code, display) once it ended


# R4 has no "partly achieved": the goal was not met (the code allows progress), and the
# product's own status code beside it keeps the nuance. A stopped goal has no achievement.
NOT_ACHIEVED = ("not-achieved", "Not Achieved")
GOAL_STATUS = {
    GoalStatus.AKTIV: StatusCodes("Aktiv", "active", None),
    GoalStatus.OPNAAET: StatusCodes("Opnået", "completed", ("achieved", "Achieved")),
    GoalStatus.DELVIST_OPNAAET: StatusCodes("Delvist opnået", "completed", NOT_ACHIEVED),
    GoalStatus.IKKE_OPNAAET: StatusCodes("Ikke opnået", "completed", NOT_ACHIEVED),
    GoalStatus.AFBRUDT: StatusCodes("Afbrudt", "cancelled", None),
}


class LightCodes(NamedTuple):
    display: str  # in the product's own code system, with `meaning` as its definition
    meaning: str
    trend: tuple[str, str]  # achievementStatus of an active goal last evaluated with this light


# For an active goal the latest traffic light tells the trend (KORA: green when all goes well,
# yellow when something lags, red at marked deterioration). No evaluation yet: in progress.
TRAFFIC_LIGHT = {
    TrafficLight.GROEN: LightCodes("Grøn", "Alt går godt.", ("improving", "Improving")),
    TrafficLight.GUL: LightCodes("Gul", "Noget halter.", ("no-change", "No Change")),
    TrafficLight.ROED: LightCodes("Rød", "Markant forværring.", ("worsening", "Worsening")),
}
IN_PROGRESS = ("in-progress", "In Progress")

# --- the project's code systems --------------------------------------------------------------
AREA_DISPLAY = {
    OccupationArea.EGENOMSORG: "Egenomsorg",
    OccupationArea.PRODUKTIVITET: "Produktivitet",
    OccupationArea.FRITID: "Fritid",
}
COPM_CONCEPTS: list[Json] = [
    {
        "code": "assessment",
        "display": "COPM-vurdering",
        "definition": "Canadian Occupational Performance Measure: borgerens 1-5 prioriterede "
        "aktivitetsproblemer, hver vurderet for vigtighed, udførelse og tilfredshed (1-10).",
    },
    {
        "code": "reassessment",
        "display": "COPM-genvurdering",
        "definition": "Ny vurdering af udførelse og tilfredshed for hvert problem i en "
        "COPM-vurdering.",
    },
    {
        "code": "problem",
        "display": "Aktivitetsproblem",
        "definition": "Et problem i borgerens aktiviteter: COPM-område som kode, aktiviteten "
        "som tekst.",
    },
    {
        "code": "importance",
        "display": "Vigtighed",
        "definition": "Hvor vigtig aktiviteten er for borgeren, 1-10.",
    },
    {
        "code": "performance",
        "display": "Udførelse",
        "definition": "Borgerens vurdering af sin udførelse, 1-10.",
    },
    {
        "code": "satisfaction",
        "display": "Tilfredshed",
        "definition": "Borgerens tilfredshed med udførelsen, 1-10.",
    },
    {
        "code": "performance-score",
        "display": "Udførelsesscore",
        "definition": "Gennemsnit af udførelse over problemerne, afrundet til én decimal.",
    },
    {
        "code": "satisfaction-score",
        "display": "Tilfredshedsscore",
        "definition": "Gennemsnit af tilfredshed over problemerne, afrundet til én decimal.",
    },
    {
        "code": "performance-change",
        "display": "Ændring i udførelse",
        "definition": "Udførelsesscore ved genvurderingen minus ved den oprindelige vurdering; "
        "2 point eller mere er klinisk betydende.",
    },
    {
        "code": "satisfaction-change",
        "display": "Ændring i tilfredshed",
        "definition": "Tilfredshedsscore ved genvurderingen minus ved den oprindelige "
        "vurdering; 2 point eller mere er klinisk betydende.",
    },
    *(
        {"code": area.value, "display": display, "definition": f"COPM-området {display.lower()}."}
        for area, display in AREA_DISPLAY.items()
    ),
]
RESPONSIBLE_DISPLAY = {
    Responsible.BORGER: "Borger",
    Responsible.KONTAKTPERSON: "Kontaktperson",
    Responsible.TERAPEUT: "Terapeut",
    Responsible.PAAROERENDE: "Pårørende",
    Responsible.ANDET: "Andet",
}
REHAB_CONCEPTS: list[Json] = [
    {
        "code": "goal-status",
        "display": "Målstatus",
        "definition": "Status for et mål eller delmål i produktet.",
        "concept": [
            {"code": s.value, "display": c.display, "definition": f"Målet er {c.display.lower()}."}
            for s, c in GOAL_STATUS.items()
        ],
    },
    {
        "code": "traffic-light",
        "display": "Trafiklys",
        "definition": "Evaluering af et mål eller delmål med trafiklys.",
        "concept": [
            {"code": light.value, "display": c.display, "definition": c.meaning}
            for light, c in TRAFFIC_LIGHT.items()
        ],
    },
    {
        "code": "responsible",
        "display": "Ansvarlig",
        "definition": "Hvem der står for et delmål.",
        "concept": [
            {"code": r.value, "display": d, "definition": f"{d} står for delmålet."}
            for r, d in RESPONSIBLE_DISPLAY.items()
        ],
    },
    {
        "code": "evaluation",
        "display": "Evaluering",
        "definition": "Dateret evaluering af et mål eller delmål: trafiklys og eventuelt nye "
        "vurderinger af udførelse og tilfredshed.",
    },
]


def code_systems() -> list[Json]:
    """The project's CodeSystems, included in every Bundle."""
    common = {
        "version": "1",
        "status": "active",
        "experimental": False,
        "publisher": "Hverdagsrehabilitering API",
        "caseSensitive": True,
        "content": "complete",
    }
    return [
        {
            "resourceType": "CodeSystem",
            "id": _uuid("CodeSystem", "copm"),
            **common,
            "url": COPM_SYSTEM,
            "name": "RehabCOPM",
            "title": "COPM i hverdagsrehabilitering",
            "description": "Koder for COPM-vurderinger (Canadian Occupational Performance "
            "Measure), som KL's profiler ikke har.",
            "concept": COPM_CONCEPTS,
        },
        {
            "resourceType": "CodeSystem",
            "id": _uuid("CodeSystem", "rehab"),
            **common,
            "url": REHAB_SYSTEM,
            "name": "RehabCodes",
            "title": "Produktets egne koder",
            "description": "Målstatus, trafiklys, ansvarlig for delmål og evaluering.",
            "hierarchyMeaning": "grouped-by",
            "concept": REHAB_CONCEPTS,
        },
    ]


# --- helpers ---------------------------------------------------------------------------------


def _uuid(kind: str, key: object, namespace: uuid.UUID = ID_NAMESPACE) -> str:
    return str(uuid.uuid5(namespace, f"{kind}/{key}"))


def _namespace(citizen_reference: str) -> uuid.UUID:
    """Ids of one citizen's records: urn:uuid ids are meant to be unique beyond this database."""
    return uuid.uuid5(ID_NAMESPACE, f"Citizen/{citizen_reference}")


def _ref(resource: Json) -> Json:
    return {"reference": f"urn:uuid:{resource['id']}"}


def _coding(system: str, code: str, display: str | None = None) -> Json:
    coding = {"system": system, "code": code}
    if display is not None:
        coding["display"] = display
    return coding


def _copm(code: str) -> Json:
    display = next(c["display"] for c in COPM_CONCEPTS if c["code"] == code)
    return {"coding": [_coding(COPM_SYSTEM, code, display)]}


def _score(value: Fraction) -> Json:
    return {"value": copm.round_score(value), "unit": "point", "system": UCUM, "code": "{score}"}


def _local_date(moment: dt.datetime) -> str:
    return moment.astimezone(DANISH_TIME).date().isoformat()


def _priority(priority: int) -> list[Json]:
    """Which problem (by COPM priority, 1-5) a component belongs to."""
    return [{"url": EXT_PROBLEM_PRIORITY, "valuePositiveInt": priority}]


def _rating(tag: list[Json], code: str, value: int) -> Json:
    return {"extension": tag, "code": _copm(code), "valueInteger": value}


# --- resources -------------------------------------------------------------------------------


def patient(citizen: Citizen) -> Json:
    """Only the pseudonymous reference: no name, no CPR, no birth date, no gender."""
    return {
        "resourceType": "Patient",
        "id": _uuid("Patient", citizen.reference, _namespace(citizen.reference)),
        "meta": {"profile": [KL_CITIZEN_PROFILE]},
        "identifier": [{"system": CITIZEN_REFERENCE_SYSTEM, "value": citizen.reference}],
    }


def _achievement(status: GoalStatus, evaluations: Iterable[Evaluation]) -> Json:
    if status is GoalStatus.AKTIV:
        latest = max(evaluations, key=lambda e: (e.evaluated_on, e.id), default=None)
        code = IN_PROGRESS if latest is None else TRAFFIC_LIGHT[latest.traffic_light].trend
    else:
        code = GOAL_STATUS[status].achievement
    own = _coding(REHAB_SYSTEM, status.value, GOAL_STATUS[status].display)
    if code is None:
        return {"coding": [own]}
    return {"coding": [_coding(GOAL_ACHIEVEMENT, *code), own]}


def _goal_common(
    resource_id: str, row: Goal | Subgoal, patient_ref: Json, category: dict[str, str], text: str
) -> Json:
    return {
        "resourceType": "Goal",
        "id": resource_id,
        "meta": {"profile": [KL_GOAL_PROFILE]},
        "lifecycleStatus": GOAL_STATUS[row.status].lifecycle,
        "achievementStatus": _achievement(row.status, row.evaluations),
        "category": [
            {"coding": [_coding(KL_CARE_SOCIAL_CODES, category["code"], category["display"])]}
        ],
        "description": {"text": text},
        "subject": patient_ref,
        "startDate": _local_date(row.created_at),
        "target": [{"dueDate": row.due_date.isoformat()}],
    }


def goal(row: Goal, patient_ref: Json, problems: dict[int, tuple[str, int]], ns: uuid.UUID) -> Json:
    """A goal; `problems` maps a COPM problem id to (its Observation's reference, priority)."""
    resource = _goal_common(
        _uuid("Goal", row.id, ns), row, patient_ref, KL_GOAL_CATEGORY, row.statement
    )
    area = _coding(COPM_SYSTEM, row.area.value, AREA_DISPLAY[row.area])
    copm_parts: list[Json] = [
        {"url": "area", "valueCoding": area},
        {"url": "activity", "valueString": row.activity},
    ]
    if row.problem_id is not None and row.problem_id in problems:
        observation_ref, priority = problems[row.problem_id]
        copm_parts.append({"url": "problem", "valueReference": {"reference": observation_ref}})
        copm_parts.append({"url": "priority", "valuePositiveInt": priority})
    baseline = row.baseline
    if baseline is not None:
        copm_parts += [
            {"url": "baseline-importance", "valueInteger": baseline.importance},
            {"url": "baseline-performance", "valueInteger": baseline.performance},
            {"url": "baseline-satisfaction", "valueInteger": baseline.satisfaction},
        ]
    extensions = [{"url": EXT_GOAL_COPM, "extension": copm_parts}]
    if row.fsiii_area is not None:
        extensions.append(
            {"url": EXT_FSIII_AREA, "valueCodeableConcept": {"text": row.fsiii_area.value}}
        )
    resource["extension"] = extensions
    return resource


def subgoal(row: Subgoal, patient_ref: Json, parent: Json, ns: uuid.UUID) -> Json:
    resource = _goal_common(
        _uuid("Subgoal", row.id, ns), row, patient_ref, KL_SUBGOAL_CATEGORY, row.description
    )
    resource["extension"] = [
        {
            # As KL's AndreasDelmaal: type text "based-on", code "other", target the goal.
            "url": GOAL_RELATIONSHIP,
            "extension": [
                {
                    "url": "type",
                    "valueCodeableConcept": {
                        "coding": [_coding(GOAL_RELATIONSHIP_TYPE, "other", "Other")],
                        "text": "based-on",
                    },
                },
                {"url": "target", "valueReference": _ref(parent)},
            ],
        },
        {
            "url": EXT_RESPONSIBLE,
            "valueCoding": _coding(
                REHAB_SYSTEM, row.responsible.value, RESPONSIBLE_DISPLAY[row.responsible]
            ),
        },
    ]
    if row.actions:
        # KL's målnotat (note.text): how the delmål is worked on, one handling per note.
        resource["note"] = [{"text": action} for action in row.actions]
    return resource


def assessment_observation(row: Assessment, patient_ref: Json, ns: uuid.UUID) -> Json:
    components: list[Json] = []
    for problem in row.problems:
        tag = _priority(problem.priority)
        components += [
            {
                "extension": tag,
                "code": _copm("problem"),
                "valueCodeableConcept": {
                    "coding": [
                        _coding(COPM_SYSTEM, problem.area.value, AREA_DISPLAY[problem.area])
                    ],
                    "text": problem.activity,
                },
            },
            _rating(tag, "importance", problem.importance),
            _rating(tag, "performance", problem.performance),
            _rating(tag, "satisfaction", problem.satisfaction),
        ]
    performance = copm.mean(p.performance for p in row.problems)
    satisfaction = copm.mean(p.satisfaction for p in row.problems)
    components += [
        {"code": _copm("performance-score"), "valueQuantity": _score(performance)},
        {"code": _copm("satisfaction-score"), "valueQuantity": _score(satisfaction)},
    ]
    return {
        "resourceType": "Observation",
        "id": _uuid("Assessment", row.id, ns),
        "status": "final",
        "category": [{"coding": [_coding(OBSERVATION_CATEGORY, "survey", "Survey")]}],
        "code": _copm("assessment"),
        "subject": patient_ref,
        "effectiveDateTime": row.assessed_on.isoformat(),
        "component": components,
    }


def reassessment_observation(
    row: Reassessment, baseline: Json, patient_ref: Json, ns: uuid.UUID
) -> Json:
    assessment = row.assessment
    priorities = {p.id: p.priority for p in assessment.problems}
    ratings = sorted(row.ratings, key=lambda r: priorities[r.problem_id])
    components: list[Json] = []
    for rating in ratings:
        tag = _priority(priorities[rating.problem_id])
        components += [
            _rating(tag, "performance", rating.performance),
            _rating(tag, "satisfaction", rating.satisfaction),
        ]
    performance = copm.mean(r.performance for r in ratings)
    satisfaction = copm.mean(r.satisfaction for r in ratings)
    base_performance = copm.mean(p.performance for p in assessment.problems)
    base_satisfaction = copm.mean(p.satisfaction for p in assessment.problems)
    components += [
        {"code": _copm("performance-score"), "valueQuantity": _score(performance)},
        {"code": _copm("satisfaction-score"), "valueQuantity": _score(satisfaction)},
        {
            "code": _copm("performance-change"),
            "valueQuantity": _score(performance - base_performance),
        },
        {
            "code": _copm("satisfaction-change"),
            "valueQuantity": _score(satisfaction - base_satisfaction),
        },
    ]
    return {
        "resourceType": "Observation",
        "id": _uuid("Reassessment", row.id, ns),
        "status": "final",
        "category": [{"coding": [_coding(OBSERVATION_CATEGORY, "survey", "Survey")]}],
        "code": _copm("reassessment"),
        "subject": patient_ref,
        "effectiveDateTime": row.assessed_on.isoformat(),
        "derivedFrom": [_ref(baseline)],
        "component": components,
    }


def evaluation_observation(row: Evaluation, target: Json, patient_ref: Json, ns: uuid.UUID) -> Json:
    display = TRAFFIC_LIGHT[row.traffic_light].display
    resource: Json = {
        "resourceType": "Observation",
        "id": _uuid("Evaluation", row.id, ns),
        "status": "final",
        "code": {
            "coding": [
                _coding(REHAB_SYSTEM, "evaluation", "Evaluering"),
                _coding(SNOMED, SNOMED_EVALUATION["code"], SNOMED_EVALUATION["display"]),
            ]
        },
        "subject": patient_ref,
        "focus": [_ref(target)],
        "effectiveDateTime": row.evaluated_on.isoformat(),
        "valueCodeableConcept": {
            "coding": [_coding(REHAB_SYSTEM, row.traffic_light.value, display)]
        },
    }
    components = []
    if row.performance is not None:
        components.append({"code": _copm("performance"), "valueInteger": row.performance})
    if row.satisfaction is not None:
        components.append({"code": _copm("satisfaction"), "valueInteger": row.satisfaction})
    if components:
        resource["component"] = components
    return resource


def bundle(
    citizen: Citizen,
    assessments: list[Assessment],
    goals: list[Goal],
    *,
    now: dt.datetime,
) -> Json:
    """A `collection` Bundle: Patient, CodeSystems, Goals, COPM and evaluation Observations."""
    ns = _namespace(citizen.reference)
    person = patient(citizen)
    person_ref = _ref(person)
    resources: list[Json] = [person, *code_systems()]

    observations: list[Json] = []
    problems: dict[int, tuple[str, int]] = {}
    for assessment in assessments:
        baseline = assessment_observation(assessment, person_ref, ns)
        for problem in assessment.problems:
            problems[problem.id] = (_ref(baseline)["reference"], problem.priority)
        observations.append(baseline)
        for reassessment in sorted(assessment.reassessments, key=lambda r: (r.assessed_on, r.id)):
            observations.append(reassessment_observation(reassessment, baseline, person_ref, ns))

    evaluations: list[Json] = []
    for row in goals:
        resource = goal(row, person_ref, problems, ns)
        resources.append(resource)
        evaluations += [
            evaluation_observation(e, resource, person_ref, ns) for e in row.evaluations
        ]
        for sub in row.subgoals:
            sub_resource = subgoal(sub, person_ref, resource, ns)
            resources.append(sub_resource)
            evaluations += [
                evaluation_observation(e, sub_resource, person_ref, ns) for e in sub.evaluations
            ]
    resources += observations + evaluations
    stamp = now.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": stamp},
        "type": "collection",
        "timestamp": stamp,
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
