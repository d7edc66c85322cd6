"""The two-stage fallback: the closest FAQ questions first, then a person."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import UserUtteranceReverted

from actions.faq.fallback import ASK_WHICH, ActionAskAffirmation, ActionDefaultFallback
from tests.actions.trackers import run, state, tracker

HUMAN = {"title": "Tal med et menneske", "payload": "/request_human"}
NONE_OF_THEM = {"title": "Ingen af dem", "payload": "/out_of_scope"}


def test_the_three_closest_faq_questions_are_offered_in_their_own_words() -> None:
    reply = run(ActionAskAffirmation(), tracker("fallback_unsure"))
    assert reply.texts == [ASK_WHICH]
    # Best first; a repeated id, another selector's answer and an unknown id are left out.
    assert reply.buttons == [
        {"title": "Hvorfor stopper I med at komme hos mig?",
         "payload": "Hvorfor stopper I med at komme hos mig?"},
        {"title": "Hvordan kan jeg som pårørende hjælpe?",
         "payload": "Hvordan kan jeg som pårørende hjælpe?"},
        {"title": "Hvorfor skærer I ned i hjælpen?", "payload": "Hvorfor skærer I ned i hjælpen?"},
        HUMAN, NONE_OF_THEM,
    ]  # fmt: skip
    assert reply.events == []


def test_without_a_ranking_the_most_asked_questions_are_offered() -> None:
    reply = run(ActionAskAffirmation(), tracker("public_faq_question"))
    assert [b["title"] for b in reply.buttons] == [
        "Hvorfor skærer I ned i hjælpen?", "Hvad er hverdagsrehabilitering?",
        "Skal jeg deltage? Er det frivilligt?", HUMAN["title"], NONE_OF_THEM["title"],
    ]  # fmt: skip


def test_a_ranking_under_the_default_selector_is_read_too() -> None:
    data = state("fallback_unsure")
    selector = data["latest_message"]["response_selector"]
    selector["default"] = selector.pop("faq")
    selector["default"]["ranking"] = selector["default"]["ranking"][-1:]
    reply = run(ActionAskAffirmation(), Tracker.from_dict(data))
    assert [b["title"] for b in reply.buttons] == [
        "Hvad sker der, hvis jeg får det dårligere igen?",
        HUMAN["title"],
        NONE_OF_THEM["title"],
    ]


def test_still_unclear_hands_over_to_a_person() -> None:
    reply = run(ActionDefaultFallback(), tracker("crisis_during_fallback"))
    assert reply.responses == ["utter_human_handover"]
    assert reply.events == [UserUtteranceReverted()]
