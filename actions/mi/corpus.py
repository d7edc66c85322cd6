"""The MI coder's labelled lines (data/mi/*.yml) and the evaluation sets (tests/mi/*.yml).

Practitioner items are ``{text, label, context?}``; citizen items ``{text, kind, category?,
context?}``. The context is the other speaker's line just before.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from actions.mi.features import Line

ROOT = Path(__file__).resolve().parents[2]
PRACTITIONER_CORPUS = ROOT / "data" / "mi" / "practitioner.yml"
CITIZEN_CORPUS = ROOT / "data" / "mi" / "citizen.yml"
EVALUATION_DIR = ROOT / "tests" / "mi"
PUNCTUATION = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class Example:
    line: Line
    label: str  # practitioner: the behaviour code; citizen: the kind
    category: str | None = None  # citizen only: DARN-CAT, for change and sustain talk


def _items(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a YAML list")
    return data


def _line(item: dict[str, Any]) -> Line:
    context = item.get("context")
    return Line(str(item["text"]), str(context) if context else None)


def load_practitioner(path: Path = PRACTITIONER_CORPUS) -> list[Example]:
    return [Example(_line(item), str(item["label"]).strip()) for item in _items(path)]


def load_citizen(path: Path = CITIZEN_CORPUS) -> list[Example]:
    examples = []
    for item in _items(path):
        category = item.get("category")
        examples.append(
            Example(_line(item), str(item["kind"]).strip(), str(category) if category else None)
        )
    return examples


def normalised(text: str) -> str:
    """Lowercase without punctuation: "Sover du til middag?" ~ "sover du til middag"."""
    return " ".join(PUNCTUATION.sub(" ", text.lower()).split())


def evaluation_texts(directory: Path = EVALUATION_DIR) -> frozenset[str]:
    """Every line of the held-out and blind sets: a corpus line that repeats one is left out
    of training, so that no evaluation line is ever learned (only the text is compared)."""
    texts = set()
    for path in sorted(directory.glob("*.yml")):
        texts.update(normalised(str(item["text"])) for item in _items(path) if "text" in item)
    return frozenset(texts)


def without(examples: list[Example], texts: frozenset[str]) -> list[Example]:
    return [example for example in examples if normalised(example.line.text) not in texts]


def fingerprint(paths: list[Path]) -> str:
    """sha256 over the files' names and bytes: the artifact records what it was trained on."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def evaluation_files(directory: Path = EVALUATION_DIR) -> list[Path]:
    return sorted(directory.glob("*.yml"))
