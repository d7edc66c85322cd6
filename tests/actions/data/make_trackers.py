"""Writes the tracker fixtures in this folder, each the JSON Rasa sends to the action server.

The trackers are built with Rasa's own event classes and `DialogueStateTracker.current_state`
(the call Rasa makes before it calls a custom action), on the project's domain, so their shape
is exactly what the action server receives. Each conversation below is the short history of one
situation; the slots carry the full state. Run it again after a change to the domain or to a
conversation (from the repository root, in .venv-bot):

    .venv-bot/bin/python -m tests.actions.data.make_trackers

The staff identity is a placeholder: tests that call the real API replace it with the identity
of a real session (GET /api/v1/auth/me).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
START = 1796893200.0  # 2026-12-10 09:00 Danish time, the day the tests live on
STAFF = {
    "user_id": "u-5a1e0c7d9b3f2e41",
    "username": "terapeut.jensen",
    "role": "terapeut",
    "session_id": "s-6b0f4e1a2c3d4e5f60718293a4b5c6d7",
}
PUBLIC_SENDER = "pub-3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f"
STAFF_SENDER = "staff-" + STAFF["user_id"]

PHRASES = {
    "kommune": "kommunen",
    "kontakt_visitation": "– telefonnummer og telefontid står på kommunens hjemmeside og i "
    "brevet med afgørelsen",
    "frist_terapeut": "i starten af forløbet",
    "varighed_forloeb": "så længe, som der står i afgørelsen fra visitationen",
}
BATH = {"area": "egenomsorg", "activity": "tage bad", "importance": 9, "performance": 3,
        "satisfaction": 2}  # fmt: skip
SHOPPING = {"area": "produktivitet", "activity": "handle ind", "importance": 7,
            "performance": 4, "satisfaction": 4}  # fmt: skip
STAND = {"description": "Stå sikkert i badet i fem minutter",
         "actions": ["øve at stå ved håndvasken", "skridsikker måtte i badet"],
         "responsible": "borger", "due_date": "2026-12-31"}  # fmt: skip
HAIR = {"description": "Vaske hår selv med bruseren",
        "actions": ["øve med bruseren siddende"], "responsible": "terapeut",
        "due_date": "2027-01-14"}  # fmt: skip
GOAL = "Jeg vil kunne tage bad selv to gange om ugen"


class Script:
    """One conversation, event by event, as Rasa records it."""

    def __init__(self, domain: Any, sender: str, staff: dict[str, str] | None) -> None:
        from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet

        self.domain, self.sender, self.staff = domain, sender, staff
        self.time = START
        self.events: list[Any] = [
            ActionExecuted("action_session_start", timestamp=self.tick()),
            SessionStarted(timestamp=self.tick()),
            *(SlotSet(name, value, timestamp=self.tick()) for name, value in PHRASES.items()),
            ActionExecuted("action_listen", timestamp=self.tick()),
        ]

    def tick(self) -> float:
        self.time += 2.0
        return self.time

    def user(self, text: str, intent: str, confidence: float = 0.97, **parse: Any) -> Script:
        from rasa.shared.core.events import UserUttered

        entities = parse.pop("entities", [])
        metadata = {"staff": dict(self.staff)} if self.staff else {}
        data = {"intent": {"name": intent, "confidence": confidence}, "entities": entities,
                "text": text, "intent_ranking": [{"name": intent, "confidence": confidence}],
                **parse}  # fmt: skip
        self.events.append(
            UserUttered(
                text, data["intent"], entities, data, timestamp=self.tick(),
                input_channel="staff" if self.staff else "rest",
                message_id=f"m{int(self.time * 10)}", metadata=metadata,
            )
        )  # fmt: skip
        return self

    def slots(self, **values: Any) -> Script:
        from rasa.shared.core.events import SlotSet

        self.events += [
            SlotSet(name, value, timestamp=self.tick()) for name, value in values.items()
        ]
        return self

    def action(self, name: str, policy: str = "RulePolicy") -> Script:
        from rasa.shared.core.events import ActionExecuted

        self.events.append(ActionExecuted(name, policy=policy, confidence=1.0,
                                          timestamp=self.tick()))  # fmt: skip
        return self

    def loop(self, name: str | None) -> Script:
        from rasa.shared.core.events import ActiveLoop

        self.events.append(ActiveLoop(name, timestamp=self.tick()))
        return self

    def bot(self, response: str, **values: Any) -> Script:
        from rasa.shared.core.events import BotUttered

        template = self.domain.responses[response][0]
        text = template.get("text", "")
        for key, value in {**PHRASES, **values}.items():
            text = text.replace("{" + key + "}", str(value))
        data = {"buttons": template.get("buttons")} if template.get("buttons") else {}
        self.events.append(BotUttered(text, data, {"utter_action": response},
                                      timestamp=self.tick()))  # fmt: skip
        return self

    def listen(self) -> Script:
        return self.action("action_listen")

    def ask(self, form: str, slot: str, response: str | None = None) -> Script:
        """The form asks for `slot`, then waits."""
        self.action(form).slots(requested_slot=slot)
        if response:
            self.bot(response)
        return self.listen()

    def answer(self, form: str, slot: str, text: str, value: Any, intent: str = "inform") -> Script:
        """The user answers the form's question; the form keeps the validated value."""
        return self.user(text, intent).slots(**{slot: value})

    def state(self) -> dict[str, Any]:
        from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

        tracker = DialogueStateTracker.from_events(
            self.sender, self.events, slots=self.domain.slots
        )
        return tracker.current_state(EventVerbosity.ALL)


def signed_in(script: Script) -> Script:
    return script.slots(signed_in=True, rolle="medarbejder")


def goal_capture_started(domain: Any) -> Script:
    """A therapist has started a capture for B-1042; the form asks for the first area."""
    script = Script(domain, STAFF_SENDER, STAFF).user("nyt mål for B-1042", "start_goal")
    signed_in(script).slots(citizen_ref="B-1042").action("goal_form").loop("goal_form")
    return script.slots(requested_slot="problem_area").bot("utter_ask_problem_area").listen()


def _full_capture(domain: Any) -> Script:
    """Two COPM problems (the second still in the current slots) and two delmål, the goal
    attached to the first problem: everything the summary shows."""
    script = goal_capture_started(domain)
    form = "goal_form"
    for problem, more in ((BATH, "ja"), (SHOPPING, "nej")):
        script.answer(form, "problem_area", problem["area"], problem["area"])
        for key in ("activity", "importance", "performance", "satisfaction"):
            script.ask(form, f"problem_{key}").answer(
                form, f"problem_{key}", str(problem[key]), problem[key]
            )
        script.ask(form, "more_problems", "utter_ask_more_problems")
        if more == "ja":
            script.user("ja", "affirm").slots(
                copm_problems=[BATH], problem_edit_index=None, problem_area=None,
                problem_activity=None, problem_importance=None, problem_performance=None,
                problem_satisfaction=None, more_problems=None,
            )  # fmt: skip
            script.ask(form, "problem_area", "utter_ask_problem_area")
        else:
            script.answer(form, "more_problems", "nej", "nej", intent="deny")
    script.ask(form, "goal_problem").answer(form, "goal_problem", "1", 1)
    script.ask(form, "goal_statement", "utter_ask_goal_statement")
    script.answer(form, "goal_statement", GOAL, GOAL)
    script.ask(form, "goal_due_date", "utter_ask_goal_due_date")
    script.answer(form, "goal_due_date", "om 6 uger", "2027-01-21")
    for subgoal, more in ((STAND, "ja"), (HAIR, "nej")):
        script.ask(form, "subgoal_description", "utter_ask_subgoal_description")
        script.answer(form, "subgoal_description", subgoal["description"], subgoal["description"])
        script.ask(form, "subgoal_actions", "utter_ask_subgoal_actions")
        script.answer(form, "subgoal_actions", "\n".join(subgoal["actions"]), subgoal["actions"])
        script.ask(form, "subgoal_responsible", "utter_ask_subgoal_responsible")
        script.answer(form, "subgoal_responsible", subgoal["responsible"], subgoal["responsible"])
        script.ask(form, "subgoal_due_date", "utter_ask_subgoal_due_date")
        script.answer(form, "subgoal_due_date", subgoal["due_date"], subgoal["due_date"])
        script.ask(form, "more_subgoals", "utter_ask_more_subgoals")
        if more == "ja":
            script.user("ja", "affirm").slots(
                subgoals=[STAND], subgoal_edit_index=None, subgoal_description=None,
                subgoal_actions=None, subgoal_responsible=None, subgoal_due_date=None,
                more_subgoals=None,
            )  # fmt: skip
        else:
            script.answer(form, "more_subgoals", "nej", "nej", intent="deny")
    return script


def goal_capture_summary(domain: Any) -> Script:
    """The capture is complete; the summary with Gem / Ret / Annuller waits for an answer."""
    return (
        _full_capture(domain)
        .action("goal_form")
        .slots(requested_slot="goal_confirmed")
        .action("action_ask_goal_confirmed")
        .listen()
    )


def goal_capture_confirmed(domain: Any) -> Script:
    """The therapist pressed Gem: the form is done, action_submit_goal comes next."""
    script = goal_capture_summary(domain).user("gem", "inform").slots(goal_confirmed="gem")
    return script.action("goal_form").loop(None).slots(requested_slot=None)


def goal_capture_correcting(domain: Any) -> Script:
    """The therapist pressed Ret: the form asks what to correct."""
    script = goal_capture_summary(domain).user("ret", "inform")
    script.slots(goal_confirmed="ret", correction_target=None).action("goal_form")
    return (
        script.slots(requested_slot="correction_field")
        .action("action_ask_correction_field")
        .listen()
    )


def goal_status_question(domain: Any) -> Script:
    """After a capture: "er målet gemt?" (last_capture_id is replaced by the tests)."""
    script = Script(domain, STAFF_SENDER, STAFF).user("nyt mål for B-1042", "start_goal")
    signed_in(script).slots(last_capture_id="0" * 32).action("goal_form").loop(None).listen()
    return signed_in(script.user("er målet gemt?", "check_goal_saved"))


def show_goals_request(domain: Any) -> Script:
    """A therapist asks for a citizen's goals, naming the citizen."""
    script = Script(domain, STAFF_SENDER, STAFF).user("vis mål for B-1042", "show_goals")
    return signed_in(script).slots(citizen_ref="B-1042")


def reassessment_started(domain: Any) -> Script:
    """A therapist starts a COPM re-assessment; the form asks which citizen."""
    script = Script(domain, STAFF_SENDER, STAFF).user("lav en revurdering", "start_reassessment")
    signed_in(script).action("reassessment_form").loop("reassessment_form")
    return script.slots(requested_slot="citizen_ref").bot("utter_ask_citizen_ref").listen()


def evaluation_started(domain: Any) -> Script:
    """A therapist starts an evaluation; the form asks which citizen."""
    script = Script(domain, STAFF_SENDER, STAFF).user("evaluer et delmål", "start_evaluation")
    signed_in(script).action("evaluation_form").loop("evaluation_form")
    return script.slots(requested_slot="citizen_ref").bot("utter_ask_citizen_ref").listen()


def public_faq_question(domain: Any) -> Script:
    """A relative on the public door, no identity on the message."""
    script = Script(domain, PUBLIC_SENDER, None)
    script.user(
        "min mor skal have hverdagsrehabilitering, hvad er det?",
        "faq",
        entities=[{"entity": "relation", "value": "mor", "start": 4, "end": 7}],
    )
    return script.slots(signed_in=False, rolle="paaroerende")


def fallback_unsure(domain: Any) -> Script:
    """The model is unsure: the two-stage fallback is about to offer FAQ questions."""
    ranking = [
        {"id": 1, "confidence": 0.41, "intent_response_key": "faq/stopper_med_at_komme"},
        {"id": 2, "confidence": 0.22, "intent_response_key": "faq/paaroerendes_rolle"},
        {"id": 3, "confidence": 0.12, "intent_response_key": "faq/paaroerendes_rolle"},
        {"id": 4, "confidence": 0.08, "intent_response_key": "indvending/for_gammel"},
        {"id": 5, "confidence": 0.06, "intent_response_key": "faq/findes_ikke"},
        {"id": 6, "confidence": 0.05, "intent_response_key": "faq/skaerer_ned"},
        {"id": 7, "confidence": 0.04, "intent_response_key": "faq/hvis_det_bliver_vaerre"},
    ]
    selector = {"faq": {"response": {"intent_response_key": "faq/stopper_med_at_komme",
                                     "confidence": 0.41}, "ranking": ranking}}  # fmt: skip
    script = Script(domain, PUBLIC_SENDER, None)
    script.user("hvorfor kommer i ikke længere", "nlu_fallback", 0.41,
                response_selector=selector)  # fmt: skip
    return (
        script.slots(signed_in=False)
        .action("action_two_stage_fallback")
        .loop("action_two_stage_fallback")
    )


def crisis_public(domain: Any) -> Script:
    """Someone on the public door writes that they do not want to live."""
    script = Script(domain, PUBLIC_SENDER, None)
    script.user("jeg orker ikke mere, jeg vil ikke leve", "crisis",
                entities=[{"entity": "crisis_kind", "value": "suicide"}])  # fmt: skip
    return script.slots(signed_in=False)


def crisis_during_goal_capture(domain: Any) -> Script:
    """During a capture, the therapist writes that the citizen has fallen and is bleeding."""
    script = goal_capture_started(domain)
    script.answer("goal_form", "problem_area", "egenomsorg", "egenomsorg")
    script.ask("goal_form", "problem_activity", "utter_ask_problem_activity")
    script.user("borgeren er faldet og bløder fra hovedet", "crisis",
                entities=[{"entity": "crisis_kind", "value": "medical"}])  # fmt: skip
    return signed_in(script)


def crisis_during_fallback(domain: Any) -> Script:
    """The fallback had asked "did you mean …?", and the answer is about violence."""
    script = fallback_unsure(domain).bot("utter_human_handover").listen()
    script.user("han slår mig når ingen ser det", "crisis",
                entities=[{"entity": "crisis_kind", "value": "violence"}])  # fmt: skip
    return script.slots(signed_in=False)


CONVERSATIONS = [
    goal_capture_started, goal_capture_summary, goal_capture_confirmed, goal_capture_correcting,
    goal_status_question, show_goals_request, reassessment_started, evaluation_started,
    public_faq_question, fallback_unsure, crisis_public, crisis_during_goal_capture,
    crisis_during_fallback,
]  # fmt: skip


def render(state: dict[str, Any]) -> str:
    """JSON with one slot and one event per line, so a fixture reads (and diffs) line by line."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in state.items():
        if key == "slots":
            lines = [f"  {compact(name)}: {compact(slot)}" for name, slot in value.items()]
            parts.append(' "slots": {\n' + ",\n".join(lines) + "\n }")
        elif key == "events":
            parts.append(' "events": [\n' + ",\n".join(f"  {compact(e)}" for e in value) + "\n ]")
        else:
            parts.append(f" {compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> None:
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(ROOT / "bot" / "domain"))
    for conversation in CONVERSATIONS:
        state = conversation(domain).state()
        path = HERE / f"{conversation.__name__}.json"
        path.write_text(render(state), encoding="utf-8")
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
