"""validate_goal_form, answer by answer, as Rasa's FormAction calls it.

Each test starts from a conversation in tests/actions/data/ (a capture just started, the summary
waiting for Gem / Ret / Annuller, or "Ret" pressed) and answers the question the form asks.
Today is 10 December 2026 throughout.
"""

from __future__ import annotations

from typing import Any

import pytest

from actions.goals.form import NOT_FOUND, ValidateGoalForm
from tests.actions.conftest import TODAY
from tests.actions.trackers import Conversation, run, tracker

BATH = {"area": "egenomsorg", "activity": "tage bad", "importance": 9, "performance": 3,
        "satisfaction": 2}  # fmt: skip


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHAB_TODAY", TODAY)


def asking(slot: str, conversation: str = "goal_capture_started", **slots: Any) -> Conversation:
    """The capture of `conversation`, with the form asking for `slot` (its value still empty)."""
    return Conversation.of(conversation, slots={slot: None, "requested_slot": slot, **slots})


# -- the whole capture -------------------------------------------------------------------------


def test_a_capture_asks_every_question_once_and_ends_at_the_summary() -> None:
    chat = Conversation.of("goal_capture_started")
    asked = []
    for text in [
        "egenomsorg",
        "tage bad",
        "9",
        "3",
        "2",
        "ja",
        "husligt",
        "handle ind",
        "7",
        "4",
        "4",
        "nej",
        "1",
        "Jeg vil kunne tage bad selv to gange om ugen",
        "om 6 uger",
        "Stå i badet i fem minutter",
        "øve ved håndvasken",
        "borger",
        "om 3 uger",
        "nej",
    ]:
        asked.append(chat.asking)
        chat.say(text)
    assert asked == [
        "problem_area", "problem_activity", "problem_importance", "problem_performance",
        "problem_satisfaction", "more_problems",
        "problem_area", "problem_activity", "problem_importance", "problem_performance",
        "problem_satisfaction", "more_problems",
        "goal_problem", "goal_statement", "goal_due_date",
        "subgoal_description", "subgoal_actions", "subgoal_responsible", "subgoal_due_date",
        "more_subgoals",
    ]  # fmt: skip
    assert chat.asking == "goal_confirmed"  # "Ret" is never asked unless chosen
    assert chat.slots["copm_problems"] == [BATH]
    assert (chat.slots["problem_activity"], chat.slots["problem_area"]) == (
        "handle ind", "produktivitet")  # fmt: skip
    assert chat.slots["goal_due_date"] == "2027-01-21"
    assert chat.slots["subgoal_due_date"] == "2026-12-31"


def test_with_one_problem_the_goal_belongs_to_it_without_asking() -> None:
    chat = asking("more_problems", problem_area="egenomsorg", problem_activity="tage bad",
                  problem_importance=9, problem_performance=3, problem_satisfaction=2)  # fmt: skip
    chat.say("nej")
    assert chat.asking == "goal_statement"


def test_after_five_problems_the_form_asks_no_more() -> None:
    chat = Conversation.of("goal_capture_started")
    for number in range(1, 6):
        chat.answer("fritid", f"aktivitet {number}", "5", "5", "5")
        if number < 5:
            assert chat.asking == "more_problems"
            chat.say("ja")
    assert chat.asking == "goal_problem"
    assert len(chat.slots["copm_problems"]) == 4  # the fifth is still in the current slots


def test_the_public_door_gets_no_form_at_all() -> None:
    chat = Conversation.of("goal_capture_started", staff=None)
    reply = chat.say("egenomsorg")
    assert reply.responses == ["utter_staff_only"]
    assert reply.kinds() == ["active_loop", "slot"]
    assert reply.slots == {"requested_slot": None}
    assert chat.form is None


# -- who and COPM -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "responses"),
    [
        ("borger b-1042", "B-1042", []),
        ("b-77", "B-77", []),
        ("010190-1234", None, ["utter_cpr_refused"]),
        ("[CPR-nummer fjernet]", None, ["utter_cpr_refused"]),
        ("Hans Hansen", None, ["utter_invalid_reference"]),
    ],
)
def test_the_citizen_is_named_by_reference_never_by_cpr_or_name(
    text: str, reference: str | None, responses: list[str]
) -> None:
    chat = asking("citizen_ref")
    reply = chat.say(text)
    assert reply.slots["citizen_ref"] == reference
    assert reply.responses == responses
    assert chat.asking == ("problem_area" if reference else "citizen_ref")


@pytest.mark.parametrize(
    ("text", "area"),
    [("bad og påklædning", "egenomsorg"), ("Husligt", "produktivitet"), ("gåtur", "fritid"),
     ("noget helt andet", None)],
)  # fmt: skip
def test_the_area_is_read_or_asked_again(text: str, area: str | None) -> None:
    reply = asking("problem_area").say(text)
    assert reply.slots["problem_area"] == area
    assert reply.responses == ([] if area else ["utter_invalid_area"])


@pytest.mark.parametrize(
    ("text", "kept", "said"),
    [
        ("  tage bad  ", "tage bad", []),
        ("   ", None, ["utter_empty_text"]),
        ("hun hedder 010190-1234", None, ["utter_cpr_refused"]),
    ],
)
def test_the_activity_is_free_text_without_cpr(text: str, kept: str | None, said: list) -> None:
    reply = asking("problem_activity").say(text)
    assert reply.slots["problem_activity"] == kept
    assert reply.responses == said


def test_an_activity_over_300_characters_is_refused_with_the_limit() -> None:
    reply = asking("problem_activity").say("a" * 301)
    assert reply.slots["problem_activity"] is None
    assert reply.texts == ["Det er lidt for langt – højst 300 tegn, tak."]
    assert asking("problem_activity").say("a" * 300).slots["problem_activity"] == "a" * 300


@pytest.mark.parametrize("slot", ["problem_importance", "problem_performance",
                                  "problem_satisfaction"])  # fmt: skip
@pytest.mark.parametrize(("text", "score"), [("syv", 7), ("8/10", 8), ("meget", None),
                                             ("11", None)])  # fmt: skip
def test_scores_are_1_to_10_in_words_or_digits(slot: str, text: str, score: int | None) -> None:
    reply = asking(slot, problem_area="egenomsorg", problem_activity="tage bad").say(text)
    assert reply.slots[slot] == score
    assert reply.responses == ([] if score else ["utter_invalid_score"])


def test_yes_to_more_problems_files_the_problem_and_starts_the_next() -> None:
    chat = asking("more_problems", **{f"problem_{k}": v for k, v in BATH.items()})
    chat.say("ja tak")
    assert chat.slots["copm_problems"] == [BATH]
    assert [chat.slots[f"problem_{k}"] for k in BATH] == [None] * 5
    assert chat.asking == "problem_area"


def test_an_unclear_answer_to_more_problems_is_asked_again() -> None:
    chat = asking("more_problems", **{f"problem_{k}": v for k, v in BATH.items()})
    reply = chat.say("måske")
    assert reply.responses == ["utter_invalid_yes_no"]
    assert chat.asking == "more_problems"


@pytest.mark.parametrize(("text", "chosen"), [("2", 2), ("to", 2), ("1", 1), ("3", None),
                                              ("badet", None)])  # fmt: skip
def test_the_goal_is_attached_to_one_of_the_problems(text: str, chosen: int | None) -> None:
    reply = asking("goal_problem", "goal_capture_summary").say(text)
    assert reply.slots["goal_problem"] == chosen
    assert reply.responses == ([] if chosen else ["utter_invalid_goal_problem"])


# -- the goal -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("have det bedre", "utter_goal_vague"),
        ("Hver dag i en time", "utter_goal_missing_activity"),
        ("Jeg vil kunne tage bad", "utter_goal_missing_amount"),
    ],
)
def test_a_vague_goal_is_questioned_once_then_kept_in_the_citizens_words(
    text: str, response: str
) -> None:
    chat = asking("goal_statement", "goal_capture_summary")
    first = chat.say(text)
    assert first.responses == [response]
    assert first.slots == {"goal_statement": None, "goal_statement_hint": text.lower(),
                           "requested_slot": "goal_statement"}  # fmt: skip
    second = chat.say(text)  # the same words again: they are the citizen's own
    assert second.responses == []
    assert chat.slots["goal_statement"] == text
    assert chat.slots["goal_statement_hint"] is None


def test_a_concrete_goal_is_taken_at_once_and_a_new_vague_one_is_questioned_anew() -> None:
    chat = asking("goal_statement", "goal_capture_summary")
    chat.say("have det bedre")
    assert chat.say("være glad").responses == ["utter_goal_vague"]  # other words: ask again
    concrete = asking("goal_statement", "goal_capture_summary").say("Gå til Netto selv hver uge")
    assert concrete.responses == []
    assert concrete.slots["goal_statement"] == "Gå til Netto selv hver uge"


def test_a_goal_naming_a_cpr_number_is_refused() -> None:
    reply = asking("goal_statement", "goal_capture_summary").say("Borger 010190-1234 vil gå")
    assert reply.responses == ["utter_cpr_refused"]
    assert reply.slots["goal_statement"] is None
    assert "goal_statement_hint" not in reply.slots


def test_the_goal_date_is_read_and_confirmed_in_danish() -> None:
    reply = asking("goal_due_date", "goal_capture_summary").say("om 8 uger")
    assert reply.slots["goal_due_date"] == "2027-02-04"
    assert reply.texts == ["Frist for målet: torsdag den 4. februar 2027."]


@pytest.mark.parametrize(
    ("slot", "text", "day", "date"),
    [("goal_due_date", "til foråret", "mandag den 1. marts 2027", "2027-03-01"),
     ("subgoal_due_date", "efter jul", "mandag den 4. januar 2027", "2027-01-04")],
)  # fmt: skip
def test_a_vague_date_offers_a_date_to_choose(slot: str, text: str, day: str, date: str) -> None:
    chat = asking(slot, "goal_capture_summary")
    reply = chat.say(text)
    assert reply.slots[slot] is None
    assert reply.texts == [f"»{text}« er lidt bredt – hvilken dato skal det være? "
                           f"Mener du fx {day}?"]  # fmt: skip
    assert reply.buttons == [{"title": day, "payload": date}]
    chat.say(reply.buttons[0]["payload"])  # the button
    assert chat.slots[slot] == date


@pytest.mark.parametrize("text", ["blåt", "snart", "i går", "1/12/2026"])
def test_an_unreadable_vague_without_suggestion_or_past_date_is_asked_again(text: str) -> None:
    reply = asking("goal_due_date", "goal_capture_summary").say(text)
    assert reply.slots["goal_due_date"] is None
    assert reply.responses == ["utter_invalid_date"]
    assert reply.buttons == []


def test_a_corrected_goal_date_reopens_the_first_delmaal_due_after_it() -> None:
    chat = asking("goal_due_date", "goal_capture_summary")
    reply = chat.say("inden jul")  # 24 December; both delmål are due later
    assert reply.texts == [
        "Frist for målet: torsdag den 24. december 2026.",
        "Delmål 1 »Stå sikkert i badet i fem minutter« har frist torsdag den 31. december 2026, "
        "men målet skal nu nås torsdag den 24. december 2026. Et delmål skal nås senest samme "
        "dag som målet.",
    ]
    assert chat.slots["goal_due_date"] == "2026-12-24"
    assert chat.slots["subgoal_description"] == "Stå sikkert i badet i fem minutter"
    assert chat.slots["subgoal_due_date"] is None
    assert chat.slots["subgoal_edit_index"] == 0
    assert [s["description"] for s in chat.slots["subgoals"]] == ["Vaske hår selv med bruseren"]
    assert chat.asking == "subgoal_due_date"


# -- delmål -----------------------------------------------------------------------------------


def test_a_date_typed_as_the_delmaal_is_caught() -> None:
    reply = asking("subgoal_description", "goal_capture_summary").say("om 8 uger")
    assert reply.responses == ["utter_subgoal_is_a_date"]
    assert reply.slots["subgoal_description"] is None
    ok = asking("subgoal_description", "goal_capture_summary").say("Gå til postkassen")
    assert ok.slots["subgoal_description"] == "Gå til postkassen"


@pytest.mark.parametrize(
    ("text", "actions"),
    [
        ("øve ved håndvasken; skridsikker måtte", ["øve ved håndvasken", "skridsikker måtte"]),
        ("- gå med rollator\n- hvile på bænken", ["gå med rollator", "hvile på bænken"]),
        ("øve, øve, øve", ["øve", "øve", "øve"]),
    ],
)
def test_handlinger_are_read_as_a_list(text: str, actions: list[str]) -> None:
    reply = asking("subgoal_actions", "goal_capture_summary").say(text)
    assert reply.slots["subgoal_actions"] == actions
    assert reply.responses == []


@pytest.mark.parametrize(
    "text", [" - ", ";".join(["øve"] * 21), "a" * 301, "ring til 010190-1234"]
)  # fmt: skip
def test_empty_too_many_too_long_or_cpr_handlinger_are_refused(text: str) -> None:
    reply = asking("subgoal_actions", "goal_capture_summary").say(text)
    assert reply.slots["subgoal_actions"] is None
    expected = "utter_cpr_refused" if "010190" in text else "utter_invalid_actions"
    assert reply.responses == [expected]


def test_handlinger_restored_as_a_list_are_validated_as_lines() -> None:
    slots = tracker("goal_capture_summary")
    result = ValidateGoalForm().validate_subgoal_actions(
        ["øve ved håndvasken", "måtte"], *_rest(slots)
    )
    assert result == {"subgoal_actions": ["øve ved håndvasken", "måtte"]}


def _rest(on: Any) -> tuple[Any, Any, dict]:
    from rasa_sdk.executor import CollectingDispatcher

    return CollectingDispatcher(), on, {}


@pytest.mark.parametrize(("text", "who"), [("hendes datter", "paaroerende"),
                                           ("hjemmeplejen", "kontaktperson"),
                                           ("naboen", None)])  # fmt: skip
def test_who_is_responsible_is_one_of_the_apis_roles(text: str, who: str | None) -> None:
    reply = asking("subgoal_responsible", "goal_capture_summary").say(text)
    assert reply.slots["subgoal_responsible"] == who
    assert reply.responses == ([] if who else ["utter_invalid_responsible"])


def test_a_delmaal_due_after_the_goal_is_refused_with_the_goals_date() -> None:
    chat = asking("subgoal_due_date", "goal_capture_summary")
    reply = chat.say("1. februar")
    assert reply.slots["subgoal_due_date"] is None
    assert reply.texts == ["Delmålet skal nås senest samme dag som målet (torsdag den 21. "
                           "januar 2027). Prøv en tidligere dato."]  # fmt: skip
    ok = chat.say("21/1")  # the goal's own day is allowed
    assert ok.texts == ["Frist for delmålet: torsdag den 21. januar 2027."]
    assert chat.slots["subgoal_due_date"] == "2027-01-21"


def test_yes_to_another_delmaal_files_this_one_and_asks_for_the_next() -> None:
    chat = asking("more_subgoals", "goal_capture_summary")
    chat.say("ja")
    assert [s["description"] for s in chat.slots["subgoals"]] == [
        "Stå sikkert i badet i fem minutter", "Vaske hår selv med bruseren"]  # fmt: skip
    assert chat.slots["subgoal_description"] is None
    assert chat.asking == "subgoal_description"


@pytest.mark.parametrize(
    ("text", "value", "next_slot"),
    [("nej tak", "nej", "goal_confirmed"), ("tja", None, "more_subgoals")],
)
def test_no_more_delmaal_goes_to_the_summary(text: str, value: Any, next_slot: str) -> None:
    chat = asking("more_subgoals", "goal_capture_summary")
    reply = chat.say(text)
    assert reply.slots["more_subgoals"] == value
    assert chat.asking == next_slot


# -- Gem, Ret, Annuller ----------------------------------------------------------------------


def test_gem_completes_the_form() -> None:
    chat = Conversation.of("goal_capture_summary")
    reply = chat.say("Gem")
    assert reply.slots["goal_confirmed"] == "gem"
    assert reply.messages == []
    assert chat.asking is None and chat.form is None  # action_submit_goal comes next


@pytest.mark.parametrize("text", ["annuller", "afbryd det"])
def test_annuller_completes_the_form_unsaved(text: str) -> None:
    chat = Conversation.of("goal_capture_summary")
    assert chat.say(text).slots["goal_confirmed"] == "annuller"
    assert chat.form is None


def test_ret_asks_what_to_correct() -> None:
    chat = Conversation.of("goal_capture_summary")
    reply = chat.say("ret")
    assert reply.slots["goal_confirmed"] == "ret"
    assert chat.asking == "correction_field"


def test_anything_else_at_the_summary_is_asked_again() -> None:
    chat = Conversation.of("goal_capture_summary")
    reply = chat.say("hvad betyder det?")
    assert reply.responses == ["utter_invalid_confirm"]
    assert chat.asking == "goal_confirmed"


def test_gem_the_day_after_the_goals_date_asks_for_a_new_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REHAB_TODAY", "2027-01-22")  # the capture was left open for weeks
    chat = Conversation.of("goal_capture_summary")
    reply = chat.say("gem")
    assert reply.texts == ["Målets frist (torsdag den 21. januar 2027) er passeret. "
                           "Vælg en ny frist."]  # fmt: skip
    assert reply.slots["goal_confirmed"] is None
    assert chat.asking == "goal_due_date"


# -- corrections after "Ret" -----------------------------------------------------------------


def correcting() -> Conversation:
    return Conversation.of("goal_capture_correcting")


@pytest.mark.parametrize(
    ("text", "cleared"),
    [("frist", "goal_due_date"), ("målet", "goal_statement"), ("reference", "citizen_ref"),
     ("tilknytning", "goal_problem")],
)  # fmt: skip
def test_a_goal_field_is_asked_again_then_the_summary_returns(text: str, cleared: str) -> None:
    chat = correcting()
    reply = chat.say(text)
    assert reply.slots[cleared] is None
    assert {k: reply.slots[k] for k in ("correction_field", "correction_target",
                                        "goal_confirmed")} == dict.fromkeys(
        ("correction_field", "correction_target", "goal_confirmed"))  # fmt: skip
    assert chat.asking == cleared


def test_a_new_goal_date_then_leads_through_the_delmaal_it_conflicts_with() -> None:
    chat = correcting()
    chat.say("frist")
    chat.say("om 2 uger")  # 24 December: both delmål are due later
    assert chat.asking == "subgoal_due_date"
    assert chat.slots["subgoal_description"] == "Stå sikkert i badet i fem minutter"
    chat.say("21/12")
    assert chat.asking == "goal_confirmed"
    reply = chat.say("gem")  # the second delmål still conflicts: found at Gem
    assert reply.slots["goal_confirmed"] is None
    assert chat.slots["subgoal_description"] == "Vaske hår selv med bruseren"
    chat.say("23/12")
    chat.say("gem")
    assert chat.slots["goal_confirmed"] == "gem"
    dates = [s["due_date"] for s in chat.slots["subgoals"]] + [chat.slots["subgoal_due_date"]]
    assert dates == ["2026-12-21", "2026-12-23"]  # each delmål kept its place


def test_a_numbered_delmaal_then_its_field_reopens_exactly_that_field() -> None:
    chat = correcting()
    first = chat.say("delmål 1")
    assert first.slots["correction_target"] == "subgoal:0"
    assert chat.asking == "correction_field"
    chat.say("handlingerne")
    assert chat.slots["subgoal_description"] == "Stå sikkert i badet i fem minutter"
    assert chat.slots["subgoal_actions"] is None
    assert chat.slots["subgoal_due_date"] == "2026-12-31"  # the other fields stay
    assert chat.asking == "subgoal_actions"
    chat.say("gå med rollator")
    assert chat.asking == "goal_confirmed"


def test_a_delmaal_named_by_its_words_is_found() -> None:
    chat = correcting()
    chat.say("fristen for delmålet om badet")
    assert chat.slots["subgoal_description"] == "Stå sikkert i badet i fem minutter"
    assert chat.asking == "subgoal_due_date"


def test_delmaal_without_saying_which_asks_which() -> None:
    chat = correcting()
    reply = chat.say("delmål")
    assert reply.slots["correction_target"] is None
    assert reply.slots["correction_field"] is None
    assert chat.asking == "correction_field"


def test_an_ordinal_problem_then_a_score_reopens_that_score() -> None:
    chat = correcting()
    assert chat.say("anden aktivitet").slots["correction_target"] == "problem:1"
    chat.say("vigtighed")
    assert chat.slots["problem_activity"] == "handle ind"
    assert chat.slots["problem_importance"] is None
    assert chat.slots["problem_edit_index"] == 1
    assert chat.asking == "problem_importance"
    chat.say("10")
    assert chat.asking == "goal_confirmed"


@pytest.mark.parametrize(
    ("text", "reopened"),
    [("tilføj delmål", "more_subgoals"), ("tilføj en aktivitet", "more_problems")],
)
def test_adding_an_item_asks_en_mere_again(text: str, reopened: str) -> None:
    chat = correcting()
    reply = chat.say(text)
    assert reply.slots[reopened] is None
    assert chat.asking == reopened
    chat.say("ja")
    assert chat.asking == ("subgoal_description" if reopened == "more_subgoals"
                           else "problem_area")  # fmt: skip


def test_a_correction_that_names_nothing_known_says_how_to_choose() -> None:
    chat = correcting()
    reply = chat.say("det der")
    assert reply.texts == [NOT_FOUND]
    assert chat.asking == "correction_field"


def test_the_summary_after_a_correction_shows_the_item_in_its_place() -> None:
    from actions.goals.actions import ActionAskGoalConfirmed

    chat = correcting()
    chat.say("frist for delmål 1")
    chat.say("28/12")
    reply = chat.run(ActionAskGoalConfirmed())
    lines = reply.text.splitlines()
    delmaal = lines[lines.index("Delmål:") + 1 :]
    assert delmaal[0] == ("1. Stå sikkert i badet i fem minutter – ansvarlig: borgeren, "
                          "frist mandag den 28. december 2026")  # fmt: skip
    assert delmaal[3].startswith("2. Vaske hår selv med bruseren")


def test_the_form_validates_nothing_it_did_not_ask_for() -> None:
    # A correction word arriving when "Ret" was not chosen is not a correction.
    chat = asking("correction_field", "goal_capture_summary")
    reply = chat.say("frist")
    assert "goal_due_date" not in reply.slots
    assert reply.slots.get("correction_field") is None
    assert run(ValidateGoalForm(), chat.tracker).messages == []
