"""Held-out paraphrases (tests/nlu/*_heldout.yml) reach the right answer: FAQ and objections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions.faq_catalog import FAQ_QUESTIONS
from actions.indvending_catalog import OBJECTION_FAQ
from bot.evaluation import evaluate, load_heldout

ROOT = Path(__file__).resolve().parents[2]
SETS = {
    "faq": (ROOT / "tests" / "nlu" / "faq_heldout.yml", set(FAQ_QUESTIONS)),
    "indvending": (ROOT / "tests" / "nlu" / "indvending_heldout.yml", set(OBJECTION_FAQ)),
}


def _normalise(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", text)  # drop entity annotations
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\wæøå]+", " ", text.lower()).strip()


def _training_texts() -> set[str]:
    texts = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            for line in block.get("examples", "").splitlines():
                texts.add(_normalise(line.lstrip("- ")))
    return texts


@pytest.mark.parametrize("name", sorted(SETS))
def test_heldout_covers_every_id_with_five_paraphrases(name: str) -> None:
    path, ids = SETS[name]
    heldout = load_heldout(path)
    assert set(heldout) == {f"{name}/{i}" for i in ids}
    assert min(len(texts) for texts in heldout.values()) >= 5


@pytest.mark.parametrize("name", sorted(SETS))
def test_heldout_paraphrases_are_not_in_training_data(name: str) -> None:
    training = _training_texts()
    heldout = load_heldout(SETS[name][0])
    leaked = [t for texts in heldout.values() for t in texts if _normalise(t) in training]
    assert leaked == []


@pytest.mark.parametrize("name", sorted(SETS))
def test_heldout_top1_accuracy_is_at_least_90_percent(parse, name: str) -> None:
    path, ids = SETS[name]
    report = evaluate(parse, load_heldout(path))
    print(f"\n[{name}]\n" + report.render())  # every miss is listed in the test output
    assert report.total >= 5 * len(ids)
    assert report.accuracy >= 0.90, report.render()


def test_the_blind_faq_set_is_not_in_training_data() -> None:
    """tests/nlu/faq_blind.yml is reported by `make bench` as an unbiased estimate."""
    blind = load_heldout(ROOT / "tests" / "nlu" / "faq_blind.yml")
    assert set(blind) == {f"faq/{i}" for i in FAQ_QUESTIONS}
    training = _training_texts()
    assert [t for texts in blind.values() for t in texts if _normalise(t) in training] == []
