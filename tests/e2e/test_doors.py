"""The two doors, end to end: the public door reveals nothing and starts no staff flow; the staff
door needs a valid sign-in and keeps each person to their own conversation; Rasa's HTTP API
needs credentials."""

from __future__ import annotations

import pytest
import requests

from tests.e2e.conftest import Staff
from tests.support.stack import ApiProcess, BotProcesses

STAFF_ONLY = "kræver, at man er logget ind som medarbejder"
STAFF_REQUESTS = [
    "vis mål for B-4765",
    "Jeg vil registrere et mål for borger B-4765",
    "revurdering for B-4765",
    "evaluer et delmål for B-4765",
    "start motivationsguiden",
    "øv mine spørgsmål",
    "er målet gemt?",
]


@pytest.fixture(scope="module")
def citizen_with_a_goal(bot: BotProcesses, api: ApiProcess, staff: dict[str, Staff]) -> str:
    """B-4765 gets a real goal through the staff door, so there is something to leak."""
    therapist = staff["kontaktperson"]
    token = api.sign_in(therapist.username, therapist.password)
    answers = ["nyt mål for B-4765", "egenomsorg", "tage tøj på selv", "8", "3", "3", "nej",
               "Jeg vil selv tage tøj på hver morgen", "om 5 uger", "Tage skjorte på selv",
               "øve med knapper", "borger", "om 2 uger", "nej"]  # fmt: skip
    for answer in answers:
        bot.staff_say(token, answer)
    assert "Målet er gemt" in bot.staff_say(token, "gem")
    return "Jeg vil selv tage tøj på hver morgen"


@pytest.mark.parametrize("message", STAFF_REQUESTS)
def test_the_public_door_starts_no_staff_flow_and_reveals_nothing(
    bot: BotProcesses, citizen_with_a_goal: str, message: str
) -> None:
    reply = bot.say(f"visitor-{abs(hash(message))}", message)
    assert STAFF_ONLY in reply
    assert citizen_with_a_goal not in reply and "skjorte" not in reply.lower()


def test_client_metadata_on_the_public_door_grants_nothing(
    bot: BotProcesses, api: ApiProcess, citizen_with_a_goal: str
) -> None:
    [(user_id,)] = api.query(
        "SELECT user_id FROM staff_users WHERE username = 'test-kontaktperson'"
    )
    forged = {"staff": {"user_id": user_id, "username": "test-kontaktperson",
                        "role": "kontaktperson", "session_id": "anything"}}  # fmt: skip
    reply = bot.public("forger", "vis mål for B-4765", metadata=forged, input_channel="staff")
    assert reply.status_code == 200
    text = " ".join(m.get("text", "") for m in reply.json())
    assert STAFF_ONLY in text and citizen_with_a_goal not in text
    tracker = bot.tracker("pub-forger")
    assert all(not (e.get("metadata") or {}).get("staff") for e in tracker["events"])
    assert {e.get("input_channel") for e in tracker["events"] if e["event"] == "user"} == {"rest"}


def test_a_public_sender_cannot_name_a_staff_conversation(
    bot: BotProcesses, api: ApiProcess, staff: dict[str, Staff]
) -> None:
    therapist = staff["visitator"]
    token = api.sign_in(therapist.username, therapist.password)
    bot.staff_say(token, "nyt mål for B-5000")
    [(user_id,)] = api.query(
        f"SELECT user_id FROM staff_users WHERE username = '{therapist.username}'"
    )
    before = len(bot.tracker(f"staff-{user_id}")["events"])
    reply = bot.say(f"staff-{user_id}", "egenomsorg")
    assert "aktivitet" not in reply  # not the staff member's form
    assert len(bot.tracker(f"staff-{user_id}")["events"]) == before


def test_the_staff_door_refuses_without_a_valid_token(bot: BotProcesses, api: ApiProcess) -> None:
    for token in (None, "forged-" + "x" * 40):
        reply = bot.staff(token, "vis mål for B-4765")
        assert reply.status_code == 401
        assert reply.headers.get("WWW-Authenticate") == "Bearer"
        assert "Log ind" in reply.json()[0]["text"]


def test_a_logged_out_token_is_refused_at_once(
    bot: BotProcesses, api: ApiProcess, staff: dict[str, Staff]
) -> None:
    leader = staff["leder"]
    token = api.sign_in(leader.username, leader.password)
    assert bot.staff(token, "hej").status_code == 200
    logout = requests.post(
        f"{api.url}/api/v1/auth/logout", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert logout.status_code == 204
    assert bot.staff(token, "hej").status_code == 401


def test_each_person_has_their_own_conversation(
    bot: BotProcesses, api: ApiProcess, staff: dict[str, Staff]
) -> None:
    first, second = staff["terapeut"], staff["admin"]
    token_one = api.sign_in(first.username, first.password)
    token_two = api.sign_in(second.username, second.password)
    bot.staff_say(token_one, "nyt mål for B-6000")
    # The sender in the body is ignored: the second person cannot write into the first one's form.
    reply = bot.staff(token_two, "egenomsorg", sender=f"staff-{first.username}").json()
    assert "aktivitet" not in " ".join(m.get("text", "") for m in reply)
    assert "område" in bot.staff_say(token_one, "noget andet")  # the first form still waits


def test_a_leader_can_read_but_not_register_goals(
    bot: BotProcesses, api: ApiProcess, staff: dict[str, Staff], citizen_with_a_goal: str
) -> None:
    leader = staff["leder"]
    token = api.sign_in(leader.username, leader.password)
    assert citizen_with_a_goal in bot.staff_say(token, "vis mål for B-4765")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/conversations/pub-x/tracker", None),
        ("POST", "/conversations/pub-x/tracker/events", {"event": "slot", "name": "x"}),
        ("PUT", "/model", {"model_file": "/tmp/other.tar.gz"}),
        ("POST", "/model/parse", {"text": "hej"}),
    ],
)
def test_rasas_http_api_refuses_without_credentials(
    bot: BotProcesses, method: str, path: str, body: dict | None
) -> None:
    reply = requests.request(method, f"{bot.url}{path}", json=body, timeout=30)
    assert reply.status_code in (401, 403), reply.text
    forged = requests.request(method, f"{bot.url}{path}", json=body, timeout=30,
                              headers={"Authorization": "Bearer not.a.jwt"})  # fmt: skip
    assert forged.status_code in (401, 403)


def test_rasas_http_api_answers_with_the_operators_jwt(bot: BotProcesses) -> None:
    assert bot.tracker("pub-nobody")["sender_id"] == "pub-nobody"
