"""What the user is shown for held-out and blind messages: the right answer, a wrong one, or
none (the assistant holds back: it offers the closest questions or says it cannot answer).

usage: python -m bot.evaluation [MODEL] [SET_YAML ...]
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_MODEL = Path("models/rehab.tar.gz")
DEFAULT_SETS = [Path("tests/nlu/faq_heldout.yml")]
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
HOLDS_BACK = {FALLBACK, OUT_OF_SCOPE}  # no answer: the closest questions, or "I can't say here"


@dataclass
class Miss:
    text: str
    expected: str
    predicted: str


@dataclass
class Report:
    """right: the expected answer. wrong: another answer given with confidence. held: held back."""

    total: int = 0
    right: int = 0
    wrong: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def held(self) -> int:
        return self.total - self.right - self.wrong

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0

    def render(self) -> str:
        lines = [
            f"{self.total} messages: right {self.share(self.right):.3f} ({self.right}), "
            f"wrong {self.share(self.wrong):.3f} ({self.wrong}), "
            f"held back {self.share(self.held):.3f} ({self.held})"
        ]
        lines += [f"  MISS expected {m.expected:<36} got {m.predicted:<36} {m.text!r}"
                  for m in self.misses]  # fmt: skip
        return "\n".join(lines)


def acted_on(parse: dict[str, Any]) -> str:
    """What the assistant acts on: the fallback, a full retrieval intent or a plain intent."""
    intent = (parse.get("intent") or {}).get("name") or ""
    selector = parse.get("response_selector") or {}
    if intent in (selector.get("all_retrieval_intents") or []):
        selected = selector.get(intent) or selector.get("default") or {}
        key = (selected.get("response") or {}).get("intent_response_key")
        if key:
            return key
    return intent


def load_set(path: Path) -> dict[str, list[str]]:
    return {label: list(texts) for label, texts in yaml.safe_load(path.read_text()).items()}


def tally(outcomes: Iterable[tuple[str, str, str]]) -> Report:
    """(expected, text, what the user got) for each message -> right, wrong or held back. For
    an out_of_scope message, holding back is the right outcome."""
    report = Report()
    for expected, text, got in outcomes:
        report.total += 1
        if got == expected or (expected == OUT_OF_SCOPE and got in HOLDS_BACK):
            report.right += 1
        elif got in HOLDS_BACK:
            report.misses.append(Miss(text, expected, got))
        else:
            report.wrong += 1
            report.misses.append(Miss(text, expected, got))
    return report


def evaluate(
    parse: Callable[[str], dict[str, Any]],
    labelled: dict[str, list[str]],
    shown: Callable[[str], str] | None = None,
) -> Report:
    """Parses each message and tallies it. `shown` maps what the assistant acts on to what the
    user then sees (on the public door an objection is answered with its FAQ answer)."""
    show = shown or (lambda label: label)
    return tally(
        (expected, text, show(acted_on(parse(text))))
        for expected, texts in labelled.items()
        for text in texts
    )


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
    sets = [Path(p) for p in argv[2:]] or DEFAULT_SETS
    parse = agent_parser(model)
    for path in sets:
        print(f"[{path}] " + evaluate(parse, load_set(path)).render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
