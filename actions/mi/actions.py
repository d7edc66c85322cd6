"""Rasa glue for the motivational-interviewing (MI) features; the MI logic is in actions/mi/.

- The motivation guide (visitators): six steps in order, with »næste«, »tilbage«, »gå til
  fremkalde«, »stop« and »fortsæt guiden«. The slot guide_step holds the current step and is kept
  when the guide stops, so it can resume; guide_active says whether it runs. Which variation of
  utter_guide_<step> is sent is decided by Rasa from the slot borger_situation.
- The objection coach (SOSU staff): after the coaching (utter_indvending/<id>), the FAQ answer
  meant for the citizen, whatever role the writer has.
- Practice feedback (»øv«): the lines from practice_form, with MITI feedback.
- Change talk: the citizen's quoted words, their DARN-CAT category and a reflection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common.identity import staff_of
from actions.mi import dialogue, feedback, talk_reply
from actions.mi.objections import OBJECTION_FAQ

# --- The motivation guide ---------------------------------------------------------------------

STEPS = ("forberedelse", "engagere", "fokusere", "fremkalde", "planlaegge", "opsummere")
FIRST, LAST = STEPS[0], STEPS[-1]
# Literal names, so that the data validator sees that these responses are used.
STEP_RESPONSES = {
    "forberedelse": "utter_guide_forberedelse",
    "engagere": "utter_guide_engagere",
    "fokusere": "utter_guide_fokusere",
    "fremkalde": "utter_guide_fremkalde",
    "planlaegge": "utter_guide_planlaegge",
    "opsummere": "utter_guide_opsummere",
}
STEP_TITLES = {
    "forberedelse": "Forberedelse",
    "engagere": "Engagere",
    "fokusere": "Fokusere",
    "fremkalde": "Fremkalde",
    "planlaegge": "Planlægge",
    "opsummere": "Opsummere",
}
# How a step may be written ("fremkald", "planlægning", "Opsummeringen"), after folding æ/ø/å.
STEP_STEMS = (
    ("forbered", "forberedelse"),
    ("engag", "engagere"),
    ("fokus", "fokusere"),
    ("fremkald", "fremkalde"),
    ("planl", "planlaegge"),
    ("opsum", "opsummere"),
)
# "tredje trin", "trin 3"; not "andet trin", which may just as well mean "another step".
ORDINALS = {"foerste": 1, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "sidste": 6}
ORDINAL = re.compile(r"\b(" + "|".join(ORDINALS) + r")\s+(?:trin|skridt)\b")
NUMBER = re.compile(r"\b([1-6])\b")
INTRO = "utter_guide_intro"
RESUMED = "utter_guide_resumed"
PAUSED = "utter_guide_paused"
NOT_RUNNING = "utter_guide_not_running"
FIRST_STEP = "utter_guide_first_step"
WHICH_STEP = "utter_guide_which_step"
FINISHED = "utter_guide_finished"


def fold(text: str) -> str:
    """Lowercase with æ/ø/å as ae/oe/aa, the way people type without a Danish keyboard."""
    return text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


def normalise_step(value: Any) -> str | None:
    """The step id for a step named in any usual way ("fremkald", "trin 4", "sidste"), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = fold(value.strip())
    if folded in STEPS:
        return folded
    for word in re.findall(r"[a-z]+", folded):
        for stem, step in STEP_STEMS:
            if word.startswith(stem):
                return step
    ordinal = ORDINAL.search(folded)
    if ordinal:
        return STEPS[ORDINALS[ordinal.group(1)] - 1]
    number = NUMBER.search(folded)
    return STEPS[int(number.group(1)) - 1] if number else None


def requested_step(tracker: Tracker, *, read_text: bool) -> str | None:
    """The step the latest message names: the guide_step entity, else (if read_text) the text."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "guide_step":
            step = normalise_step(entity.get("value"))
            if step:
                return step
    return normalise_step(tracker.latest_message.get("text")) if read_text else None


def step_buttons(step: str) -> list[dict[str, str]]:
    buttons = []
    if step == "planlaegge":
        # Hand-over to goal capture (goal_form), as the step's text suggests.
        buttons.append({"title": "Nyt mål", "payload": "/start_goal"})
    next_title = "Afslut guiden" if step == LAST else "Næste"
    buttons.append({"title": next_title, "payload": "/guide_next"})
    if step != FIRST:
        buttons.append({"title": "Tilbage", "payload": "/guide_back"})
    buttons.append({"title": "Stop", "payload": "/guide_stop"})
    return buttons


def step_details(step: str) -> dict[str, Any]:
    """Values for the {step_number} and {step_title} placeholders."""
    return {"step_number": STEPS.index(step) + 1, "step_title": STEP_TITLES[step]}


@dataclass(frozen=True)
class Say:
    response: str
    buttons: list[dict[str, str]] | None = None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Move:
    """What the guide says, and the step and state it is in afterwards."""

    messages: tuple[Say, ...]
    step: str | None
    active: bool


def _show(step: str, *before: Say) -> Move:
    return Move((*before, Say(STEP_RESPONSES[step], step_buttons(step))), step, True)


def navigate(intent: str | None, step: str | None, active: bool, target: str | None) -> Move:
    """The guide's next move for a user intent, from the current step and state.

    A stopped guide keeps its step: »fortsæt guiden« (and also »næste« or »tilbage«, which
    mean "go on" to someone who has just come back) resumes there. A finished guide has no step,
    so resuming starts from the beginning.
    """
    step = step if step in STEPS else None
    if intent == "start_guide":
        return _show(target or FIRST, Say(INTRO))
    if intent == "guide_goto":
        if target:
            return _show(target)
        return Move((Say(WHICH_STEP),), step, active and step is not None)
    if step is None:
        if intent == "guide_resume":
            return _show(FIRST, Say(INTRO))
        return Move((Say(NOT_RUNNING),), None, False)
    if not active:
        return _show(step, Say(RESUMED, values=step_details(step)))
    position = STEPS.index(step)
    if intent == "guide_next":
        if step == LAST:
            return Move((Say(FINISHED),), None, False)
        return _show(STEPS[position + 1])
    if intent == "guide_back":
        if step == FIRST:
            return Move((Say(FIRST_STEP, step_buttons(FIRST)),), step, True)
        return _show(STEPS[position - 1])
    # guide_resume (or anything else) while the guide runs: the current step again.
    return _show(step)


def stop(step: str | None) -> Move:
    if step in STEPS:
        return Move((Say(PAUSED, values=step_details(step)),), step, False)
    return Move((Say(NOT_RUNNING),), None, False)


def _utter(dispatcher: CollectingDispatcher, move: Move) -> None:
    for say in move.messages:
        dispatcher.utter_message(response=say.response, buttons=say.buttons, **say.values)


def _slot_events(tracker: Tracker, move: Move) -> list[dict[str, Any]]:
    events = []
    if tracker.get_slot("guide_step") != move.step:
        events.append(SlotSet("guide_step", move.step))
    if bool(tracker.get_slot("guide_active")) != move.active:
        events.append(SlotSet("guide_active", move.active))
    return events


class ActionGuide(Action):
    """Start, next, back, go to a step, resume."""

    def name(self) -> str:
        return "action_guide"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        target = requested_step(tracker, read_text=intent == "guide_goto")
        move = navigate(
            intent, tracker.get_slot("guide_step"), tracker.get_slot("guide_active") is True, target
        )
        _utter(dispatcher, move)
        return _slot_events(tracker, move)


class ActionGuideStop(Action):
    """»stop guiden«, or »stop« while the guide runs: pause, keeping the step for »fortsæt«."""

    def name(self) -> str:
        return "action_guide_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        move = stop(tracker.get_slot("guide_step"))
        _utter(dispatcher, move)
        # Always set, even when unchanged: the rules in data/rules/mi.yml expect it.
        events = [SlotSet("guide_active", False)]
        if tracker.get_slot("guide_step") != move.step:
            events.insert(0, SlotSet("guide_step", move.step))
        return events


# --- The objection coach ----------------------------------------------------------------------

CITIZEN_ANSWER_PREFIX = "7. Svar til borgeren: "
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def selected_objection(latest_message: dict[str, Any]) -> str | None:
    """The objection id the ResponseSelector chose ("indvending/smerter" → "smerter")."""
    selector = latest_message.get("response_selector") or {}
    for key in ("indvending", "default"):
        response = (selector.get(key) or {}).get("response") or {}
        response_key = response.get("intent_response_key") or ""
        if response_key.startswith("indvending/"):
            objection = response_key.removeprefix("indvending/")
            return objection if objection in OBJECTION_FAQ else None
    return None


def citizen_answer(domain: dict[str, Any], faq_id: str, slots: dict[str, Any]) -> str | None:
    """The FAQ answer addressed to the citizen (the variation without a condition), filled in.

    Placeholders take the slot's value, else the slot's initial value in the domain; one that
    has neither is left as written rather than guessed.
    """
    variations = (domain.get("responses") or {}).get(f"utter_faq/{faq_id}") or []
    plain = next((v for v in variations if not v.get("condition") and v.get("text")), None)
    if plain is None:
        return None
    domain_slots = domain.get("slots") or {}

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        filled = slots.get(name)
        if filled is None:
            filled = (domain_slots.get(name) or {}).get("initial_value")
        return match.group(0) if filled is None else str(filled)

    return PLACEHOLDER.sub(value, plain["text"])


class ActionObjectionFaq(Action):
    """After the coaching for an objection: the matching FAQ answer, as said to the citizen."""

    def name(self) -> str:
        return "action_objection_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        objection = selected_objection(tracker.latest_message)
        if objection is None:
            return []
        if staff_of(tracker) is None:
            # The public door: a citizen or relative voiced the objection; answer them directly.
            dispatcher.utter_message(response=f"utter_faq/{OBJECTION_FAQ[objection]}")
            return []
        answer = citizen_answer(domain, OBJECTION_FAQ[objection], tracker.slots)
        if answer:
            dispatcher.utter_message(text=CITIZEN_ANSWER_PREFIX + answer)
        return []


# --- Practice feedback (»øv«) ------------------------------------------------------------------

MAX_PRACTICE_LINES = dialogue.MAX_TURNS


def practice_lines(text: str) -> list[str]:
    """The practitioner's lines: one per line, without list markers. A chat box without line
    breaks gives one line; then each sentence counts as a line."""
    return dialogue.lines_of(text)[:MAX_PRACTICE_LINES]


def practice_request(tracker: Tracker) -> str:
    """The message that started the practice ("øv en samtale, borgeren starter")."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent == "start_practice":
                return event.get("text") or ""
    return ""


def practice_turns(text: str, request: str = "") -> list[dialogue.Turn]:
    """A dialogue with speaker tags or alternating lines, else the practitioner's own lines."""
    return dialogue.parse(text, starts=dialogue.who_starts(text, request))


def transcript_feedback(turns: list[dialogue.Turn]) -> str:
    return feedback.render(feedback.dialogue_feedback(turns))


class ActionPracticeFeedback(Action):
    """practice_form is done: MITI feedback on the lines or the dialogue, then the slot is
    emptied."""

    def name(self) -> str:
        return "action_practice_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.get_slot("practice_lines") or ""
        turns = practice_turns(text, practice_request(tracker))
        if any(turn.speaker is dialogue.Speaker.CITIZEN for turn in turns):
            dispatcher.utter_message(text=transcript_feedback(turns))
            dispatcher.utter_message(response="utter_practice_again")
        elif turns:
            lines = [turn.text for turn in turns]
            dispatcher.utter_message(text=feedback.render(feedback.feedback(lines)))
            dispatcher.utter_message(response="utter_practice_again")
        else:
            dispatcher.utter_message(response="utter_practice_empty")
        return [SlotSet("practice_lines", None)]


# --- Change talk ---------------------------------------------------------------------------------

QUOTES = (("»", "«"), ("«", "»"), ("“", "”"), ("„", "“"), ('"', '"'))
SINGLE_QUOTED = re.compile(r"(?:^|\s)'(.+?)'(?=\s|$|[.,;:!?])")
LEAD_IN = re.compile(
    r"^\s*(?:"
    r"(?:er|mon)\s+(?:det|dette)(?:\s+her)?\s+(?:et\s+|en\s+)?"
    r"(?:forandrings\w*|fastholdelses\w*|change\s+talk|darn\w*)(?:\s+eller\s+\w+)?"
    r"|(?:borgeren|borger|han|hun)\s+(?:sagde|siger)(?:\s+lige)?(?:\s+til\s+mig)?(?:\s+at)?"
    r"|analyser(?:\s+det\s+her|\s+dette)?(?:\s+udsagn)?"
    r")\s*[?,.]?\s*",
    re.IGNORECASE,
)
TRAILING_QUESTION = re.compile(
    r"[\s,.;:–-]*(?:er\s+(?:det|dette)(?:\s+her)?\s+(?:et\s+|en\s+)?"
    r"(?:forandrings\w*|fastholdelses\w*|change\s+talk|darn\w*)|hvad\s+(?:slags|type)\s+udsagn"
    r"(?:\s+er\s+det)?)\s*\??\s*$",
    re.IGNORECASE,
)


def quoted_part(text: str) -> str:
    """What the citizen said, without the practitioner's lead-in: the quoted words if there are
    quotes (»…«, “…”, "…", '…'), else what follows a colon, else the text minus a known lead-in
    ("borgeren sagde", "er det her forandringsudsagn") and a trailing "er det forandringstale?"."""
    for opening, closing in QUOTES:
        start = text.find(opening)
        if start == -1:
            continue
        end = text.rfind(closing)
        inner = text[start + 1 : end] if end > start else text[start + 1 :]
        if inner.strip():
            return inner.strip()
    single = SINGLE_QUOTED.search(text)
    if single:
        return single.group(1).strip()
    if ":" in text:
        after = text.split(":", 1)[1].strip()
        if after:
            return after
    remainder = TRAILING_QUESTION.sub("", LEAD_IN.sub("", text, count=1))
    return remainder.strip(" \t\n,.;:–-")


class ActionChangeTalk(Action):
    """»Borgeren sagde: …«: is it change talk, which category, and a reflection to offer. A
    pasted dialogue with speaker tags gets the whole transcript's feedback instead."""

    def name(self) -> str:
        return "action_change_talk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if dialogue.has_speaker_tags(text):
            turns = dialogue.parse(text)
            if any(turn.speaker is dialogue.Speaker.CITIZEN for turn in turns):
                dispatcher.utter_message(text=transcript_feedback(turns))
                return []
        statement = quoted_part(text)
        if not statement:
            dispatcher.utter_message(response="utter_change_talk_empty")
            return []
        dispatcher.utter_message(text=talk_reply.reply(statement))
        return []
