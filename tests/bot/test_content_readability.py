"""What citizens and relatives read is easy to read: LIX at most 35 for every such text.

LIX = words / sentences + 100 × long words / words, computed on the text with its placeholders
({relation}, {kommune}, …) removed, because their values are not written here. Splitting:

- a word is a run of letters (a–z, æ, ø, å and accented letters) and digits; a hyphen, an
  apostrophe or a dash ends it, so "social- og sundhedshjælpere" is three words;
- a long word has more than 6 characters;
- a sentence ends at ".", "!", "?", ":" or a line break; pieces without a word do not count.

Checked: in bot/domain/faq.yml the citizen variation (no condition; also what the objection coach
sends as "Svar til borgeren") and the relative variation (rolle = paaroerende) of every answer; in
bot/domain/indvending.yml the lines the coach gives staff to say to the citizen (parts 2–5).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FAQ = yaml.safe_load((ROOT / "bot" / "domain" / "faq.yml").read_text(encoding="utf-8"))
COACH = yaml.safe_load((ROOT / "bot" / "domain" / "indvending.yml").read_text(encoding="utf-8"))
MAX_LIX = 35

PLACEHOLDER = re.compile(r"\{\w+\}")
WORD = re.compile(r"[^\W_]+")  # letters (incl. æøå) and digits
SENTENCE_END = re.compile(r"[.!?:\n]")
# Parts 2–5 of a coaching text each hold one line for the citizen, in »…«.
CITIZEN_LINE = re.compile(r"^[2-5]\. [^:\n]+: »(?P<line>[^«]*)«", re.M)


def words(text: str) -> list[str]:
    return WORD.findall(PLACEHOLDER.sub(" ", text))


def sentences(text: str) -> list[str]:
    pieces = SENTENCE_END.split(PLACEHOLDER.sub(" ", text))
    return [piece for piece in pieces if words(piece)]


def lix(text: str) -> float:
    found = words(text)
    long_words = [w for w in found if len(w) > 6]
    return len(found) / len(sentences(text)) + 100 * len(long_words) / len(found)


def _audience(variation: dict) -> str | None:
    conditions = variation.get("condition") or []
    return conditions[0]["value"] if conditions else None


def _faq_texts(audience: str | None) -> list[tuple[str, str]]:
    return [
        (key, variation["text"])
        for key, variations in FAQ["responses"].items()
        for variation in variations
        if _audience(variation) == audience
    ]


def test_the_measure_follows_the_documented_splitting() -> None:
    text = "Din {relation}s mål: at gå i bad – og social- og sundhedshjælpere hjælper!\nSå 2 ting."
    assert words(text) == [
        "Din", "s", "mål", "at", "gå", "i", "bad", "og", "social", "og",
        "sundhedshjælpere", "hjælper", "Så", "2", "ting",
    ]  # fmt: skip
    assert len(sentences(text)) == 3
    assert lix(text) == pytest.approx(15 / 3 + 100 * 2 / 15)


@pytest.mark.parametrize(("key", "text"), _faq_texts(None), ids=[k for k, _ in _faq_texts(None)])
def test_citizen_answers_are_easy_to_read(key: str, text: str) -> None:
    score = lix(text)
    assert score <= MAX_LIX, f"{key} (borger): LIX {score:.1f} > {MAX_LIX}"


@pytest.mark.parametrize(
    ("key", "text"), _faq_texts("paaroerende"), ids=[k for k, _ in _faq_texts("paaroerende")]
)
def test_relative_answers_are_easy_to_read(key: str, text: str) -> None:
    score = lix(text)
    assert score <= MAX_LIX, f"{key} (pårørende): LIX {score:.1f} > {MAX_LIX}"


@pytest.mark.parametrize("key", sorted(COACH["responses"]))
def test_the_coach_lines_for_the_citizen_are_easy_to_read(key: str) -> None:
    text = COACH["responses"][key][0]["text"]
    lines = [m.group("line") for m in CITIZEN_LINE.finditer(text)]
    assert len(lines) == 4, key
    score = lix("\n".join(lines))
    assert score <= MAX_LIX, f"{key} (replikker til borgeren): LIX {score:.1f} > {MAX_LIX}"


def test_every_faq_answer_has_a_citizen_and_a_relative_text() -> None:
    assert len(_faq_texts(None)) == len(FAQ["responses"])
    assert len(_faq_texts("paaroerende")) == len(FAQ["responses"])
