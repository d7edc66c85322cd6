"""The short answers every form reads: scores, yes/no, references and CPR-shaped text."""

from __future__ import annotations

import pytest

from actions.common.reading import find_reference, has_cpr, parse_score, yes_no


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), ("syv", 7), ("7/10", 7), ("7 ud af 10", 7), ("Syv.", 7), ("10", 10), ("1", 1),
     ("en", 1), ("ti", 10), (" 3 af 10 ", 3)],
)  # fmt: skip
def test_scores_are_read_in_every_usual_form(text: str, expected: int) -> None:
    assert parse_score(text) == expected


@pytest.mark.parametrize("text", ["0", "11", "elleve", "-3", "7,5", "meget", "", "7 ud af 5"])
def test_out_of_range_or_unreadable_scores_are_refused(text: str) -> None:
    assert parse_score(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ja", True), ("Ja tak", True), ("jep", True), ("nej", False), ("nej tak", False),
     ("færdig", False), ("måske", None), ("", None)],
)  # fmt: skip
def test_yes_and_no_in_their_usual_forms(text: str, expected: bool | None) -> None:
    assert yes_no(text) is expected


def test_reference_is_found_in_a_sentence() -> None:
    assert find_reference("Jeg vil registrere et mål for borger b-1042") == "B-1042"
    assert find_reference("nyt mål") is None


def test_cpr_shaped_text_and_its_redaction_are_both_caught() -> None:
    assert has_cpr("hun har cpr 010190-1234")
    assert has_cpr("[CPR-nummer fjernet]")
    assert not has_cpr("B-1042") and not has_cpr(None)
