"""Held-out paraphrases (tests/nlu/faq_heldout.yml) are answered with the right FAQ id."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from actions.faq_catalog import FAQ_QUESTIONS
from bot.evaluation import evaluate, load_heldout

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "nlu" / "faq_heldout.yml"
TRAINING = ROOT / "data" / "nlu" / "faq.yml"


def _normalise(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", text)  # drop entity annotations
    return re.sub(r"[^\wæøå]+", " ", text.lower()).strip()


def _training_texts() -> set[str]:
    texts = set()
    for block in yaml.safe_load(TRAINING.read_text())["nlu"]:
        for line in block.get("examples", "").splitlines():
            texts.add(_normalise(line.lstrip("- ")))
    return texts


def test_heldout_covers_every_faq_id_with_five_paraphrases() -> None:
    heldout = load_heldout(HELDOUT)
    assert set(heldout) == {f"faq/{faq_id}" for faq_id in FAQ_QUESTIONS}
    assert min(len(texts) for texts in heldout.values()) >= 5


def test_heldout_paraphrases_are_not_in_training_data() -> None:
    training = _training_texts()
    leaked = [
        t for texts in load_heldout(HELDOUT).values() for t in texts if _normalise(t) in training
    ]
    assert leaked == []


def test_heldout_top1_accuracy_is_at_least_90_percent(parse) -> None:
    report = evaluate(parse, load_heldout(HELDOUT))
    print("\n" + report.render())  # every miss is listed in the test output
    assert report.total >= 5 * len(FAQ_QUESTIONS)
    assert report.accuracy >= 0.90, report.render()
