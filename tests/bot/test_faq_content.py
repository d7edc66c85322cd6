"""The FAQ content keeps its contract: ids, audiences, length, placeholders and training data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions.common.municipality import UNCONFIGURED
from actions.faq.catalog import FAQ_QUESTIONS

ROOT = Path(__file__).resolve().parents[2]
FAQ_DOMAIN = yaml.safe_load((ROOT / "bot" / "domain" / "faq.yml").read_text())["responses"]
CORE_DOMAIN = yaml.safe_load((ROOT / "bot" / "domain" / "core.yml").read_text())
FAQ_NLU = yaml.safe_load((ROOT / "data" / "nlu" / "faq.yml").read_text())["nlu"]
ALLOWED_PLACEHOLDERS = {"relation", *UNCONFIGURED}
AUDIENCES = ["paaroerende", "medarbejder", None]


def _audience(variation: dict) -> str | None:
    conditions = variation.get("condition") or []
    assert all(c["type"] == "slot" and c["name"] == "rolle" for c in conditions)
    return conditions[0]["value"] if conditions else None


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s])


def test_every_contract_id_has_exactly_one_response() -> None:
    assert set(FAQ_DOMAIN) == {f"utter_faq/{faq_id}" for faq_id in FAQ_QUESTIONS}


@pytest.mark.parametrize("faq_id", sorted(FAQ_QUESTIONS))
def test_answer_has_a_variation_per_audience(faq_id: str) -> None:
    variations = FAQ_DOMAIN[f"utter_faq/{faq_id}"]
    assert [_audience(v) for v in variations] == AUDIENCES


@pytest.mark.parametrize("faq_id", sorted(FAQ_QUESTIONS))
def test_answer_is_two_to_five_sentences_of_danish(faq_id: str) -> None:
    for variation in FAQ_DOMAIN[f"utter_faq/{faq_id}"]:
        text = variation["text"]
        assert 2 <= _sentences(text) <= 6, text  # staff get up to 5 + "Sådan kan du sige det"
        assert re.search(r"[æøå]", text), "expected Danish text"


@pytest.mark.parametrize("faq_id", sorted(FAQ_QUESTIONS))
def test_answer_uses_only_configured_placeholders(faq_id: str) -> None:
    for variation in FAQ_DOMAIN[f"utter_faq/{faq_id}"]:
        assert set(re.findall(r"\{(\w+)\}", variation["text"])) <= ALLOWED_PLACEHOLDERS


def test_answers_never_state_a_phone_number() -> None:
    for variations in FAQ_DOMAIN.values():
        for variation in variations:
            assert not re.search(r"\d{2} ?\d{2} ?\d{2} ?\d{2}", variation["text"])


def test_relatives_hear_about_their_family_member() -> None:
    relative_texts = [
        v["text"] for vs in FAQ_DOMAIN.values() for v in vs if _audience(v) == "paaroerende"
    ]
    assert sum("{relation}" in t for t in relative_texts) >= len(FAQ_QUESTIONS) - 2


def test_staff_get_a_line_to_say_to_the_citizen() -> None:
    for faq_id, variations in FAQ_DOMAIN.items():
        staff = next(v["text"] for v in variations if _audience(v) == "medarbejder")
        assert "Sådan kan du sige det" in staff, faq_id


def test_unconfigured_phrases_match_the_slots_initial_values() -> None:
    slots = CORE_DOMAIN["slots"]
    for name, phrase in UNCONFIGURED.items():
        assert slots[name]["initial_value"] == phrase


def test_every_faq_id_has_at_least_15_training_examples() -> None:
    counts = {
        block["intent"]: len([ln for ln in block["examples"].splitlines() if ln.strip()])
        for block in FAQ_NLU
        if "intent" in block
    }
    assert set(counts) == {f"faq/{faq_id}" for faq_id in FAQ_QUESTIONS}
    assert min(counts.values()) >= 15, counts
