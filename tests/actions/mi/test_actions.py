"""The MI actions (actions/mi/actions.py), run as the action server runs them: run() with a
rasa_sdk Tracker built from a dict, a CollectingDispatcher and the project's real domain."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.mi import actions as mi_actions
from actions.mi.actions import (
    STEPS,
    ActionChangeTalk,
    ActionGuide,
    ActionGuideStop,
    ActionObjectionFaq,
    ActionPracticeFeedback,
    normalise_step,
    practice_lines,
    quoted_part,
)
from actions.mi.objections import OBJECTION_FAQ

ROOT = Path(__file__).resolve().parents[3]
SITUATIONS = ("ny_i_hjemmeplejen", "laenge_i_hjemmeplejen", "udskrevet", "demens")


@pytest.fixture(scope="module")
def rasa_domain() -> Any:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture(scope="module")
def domain(rasa_domain: Any) -> dict[str, Any]:
    """The domain as Rasa sends it to the action server."""
    return rasa_domain.as_dict()


def tracker(
    text: str = "",
    intent: str | None = None,
    *,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    response_selector: dict[str, Any] | None = None,
    staff: bool = True,
) -> Tracker:
    message: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99} if intent else {},
        "entities": entities or [],
        # The staff door's verified identity (bot/channels/staff.py); the coach is for staff.
        "metadata": {"staff": {"user_id": "u-test", "username": "t", "role": "terapeut",
                               "session_id": "s"}} if staff else None,
    }  # fmt: skip
    if response_selector is not None:
        message["response_selector"] = response_selector
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": {"guide_step": None, "guide_active": None, **(slots or {})},
            "latest_message": message,
            "events": [],
            "latest_action_name": "action_listen",
        }
    )


def run(
    action: Action, state: Tracker, domain: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, state, domain))
    return dispatcher.messages, events


def responses(messages: list[dict[str, Any]]) -> list[str | None]:
    return [message.get("response") for message in messages]


def titles(message: dict[str, Any]) -> list[str]:
    return [button["title"] for button in message.get("buttons") or []]


# --- Motivation guide ----------------------------------------------------------------------------


def test_the_guide_starts_at_preparation_with_an_introduction(domain: dict[str, Any]) -> None:
    messages, events = run(ActionGuide(), tracker("motivationsguide", "start_guide"), domain)

    assert responses(messages) == ["utter_guide_intro", "utter_guide_forberedelse"]
    assert titles(messages[1]) == ["Næste", "Stop"]
    assert events == [SlotSet("guide_step", "forberedelse"), SlotSet("guide_active", True)]


def test_next_walks_the_six_steps_in_order_and_then_finishes(domain: dict[str, Any]) -> None:
    step = "forberedelse"
    for expected in STEPS[1:]:
        state = tracker("næste", "guide_next", slots={"guide_step": step, "guide_active": True})
        messages, events = run(ActionGuide(), state, domain)
        assert responses(messages) == [f"utter_guide_{expected}"]
        assert events == [SlotSet("guide_step", expected)]
        step = expected

    state = tracker("næste", "guide_next", slots={"guide_step": "opsummere", "guide_active": True})
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_finished"]
    assert events == [SlotSet("guide_step", None), SlotSet("guide_active", False)]


def test_back_goes_one_step_back_and_stays_at_the_first(domain: dict[str, Any]) -> None:
    state = tracker(
        "tilbage", "guide_back", slots={"guide_step": "fremkalde", "guide_active": True}
    )
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_fokusere"]
    assert events == [SlotSet("guide_step", "fokusere")]

    state = tracker("tilbage", "guide_back", slots={"guide_step": STEPS[0], "guide_active": True})
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_first_step"]
    assert events == []


def test_go_to_a_step_by_entity_or_by_the_words_used(domain: dict[str, Any]) -> None:
    entity = [{"entity": "guide_step", "value": "fremkald", "start": 7, "end": 15}]
    state = tracker(
        "gå til fremkald", "guide_goto", entities=entity, slots={"guide_step": "engagere"}
    )
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_fremkalde"]
    assert events == [SlotSet("guide_step", "fremkalde"), SlotSet("guide_active", True)]

    # The entity was missed: the text still names the step.
    state = tracker("hop til trin 5", "guide_goto", slots={"guide_active": True})
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_planlaegge"]
    assert SlotSet("guide_step", "planlaegge") in events


def test_go_to_without_a_step_asks_which(domain: dict[str, Any]) -> None:
    state = tracker(
        "spring til et andet trin",
        "guide_goto",
        slots={"guide_step": "fokusere", "guide_active": True},
    )
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_which_step"]
    assert events == []


def test_stop_keeps_the_step_and_resume_continues_there(domain: dict[str, Any]) -> None:
    running = {"guide_step": "fremkalde", "guide_active": True}
    messages, events = run(ActionGuideStop(), tracker("stop", "cancel", slots=running), domain)
    assert responses(messages) == ["utter_guide_paused"]
    assert messages[0]["step_number"] == 4
    assert messages[0]["step_title"] == "Fremkalde"
    assert events == [SlotSet("guide_active", False)]

    paused = {"guide_step": "fremkalde", "guide_active": False}
    state = tracker("fortsæt guiden", "guide_resume", slots=paused)
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_resumed", "utter_guide_fremkalde"]
    assert events == [SlotSet("guide_active", True)]


@pytest.mark.parametrize("intent", ["guide_next", "guide_back"])
def test_navigating_a_paused_guide_resumes_at_its_step(intent: str, domain: dict[str, Any]) -> None:
    state = tracker("videre", intent, slots={"guide_step": "fokusere", "guide_active": False})
    messages, events = run(ActionGuide(), state, domain)
    assert responses(messages) == ["utter_guide_resumed", "utter_guide_fokusere"]
    assert events == [SlotSet("guide_active", True)]


def test_resume_without_an_earlier_guide_starts_from_the_beginning(domain: dict[str, Any]) -> None:
    messages, events = run(ActionGuide(), tracker("fortsæt guiden", "guide_resume"), domain)
    assert responses(messages) == ["utter_guide_intro", "utter_guide_forberedelse"]
    assert events == [SlotSet("guide_step", "forberedelse"), SlotSet("guide_active", True)]


def test_next_or_stop_without_a_guide_says_so(domain: dict[str, Any]) -> None:
    messages, events = run(ActionGuide(), tracker("næste", "guide_next"), domain)
    assert responses(messages) == ["utter_guide_not_running"]
    assert events == []

    messages, events = run(ActionGuideStop(), tracker("stop guiden", "guide_stop"), domain)
    assert responses(messages) == ["utter_guide_not_running"]
    assert events == [SlotSet("guide_active", False)]


def test_planning_offers_the_hand_over_to_goal_capture(domain: dict[str, Any]) -> None:
    state = tracker("næste", "guide_next", slots={"guide_step": "fremkalde", "guide_active": True})
    messages, _ = run(ActionGuide(), state, domain)
    assert messages[0]["buttons"][0] == {"title": "Nyt mål", "payload": "/start_goal"}
    assert titles(messages[0]) == ["Nyt mål", "Næste", "Tilbage", "Stop"]


@pytest.mark.parametrize(
    ("written", "step"),
    [("fremkalde", "fremkalde"), ("Fremkald", "fremkalde"), ("planlægning", "planlaegge"),
     ("planlaeg", "planlaegge"), ("opsummeringen", "opsummere"), ("engager", "engagere"),
     ("fokus", "fokusere"), ("forberedelsen", "forberedelse"), ("trin 4", "fremkalde"),
     ("3", "fokusere"), ("sidste trin", "opsummere"), ("et andet trin", None), ("kaffe", None),
     ("", None), (None, None)],
)  # fmt: skip
def test_step_names_are_understood_as_people_write_them(written: Any, step: str | None) -> None:
    assert normalise_step(written) == step


def test_each_step_adapts_to_every_situation(domain: dict[str, Any]) -> None:
    """The guide's texts and the acknowledgement have a variation for every value of the
    borger_situation slot, and one without a condition."""
    assert domain["slots"]["borger_situation"]["values"] == list(SITUATIONS)
    for name in [*(f"utter_guide_{step}" for step in STEPS), "utter_situation_noted"]:
        conditioned = {
            condition["value"]
            for variation in domain["responses"][name]
            for condition in variation.get("condition") or []
            if condition["name"] == "borger_situation"
        }
        assert conditioned == set(SITUATIONS), name
        assert any(not v.get("condition") for v in domain["responses"][name]), name


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_next_guide_text_uses_the_described_situation(
    situation: str, domain: dict[str, Any], rasa_domain: Any
) -> None:
    """Rasa's own response generator picks the variation for the slot the situation set."""
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.events import SlotSet as RasaSlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    state = DialogueStateTracker.from_events(
        "test", [RasaSlotSet("borger_situation", situation)], slots=rasa_domain.slots
    )
    nlg = TemplatedNaturalLanguageGenerator(rasa_domain.responses)
    for step in STEPS:
        generated = asyncio.run(nlg.generate(f"utter_guide_{step}", state, "rest"))
        expected = next(
            v["text"]
            for v in domain["responses"][f"utter_guide_{step}"]
            if any(c["value"] == situation for c in v.get("condition") or [])
        )
        assert generated["text"] == expected


def test_every_response_the_actions_send_is_in_the_domain(domain: dict[str, Any]) -> None:
    source = Path(mi_actions.__file__).read_text()
    named = set(re.findall(r"""["'](utter_[\w/]+)["']""", source))
    assert named, "no responses found"
    assert named <= set(domain["responses"]), named - set(domain["responses"])


# --- Objection coach -----------------------------------------------------------------------------


def selection(objection_key: str, *, key: str = "default") -> dict[str, Any]:
    return {
        "all_retrieval_intents": ["faq", "indvending"],
        key: {
            "response": {
                "intent_response_key": objection_key,
                "utter_action": f"utter_{objection_key}",
                "confidence": 0.93,
            },
            "ranking": [{"intent_response_key": objection_key, "confidence": 0.93}],
        },
    }


def initial_values(domain: dict[str, Any]) -> dict[str, Any]:
    return {
        name: slot["initial_value"]
        for name, slot in domain.get("slots", {}).items()
        if slot.get("initial_value") is not None
    }


def citizen_text(domain: dict[str, Any], faq_id: str) -> str:
    variations = domain["responses"][f"utter_faq/{faq_id}"]
    return next(v["text"] for v in variations if not v.get("condition"))


@pytest.mark.parametrize("objection", sorted(OBJECTION_FAQ))
def test_every_objection_ends_with_the_answer_for_the_citizen(
    objection: str, domain: dict[str, Any]
) -> None:
    slots = {"rolle": "medarbejder", "kommune": "Testrup Kommune", "relation": "pårørende"}
    state = tracker(
        "hun siger noget", "indvending", slots=slots,
        response_selector=selection(f"indvending/{objection}"),
    )  # fmt: skip
    messages, events = run(ActionObjectionFaq(), state, domain)

    assert events == []
    assert len(messages) == 1
    text = messages[0]["text"]
    assert text.startswith("7. Svar til borgeren: ")
    expected = citizen_text(domain, OBJECTION_FAQ[objection])
    for name, value in {**initial_values(domain), **slots}.items():
        expected = expected.replace("{" + name + "}", str(value))
    assert text == "7. Svar til borgeren: " + expected
    assert "{" not in text


def test_on_the_public_door_the_citizen_simply_gets_the_faq_answer(domain: dict[str, Any]) -> None:
    """A citizen who voices an objection gets the FAQ answer itself, for their role, no coach."""
    state = tracker(
        "I skærer jo bare ned", "indvending", staff=False,
        response_selector=selection("indvending/besparelse", key="indvending"),
    )  # fmt: skip
    messages, _ = run(ActionObjectionFaq(), state, domain)
    assert messages == [{**messages[0], "response": "utter_faq/skaerer_ned"}]
    assert not messages[0].get("text")


def test_the_citizen_version_is_sent_whatever_the_writers_role(domain: dict[str, Any]) -> None:
    """Staff get the citizen's answer, not the medarbejder variation ("Sådan kan du sige det")."""
    state = tracker(
        "han siger vi skærer ned", "indvending", slots={"rolle": "medarbejder"},
        response_selector=selection("indvending/besparelse", key="indvending"),
    )  # fmt: skip
    messages, _ = run(ActionObjectionFaq(), state, domain)
    assert messages[0]["text"] == "7. Svar til borgeren: " + citizen_text(domain, "skaerer_ned")
    assert "Sådan kan du sige det" not in messages[0]["text"]


def test_placeholders_come_from_slots_then_the_domain_and_are_never_guessed() -> None:
    domain = {
        "responses": {
            "utter_faq/hvem_kommer": [
                {"condition": [{"type": "slot", "name": "rolle", "value": "medarbejder"}],
                 "text": "Til dig i {kommune}."},
                {"text": "I {kommune} ringer vi {frist_terapeut}. "
                         "Ring {kontakt_visitation} {ukendt}."},
            ]
        },
        "slots": {"frist_terapeut": {"type": "text", "initial_value": "inden for fristen"}},
    }  # fmt: skip
    state = tracker(
        "det gør ondt", "indvending",
        slots={"kommune": "Testrup", "frist_terapeut": None,
               "kontakt_visitation": "på 12 34 56 78"},
        response_selector=selection("indvending/smerter"),
    )  # fmt: skip
    messages, _ = run(ActionObjectionFaq(), state, domain)
    assert messages[0]["text"] == (
        "7. Svar til borgeren: I Testrup ringer vi inden for fristen. Ring på 12 34 56 78 {ukendt}."
    )


@pytest.mark.parametrize(
    "selector",
    [None, {}, selection("faq/skaerer_ned"), selection("indvending/ukendt_indvending")],
)
def test_no_faq_answer_without_a_known_objection(
    selector: dict[str, Any] | None, domain: dict[str, Any]
) -> None:
    state = tracker("hvorfor skærer i ned", "indvending", response_selector=selector)
    assert run(ActionObjectionFaq(), state, domain) == ([], [])


# --- Practice feedback ---------------------------------------------------------------------------


def test_practice_lines_are_split_per_line_without_list_markers() -> None:
    text = "- Hvordan går det med badet?\n\n2. Du skal gå mere.\n• Det lyder svært for dig.  \n"
    assert practice_lines(text) == [
        "Hvordan går det med badet?",
        "Du skal gå mere.",
        "Det lyder svært for dig.",
    ]


def test_a_single_line_is_split_into_sentences() -> None:
    """The web page's chat box has no line breaks."""
    assert practice_lines("Hvordan går det? Du skal gå mere. Det lyder svært for dig") == [
        "Hvordan går det?",
        "Du skal gå mere.",
        "Det lyder svært for dig",
    ]
    assert practice_lines("  \n ") == []


def test_practice_feedback_classifies_each_line_and_empties_the_slot(
    domain: dict[str, Any],
) -> None:
    pasted = (
        "Hvordan går det med badet om morgenen?\n"
        "Du skal gå mere.\n"
        # The learned coder reads "det lyder som om du er bange …" as simple or complex
        # depending on what the citizen said; a feeling the citizen never named is complex.
        "Du føler dig alene."
    )
    state = tracker(pasted, "inform", slots={"practice_lines": pasted})
    messages, events = run(ActionPracticeFeedback(), state, domain)

    assert events == [SlotSet("practice_lines", None)]
    assert responses(messages) == [None, "utter_practice_again"]
    feedback = messages[0]["text"]
    assert "1) åbent spørgsmål" in feedback
    assert "2) råd/overtalelse uden tilladelse" in feedback
    assert "3) kompleks refleksion" in feedback


def test_practice_feedback_gets_the_cleaned_lines(
    monkeypatch: pytest.MonkeyPatch, domain: dict[str, Any]
) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(mi_actions.feedback, "feedback", lambda lines: seen.append(lines) or "fb")
    monkeypatch.setattr(mi_actions.feedback, "render", lambda result: f"rendered {result}")
    state = tracker("", "inform", slots={"practice_lines": "1) Hvad tænker du?\n2) Du kan godt."})
    messages, _ = run(ActionPracticeFeedback(), state, domain)

    assert seen == [["Hvad tænker du?", "Du kan godt."]]
    assert messages[0]["text"] == "rendered fb"


def test_a_dialogue_with_speaker_tags_gets_transcript_feedback(domain: dict[str, Any]) -> None:
    pasted = (
        "Borger: Jeg vil så gerne kunne gå i haven igen.\n"
        "Jeg: Haven betyder meget for dig.\n"
        "Borger: Men jeg kan ikke klare trappen.\n"
        "Jeg: Du skal bare tage trappen hver dag."
    )
    state = tracker(pasted, "inform", slots={"practice_lines": pasted})
    messages, events = run(ActionPracticeFeedback(), state, domain)

    assert events == [SlotSet("practice_lines", None)]
    assert responses(messages) == [None, "utter_practice_again"]
    reply = messages[0]["text"]
    assert "1) Borger: forandringssnak" in reply
    assert "4) Du: råd/overtalelse uden tilladelse" in reply
    assert "Borgeren: forandringssnak" in reply and "DARN-CAT" in reply


def test_alternating_lines_follow_what_the_practice_request_said(domain: dict[str, Any]) -> None:
    pasted = "Jeg vil gerne klare badet selv.\nDu vil gerne klare det selv."
    state = Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": {"practice_lines": pasted},
            "latest_message": {"text": pasted, "intent": {"name": "inform"}, "entities": []},
            "events": [
                {
                    "event": "user",
                    "text": "øv en samtale, borgeren starter",
                    "parse_data": {"intent": {"name": "start_practice", "confidence": 0.9}},
                },
                {"event": "user", "text": pasted, "parse_data": {"intent": {"name": "inform"}}},
            ],
            "latest_action_name": "action_listen",
        }
    )
    assert mi_actions.practice_request(state) == "øv en samtale, borgeren starter"
    messages, _ = run(ActionPracticeFeedback(), state, domain)
    assert "1) Borger: " in messages[0]["text"] and "2) Du: " in messages[0]["text"]


def test_empty_practice_input_asks_to_try_again(domain: dict[str, Any]) -> None:
    messages, events = run(ActionPracticeFeedback(), tracker("", "inform"), domain)
    assert responses(messages) == ["utter_practice_empty"]
    assert events == [SlotSet("practice_lines", None)]


# --- Change talk ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("borgeren sagde: »Jeg vil gerne kunne gå til bageren igen«",
         "Jeg vil gerne kunne gå til bageren igen"),
        ("er det her forandringsudsagn: jeg burde nok bevæge mig mere",
         "jeg burde nok bevæge mig mere"),
        ('borgeren sagde "jeg vil prøve selv at rede sengen", er det forandringstale?',
         "jeg vil prøve selv at rede sengen"),
        ("hun sagde »jeg gør det i morgen", "jeg gør det i morgen"),
        ("han sagde „jeg kan godt gå længere end i går“", "jeg kan godt gå længere end i går"),
        ("borgeren sagde 'jeg har brug for at komme ud' i dag", "jeg har brug for at komme ud"),
        ("borgeren sagde at hun gerne vil lave mad igen, er det forandringstale?",
         "hun gerne vil lave mad igen"),
        ("er det her forandringsudsagn", ""),
    ],
)  # fmt: skip
def test_the_lead_in_is_stripped_from_what_the_citizen_said(text: str, statement: str) -> None:
    assert quoted_part(text) == statement


def test_change_talk_is_analysed_on_the_quoted_words(
    monkeypatch: pytest.MonkeyPatch, domain: dict[str, Any]
) -> None:
    # The reply is built by talk_reply now (the learned coder with the rules' cue), so that is
    # what is replaced here.
    seen: list[str] = []
    monkeypatch.setattr(mi_actions.talk_reply, "reply", lambda s: seen.append(s) or "analysis")
    text = "er det her forandringsudsagn: »Jeg er nødt til at kunne klare trappen«"
    messages, events = run(ActionChangeTalk(), tracker(text, "analyse_change_talk"), domain)

    assert seen == ["Jeg er nødt til at kunne klare trappen"]
    assert [message["text"] for message in messages] == ["analysis"]
    assert events == []


def test_change_talk_names_the_category_and_suggests_a_reflection(
    domain: dict[str, Any],
) -> None:
    text = "borgeren sagde: »Jeg vil gerne kunne gå til bageren igen«"
    messages, _ = run(ActionChangeTalk(), tracker(text, "analyse_change_talk"), domain)
    reply = messages[0]["text"]
    assert "Jeg vil gerne kunne gå til bageren igen" in reply
    assert "forandringssnak" in reply
    assert "ønsker" in reply
    assert "borgeren sagde" not in reply


def test_a_pasted_dialogue_outside_practice_gets_the_summary_scores(
    domain: dict[str, Any],
) -> None:
    text = "Borger: Jeg har ikke lyst til at gå ud. Jeg: Hvad holder dig inde? Borger: Kulden."
    messages, events = run(ActionChangeTalk(), tracker(text, "analyse_change_talk"), domain)
    reply = messages[0]["text"]
    assert "Refleksioner pr. spørgsmål (R:S)" in reply and "Borgeren:" in reply
    assert events == []


def test_change_talk_without_a_statement_asks_for_the_citizens_words(
    domain: dict[str, Any],
) -> None:
    messages, _ = run(
        ActionChangeTalk(), tracker("er det forandringstale?", "analyse_change_talk"), domain
    )
    assert responses(messages) == ["utter_change_talk_empty"]
