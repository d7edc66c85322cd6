"""Follow-ups end to end on the staff door: a signed-in therapist, the trained model on `rasa run`,
the real action server and the real API.

Each citizen first gets a goal through the conversation (two COPM problems, two delmål). Then the
COPM re-assessment is walked and its change read back from the API, also across an outage at the
moment it is confirmed; a goal and its delmål are evaluated with a traffic light; "vis mål"
lists the citizen's goals; and a citizen's objection gets the coach's answer and the FAQ answer
for the citizen, as the trained ResponseSelector picks them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import yaml

from actions.common.api import ApiConfig, GoalsApi
from actions.common.outbox import Outbox
from actions.followup import delivery  # noqa: F401  (registers the follow-ups' deliverers)
from tests.e2e.conftest import second_problem_then_goal
from tests.support.http_calls import get_json
from tests.support.procfile import ROOT
from tests.support.stack import ApiProcess, BotProcesses

STATEMENT = "Jeg vil kunne tage bad selv to gange om ugen"
FLAG = " – en betydende ændring (2 point eller mere)"


def capture_goal(say: Callable[[str], str], reference: str) -> None:
    """A goal with two COPM problems (gå i bad selv 7/3/2, handle ind i Netto 6/4/4) and two
    delmål, confirmed and saved."""
    assert "område" in say(f"nyt mål for {reference}")
    assert "aktivitet" in say("egenomsorg")
    assert "vigtig" in say("gå i bad selv")
    assert "godt" in say("7")
    assert "tilfreds" in say("3")
    assert "flere aktiviteter" in say("2")
    second_problem_then_goal(say, satisfaction="4")
    assert "Hvornår" in say(STATEMENT)
    assert "delmål" in say("om 6 uger")
    assert "handlinger" in say("Stå sikkert i badet i fem minutter")
    assert "ansvaret" in say("øve at stå ved håndvasken")
    assert "Hvornår" in say("borger")
    assert "delmål mere" in say("om 3 uger")
    assert "Hvad er delmålet" in say("ja")
    assert "handlinger" in say("Vaske hår selv med bruseren")
    assert "ansvaret" in say("øve med bruseren")
    assert "Hvornår" in say("terapeut")
    assert "delmål mere" in say("om 5 uger")
    assert "Skal jeg gemme det?" in say("nej")
    assert "Målet er gemt" in say("gem")


def citizen_id(reference: str) -> str:
    return f"(SELECT id FROM citizens WHERE reference = '{reference}')"


def assessments_over_http(api: ApiProcess, token: str, reference: str) -> list[dict[str, Any]]:
    return get_json(f"{api.url}/api/v1/citizens/{reference}/assessments", token)


def rerate(say: Callable[[str], str], reference: str) -> None:
    """The re-assessment up to (not including) the last satisfaction: 6/5 and 5/…"""
    opening = say(f"revurdering for {reference}")
    assert f"Mål for borger {reference}:" in opening and f"»{STATEMENT}«" in opening
    assert "Aktivitet 1 af 2: »gå i bad selv«. Sidst: udførelse 3, tilfredshed 2." in opening
    assert "Og hvor tilfreds er borgeren nu" in say("6")
    assert "Aktivitet 2 af 2: »handle ind i Netto«. Sidst: udførelse 4, tilfredshed 4." in say("5")
    assert "Og hvor tilfreds er borgeren nu" in say("5")


def change(ratings: dict[str, Any]) -> tuple:
    return tuple(
        (ratings[scale]["baseline"], ratings[scale]["current"], ratings[scale]["change"],
         ratings[scale]["clinically_important"])
        for scale in ("performance", "satisfaction")
    )  # fmt: skip


def assert_the_reassessment_is_stored(
    api: ApiProcess, token: str, reference: str, username: str
) -> None:
    rows = api.query(
        "SELECT r.created_by, rr.performance, rr.satisfaction, p.activity"
        " FROM reassessments r JOIN reassessment_ratings rr ON rr.reassessment_id = r.id"
        " JOIN copm_problems p ON p.id = rr.problem_id JOIN assessments a ON a.id = r.assessment_id"
        f" WHERE a.citizen_id = {citizen_id(reference)} ORDER BY p.priority"
    )
    assert rows == [
        (username, 6, 5, "gå i bad selv"),
        (username, 5, 4, "handle ind i Netto"),
    ]
    [assessment] = assessments_over_http(api, token, reference)
    [reassessment] = assessment["reassessments"]
    assert [change(r["change"]) for r in reassessment["ratings"]] == [
        ((3, 6, 3, True), (2, 5, 3, True)),
        ((4, 5, 1, False), (4, 4, 0, False)),
    ]
    assert change(reassessment["change"]) == ((3.5, 5.5, 2, True), (3, 4.5, 1.5, False))
    assert (reassessment["performance_score"], reassessment["satisfaction_score"]) == (5.5, 4.5)


def test_a_reassessment_is_stored_with_the_change_and_its_flag(
    api: ApiProcess, therapist: tuple[str, str], say: Callable[[str], str]
) -> None:
    username, token = therapist
    capture_goal(say, "B-7311")
    rerate(say, "B-7311")
    report = say("4")
    assert "Revurderingen er gemt. Ændring siden første vurdering:" in report
    assert (
        "• gå i bad selv:\n"
        f"   udførelse: 3 → 6 (+3){FLAG}\n"
        f"   tilfredshed: 2 → 5 (+3){FLAG}\n"
        "• handle ind i Netto:\n"
        "   udførelse: 4 → 5 (+1)\n"
        "   tilfredshed: 4 → 4 (+0)\n"
        "COPM-score samlet:\n"
        f"   udførelse: 3.5 → 5.5 (+2){FLAG}\n"
        "   tilfredshed: 3 → 4.5 (+1.5)"
    ) in report
    assert_the_reassessment_is_stored(api, token, "B-7311", username)


def test_api_down_then_up_stores_the_reassessment_exactly_once(
    bot: BotProcesses, api: ApiProcess, therapist: tuple[str, str], say: Callable[[str], str]
) -> None:
    username, token = therapist
    capture_goal(say, "B-7312")
    rerate(say, "B-7312")  # read while the API is up: the token is seen, the problems known
    api.stop()
    try:
        queued = say("4")  # the last score confirms the re-assessment
        assert "udbakken" in queued
        assert "Revurderingen er gemt" not in queued
        assert api.query(
            "SELECT count(*) FROM reassessments WHERE assessment_id IN"
            f" (SELECT id FROM assessments WHERE citizen_id = {citizen_id('B-7312')})"
        ) == [(0,)]
    finally:
        api.start()
    # The action server's flusher runs hourly in the stack; resend the way it does, twice.
    box = Outbox(
        f"sqlite:///{bot.work / 'outbox.db'}",
        GoalsApi(ApiConfig(base_url=api.url, token=api.service_token, attempts=1)),
    )
    assert box.flush() == 0
    assert box.flush() == 0  # nothing waits, nothing is sent twice
    with sqlite3.connect(bot.work / "outbox.db") as db:
        statuses = db.execute(
            "SELECT status, payload FROM outbox"
            " WHERE kind = 'reassessment' AND reference = 'B-7312'"
        ).fetchall()
    assert statuses == [("gemt", None)]
    assert_the_reassessment_is_stored(api, token, "B-7312", username)
    creates = api.query(
        "SELECT actor FROM audit_log WHERE citizen_reference = 'B-7312'"
        " AND action = 'create' AND entity_type = 'reassessment'"
    )
    assert creates == [(username,)]


def test_a_goal_and_its_delmaal_are_evaluated_for_the_right_target(
    bot: BotProcesses, api: ApiProcess, therapist: tuple[str, str], say: Callable[[str], str]
) -> None:
    username, token = therapist
    capture_goal(say, "B-7313")
    [(goal_id,)] = api.query(f"SELECT id FROM goals WHERE citizen_id = {citizen_id('B-7313')}")
    subgoals = api.query(f"SELECT id FROM subgoals WHERE goal_id = {goal_id} ORDER BY id")
    [(first,), (second,)] = subgoals

    messages = bot.staff(token, "evaluering af delmål for B-7313").json()
    assert "Hvad vil du evaluere?" in [m.get("text") for m in messages]
    buttons = [b for m in messages for b in m.get("buttons", [])]
    assert [(b["title"], b["payload"]) for b in buttons] == [
        (f"1. Mål: {STATEMENT}", "1"),
        ("2. Delmål: Stå sikkert i badet i fem minutter", "2"),
        ("3. Delmål: Vaske hår selv med bruseren", "3"),
    ]
    assert "Hvordan går det?" in say("3")
    assert "Skriv en kort note" in say("gul")
    assert "Evalueringen er gemt." in say("Går bedre med bruseren")

    assert "Hvad vil du evaluere?" in say("evaluering af delmål for B-7313")
    assert "Hvordan går det?" in say("1")
    assert "Skriv en kort note" in say("grøn")
    assert "Evalueringen er gemt." in say("ingen")

    assert "Hvad vil du evaluere?" in say("evaluering af delmål for B-7313")
    assert "Hvordan går det?" in say("2")
    assert "Skriv en kort note" in say("rød")
    assert "Evalueringen er gemt." in say("Tør ikke stå uden støtte endnu")

    rows = api.query(
        "SELECT goal_id, subgoal_id, traffic_light, note, created_by FROM evaluations"
        f" WHERE goal_id = {goal_id} OR subgoal_id IN ({first}, {second}) ORDER BY id"
    )
    assert rows == [
        (None, second, "gul", "Går bedre med bruseren", username),
        (goal_id, None, "groen", None, username),
        (None, first, "roed", "Tør ikke stå uden støtte endnu", username),
    ]
    listing = say("vis mål for B-7313")
    assert "aktiv, seneste evaluering 🟢 grøn" in listing
    assert "(borgeren, frist torsdag den 31. december 2026) 🔴 rød" in listing
    assert "(terapeuten, frist torsdag den 14. januar 2027) 🟡 gul" in listing


def test_show_goals_lists_the_citizens_goals_and_delmaal(say: Callable[[str], str]) -> None:
    capture_goal(say, "B-7314")
    assert say("vis mål for B-7314") == (
        "Mål for borger B-7314:\n"
        f"1. »{STATEMENT}« – frist torsdag den 21. januar 2027, aktiv\n"
        "   – Stå sikkert i badet i fem minutter (borgeren, frist torsdag den 31. december 2026)\n"
        "   – Vaske hår selv med bruseren (terapeuten, frist torsdag den 14. januar 2027)"
    )
    unknown = say("vis mål for B-7399")  # no such citizen: nothing of B-7314's is shown
    assert "Jeg kender ingen borger med den reference" in unknown
    assert STATEMENT not in unknown


def domain_text(name: str, response: str) -> str:
    """The response's variation without a condition, as written in bot/domain/<name>.yml."""
    domain = yaml.safe_load((ROOT / "bot" / "domain" / f"{name}.yml").read_text(encoding="utf-8"))
    return next(v["text"] for v in domain["responses"][response] if not v.get("condition"))


def test_an_objection_gets_the_coaching_and_the_answer_for_the_citizen(
    bot: BotProcesses, therapist: tuple[str, str]
) -> None:
    _, token = therapist
    message = "borgeren siger at hun har betalt skat hele livet og derfor skal have hjælpen"
    reply = bot.staff(token, message)
    reply.raise_for_status()
    texts = [m.get("text") for m in reply.json()]
    coaching = domain_text("indvending", "utter_indvending/betalt_skat")
    answer = "7. Svar til borgeren: " + domain_text("faq", "utter_faq/skaerer_ned")
    assert coaching.startswith("1. Hvad kan ligge bag: Et ønske om anerkendelse")
    assert "hjælp til selvhjælp" in answer
    assert coaching in texts and answer in texts
    assert texts.index(coaching) < texts.index(answer)  # the coaching first, then the answer
