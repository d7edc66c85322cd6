"""GET /reports/indicators: known answers on a fixed fixture, suppression and no subtraction."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.enums import GoalStatus, OccupationArea, Responsible, TrafficLight
from api.models import (
    Assessment,
    AuditEntry,
    Citizen,
    CopmProblem,
    Evaluation,
    Goal,
    Reassessment,
    ReassessmentRating,
    Subgoal,
)
from api.suppression import SUPPRESSED, suppress

from .conftest import READ, WRITE, Staff, TestClient

PERIOD = "from=2026-01-01&to=2026-03-31"
Lights = Sequence[tuple[str, str]]  # (date, traffic light)
H = SUPPRESSED


# --- the suppression rule on its own ------------------------------------------------------


def test_small_counts_are_hidden_and_a_lone_hidden_cell_gets_a_companion() -> None:
    one = suppress({"a": 10, "b": 3, "c": 7})
    assert (one.cells, one.total) == ({"a": 10, "b": H, "c": H}, 20)  # c: the smallest other
    two = suppress({"a": 3, "b": 2, "c": 10})
    assert (two.cells, two.total) == ({"a": H, "b": H, "c": 10}, 15)  # two hidden: enough
    zero = suppress({"a": 12, "b": 0})
    assert (zero.cells, zero.total) == ({"a": H, "b": H}, 12)  # 0 is below 5 as well
    tiny = suppress({"a": 3, "b": 1})
    assert (tiny.cells, tiny.total) == ({"a": H, "b": H}, H)  # a total below 5 hides all
    ties = suppress({"a": 6, "b": 6, "c": 1})
    assert ties.cells == {"a": H, "b": 6, "c": H}  # first of equal cells
    shown = suppress({"a": 5, "b": 9})
    assert (shown.cells, shown.total) == ({"a": 5, "b": 9}, 14)


def test_shares_only_from_shown_cells() -> None:
    partition = suppress({"a": 10, "b": 3, "c": 7})
    assert partition.share("a") == 50.0
    assert partition.share("b") is None
    assert partition.share("a", "c") is None  # c is hidden
    assert suppress({"a": 5, "b": 15}).share("a", "b") == 100.0


@pytest.mark.parametrize("cells", [2, 3, 4])
def test_no_hidden_count_can_be_derived_exhaustively(cells: int) -> None:
    """For every partition with counts 0-9: every shown count is ≥ 5 and, when the total is
    shown, either nothing or at least two cells are hidden (total minus the shown cells then
    only gives their sum)."""
    for counts in itertools.product(range(10), repeat=cells):
        partition = suppress({f"k{i}": v for i, v in enumerate(counts)})
        shown = [c for c in partition.cells.values() if c != H]
        hidden = len(partition.cells) - len(shown)
        assert all(isinstance(c, int) and c >= 5 for c in shown), counts
        if partition.total == H:
            assert hidden == len(counts), counts
        else:
            assert partition.total == sum(counts) >= 5
            assert hidden != 1, counts


# --- a fixture with known answers ---------------------------------------------------------


def at(moment: str) -> dt.datetime:
    """A UTC instant; a bare date means 10:00 UTC (the same calendar day in Denmark)."""
    if "T" not in moment:
        moment += "T10:00:00"
    return dt.datetime.fromisoformat(moment).replace(tzinfo=dt.timezone.utc)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Data:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.home = self.citizen("I-00")

    def citizen(self, reference: str) -> Citizen:
        citizen = Citizen(reference=reference, created_by="test")
        self.session.add(citizen)
        return citizen

    def goal(
        self,
        status: str,
        due: str,
        created: str,
        lights: Lights = (),
        subgoals: Sequence[Subgoal] = (),
    ) -> Goal:
        goal = Goal(
            citizen=self.home,
            statement="Et mål",
            area=OccupationArea.EGENOMSORG,
            activity="Noget",
            due_date=day(due),
            status=GoalStatus(status),
            created_at=at(created),
            updated_at=at(created),
            created_by="test",
            evaluations=[self.evaluation(d, light) for d, light in lights],
            subgoals=list(subgoals),
        )
        self.session.add(goal)
        return goal

    def subgoal(self, responsible: str, created: str, lights: Lights = ()) -> Subgoal:
        return Subgoal(
            description="Et delmål",
            actions=[],
            responsible=Responsible(responsible),
            due_date=day("2026-06-30"),
            status=GoalStatus.AKTIV,
            created_at=at(created),
            updated_at=at(created),
            created_by="test",
            evaluations=[self.evaluation(d, light) for d, light in lights],
        )

    @staticmethod
    def evaluation(date: str, light: str) -> Evaluation:
        return Evaluation(
            evaluated_on=day(date), traffic_light=TrafficLight(light), created_by="test"
        )

    def copm(self, reference: str, base: list[tuple[int, int]], *again: tuple[str, list]) -> None:
        """A citizen's COPM: (performance, satisfaction) per problem, then re-assessments."""
        assessment = Assessment(
            citizen=self.citizen(reference),
            assessed_on=day("2025-12-01"),
            assessor_role="ergoterapeut",
            created_by="test",
            problems=[
                CopmProblem(
                    priority=i,
                    area=OccupationArea.EGENOMSORG,
                    activity="Noget",
                    importance=8,
                    performance=p,
                    satisfaction=s,
                )
                for i, (p, s) in enumerate(base, start=1)
            ],
        )
        self.session.add(assessment)
        self.session.flush()
        for date, ratings in again:
            self.session.add(
                Reassessment(
                    assessment=assessment,
                    assessed_on=day(date),
                    assessor_role="ergoterapeut",
                    created_by="test",
                    ratings=[
                        ReassessmentRating(problem_id=problem.id, performance=p, satisfaction=s)
                        for problem, (p, s) in zip(assessment.problems, ratings, strict=True)
                    ],
                )
            )


@pytest.fixture
def known(db) -> None:
    """Period 2026-01-01 to 2026-03-31 (the 14-day window: 18 to 31 March)."""
    with db() as session:
        data = Data(session)
        before = "2025-11-01"
        # A: 32 goals due in the period (20 closed, 12 active), entered before it.
        for status, n in (("opnaaet", 5), ("delvist_opnaaet", 5), ("ikke_opnaaet", 2)):
            for _ in range(n):
                data.goal(status, "2026-02-15", before)
        for _ in range(6):
            data.goal("afbrudt", "2026-02-15", before)
        # Two more achieved goals carry the extra evaluations (they are not active).
        outside = [("2025-12-15", "gul"), ("2026-04-02", "groen")]
        data.goal("opnaaet", "2026-02-15", before, [("2026-01-20", "groen")] * 2 + outside)
        march = [("2026-03-25", "groen")] * 4 + [("2026-03-25", "gul")] * 4
        data.goal("opnaaet", "2026-02-15", before, march)
        # 12 active: 7 evaluated in the window (one of them through a delmål), 5 not.
        for light in ["groen"] * 4 + ["gul"] * 2:
            data.goal("aktiv", "2026-02-15", before, [("2026-03-20", light)])
        data.goal("aktiv", "2026-02-15", before,
                  subgoals=[data.subgoal("borger", before, [("2026-03-31", "groen")])])  # fmt: skip
        data.goal("aktiv", "2026-02-15", before, [("2026-02-01", "roed")])
        data.goal("aktiv", "2026-02-15", before, [("2026-02-01", "roed")])
        data.goal("aktiv", "2026-02-15", before, [("2026-03-17", "roed")])  # a day too early
        data.goal("aktiv", "2026-02-15", before)
        data.goal("aktiv", "2026-02-15", before)
        # Due after the period; and an active goal entered after it.
        for _ in range(3):
            data.goal("opnaaet", "2026-05-01", before)
        data.goal("aktiv", "2026-06-30", "2026-04-05")
        # B: 8 goals entered in the period: first evaluations after 2, 3, 5, 7, 10, 14 days
        # (the first through a delmål), 2 not evaluated. Their delmål: who is responsible.
        subgoals = (
            [data.subgoal("borger", "2025-12-31T23:30:00", [("2026-01-12", "groen")])]  # 1 Jan DK
            + [data.subgoal("borger", "2026-02-10") for _ in range(7)]
            + [data.subgoal("paaroerende", "2026-02-11") for _ in range(5)]
            + [data.subgoal("kontaktperson", "2026-03-31T21:30:00") for _ in range(6)]  # 23:30
            + [data.subgoal("terapeut", "2026-01-15")]
            + [data.subgoal("kontaktperson", "2026-03-31T22:30:00")]  # 1 April in Denmark
        )
        b = "2026-01-10"
        data.goal("opnaaet", "2026-06-30", b, [("2026-01-30", "groen")], subgoals=subgoals)
        for date, light in (("2026-01-13", "groen"), ("2026-01-15", "groen"),
                            ("2026-01-17", "groen"), ("2026-01-20", "gul"),
                            ("2026-01-24", "roed")):  # fmt: skip
            data.goal("opnaaet", "2026-06-30", b, [(date, light)])
        data.goal("opnaaet", "2026-06-30", b)
        data.goal("opnaaet", "2026-06-30", b)
        # COPM: 7 citizens re-assessed in the period (changes: performance, satisfaction).
        data.copm("C-1", [(3, 4)], ("2026-02-01", [(4, 4)]), ("2026-03-01", [(6, 5)]),
                  ("2026-05-01", [(9, 9)]))  # +3, +1 (the latest in the period)  # fmt: skip
        data.copm("C-2", [(5, 5)], ("2026-03-01", [(7, 5)]))  # +2, 0
        data.copm("C-3", [(4, 3)], ("2026-03-01", [(5, 5)]))  # +1, +2
        data.copm("C-4", [(4, 4)], ("2026-03-01", [(5, 5)]))  # +1, +1
        data.copm("C-5", [(6, 6)], ("2026-03-01", [(6, 5)]))  # 0, -1
        data.copm("C-6", [(2, 2)], ("2026-03-01", [(6, 5)]))  # +4, +3
        data.copm("C-7", [(3, 4), (4, 5)], ("2026-03-01", [(5, 5), (5, 5)]))  # +1.5, +0.5
        data.copm("C-8", [(2, 2)], ("2025-12-20", [(9, 9)]))  # before the period
        session.commit()


def report(client: TestClient, headers: dict[str, str], query: str = PERIOD) -> Any:
    return client.get(f"/api/v1/reports/indicators?{query}", headers=headers)


def indicators_by_id(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {indicator["id"]: indicator for indicator in body["indicators"]}


def rows(indicator: dict[str, Any]) -> list[tuple[str, Any, dict[str, Any]]]:
    return [(row["label"], row["total"], row["counts"]) for row in indicator["rows"]]


def test_known_answers(known: None, client: TestClient, staff: Staff) -> None:
    response = report(client, staff.sign_in("leder").headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    assert body["suppression"]["threshold"] == 5 and body["suppression"]["shown_as"] == "<5"
    found = indicators_by_id(body)
    assert list(found) == [
        "goal_outcomes",
        "copm_change",
        "evaluated_last_14_days",
        "days_to_first_evaluation",
        "involvement",
        "traffic_lights_by_month",
    ]

    outcomes = found["goal_outcomes"]
    # Closed goals due in the period, 7, 5, 2, 6 (the 12 active ones are not counted here):
    # "ikke opnået" (2) is hidden, and with it the smallest other (5).
    assert rows(outcomes) == [
        ("i alt", 20, {"opnaaet": 7, "delvist_opnaaet": H, "ikke_opnaaet": H, "afbrudt": 6})
    ]
    assert outcomes["rows"][0]["shares"] == {
        "opnaaet": 35.0,
        "delvist_opnaaet": None,
        "ikke_opnaaet": None,
        "afbrudt": 30.0,
    }

    copm_change = found["copm_change"]
    # 4 improved, 3 not: both hidden; the means stand on 7 citizens (C-1's latest counts).
    assert rows(copm_change) == [("i alt", 7, {"forbedret": H, "ikke_forbedret": H})]
    assert copm_change["rows"][0]["shares"] == {"forbedret": None}
    assert copm_change["values"] == {
        "gennemsnitlig_aendring_udfoerelse": 1.8,  # 12.5 / 7
        "gennemsnitlig_aendring_tilfredshed": 0.9,  # 6.5 / 7
    }

    recent = found["evaluated_last_14_days"]
    assert rows(recent) == [("i alt", 12, {"evalueret": 7, "ikke_evalueret": 5})]
    assert recent["rows"][0]["shares"] == {"evalueret": 58.3}

    first = found["days_to_first_evaluation"]
    assert rows(first) == [("i alt", 8, {"evalueret": H, "ikke_evalueret_endnu": H})]
    assert first["values"] == {"median_dage": 6.0}  # 2, 3, 5, 7, 10, 14

    involvement = found["involvement"]
    assert rows(involvement) == [
        (
            "i alt",
            20,
            {"borger": 8, "paaroerende": 5, "kontaktperson": 6, "terapeut": H, "andet": H},
        )
    ]
    assert involvement["rows"][0]["shares"] == {
        "borger": 40.0,
        "paaroerende": 25.0,
        "kontaktperson": 30.0,
        "terapeut": None,
        "andet": None,
        "borger_eller_paaroerende": 65.0,
    }

    lights = found["traffic_lights_by_month"]
    assert rows(lights) == [
        ("2026-01", 9, {"groen": 7, "gul": H, "roed": H}),
        ("2026-02", H, {"groen": H, "gul": H, "roed": H}),  # 2 evaluations: all hidden
        ("2026-03", 16, {"groen": 9, "gul": H, "roed": H}),  # 9, 6, 1: gul hides roed
    ]
    assert lights["rows"][0]["shares"] == {"groen": 77.8, "gul": None, "roed": None}


def test_no_count_under_five_and_none_derivable(known: None, client: TestClient, staff) -> None:
    body = report(client, staff.sign_in("leder").headers).json()
    for indicator in body["indicators"]:
        assert indicator["source"]["kind"] in ("inspirationskatalog", "produktets eget")
        assert indicator["source"]["note"]
        if indicator["source"]["kind"] == "inspirationskatalog":
            assert indicator["source"]["area"] and indicator["source"]["measure"]
        for row in indicator["rows"]:
            cells = list(row["counts"].values())
            assert all(c == H or c >= 5 for c in cells)
            hidden = [c for c in cells if c == H]
            if row["total"] == H:
                assert len(hidden) == len(cells)
            else:
                assert row["total"] >= 5 and len(hidden) != 1
                assert sum(c for c in cells if c != H) <= row["total"]
            for name, share in row["shares"].items():
                keys = [name] if name in row["counts"] else ["borger", "paaroerende"]
                revealed = row["total"] != H and all(row["counts"][k] != H for k in keys)
                assert (share is not None) == revealed, (indicator["id"], name)
    # No total over the months: month totals could otherwise be subtracted from it.
    lights = indicators_by_id(body)["traffic_lights_by_month"]
    assert all(row["label"] != "i alt" for row in lights["rows"])


def test_means_and_medians_need_five(db, client: TestClient, staff: Staff) -> None:
    with db() as session:
        data = Data(session)
        for i, (p, s) in enumerate([(5, 5), (6, 6), (7, 7), (8, 8)]):
            data.copm(f"C-{i}", [(3, 3)], ("2026-03-01", [(p, s)]))
        for date in ("2026-01-12", "2026-01-13"):
            data.goal("opnaaet", "2026-06-30", "2026-01-10", [(date, "groen")])
        session.commit()
    found = indicators_by_id(report(client, staff.sign_in("leder").headers).json())
    assert found["copm_change"]["values"] == {
        "gennemsnitlig_aendring_udfoerelse": None,
        "gennemsnitlig_aendring_tilfredshed": None,
    }
    assert rows(found["copm_change"]) == [("i alt", H, {"forbedret": H, "ikke_forbedret": H})]
    assert found["days_to_first_evaluation"]["values"] == {"median_dage": None}


def test_an_empty_period(client: TestClient, staff: Staff) -> None:
    response = report(client, staff.sign_in("leder").headers, "from=2026-02-10&to=2026-02-10")
    assert response.status_code == 200
    found = indicators_by_id(response.json())
    assert rows(found["traffic_lights_by_month"]) == [
        ("2026-02", H, {"groen": H, "gul": H, "roed": H})
    ]
    assert found["involvement"]["rows"][0]["total"] == H


def test_only_leaders(client: TestClient, staff: Staff) -> None:
    assert report(client, staff.sign_in("leder").headers).status_code == 200
    assert report(client, staff.sign_in("leder", "leder-2").delegated()).status_code == 200
    for headers in (staff.sign_in("terapeut").headers, staff.sign_in("admin").headers, READ, WRITE):
        response = report(client, headers)
        assert response.status_code == 403
        assert "det kræver rollen leder" in response.json()["detail"]


def test_the_report_read_is_audited_without_a_citizen(client: TestClient, staff: Staff, db) -> None:
    report(client, staff.sign_in("leder").headers)
    with db() as session:
        (row,) = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_type == "indicators")
        ).all()
    assert (row.action.value, row.actor, row.actor_role) == ("read", "leder-1", "leder")
    assert (row.entity_id, row.citizen_reference) == (None, None)


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("", [(["query", "from"], "Angiv from"), (["query", "to"], "Angiv to")]),
        ("from=2026-01-01", [(["query", "to"], "Angiv to")]),
        ("from=1.1.2026&to=2026-03-31", [(["query", "from"], "ÅÅÅÅ-MM-DD")]),
        ("from=2026-02-30&to=2026-03-31", [(["query", "from"], "ÅÅÅÅ-MM-DD")]),
        ("from=2026-04-01&to=2026-03-31", [(["query", "from"], "begynder (from) efter")]),
        ("from=1999-12-31&to=2000-03-31", [(["query", "from"], "før 2000-01-01")]),
        ("from=2000-01-01&to=2026-03-31", [(["query", "to"], "højst være 10 år")]),
        ("from=2016-01-01&to=2025-12-31", []),  # just under 10 years: fine
    ],
)
def test_period_is_checked_in_danish(
    client: TestClient, staff: Staff, query: str, errors: list[tuple[list[str], str]]
) -> None:
    response = report(client, staff.sign_in("leder").headers, query)
    if not errors:
        assert response.status_code == 200
        return
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["loc"], text in e["msg"]) for e, (_, text) in zip(detail, errors, strict=True)] == [
        (loc, True) for loc, _ in errors
    ]
