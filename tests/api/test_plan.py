"""'Min plan': plain Danish (LIX ≤ 35), Danish dates, who does what, HTML and A4 PDF."""

from __future__ import annotations

import datetime as dt
import re
import sys
import zlib
from typing import Any

import pytest
from sqlalchemy import select

from api import plan_render, plan_text
from api.enums import GoalStatus, Responsible
from api.errors import Unavailable
from api.models import AuditEntry
from api.schemas.plan import PlanOut

from .conftest import READ, WRITE, Api, TestClient, days, subgoal_body, today
from .pdf_renderer import require_pdf_renderer

LIX_MAX = 35


def lix(sentences: list[str]) -> float:
    """LIX = words / sentences + 100 × words longer than 6 letters / words."""
    text = " ".join(sentences)
    words = re.findall(r"[^\W_]+", text)
    # A sentence ends with . ! ? or : before a capital or the end, so the period of an ordinal
    # date ("26. marts") ends none.
    count = len(re.findall(r"[.!?:]+(?=\s+[^a-zæøå]|\s*$)", text))
    long_words = [w for w in words if len(w) > 6]
    return len(words) / count + 100 * len(long_words) / len(words)


def test_lix_formula() -> None:
    # 6 words, 2 sentences, 1 long word ("kaffe" 5, "drikker" 7): 3 + 100/6.
    assert lix(["Jeg drikker kaffe.", "Det er godt."]) == pytest.approx(3 + 100 / 6)
    # "26." is a date, not the end of a sentence: 6 words, 1 sentence, no long word.
    assert lix(["Vi ses fredag den 26. marts."]) == pytest.approx(6)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2027, 3, 26), "fredag den 26. marts"),
        (dt.date(2027, 1, 4), "mandag den 4. januar"),
        (dt.date(2027, 12, 19), "søndag den 19. december"),
        (dt.date(2028, 2, 29), "tirsdag den 29. februar 2028"),  # another year: with the year
    ],
)
def test_danish_dates(day: dt.date, text: str) -> None:
    assert plan_text.danish_date(day, today=dt.date(2027, 3, 1)) == text


def plan_of(client: TestClient, reference: str = "B-1042", headers=WRITE) -> dict[str, Any]:
    response = client.get(f"/api/v1/citizens/{reference}/plan", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def citizen_plan(api: Api, client: TestClient) -> dict[str, Any]:
    """One goal in progress with a step for each kind of helper; a closed goal besides."""
    api.citizen("B-1042")
    goal = api.goal(
        due_date=days(60),
        subgoals=[
            subgoal_body(due_date=days(14)),
            subgoal_body(
                description="Hente avisen sammen med min datter",
                responsible="paaroerende",
                actions=["Datteren kommer om søndagen"],
                due_date=days(21),
            ),
            subgoal_body(
                description="Øve trappen", responsible="terapeut", actions=[], due_date=days(7)
            ),
            subgoal_body(
                description="Finde rollatoren frem",
                responsible="kontaktperson",
                due_date=days(3),
                status="opnaaet",
            ),
            subgoal_body(description="Købe ny taske", responsible="andet", due_date=days(30)),
        ],
    )
    api.goal(statement="Jeg ville gå til byen", status="opnaaet", subgoals=[])
    return {"goal": goal, "plan": plan_of(client)}


def test_plan_shows_the_goal_in_the_citizens_words_and_who_does_what(
    citizen_plan: dict[str, Any],
) -> None:
    plan = citizen_plan["plan"]
    goal = citizen_plan["goal"]
    assert plan["title"] == "Min plan"
    assert plan["nothing_yet"] is None
    (shown,) = plan["goals"]  # the closed goal is no longer part of the plan
    assert shown["title"] == "Dit mål"
    assert shown["goal"] == goal["statement"]
    in_60_days = plan_text.danish_date(today() + dt.timedelta(60), today())
    assert shown["when"] == f"Du vil gerne nå målet senest {in_60_days}."
    steps = [(s["title"], s["text"], s["who"], s["actions"]) for s in shown["steps"]]
    assert steps == [  # in date order
        ("Trin 1", "Finde rollatoren frem", "Det gør din kontaktperson.",
         ["Gå hver formiddag", "Terapeuten følger op"]),
        ("Trin 2", "Øve trappen", "Det gør din terapeut.", []),
        ("Trin 3", "Øve at gå til postkassen med rollator", "Det gør du.",
         ["Gå hver formiddag", "Terapeuten følger op"]),
        ("Trin 4", "Hente avisen sammen med min datter", "Det gør din familie.",
         ["Datteren kommer om søndagen"]),
        ("Trin 5", "Købe ny taske", "Det gør en anden.",
         ["Gå hver formiddag", "Terapeuten følger op"]),
    ]  # fmt: skip
    done, *open_steps = shown["steps"]
    assert (done["status"], done["when"]) == ("Det trin er nået.", None)
    assert [s["actions_title"] for s in open_steps] == [
        None,
        "Sådan gør du:",
        "Det skal ske:",
        "Det skal ske:",
    ]
    in_a_week = plan_text.danish_date(today() + dt.timedelta(7), today())
    assert open_steps[0]["when"] == f"Nå det senest {in_a_week}."
    assert all(s["status"] is None for s in open_steps)
    # The next look at the plan: the first open date (the achieved step's date does not count).
    assert plan["next_evaluation"] == f"Næste gang vi ser på planen sammen: {in_a_week}."
    assert plan["made"] == f"Planen er lavet {plan_text.danish_date(today(), today())}."


def test_generated_sentences_are_easy_to_read(citizen_plan: dict[str, Any]) -> None:
    plan = PlanOut.model_validate(citizen_plan["plan"])
    sentences = plan_text.generated_sentences(plan)
    assert len(sentences) >= 10
    assert lix(sentences) <= LIX_MAX


def test_every_sentence_the_plan_can_make_is_easy_to_read() -> None:
    """All fixed sentences, and every date sentence with the longest weekday and month."""
    long_date = plan_text.danish_date(dt.date(2030, 9, 4), dt.date(2029, 1, 1))  # onsdag, september
    sentences = [
        plan_text.INTRO_ONE,
        plan_text.INTRO_MANY,
        plan_text.NOTHING_YET,
        plan_text.NO_DATE_YET,
        *plan_text.WHO.values(),
        *plan_text.CLOSED_STEP.values(),
        f"Du vil gerne nå målet senest {long_date}.",
        f"Målet skulle være nået {long_date}. Vi finder en ny dag sammen.",
        f"Nå det senest {long_date}.",
        f"Det skulle være nået {long_date}.",
        f"Næste gang vi ser på planen sammen: {long_date}.",
        f"Planen er lavet {long_date}.",
    ]
    assert set(plan_text.WHO) == set(Responsible)
    assert set(plan_text.CLOSED_STEP) == set(GoalStatus) - {GoalStatus.AKTIV}
    assert lix(sentences) <= LIX_MAX
    for sentence in sentences:  # and no single one is hard
        assert lix([sentence]) <= 60, sentence


def test_overdue_dates_and_no_goals(api: Api, client: TestClient, db) -> None:
    api.citizen("B-1042")
    assert plan_of(client)["nothing_yet"] == plan_text.NOTHING_YET
    assert plan_of(client)["next_evaluation"] is None
    goal = api.goal(subgoals=[subgoal_body(due_date=days(1))])
    # Time passes: the dates are now behind us.
    from api.models import Goal, Subgoal

    with db() as session:
        session.get(Goal, goal["id"]).due_date = today() - dt.timedelta(days=2)
        session.get(Subgoal, goal["subgoals"][0]["id"]).due_date = today() - dt.timedelta(days=3)
        session.commit()
    plan = plan_of(client)
    (shown,) = plan["goals"]
    assert shown["when"].startswith("Målet skulle være nået ")
    assert shown["steps"][0]["when"].startswith("Det skulle være nået ")
    assert plan["next_evaluation"] == plan_text.NO_DATE_YET


def test_html_is_large_high_contrast_and_free_of_codes(
    citizen_plan: dict[str, Any], client: TestClient
) -> None:
    response = client.get("/api/v1/citizens/B-1042/plan.html", headers=WRITE)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert '<html lang="da">' in page and "<title>Min plan</title>" in page
    for text in ("Jeg vil selv kunne hente min post", "Det gør din familie.", "Trin 5"):
        assert text in page
    # No internal ids, codes or the reference.
    goal = citizen_plan["goal"]
    body = page.split("<body>", 1)[1]
    assert "B-1042" not in page
    for code in ("opnaaet", "paaroerende", "borger", "aktiv", "_", "egenomsorg", "Mobilitet"):
        assert code not in body, code
    assert f">{goal['id']}<" not in body
    # Large type: body 18 pt, nothing under 16 pt; black on white only.
    sizes = [float(v) for v in re.findall(r"font-size:\s*([0-9.]+)pt", plan_render.STYLESHEET)]
    assert plan_render.BODY_PT >= 16 and min(sizes) >= 16
    assert not re.search(r"font-size:\s*[0-9.]+(px|em|rem|%)", plan_render.STYLESHEET)
    assert set(re.findall(r"#[0-9a-fA-F]{3,6}\b", plan_render.STYLESHEET)) <= {"#000", "#fff"}
    assert "@page" in plan_render.STYLESHEET and "size: A4" in plan_render.STYLESHEET


def test_html_escapes_the_plans_own_texts(api: Api, client: TestClient) -> None:
    api.citizen("B-1042")
    api.goal(statement="Jeg vil <b>selv</b> & kunne", subgoals=[])
    page = client.get("/api/v1/citizens/B-1042/plan.html", headers=WRITE).text
    assert "Jeg vil &lt;b&gt;selv&lt;/b&gt; &amp; kunne" in page
    assert "<b>" not in page


def _unpacked(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated (WeasyPrint packs page objects)."""
    parts = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_pdf_is_a4(citizen_plan: dict[str, Any], client: TestClient) -> None:
    require_pdf_renderer()
    response = client.get("/api/v1/citizens/B-1042/plan.pdf", headers=READ)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'inline; filename="min-plan.pdf"'
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", _unpacked(pdf))
    assert boxes, "no page found"
    for width, height in boxes:  # A4: 210 × 297 mm
        assert float(width) == pytest.approx(595.28, abs=0.5)
        assert float(height) == pytest.approx(841.89, abs=0.5)
    assert b"B-1042" not in _unpacked(pdf)


def test_plan_reads_are_audited(citizen_plan: dict[str, Any], client: TestClient, db) -> None:
    require_pdf_renderer()
    client.get("/api/v1/citizens/B-1042/plan.html", headers=READ)
    client.get("/api/v1/citizens/B-1042/plan.pdf", headers=READ)
    with db() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_type.like("plan%")).order_by(AuditEntry.id)
        ).all()
        summary = [(r.action.value, r.entity_type, r.actor, r.citizen_reference) for r in rows]
    assert summary == [
        ("read", "plan", "actions", "B-1042"),
        ("read", "plan_html", "rapport", "B-1042"),
        ("read", "plan_pdf", "rapport", "B-1042"),
    ]


def test_without_weasyprint_the_pdf_is_503_and_nothing_is_audited(
    api: Api, client: TestClient, db, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.citizen("B-1042")
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    with pytest.raises(Unavailable):
        plan_render.render_pdf("<p>x</p>")
    response = client.get("/api/v1/citizens/B-1042/plan.pdf", headers=WRITE)
    assert response.status_code == 503
    assert response.json()["detail"] == plan_render.PDF_UNAVAILABLE
    assert client.get("/api/v1/citizens/B-1042/plan.html", headers=WRITE).status_code == 200
    with db() as session:
        types = session.scalars(
            select(AuditEntry.entity_type).where(AuditEntry.entity_type.like("plan%"))
        ).all()
    assert types == ["plan_html"]


def test_unknown_citizen(client: TestClient) -> None:
    for suffix in ("plan", "plan.html", "plan.pdf"):
        response = client.get(f"/api/v1/citizens/X-1/{suffix}", headers=WRITE)
        assert response.status_code == 404
        assert response.json()["detail"] == "Borger med reference 'X-1' findes ikke"
