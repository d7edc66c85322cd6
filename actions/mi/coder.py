"""The learned MI coder as the action server uses it: load the artifact once, code lines, and
say so when a line can be read two ways.

The artifact (build/mi_coder/coder.joblib, `make mi-coder`) holds three linear models as plain
numbers (linear.py): practitioner behaviour (7 codes), citizen kind (change / sustain /
neutral) and DARN-CAT category (for change and sustain talk), with the unsure thresholds chosen
by cross-validation. Loading it imports neither sklearn nor the training code.
Without the artifact the hand-written rules code alone, with full confidence, and the log says
why: feedback keeps working while the artifact is being built.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from actions.mi.change_talk import Kind, analyse
from actions.mi.corpus import ROOT
from actions.mi.features import Line, Parsed, parse
from actions.mi.linear import Compiled
from actions.mi.practice import Label, classify, clean_line

ARTIFACT = Path(os.environ.get("MI_CODER_ARTIFACT", ROOT / "build" / "mi_coder" / "coder.joblib"))
FORMAT = 2
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Unsure:
    """A line is unsure when its top probability is below `floor` or within `margin` of the
    runner-up's."""

    floor: float = 0.0
    margin: float = 0.0

    def applies(self, first: float, second: float) -> bool:
        return bool(first < self.floor or first - second < self.margin)


@dataclass(frozen=True)
class Code:
    label: str
    probability: float
    runner_up: str | None = None
    runner_up_probability: float = 0.0
    unsure: bool = False

    def describe(self) -> str:
        """The label, or both readings when the coder cannot tell them apart."""
        if self.unsure and self.runner_up:
            return f"kan læses som både {self.label} og {self.runner_up}"
        return self.label


@dataclass(frozen=True)
class CitizenCode:
    kind: Code
    category: Code | None  # DARN-CAT, for change and sustain talk only

    def describe(self) -> str:
        if self.category is None:
            return self.kind.describe()
        return f"{self.kind.describe()} ({self.category.describe()})"


def _code(probabilities: Sequence[float], classes: Sequence[str], unsure: Unsure) -> Code:
    ranked = sorted(zip(probabilities, classes, strict=True), reverse=True)
    (p1, first), (p2, second) = ranked[0], ranked[1]
    return Code(first, float(p1), second, float(p2), unsure.applies(p1, p2))


class Coder:
    """The artifact's models. Each line is parsed once (spaCy and the rules); the kind and the
    category of a citizen's line share that parse, and the sums run in `Compiled`."""

    def __init__(self, artifact: dict[str, Any]):
        self.artifact = artifact
        self.unsure = {name: Unsure(**value) for name, value in artifact["unsure"].items()}
        self.compiled = {name: Compiled(spec) for name, spec in artifact["models"].items()}
        kind, category = self.compiled["kind"].parse, self.compiled["category"].parse
        if category["rules"] and not kind["rules"]:
            raise ValueError("the category model needs rule features the kind model's parse lacks")

    def _codes(self, name: str, parsed: Sequence[Parsed]) -> list[Code]:
        model = self.compiled[name]
        return [_code(model.predict_proba(p), model.classes, self.unsure[name]) for p in parsed]

    def _parse(self, name: str, lines: Sequence[Line]) -> list[Parsed]:
        options = self.compiled[name].parse
        return [
            parse(line, options["role"], rules=options["rules"], context=options["context"])
            for line in lines
        ]

    def practitioner(self, lines: Sequence[Line]) -> list[Code]:
        return self._codes("practitioner", self._parse("practitioner", lines))

    def citizen(self, lines: Sequence[Line]) -> list[CitizenCode]:
        parsed = self._parse("kind", lines)
        kinds = self._codes("kind", parsed)
        talk = [i for i, kind in enumerate(kinds) if kind.label != Kind.NEUTRAL.value]
        categories = dict(
            zip(talk, self._codes("category", [parsed[i] for i in talk]), strict=True)
        )
        return [CitizenCode(kind, categories.get(i)) for i, kind in enumerate(kinds)]


class RuleCoder:
    """The hand-written rules, used when no artifact has been built."""

    def __init__(self) -> None:
        self.artifact: dict[str, Any] = {}

    def practitioner(self, lines: Sequence[Line]) -> list[Code]:
        return [Code(classify(line.text).value, 1.0) for line in lines]

    def citizen(self, lines: Sequence[Line]) -> list[CitizenCode]:
        codes = []
        for line in lines:
            result = analyse(clean_line(line.text))
            category = Code(result.category.value, 1.0) if result.category else None
            codes.append(CitizenCode(Code(result.kind.value, 1.0), category))
        return codes


def pipelines_path(path: Path = ARTIFACT) -> Path:
    """The sklearn pipelines the artifact was exported from (for the tests, not for serving)."""
    return path.with_name("pipelines.joblib")


def read_artifact(path: Path = ARTIFACT) -> dict[str, Any]:
    import joblib

    artifact = joblib.load(path)
    if artifact.get("format") != FORMAT:
        raise ValueError(f"{path}: artifact format {artifact.get('format')}, expected {FORMAT}")
    return artifact


@lru_cache(maxsize=1)
def load(path: Path = ARTIFACT) -> Coder | RuleCoder:
    """The coder, loaded once per process."""
    if not path.exists():
        logger.warning("MI coder artifact %s is missing (make mi-coder); using the rules", path)
        return RuleCoder()
    return Coder(read_artifact(path))


def code_practitioner(text: str, context: str | None = None) -> Code:
    return load().practitioner([Line(text, context)])[0]


def code_citizen(text: str, context: str | None = None) -> CitizenCode:
    return load().citizen([Line(text, context)])[0]


LABELS = tuple(label.value for label in Label)
KINDS = tuple(kind.value for kind in Kind)
