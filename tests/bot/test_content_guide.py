"""The motivation guide keeps to the motivational interview in its content.

The step order (forberedelse … planlaegge, opsummere) lives in actions/mi/ and is not changed here.
So the transition summary that MI puts before planning opens the planlaegge step, together with a
check that the citizen is ready, and opsummere is the closing, collecting summary of the agreement.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GUIDE = yaml.safe_load(
    (ROOT / "bot" / "domain" / "motivationsguide.yml").read_text(encoding="utf-8")
)["responses"]
SITUATIONS = ["demens", "ny_i_hjemmeplejen", "laenge_i_hjemmeplejen", "udskrevet", None]
STEPS = ["forberedelse", "engagere", "fokusere", "fremkalde", "planlaegge", "opsummere"]


def _situation(variation: dict) -> str | None:
    conditions = variation.get("condition") or []
    return conditions[0]["value"] if conditions else None


def variations(step: str) -> list[tuple[str | None, str]]:
    return [(_situation(v), v["text"]) for v in GUIDE[f"utter_guide_{step}"]]


def purpose(text: str) -> str:
    return re.search(r"^Formål: (.*)$", text, re.M).group(1)


def say_lines(text: str) -> list[str]:
    return re.findall(r"^• »(.*)«$", text, re.M)


def test_every_step_has_a_variation_per_situation_in_order() -> None:
    assert list(GUIDE) == [f"utter_guide_{step}" for step in STEPS]
    for step in STEPS:
        assert [s for s, _ in variations(step)] == SITUATIONS, step


@pytest.mark.parametrize("situation", SITUATIONS)
def test_planning_opens_with_a_summary_and_a_readiness_check(situation: str | None) -> None:
    text = dict(variations("planlaegge"))[situation]
    assert re.match(r"Start med (en |at )?.*(opsummering|samle)", purpose(text)), purpose(text)
    assert re.search(r"\b(klar|lyst|kræfter)\b", purpose(text)), purpose(text)
    first = say_lines(text)[0]
    assert first.endswith("?"), "the first line sums up and asks whether the citizen is ready"
    assert text.endswith("Vil du registrere målet nu? Skriv »nyt mål«.")


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_last_step_is_a_closing_recap(situation: str | None) -> None:
    text = dict(variations("opsummere"))[situation]
    assert purpose(text).startswith("Slut af"), purpose(text)
    # No transition to a later step: this is the end of the conversation.
    assert not re.search(r"\bfør vi (taler|ser|aftaler)\b", text), text


def test_information_is_given_with_permission() -> None:
    for step in ("forberedelse", "engagere"):
        text = dict(variations(step))["ny_i_hjemmeplejen"]
        assert any(line.startswith("Må jeg fortælle") for line in say_lines(text)), step
    planning = dict(variations("planlaegge"))
    assert any("Må jeg" in line for line in say_lines(planning["ny_i_hjemmeplejen"]))
    assert any("Må jeg" in line for line in say_lines(planning["laenge_i_hjemmeplejen"]))


PRAISE = re.compile(r"\b(flot|flotte|dygtig|dygtigt|godt klaret|super|fantastisk)\b", re.I)


def test_affirmations_not_praise() -> None:
    for key, variation_list in GUIDE.items():
        for variation in variation_list:
            lines = say_lines(variation["text"])
            assert not [line for line in lines if PRAISE.search(line)], key


@pytest.mark.parametrize(
    "wording",
    [
        "Hvad vil ske",  # "Hvad vil der ske"
        "glad af",  # "glad for"
        "sæt forventningen",  # anglicism
        "Vi følger op hver uge",  # a promise the sources do not support
        "ikke mindre hjælp",  # the FAQ deliberately does not promise this
        "terapeutens genoptræningsplan",  # the genoptræningsplan comes from the hospital
        "opretterrefleks",  # Danish: ordnerefleksen
    ],
)
def test_reviewed_wordings_are_gone(wording: str) -> None:
    for key, variation_list in GUIDE.items():
        for variation in variation_list:
            assert wording.lower() not in variation["text"].lower(), (key, wording)
