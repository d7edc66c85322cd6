"""MITI-style summary feedback on a practitioner's practice lines.

Thresholds:
- reflections per question (R:Q) and share of complex reflections come from MITI 4.2.1
  (fair 1:1 and 40 %, good 2:1 and 50 %);
- MITI 4 has no threshold for the share of open questions, so we keep MITI 3.1.1's
  (fair 50 %, good 70 %), which Danish MI courses still teach.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum

from actions.mi.practice import QUESTIONS, REFLECTIONS, Label, classify
from actions.mi.rewrite import rewrite


class Verdict(str, Enum):
    BELOW_FAIR = "under fair"
    FAIR = "fair"
    GOOD = "god"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Threshold:
    fair: float
    good: float

    def verdict(self, value: float) -> Verdict:
        if value >= self.good:
            return Verdict.GOOD
        return Verdict.FAIR if value >= self.fair else Verdict.BELOW_FAIR


REFLECTION_TO_QUESTION = Threshold(fair=1.0, good=2.0)
OPEN_QUESTION_SHARE = Threshold(fair=0.5, good=0.7)
COMPLEX_REFLECTION_SHARE = Threshold(fair=0.4, good=0.5)
# The weakest line is the one furthest from MI spirit: advice pushed without permission first.
WEAKNESS_ORDER = (Label.PERSUASION, Label.CLOSED_QUESTION, Label.SIMPLE_REFLECTION)


@dataclass(frozen=True)
class Measure:
    value: float | None  # None when undefined (nothing to divide by)
    verdict: Verdict | None
    why_undefined: str = ""


@dataclass(frozen=True)
class WeakLine:
    number: int  # 1-based, as the practitioner counts
    text: str
    label: Label


@dataclass(frozen=True)
class Feedback:
    lines: tuple[tuple[str, Label], ...]
    counts: dict[Label, int]
    reflection_to_question: Measure
    open_question_share: Measure
    complex_reflection_share: Measure
    weakest: WeakLine | None
    rewrite: str | None

    @property
    def questions(self) -> int:
        return sum(self.counts[label] for label in QUESTIONS)

    @property
    def reflections(self) -> int:
        return sum(self.counts[label] for label in REFLECTIONS)


def _measure(numerator: int, denominator: int, threshold: Threshold, why: str) -> Measure:
    if denominator == 0:
        return Measure(None, None, why)
    value = numerator / denominator
    return Measure(value, threshold.verdict(value))


def _weakest(lines: list[tuple[str, Label]]) -> WeakLine | None:
    for weak_label in WEAKNESS_ORDER:
        for number, (text, label) in enumerate(lines, start=1):
            if label is weak_label:
                return WeakLine(number, text, label)
    return None


def feedback(lines: list[str]) -> Feedback:
    cleaned = [line.strip() for line in lines if line and line.strip()]
    labelled = [(line, classify(line)) for line in cleaned]
    tally = Counter(label for _, label in labelled)
    counts = {label: tally.get(label, 0) for label in Label}
    questions = sum(counts[label] for label in QUESTIONS)
    reflections = sum(counts[label] for label in REFLECTIONS)
    weakest = _weakest(labelled)
    return Feedback(
        lines=tuple(labelled),
        counts=counts,
        reflection_to_question=_measure(
            reflections, questions, REFLECTION_TO_QUESTION, "ingen spørgsmål at dele med"
        ),
        open_question_share=_measure(
            counts[Label.OPEN_QUESTION], questions, OPEN_QUESTION_SHARE, "ingen spørgsmål"
        ),
        complex_reflection_share=_measure(
            counts[Label.COMPLEX_REFLECTION],
            reflections,
            COMPLEX_REFLECTION_SHARE,
            "ingen refleksioner",
        ),
        weakest=weakest,
        rewrite=rewrite(weakest.text, weakest.label) if weakest else None,
    )


def _number(value: float) -> str:
    """Danish decimal comma, no needless decimals: 1.5 → "1,5", 2.0 → "2"."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _ratio_text(measure: Measure) -> str:
    if measure.value is None:
        return f"ikke defineret ({measure.why_undefined})"
    return f"{_number(measure.value)}:1 – {measure.verdict}"


def _share_text(measure: Measure) -> str:
    if measure.value is None:
        return f"ikke defineret ({measure.why_undefined})"
    return f"{round(measure.value * 100)} % – {measure.verdict}"


def render(result: Feedback) -> str:
    """A short, warm chat message: labels, the three measures, and one rewrite."""
    if not result.lines:
        return (
            "Der er ingen replikker at give feedback på endnu. "
            "Skriv et par af dine egne linjer fra en samtale, én pr. linje."
        )
    labels = " · ".join(f"{n}) {label}" for n, (_, label) in enumerate(result.lines, start=1))
    rq = result.reflection_to_question
    if rq.value is None and result.reflections:
        rq_text = "ikke defineret – du stillede ingen spørgsmål, kun refleksioner"
    else:
        rq_text = _ratio_text(rq)
    text = [
        "Tak for dine replikker – her er min feedback:",
        f"Dine linjer: {labels}",
        f"Refleksioner pr. spørgsmål (R:S): {rq_text} (fair 1:1, god 2:1)",
        f"Åbne spørgsmål: {_share_text(result.open_question_share)} (fair 50 %, god 70 %)",
        "Komplekse refleksioner: "
        f"{_share_text(result.complex_reflection_share)} (fair 40 %, god 50 %)",
    ]
    if result.weakest and result.rewrite:
        weak = result.weakest
        text.append(f"Prøv at arbejde med linje {weak.number} ({weak.label}): »{weak.text}«")
        text.append(f"Forslag: »{result.rewrite}«")
    else:
        text.append("Ingen linjer skiller sig ud som svage – flot arbejde med MI-ånden!")
    return "\n".join(text)
