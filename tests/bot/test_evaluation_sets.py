"""The held-out and blind sets measure understanding, not memory: no item is a near-copy of a
training or tuning line (folded spelling, similarity ratio ≥ 0.85)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.support.nlu_data import NEAR_COPY, ROOT, fold, near_copies, training_examples

NLU_SETS = ["faq_heldout", "faq_blind", "indvending_heldout", "oos_blind", "crisis_blind",
            "noncrisis_blind", "crisis_blind2", "noncrisis_blind2", "crisis_blind3",
            "noncrisis_blind3"]  # fmt: skip
CRISIS_CORPORA = [
    ROOT / "data" / "dev" / f"{name}.yml" for name in ("crisis_dev", "crisis_dev_2", "crisis_dev_3")
]
MI_SETS = {"blind_practitioner": "practitioner.yml", "blind_citizen": "citizen.yml"}
# "ja", "okay", "nej tak": one- and two-word replies recur in every Danish conversation, so the
# corpus and a blind set cannot help sharing them; the check covers everything longer.
MIN_WORDS = 3


def texts_of(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text())
    if isinstance(data, dict):
        return [t for texts in data.values() for t in texts]
    return [item["text"] for item in data]


def tuning_lines() -> list[str]:
    """Everything the model trains on, and the crisis corpora (the rules' development sets)."""
    lines = [t for texts in training_examples().values() for t in texts]
    return lines + [t for path in CRISIS_CORPORA for t in texts_of(path)]


@pytest.fixture(scope="module")
def tuning() -> list[str]:
    return tuning_lines()


@pytest.mark.parametrize("name", NLU_SETS)
def test_no_evaluation_item_nearly_copies_a_training_line(name: str, tuning: list[str]) -> None:
    items = texts_of(ROOT / "tests" / "nlu" / f"{name}.yml")
    copies = near_copies(items, tuning)
    assert copies == [], f"{len(copies)} near-copies (ratio ≥ {NEAR_COPY}): {copies[:10]}"


@pytest.mark.parametrize("name", sorted(MI_SETS))
def test_no_blind_mi_item_nearly_copies_the_corpus(name: str) -> None:
    items = texts_of(ROOT / "tests" / "mi" / f"{name}.yml")
    corpus = texts_of(ROOT / "data" / "mi" / MI_SETS[name])
    copies = near_copies([t for t in items if len(fold(t).split()) >= MIN_WORDS], corpus)
    assert copies == [], f"{len(copies)} near-copies (ratio ≥ {NEAR_COPY}): {copies[:10]}"


def test_the_check_finds_a_near_copy_when_there_is_one() -> None:
    """The check itself can fail: a respelled copy of a training line is caught."""
    copies = near_copies(["Hvad er en døgnrytmeplan?"], ["hvad er en doegnrytmeplan"])
    assert copies and copies[0][2] == 1.0
    assert near_copies(["Hvornår kommer terapeuten?"], ["hvad koster madordningen"]) == []
