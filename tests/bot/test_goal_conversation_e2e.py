"""Goal capture end to end: trained model on `rasa run`, the real action server, the real API.

A full Danish conversation goes through the REST channel; the structured goal, its delmål and
its COPM scores are then read from the API's database. The API is also taken down mid-way to
prove that a confirmed goal waits in the outbox and is stored exactly once.
"""

from __future__ import annotations

import datetime as dt
import json

import requests

from actions.goals.parsing import parse_due_date
from tests.bot.conftest import STACK_TODAY, Stack
from tests.support.api_server import running_api

TODAY = STACK_TODAY.isoformat()


def capture_until_confirm(stack: Stack, sender: str, reference: str) -> str:
    """A full capture with two COPM problems, a vague goal first, and one delmål."""
    say = lambda message: stack.text(sender, message)  # noqa: E731
    assert "område" in say(f"Jeg vil registrere et mål for borger {reference}")
    assert "aktivitet" in say("egenomsorg")
    assert "vigtig" in say("gå i bad selv")
    assert "Skriv et tal fra 1 til 10" in say("11")  # out of range: asked again
    assert "godt" in say("syv")
    assert "tilfreds" in say("3/10")
    assert "flere aktiviteter" in say("2 ud af 10")
    assert "område" in say("ja")
    say("produktivitet")
    say("handle ind i Netto")
    say("6")
    say("4")
    assert "flere aktiviteter" in say("5")
    assert "Hvilken af aktiviteterne" in say("nej")
    assert "Hvad er målet" in say("1")
    assert "hvor ofte" in say("Jeg vil have det bedre")  # vague: a gentle question
    assert "Hvornår" in say("Jeg vil kunne tage bad selv to gange om ugen")
    assert "kunne jeg ikke læse" in say("engang")  # unparseable date
    reply = say("om 6 uger")
    assert "Frist for målet" in reply
    assert "delmål" in reply
    assert "handlinger" in say("Stå sikkert i badet i fem minutter")
    assert "ansvaret" in say("øve at stå ved håndvasken, skridsikker måtte i badet")
    assert "Hvornår" in say("borger")
    assert "Frist for delmålet" in say("om 3 uger")
    summary = say("nej")
    assert f"borger {reference}" in summary and "Skal jeg gemme det?" in summary
    return summary


def test_full_goal_capture_with_a_correction_lands_in_the_api(stack: Stack) -> None:
    with running_api(
        stack.work / "happy", stack.api_port, write=stack.write_token, today=TODAY
    ) as api:
        summary = capture_until_confirm(stack, "happy", "B-1042")
        assert "»Jeg vil kunne tage bad selv to gange om ugen«" in summary
        assert "Hvad vil du rette?" in stack.text("happy", "ret")
        assert "Hvornår" in stack.text("happy", "frist")  # only that field is asked again
        # 24 December is before the delmål's "om 3 uger" (31 December): the conflict is
        # explained and the delmål's date asked again, instead of the API refusing the goal.
        conflict = stack.text("happy", "inden jul")
        assert "Et delmål skal nås senest samme dag som målet" in conflict
        assert "Hvornår skal delmålet være nået?" in conflict
        corrected = stack.text("happy", "om 1 uge")
        assert "Frist for delmålet" in corrected and "Skal jeg gemme det?" in corrected
        assert "Målet er gemt" in stack.text("happy", "gem")
        assert "Ja" in stack.text("happy", "er målet gemt?")

        christmas = parse_due_date("inden jul", STACK_TODAY).isoformat()
        [(statement, area, activity, due, imp, perf, sat)] = api.query(
            "SELECT statement, area, activity, due_date, baseline_importance,"
            " baseline_performance, baseline_satisfaction FROM goals"
        )
        assert statement == "Jeg vil kunne tage bad selv to gange om ugen"
        assert (area, activity, str(due)) == ("egenomsorg", "gå i bad selv", christmas)
        assert (imp, perf, sat) == (7, 3, 2)
        problems = api.query(
            "SELECT priority, area, activity, importance, performance, satisfaction"
            " FROM copm_problems ORDER BY priority"
        )
        assert [p[1:] for p in problems] == [
            ("egenomsorg", "gå i bad selv", 7, 3, 2),
            ("produktivitet", "handle ind i Netto", 6, 4, 5),
        ]
        [(description, actions, responsible, sub_due)] = api.query(
            "SELECT description, actions, responsible, due_date FROM subgoals"
        )
        assert description == "Stå sikkert i badet i fem minutter"
        assert json.loads(actions) == ["øve at stå ved håndvasken", "skridsikker måtte i badet"]
        assert responsible == "borger"
        assert str(sub_due) == (STACK_TODAY + dt.timedelta(weeks=1)).isoformat()


def test_api_down_then_up_saves_the_goal_exactly_once(stack: Stack) -> None:
    capture_until_confirm(stack, "outage", "T-0001")
    queued = stack.text("outage", "gem")  # no API is listening
    assert "udbakken" in queued
    assert "Ikke endnu" in stack.text("outage", "er målet gemt?")
    with running_api(
        stack.work / "outage", stack.api_port, write=stack.write_token, today=TODAY
    ) as api:
        assert "Ja" in stack.text("outage", "er målet gemt?")
        assert "Ja" in stack.text("outage", "er målet gemt?")  # asking again sends nothing twice
        assert api.query("SELECT count(*) FROM goals") == [(1,)]
        assert api.query("SELECT count(*) FROM assessments") == [(1,)]
        assert api.query("SELECT count(*) FROM citizens") == [(1,)]


def test_cancel_midway_saves_nothing(stack: Stack) -> None:
    stack.text("cancel", "nyt mål for B-2210")
    stack.text("cancel", "fritid")
    assert "Intet er gemt" in stack.text("cancel", "annuller")
    assert "Intet er gemt" not in stack.text("cancel", "hej")


def test_an_faq_question_mid_capture_is_answered_and_the_capture_resumes(stack: Stack) -> None:
    stack.text("faq-mid", "nyt mål for B-3301")
    stack.text("faq-mid", "egenomsorg")
    reply = stack.text("faq-mid", "hvad er en døgnrytmeplan?")
    assert "døgnrytmeplan" in reply.lower()
    assert "aktivitet" in reply  # the form asks its question again


def test_the_scale_is_explained_on_request(stack: Stack) -> None:
    stack.text("scale", "nyt mål for B-3302")
    stack.text("scale", "egenomsorg")
    stack.text("scale", "komme op af stolen")
    stack.text("scale", "8")
    reply = stack.text("scale", "hvad betyder udførelse?")
    assert "Udførelse:" in reply and "1 til 10" in reply.replace("fra 1", "1 til 10")


# The CPR-shaped values the test conversations type (invented: a valid date plus four digits).
TEST_CPRS = ["0101901234"]


def cpr_variants(cpr: str) -> list[str]:
    return [cpr, f"{cpr[:6]}-{cpr[6:]}", f"{cpr[:6]} {cpr[6:]}"]


def test_cpr_input_is_refused_and_never_stored(stack: Stack) -> None:
    cpr = TEST_CPRS[0]
    refused = stack.text("privacy", f"Jeg vil registrere et mål for borger {cpr[:6]}-{cpr[6:]}")
    assert "CPR" in refused and "reference" in refused
    assert "B-1042" in stack.text("privacy", f"{cpr}")  # asked in the form: refused again
    stack.text("privacy", "B-4000")
    stack.text("privacy", f"hendes cpr er {cpr}, hun vil gerne gå i bad")  # a free-text field
    stack.text("privacy", "annuller")

    tracker = requests.get(f"{stack.rasa_url}/conversations/privacy/tracker", timeout=30).json()
    assert "[CPR-nummer fjernet]" in str(tracker)
    places = {"tracker API": str(tracker), "tracker store": stack.tracker_db.read_bytes().decode(
        "utf-8", "replace")}  # fmt: skip
    places |= {log.name: log.read_text() for log in stack.work.glob("*.log")}
    places |= {p.name: p.read_bytes().decode("utf-8", "replace") for p in stack.work.rglob("*.db")}
    # Scan for the numbers the conversations typed, in every spelling (a generic CPR pattern
    # would also match digit runs inside the tracker store's random hex ids).
    for name, content in places.items():
        for variant in (v for cpr in TEST_CPRS for v in cpr_variants(cpr)):
            assert variant not in content, f"a test CPR number was found in {name}"
