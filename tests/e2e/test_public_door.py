"""The public door end to end: the trained model on `rasa run`, the real action server, and
Rasa's REST channel as citizens and relatives use it (anonymous)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests
import yaml

from actions.faq.catalog import FAQ_QUESTIONS
from bot.tracker_store import DEFAULT_SESSION_MAX_TURNS
from tests.conftest import ROOT
from tests.support.stack import INVENTED_PHONE, BotProcesses

FAQ = yaml.safe_load((ROOT / "bot" / "domain" / "faq.yml").read_text())["responses"]


@pytest.fixture(scope="module")
def rasa_url(bot: BotProcesses) -> str:
    return bot.url


def say(rasa_url: str, sender: str, message: str) -> list[dict[str, Any]]:
    reply = requests.post(
        f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
    )
    reply.raise_for_status()
    return reply.json()


def variation(faq_id: str, audience: str | None) -> str:
    for candidate in FAQ[f"utter_faq/{faq_id}"]:
        condition = candidate.get("condition") or [{"value": None}]
        if condition[0]["value"] == audience:
            return candidate["text"]
    raise KeyError(audience)


def rendered(template: str, **slots: str) -> re.Pattern[str]:
    """The template with its placeholders filled: given slots exactly, others as anything."""
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else (re.escape(slots[part]) if part in slots else ".+?")
        for i, part in enumerate(parts)
    )
    return re.compile(f"^{pattern}$", re.S)


def test_the_issue_example_gets_the_skaerer_ned_answer_for_a_relative(rasa_url: str) -> None:
    replies = say(rasa_url, "t", "hvorfor skærer i ned på min mors hjælp")
    assert len(replies) == 1
    assert rendered(variation("skaerer_ned", "paaroerende"), relation="mor").match(
        replies[0]["text"]
    )


def test_parse_selects_the_skaerer_ned_response_key(bot: BotProcesses) -> None:
    parsed = requests.post(
        f"{bot.url}/model/parse",
        json={"text": "hvorfor skærer i ned på min mors hjælp"},
        headers={"Authorization": f"Bearer {bot.admin_jwt()}"},
        timeout=60,
    ).json()
    assert parsed["intent"]["name"] == "faq"
    selected = parsed["response_selector"]["faq"]["response"]
    assert selected["intent_response_key"] == "faq/skaerer_ned"


def test_staff_get_the_answer_plus_what_to_say(rasa_url: str) -> None:
    say(rasa_url, "staff", '/state_role{"rolle": "medarbejder"}')
    replies = say(rasa_url, "staff", "hvad er en døgnrytmeplan egentlig")
    assert rendered(variation("doegnrytmeplan", "medarbejder")).match(replies[0]["text"])
    assert "Sådan kan du sige det" in replies[0]["text"]


def test_a_citizen_without_a_role_gets_the_neutral_answer(rasa_url: str) -> None:
    replies = say(rasa_url, "citizen", "hvor længe varer sådan et forløb")
    assert rendered(variation("varighed", None)).match(replies[0]["text"])


def test_a_request_for_a_human_gives_the_configured_visitation_contact(rasa_url: str) -> None:
    replies = say(rasa_url, "human", "jeg vil gerne tale med et menneske")
    assert INVENTED_PHONE in replies[0]["text"]
    assert "hverdage kl. 8–10" in replies[0]["text"]


def test_the_configured_phone_reaches_the_faq_answer(rasa_url: str) -> None:
    replies = say(rasa_url, "worse", "hvad gør jeg hvis jeg får det værre igen senere")
    assert INVENTED_PHONE in replies[0]["text"]


def test_an_unclear_message_gets_the_closest_questions_not_an_answer(rasa_url: str) -> None:
    # The intent payload makes the model's uncertainty deterministic: this is the fallback path.
    replies = say(rasa_url, "unclear", "/nlu_fallback")
    assert len(replies) == 1
    assert (
        replies[0]["text"]
        == "Jeg er ikke helt sikker på, hvad du mener. Er det et af disse spørgsmål?"
    )
    titles = [b["title"] for b in replies[0]["buttons"]]
    assert len(titles) == 5
    assert set(titles[:3]) <= set(FAQ_QUESTIONS.values())
    assert titles[3:] == ["Tal med et menneske", "Ingen af dem"]


def test_still_unclear_after_rephrasing_hands_over_to_a_person(rasa_url: str) -> None:
    say(rasa_url, "twice", "/nlu_fallback")
    rephrase = say(rasa_url, "twice", "/out_of_scope")  # "Ingen af dem"
    assert (
        rephrase[0]["text"]
        == "Undskyld, jeg forstod det ikke helt. Vil du skrive det på en anden måde?"
    )
    # Rasa's two-stage fallback: still unclear, so it offers the questions once more; a second
    # "none of these" gives up and hands over to a person instead of guessing.
    again = say(rasa_url, "twice", "/nlu_fallback")
    assert again[0]["text"].startswith("Jeg er ikke helt sikker")
    handover = say(rasa_url, "twice", "/out_of_scope")
    assert INVENTED_PHONE in handover[0]["text"]


def test_a_chosen_suggestion_is_answered(rasa_url: str) -> None:
    say(rasa_url, "choose", "/nlu_fallback")
    replies = say(rasa_url, "choose", FAQ_QUESTIONS["demens"])
    assert rendered(variation("demens", None)).match(replies[0]["text"]), replies


@pytest.mark.parametrize("faq_id", sorted(FAQ_QUESTIONS))
def test_each_suggestion_button_answers_its_own_question(rasa_url: str, faq_id: str) -> None:
    """A suggestion button sends the question's own wording; it must reach that answer."""
    replies = say(rasa_url, f"button-{faq_id}", FAQ_QUESTIONS[faq_id])
    # Any audience's variation: "som pårørende" in a question also tells who is asking.
    variations = [v["text"] for v in FAQ[f"utter_faq/{faq_id}"]]
    assert any(rendered(v).match(replies[0]["text"]) for v in variations), replies


def test_a_long_conversation_goes_on_in_new_sessions_and_keeps_who_is_asking(
    rasa_url: str, bot: BotProcesses
) -> None:
    """Past TRACKER_SESSION_MAX_TURNS the store starts a new session (bot/tracker_store.py):
    every answer is still the relatives' one, before and after."""
    questions = {
        "varighed": "hvor længe varer sådan et forløb",
        "doegnrytmeplan": "hvad er en døgnrytmeplan egentlig",
        "hvis_det_bliver_vaerre": "hvad gør jeg hvis jeg får det værre igen senere",
    }
    say(rasa_url, "long", '/state_role{"rolle": "paaroerende"}')
    for turn in range(45):
        faq_id = list(questions)[turn % len(questions)]
        replies = say(rasa_url, "long", questions[faq_id])
        assert rendered(variation(faq_id, "paaroerende")).match(replies[0]["text"]), (turn, replies)
    events = bot.tracker("pub-long")["events"]
    # 46 messages: a new session after message M + 1, 2M + 1, … (each carries the last turn).
    rollovers = (46 - 1) // DEFAULT_SESSION_MAX_TURNS
    assert rollovers >= 2
    assert sum(e["event"] == "session_started" for e in events) == 1 + rollovers
