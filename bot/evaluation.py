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


@dataclass
class Miss:
    text: str
    expected: str
    predicted: str
    confidence: float


@dataclass
class Report:
    total: int = 0
    correct: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def render(self) -> str:
        lines = [f"held-out top-1 accuracy: {self.accuracy:.3f} ({self.correct}/{self.total})"]
        lines += [
            f"  MISS expected {m.expected:<38} got {m.predicted:<38} ({m.confidence:.2f}) {m.text!r}"
            for m in self.misses
        ]
        return "\n".join(lines)


def predicted_label(parse: dict[str, Any]) -> tuple[str, float]:
    """The full retrieval intent ("faq/klage") or the plain intent, with its confidence."""
    intent = parse.get("intent") or {}
    name = intent.get("name") or ""
    selector = parse.get("response_selector") or {}
    selected = selector.get(name) or selector.get("default") or {}
    response = selected.get("response") or {}
    if name in (selector.get("all_retrieval_intents") or []) and response.get(
        "intent_response_key"
    ):
        return response["intent_response_key"], float(response.get("confidence") or 0.0)
    return name, float(intent.get("confidence") or 0.0)


def load_heldout(path: Path) -> dict[str, list[str]]:
    return {label: list(texts) for label, texts in yaml.safe_load(path.read_text()).items()}


def evaluate(parse: Callable[[str], dict[str, Any]], heldout: dict[str, list[str]]) -> Report:
    report = Report()
    for expected, texts in heldout.items():
        for text in texts:
            predicted, confidence = predicted_label(parse(text))
            report.total += 1
            if predicted == expected:
                report.correct += 1
            else:
                report.misses.append(Miss(text, expected, predicted, confidence))
    return report


def agent_parser(model: Path) -> Callable[[str], dict[str, Any]]:
    from rasa.core.agent import Agent

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
