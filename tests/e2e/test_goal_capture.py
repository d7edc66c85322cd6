"""Goal capture end to end on the staff door: a signed-in therapist, the trained model on
`rasa run`, the real action server and the real API.

A full Danish conversation goes through /webhooks/staff/webhook; the structured goal, its delmål
and its COPM scores are then read from the API's database, with the person in the audit. The API
is also taken down mid-way to prove that a confirmed goal waits in the outbox and is stored
exactly once, attributed to the person who confirmed it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from actions.goals.parsing import parse_due_date
from tests.conftest import STACK_TODAY
from tests.e2e.conftest import second_problem_then_goal
from tests.support.stack import ApiProcess, BotProcesses


def capture_until_confirm(say: Callable[[str], str], reference: str) -> str:
    """A full capture with two COPM problems, a vague goal first, and one delmål."""
    assert "område" in say(f"Jeg vil registrere et mål for borger {reference}")
    assert "aktivitet" in say("egenomsorg")
    assert "vigtig" in say("gå i bad selv")
    assert "Skriv et tal fra 1 til 10" in say("11")  # out of range: asked again
    assert "godt" in say("syv")
    assert "tilfreds" in say("3/10")
    assert "flere aktiviteter" in say("2 ud af 10")
    second_problem_then_goal(say, satisfaction="5")
    assert "hvor ofte" in say("Jeg vil have det bedre")  # vague: a gentle question
    assert "Hvornår" in say("Jeg vil kunne tage bad selv to gange om ugen")
    assert "kunne jeg ikke læse" in say("engang")  # unparseable date
    reply = say("om 6 uger")
    assert "Frist for målet" in reply
    assert "delmål" in reply
    assert "Det ligner en dato" in say("om 8 uger")  # a date is not a delmål
    assert "handlinger" in say("Stå sikkert i badet i fem minutter")
    assert "ansvaret" in say("øve at stå ved håndvasken, skridsikker måtte i badet")
    assert "Hvornår" in say("borger")
    assert "Frist for delmålet" in say("om 3 uger")
    summary = say("nej")
    assert f"borger {reference}" in summary and "Skal jeg gemme det?" in summary
    return summary


def test_full_goal_capture_with_a_correction_lands_in_the_api(
    api: ApiProcess, therapist: tuple[str, str], say: Callable[[str], str]
) -> None:
    username, _ = therapist
    summary = capture_until_confirm(say, "B-1042")
    assert "»Jeg vil kunne tage bad selv to gange om ugen«" in summary
    assert "Hvad vil du rette?" in say("ret")
    assert "Hvornår" in say("frist")  # only that field is asked again
    # 24 December is before the delmål's "om 3 uger" (31 December): the conflict is explained
    # and the delmål's date asked again, instead of the API refusing the goal.
    conflict = say("inden jul")
    assert "Et delmål skal nås senest samme dag som målet" in conflict
    assert "Hvornår skal delmålet være nået?" in conflict
    corrected = say("om 1 uge")
    assert "Frist for delmålet" in corrected and "Skal jeg gemme det?" in corrected
    assert "Hvad vil du rette?" in say("ret")  # "Ret" again: now the second activity
    assert "Hvad skal rettes?" in say("aktivitet 2")
    assert "tilfreds" in say("tilfredshed for aktivitet 2")
    assert "Skal jeg gemme det?" in say("7")
    assert "Målet er gemt" in say("gem")
    assert "Ja" in say("er målet gemt?")

    christmas = parse_due_date("inden jul", STACK_TODAY).isoformat()
    [(goal_id, statement, area, activity, due, imp, perf, sat, created_by)] = api.query(
        "SELECT id, statement, area, activity, due_date, baseline_importance,"
        " baseline_performance, baseline_satisfaction, created_by FROM goals"
        " WHERE citizen_id = (SELECT id FROM citizens WHERE reference = 'B-1042')"
    )
    assert statement == "Jeg vil kunne tage bad selv to gange om ugen"
    assert (area, activity, str(due)) == ("egenomsorg", "gå i bad selv", christmas)
    assert (imp, perf, sat) == (7, 3, 2)
    assert created_by == username
    problems = api.query(
        "SELECT area, activity, importance, performance, satisfaction FROM copm_problems"
        " WHERE assessment_id = (SELECT max(id) FROM assessments) ORDER BY priority"
    )
    assert problems == [
        ("egenomsorg", "gå i bad selv", 7, 3, 2),
        ("produktivitet", "handle ind i Netto", 6, 4, 7),
    ]
    [(description, actions, responsible, sub_due)] = api.query(
        "SELECT description, actions, responsible, due_date FROM subgoals"
        f" WHERE goal_id = {goal_id}"
    )
    assert description == "Stå sikkert i badet i fem minutter"
    assert json.loads(actions) == ["øve at stå ved håndvasken", "skridsikker måtte i badet"]
    assert responsible == "borger"
    assert str(sub_due) == (STACK_TODAY + dt.timedelta(weeks=1)).isoformat()


def test_api_down_then_up_saves_the_goal_exactly_once_for_the_person(
    api: ApiProcess, therapist: tuple[str, str], say: Callable[[str], str]
) -> None:
    username, _ = therapist
    assert "Hvilken borger" in say("nyt mål")  # the staff door has seen this token once
    api.stop()
    try:
        say("T-0001")
        for answer in ("egenomsorg", "gå i bad selv", "7", "3", "2", "nej",
                       "Jeg vil kunne tage bad selv to gange om ugen", "om 6 uger",
                       "Stå i badet", "øve ved håndvasken", "borger", "om 3 uger"):  # fmt: skip
            say(answer)
        assert "Skal jeg gemme det?" in say("nej")
        assert "udbakken" in say("gem")  # no API is listening
        assert "Ikke endnu" in say("er målet gemt?")
    finally:
        api.start()
    assert "Ja" in say("er målet gemt?")
    assert "Ja" in say("er målet gemt?")  # asking again sends nothing twice
    reference = "(SELECT id FROM citizens WHERE reference = 'T-0001')"
    assert api.query(f"SELECT count(*) FROM goals WHERE citizen_id = {reference}") == [(1,)]
    assert api.query(f"SELECT count(*) FROM assessments WHERE citizen_id = {reference}") == [(1,)]
    assert api.query("SELECT count(*) FROM citizens WHERE reference = 'T-0001'") == [(1,)]
    creates = api.query(
        "SELECT actor, entity_type FROM audit_log WHERE citizen_reference = 'T-0001'"
        " AND action = 'create' ORDER BY id"
    )
    assert {actor for actor, _ in creates} == {username}
    assert [entity for _, entity in creates].count("goal") == 1


def test_cancel_midway_saves_nothing(
    bot: BotProcesses, api: ApiProcess, therapist: tuple[str, str]
) -> None:
    _, token = therapist
    bot.staff_say(token, "nyt mål for B-2210")
    bot.staff_say(token, "fritid")
    bot.staff_say(token, "gå tur med hunden")
    assert "Intet er gemt" in bot.staff_say(token, "annuller")
    assert "Intet er gemt" not in bot.staff_say(token, "hej")
    assert api.query("SELECT count(*) FROM citizens WHERE reference = 'B-2210'") == [(0,)]
    tracker = bot.tracker(f"staff-{api_user_id(api, therapist[0])}")
    assert tracker["slots"]["problem_activity"] is None  # nothing of the capture lingers


def api_user_id(api: ApiProcess, username: str) -> str:
    [(user_id,)] = api.query(f"SELECT user_id FROM staff_users WHERE username = '{username}'")
    return user_id


def test_an_faq_question_mid_capture_is_answered_and_the_capture_resumes(
    bot: BotProcesses, therapist: tuple[str, str]
) -> None:
    _, token = therapist
    bot.staff_say(token, "nyt mål for B-3301")
    bot.staff_say(token, "egenomsorg")
    reply = bot.staff_say(token, "hvad er en døgnrytmeplan?")
    assert "døgnrytmeplan" in reply.lower()
    assert "aktivitet" in reply  # the form asks its question again


def test_the_scale_is_explained_on_request(bot: BotProcesses, therapist: tuple[str, str]) -> None:
    _, token = therapist
    for message in ("nyt mål for B-3302", "egenomsorg", "komme op af stolen", "8"):
        bot.staff_say(token, message)
    reply = bot.staff_say(token, "hvad betyder udførelse?")
    assert "Udførelse:" in reply
    assert "1 er slet ikke, 10 er rigtig godt" in reply
