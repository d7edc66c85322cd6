"""What "Ret" means: the buttons offered, and what typed words choose."""

from __future__ import annotations

import pytest

from actions.goals.corrections import Choice, buttons, parse_choice

PROBLEMS = ["tage bad", "handle ind"]
SUBGOALS = ["Stå sikkert i badet i fem minutter", "Vaske hår selv med bruseren"]


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        # the buttons' own payloads
        ("reference", Choice("citizen_ref")),
        ("aktivitet 2", Choice(part="problem", index=1)),
        ("målet", Choice("goal_statement")),
        ("frist", Choice("goal_due_date")),
        ("tilknytning", Choice("goal_problem")),
        ("delmål 2", Choice(part="subgoal", index=1)),
        ("tilføj delmål", Choice(part="subgoal", add=True)),
        # typed: field, part and item by number, ordinal, position or name
        ("borgerens reference", Choice("citizen_ref")),
        ("fristen for delmål 2", Choice("subgoal_due_date", "subgoal", 1)),
        ("handlingerne i andet delmål", Choice("subgoal_actions", "subgoal", 1)),
        ("hvem er ansvarlig for det sidste delmål", Choice("subgoal_responsible", "subgoal", 1)),
        ("teksten i første delmål", Choice("subgoal_description", "subgoal", 0)),
        ("fristen for delmålet om badet", Choice("subgoal_due_date", "subgoal", 0)),
        ("delmålet om bruseren", Choice("subgoal_description", "subgoal", 1)),
        ("delmål", Choice(part="subgoal")),
        ("delmål 7", Choice(part="subgoal")),  # no such delmål: which one?
        ("tilfredshed for aktivitet 1", Choice("problem_satisfaction", "problem", 0)),
        ("udførelsen af at handle ind", Choice("problem_performance", "problem", 1)),
        ("vigtigheden", Choice(part="problem")),  # which activity?
        ("teksten til aktivitet 2", Choice("problem_activity", "problem", 1)),
        ("aktiviteten handle ind", Choice("problem_activity", "problem", 1)),
        ("copm", Choice(part="problem")),
        ("tilføj en aktivitet", Choice(part="problem", add=True)),
        ("nyt copm-problem", Choice(part="problem", add=True)),
        ("ny frist", Choice("goal_due_date")),  # "ny" without a part is no addition
        ("deadline", Choice("goal_due_date")),
        ("målformulering", Choice("goal_statement")),
        ("hvilken aktivitet hører målet til", Choice(part="problem")),
        ("det der", None),
        ("!!", None),
    ],
)
def test_typed_and_pressed_choices(text: str, choice: Choice | None) -> None:
    assert parse_choice(text, PROBLEMS, SUBGOALS) == choice


def test_with_one_item_no_number_is_needed() -> None:
    assert parse_choice("delmål", PROBLEMS, SUBGOALS[:1]) == Choice(
        "subgoal_description", "subgoal", 0
    )
    assert parse_choice("tilfredshed", PROBLEMS[:1], SUBGOALS) == Choice(
        "problem_satisfaction", "problem", 0
    )
    # "aktivitet 1" with a single problem: its text, not "which field?"
    assert parse_choice("aktivitet 1", PROBLEMS[:1], SUBGOALS) == Choice(
        "problem_activity", "problem", 0
    )


def test_a_name_shared_by_two_items_chooses_neither() -> None:
    same = ["gå tur i haven", "gå tur i parken"]
    assert parse_choice("delmålet med gå tur", PROBLEMS, same) == Choice(part="subgoal")


@pytest.mark.parametrize(
    ("text", "pending", "choice"),
    [
        ("frist for delmål 2", "subgoal:1", Choice("subgoal_due_date", "subgoal", 1)),
        ("ansvarlig", "subgoal:0", Choice("subgoal_responsible", "subgoal", 0)),
        ("område for aktivitet 1", "problem:0", Choice("problem_area", "problem", 0)),
        ("udførelse", "problem:1", Choice("problem_performance", "problem", 1)),
        # no field word: read as a fresh choice
        ("målet", "subgoal:1", Choice("goal_statement")),
    ],
)
def test_after_choosing_an_item_the_next_answer_names_its_field(
    text: str, pending: str, choice: Choice
) -> None:
    assert parse_choice(text, PROBLEMS, SUBGOALS, pending) == choice


def test_only_a_field_or_an_addition_is_complete() -> None:
    assert Choice(part="subgoal", index=0).needs_field
    assert not Choice("goal_statement").needs_field
    assert not Choice(part="subgoal", add=True).needs_field


def problems(*names: str) -> list[dict]:
    return [{"activity": name} for name in names]


def subgoals(*names: str) -> list[dict]:
    return [{"description": name} for name in names]


def test_the_first_buttons_name_every_item_and_their_payloads_choose_it() -> None:
    choices = buttons(problems(*PROBLEMS), subgoals(*SUBGOALS), None)
    assert [c["title"] for c in choices] == [
        "Borgerens reference", "Aktivitet 1: tage bad", "Aktivitet 2: handle ind", "Målet",
        "Målets frist", "Hvilken aktivitet målet hører til",
        "Delmål 1: Stå sikkert i badet i fem minutter", "Delmål 2: Vaske hår selv med bruseren",
        "Tilføj et delmål",
    ]  # fmt: skip
    chosen = [parse_choice(c["payload"], PROBLEMS, SUBGOALS) for c in choices]
    assert chosen == [
        Choice("citizen_ref"), Choice(part="problem", index=0), Choice(part="problem", index=1),
        Choice("goal_statement"), Choice("goal_due_date"), Choice("goal_problem"),
        Choice(part="subgoal", index=0), Choice(part="subgoal", index=1),
        Choice(part="subgoal", add=True),
    ]  # fmt: skip


def test_with_one_problem_there_is_nothing_to_attach_the_goal_to() -> None:
    titles = [c["title"] for c in buttons(problems("tage bad"), subgoals("gå"), None)]
    assert "Hvilken aktivitet målet hører til" not in titles
    assert titles[1] == "Aktivitet 1: tage bad"


@pytest.mark.parametrize(
    ("pending", "titles", "first"),
    [
        ("subgoal:1", ["Delmålet", "Handlingerne", "Ansvarlig", "Frist"],
         Choice("subgoal_description", "subgoal", 1)),
        ("problem:0", ["Område", "Aktiviteten", "Vigtighed", "Udførelse", "Tilfredshed"],
         Choice("problem_area", "problem", 0)),
    ],
)  # fmt: skip
def test_the_field_buttons_of_a_chosen_item_each_reopen_that_field(
    pending: str, titles: list[str], first: Choice
) -> None:
    choices = buttons(problems(*PROBLEMS), subgoals(*SUBGOALS), pending)
    assert [c["title"] for c in choices] == titles
    picked = [parse_choice(c["payload"], PROBLEMS, SUBGOALS, pending) for c in choices]
    assert picked[0] == first
    assert len({p.slot for p in picked}) == len(titles)  # each button its own field
    assert {p.index for p in picked} == {first.index}
