"""The conversations the bench's simulated users hold, shared by the load test (locustfile.py,
.venv-api), the profile and the long conversation (.venv-bot). Standard library and PyYAML only.

- faq (public door, anonymous): a greeting, a role, three FAQ questions, thanks.
- objection (staff door, signed in): a greeting, three citizens' objections, thanks.
- goal (staff door, signed in): a whole goal capture for a new citizen reference, confirmed with
  "gem"; it counts as done only when the reply says the goal reached the API ("Målet er gemt").

The questions and objections are the held-out paraphrases (tests/nlu), never training lines.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
NLU = ROOT / "tests" / "nlu"
KINDS = ("faq", "objection", "goal")
DOOR = {"faq": "public", "objection": "staff", "goal": "staff"}
GOAL_SAVED = "Målet er gemt"
CANCEL = "annuller"  # ends a goal capture a previous run left half-way (nothing is saved)
ROLES = (
    "jeg er pårørende til min mor, hun får hjemmehjælp",
    "jeg er borger og får hjælp fra kommunen",
    "jeg skriver for min far, som er i hjemmeplejen",
)


def _texts(name: str) -> list[str]:
    labelled = yaml.safe_load((NLU / f"{name}.yml").read_text(encoding="utf-8"))
    return [text for texts in labelled.values() for text in texts]


FAQ_QUESTIONS = _texts("faq_blind")
OBJECTIONS = _texts("indvending_heldout")


def goal_turns(reference: str) -> list[str]:
    """A full goal capture with one COPM problem and one delmål (as tests/e2e), then "gem"."""
    return [
        f"nyt mål for {reference}",
        "egenomsorg",
        "gå i bad selv",
        "7",
        "3",
        "2",
        "nej",
        "Jeg vil kunne tage bad selv to gange om ugen",
        "om 6 uger",
        "Stå sikkert i badet i fem minutter",
        "øve ved håndvasken",
        "borger",
        "om 3 uger",
        "nej",
        "gem",
    ]


@dataclass(frozen=True)
class Conversation:
    kind: str
    turns: list[str]

    @property
    def door(self) -> str:
        return DOOR[self.kind]


def conversation(kind: str, rng: random.Random, reference: str = "") -> Conversation:
    if kind == "faq":
        questions = rng.sample(FAQ_QUESTIONS, 3)
        return Conversation(kind, ["hej", rng.choice(ROLES), *questions, "tak for hjælpen"])
    if kind == "objection":
        return Conversation(kind, ["hej", *rng.sample(OBJECTIONS, 3), "tak"])
    if kind == "goal":
        return Conversation(kind, goal_turns(reference))
    raise ValueError(kind)


def long_conversation_turns(count: int, seed: int = 300) -> list[str]:
    """`count` public-door turns in one conversation: FAQ questions with a thanks now and then."""
    rng = random.Random(seed)
    turns = []
    for i in range(count):
        turns.append("tak" if i % 10 == 9 else rng.choice(FAQ_QUESTIONS))
    return turns
