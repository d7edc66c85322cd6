"""Held-out NLU check: top-1 accuracy of the FAQ answer selection on paraphrases not in training.

usage: python -m bot.evaluation [MODEL] [HELDOUT_YAML]
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_MODEL = Path("models/rehab.tar.gz")
DEFAULT_HELDOUT = Path("tests/nlu/faq_heldout.yml")
FALLBACK = "nlu_fallback"


@dataclass
class Miss:
    text: str
    expected: str
    predicted: str
    confidence: float


@dataclass
class Report:
    """top-1: the model's best guess. Answered: what a user gets, since an unsure guess becomes
    the fallback (closest questions as buttons) instead of an answer."""

    total: int = 0
    correct: int = 0
    answered_right: int = 0
    answered_wrong: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def fallbacks(self) -> int:
        return self.total - self.answered_right - self.answered_wrong

    def render(self) -> str:
        lines = [
            f"held-out top-1 accuracy: {self.accuracy:.3f} ({self.correct}/{self.total})",
            f"as answered: {self.answered_right} right, {self.answered_wrong} wrong, "
            f"{self.fallbacks} offered the closest questions instead",
        ]
        lines += [
            f"  MISS expected {m.expected:<36} got {m.predicted:<36} "
            f"({m.confidence:.2f}) {m.text!r}"
            for m in self.misses
        ]
        return "\n".join(lines)


def _best_guess(parse: dict[str, Any]) -> tuple[str, float]:
    """The model's top-1 label ("faq/klage" or a plain intent), looking past the fallback."""
    ranking = [i for i in parse.get("intent_ranking") or [] if i.get("name") != FALLBACK]
    intent = ranking[0] if ranking else parse.get("intent") or {}
    name = intent.get("name") or ""
    selector = parse.get("response_selector") or {}
    if name in (selector.get("all_retrieval_intents") or []):
        selected = selector.get(name) or selector.get("default") or {}
        response = selected.get("response") or {}
        if response.get("intent_response_key"):
            return response["intent_response_key"], float(response.get("confidence") or 0.0)
    return name, float(intent.get("confidence") or 0.0)


def predicted_label(parse: dict[str, Any]) -> tuple[str, float]:
    """What the assistant acts on: the fallback, a full retrieval intent or a plain intent."""
    if (parse.get("intent") or {}).get("name") == FALLBACK:
        return FALLBACK, float(parse["intent"].get("confidence") or 0.0)
    return _best_guess(parse)


def load_heldout(path: Path) -> dict[str, list[str]]:
    return {label: list(texts) for label, texts in yaml.safe_load(path.read_text()).items()}


def evaluate(parse: Callable[[str], dict[str, Any]], heldout: dict[str, list[str]]) -> Report:
    report = Report()
    for expected, texts in heldout.items():
        for text in texts:
            parsed = parse(text)
            guess, confidence = _best_guess(parsed)
            acted_on, _ = predicted_label(parsed)
            report.total += 1
            if guess == expected:
                report.correct += 1
            else:
                report.misses.append(Miss(text, expected, guess, confidence))
            if acted_on == expected:
                report.answered_right += 1
            elif acted_on != FALLBACK:
                report.answered_wrong += 1
    return report


def agent_parser(model: Path) -> Callable[[str], dict[str, Any]]:
    import logging
    import os

    os.environ.setdefault("LOG_LEVEL", "WARNING")
    from rasa.core.agent import Agent

    logging.getLogger("rasa").setLevel(logging.WARNING)

    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    return lambda text: loop.run_until_complete(agent.parse_message(text))


def main(argv: list[str]) -> int:
    model = Path(argv[1]) if len(argv) > 1 else DEFAULT_MODEL
    heldout = Path(argv[2]) if len(argv) > 2 else DEFAULT_HELDOUT
    print(evaluate(agent_parser(model), load_heldout(heldout)).render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
