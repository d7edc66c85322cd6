"""MITI-style feedback on practice lines or on a whole practice dialogue.

Each practitioner line is coded with the citizen's line before it as context; each citizen line
is coded for change or sustain talk and DARN-CAT. The summary scores are MITI 4.2.1's:
- reflections per question (R:Q): fair 1:1, good 2:1; share of complex reflections: fair 40 %,
  good 50 %;
- counts of MI-adherent behaviour (affirming, emphasising autonomy, seeking collaboration) and
  of MI-non-adherent behaviour (advice without permission, confronting); MITI sets no
  thresholds for these counts;
- MITI 4 has no threshold for the share of open questions, so we keep MITI 3.1.1's (fair 50 %,
  good 70 %), which Danish MI courses still teach.
Then one rewrite of the weakest line and, in a dialogue, one reflection for change talk that
went unreflected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from actions.mi import behaviours
from actions.mi.change_talk import Category, Kind, change_reflection
from actions.mi.coder import CitizenCode, Code, Coder, RuleCoder, load
from actions.mi.dialogue import Speaker, Turn
from actions.mi.features import Line
from actions.mi.names import DanishName
from actions.mi.practice import QUESTIONS, REFLECTIONS, Label
from actions.mi.rewrite import rewrite


class Verdict(DanishName):
    BELOW_FAIR = "under fair"
    FAIR = "fair"
    GOOD = "god"


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
AFFIRMING = "bekræftelser"
AUTONOMY = "fremhæver selvbestemmelse"
COLLABORATION = "søger samarbejde"
ADVICE = "råd uden tilladelse"
CONFRONTING = "konfronterer"


@dataclass(frozen=True)
class Measure:
    value: float | None  # None when undefined (nothing to divide by)
    verdict: Verdict | None
    why_undefined: str = ""


@dataclass(frozen=True)
class CodedTurn:
    number: int  # 1-based, as the colleague counts the lines
    speaker: Speaker
    text: str
    code: Code | None = None  # the practitioner's lines
    talk: CitizenCode | None = None  # the citizen's lines

    @property
    def label(self) -> Label | None:
        return Label(self.code.label) if self.code else None

    def describe(self) -> str:
        if self.code:
            return self.code.describe()
        return self.talk.describe() if self.talk else ""


@dataclass(frozen=True)
class WeakLine:
    number: int
    text: str
    label: Label


@dataclass(frozen=True)
class MissedChangeTalk:
    number: int  # the citizen's line
    text: str
    category: Category | None
    reflection: str


@dataclass(frozen=True)
class Feedback:
    turns: tuple[CodedTurn, ...]
    counts: dict[Label, int]
    reflection_to_question: Measure
    open_question_share: Measure
    complex_reflection_share: Measure
    adherent: dict[str, int]
    non_adherent: dict[str, int]
    talk: dict[Kind, int]
    categories: dict[Kind, Counter[Category]]
    weakest: WeakLine | None
    rewrite: str | None
    missed: MissedChangeTalk | None = None
    unsure: int = 0
    is_dialogue: bool = field(default=False)

    @property
    def lines(self) -> tuple[tuple[str, Label], ...]:
        """The practitioner's lines and their codes."""
        return tuple((t.text, t.label) for t in self.turns if t.label is not None)

    @property
    def questions(self) -> int:
        return sum(self.counts[label] for label in QUESTIONS)

    @property
    def reflections(self) -> int:
        return sum(self.counts[label] for label in REFLECTIONS)


def code_turns(turns: Sequence[Turn], coder: Coder | RuleCoder | None = None) -> list[CodedTurn]:
    """Codes every turn: a practitioner's with the citizen's latest line as context, a
    citizen's with the practitioner's latest line."""
    coder = coder or load()
    last: dict[Speaker, str | None] = {Speaker.CITIZEN: None, Speaker.PRACTITIONER: None}
    practitioner, citizen = [], []
    for index, turn in enumerate(turns):
        other = Speaker.CITIZEN if turn.speaker is Speaker.PRACTITIONER else Speaker.PRACTITIONER
        line = Line(turn.text, last[other])
        (practitioner if turn.speaker is Speaker.PRACTITIONER else citizen).append((index, line))
        last[turn.speaker] = turn.text
    codes = dict(
        zip(
            [i for i, _ in practitioner],
            coder.practitioner([x for _, x in practitioner]),
            strict=True,
        )
    )
    talk = dict(zip([i for i, _ in citizen], coder.citizen([x for _, x in citizen]), strict=True))
    return [
        CodedTurn(i + 1, turn.speaker, turn.text, codes.get(i), talk.get(i))
        for i, turn in enumerate(turns)
    ]


def _measure(numerator: int, denominator: int, threshold: Threshold, why: str) -> Measure:
    if denominator == 0:
        return Measure(None, None, why)
    value = numerator / denominator
    return Measure(value, threshold.verdict(value))


def _weakest(turns: Sequence[CodedTurn]) -> WeakLine | None:
    # A firm code first: a line that may just as well be something else is a poor example.
    for unsure in (False, True):
        for weak_label in WEAKNESS_ORDER:
            for turn in turns:
                if turn.label is weak_label and turn.code and turn.code.unsure is unsure:
                    return WeakLine(turn.number, turn.text, weak_label)
    return None


def _missed(turns: Sequence[CodedTurn]) -> MissedChangeTalk | None:
    """The first change talk that the practitioner's next line did not reflect (a last line
    that nobody answered yet is no missed chance)."""
    for index, turn in enumerate(turns):
        if not turn.talk or turn.talk.kind.label != Kind.CHANGE.value:
            continue
        answer = next((t for t in turns[index + 1 :] if t.speaker is Speaker.PRACTITIONER), None)
        if answer is None or answer.label in REFLECTIONS:
            continue
        code = turn.talk.category
        category = Category(code.label) if code else None
        # An unsure category gets no tail: "du har besluttet dig" would put words in a mouth.
        reflection = change_reflection(turn.text, category if code and not code.unsure else None)
        return MissedChangeTalk(turn.number, turn.text, category, reflection)
    return None


def summarise(turns: Sequence[CodedTurn]) -> Feedback:
    """The MITI summary of coded turns; no model is involved from here on."""
    practitioner = [t for t in turns if t.label is not None]
    tally = Counter(t.label for t in practitioner)
    counts = {label: tally.get(label, 0) for label in Label}
    questions = sum(counts[label] for label in QUESTIONS)
    reflections = sum(counts[label] for label in REFLECTIONS)
    not_reflecting = [t for t in practitioner if t.label not in REFLECTIONS]
    confronting = {t.number for t in not_reflecting if behaviours.confronts(t.text)}
    adherent = {
        AFFIRMING: counts[Label.AFFIRMATION],
        AUTONOMY: sum(behaviours.emphasises_autonomy(t.text) for t in practitioner),
        COLLABORATION: sum(behaviours.seeks_collaboration(t.text) for t in practitioner),
    }
    non_adherent = {
        ADVICE: sum(
            t.label is Label.PERSUASION and t.number not in confronting for t in practitioner
        ),
        CONFRONTING: len(confronting),
    }
    citizen = [t.talk for t in turns if t.talk is not None]
    talk = {kind: sum(c.kind.label == kind.value for c in citizen) for kind in Kind}
    categories: dict[Kind, Counter[Category]] = {Kind.CHANGE: Counter(), Kind.SUSTAIN: Counter()}
    for code in citizen:
        if code.category and code.kind.label in {Kind.CHANGE.value, Kind.SUSTAIN.value}:
            categories[Kind(code.kind.label)][Category(code.category.label)] += 1
    weakest = _weakest(practitioner)
    unsure = sum(
        bool(t.code and t.code.unsure) or bool(t.talk and t.talk.kind.unsure) for t in turns
    )
    return Feedback(
        turns=tuple(turns),
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
        adherent=adherent,
        non_adherent=non_adherent,
        talk=talk,
        categories=categories,
        weakest=weakest,
        rewrite=rewrite(weakest.text, weakest.label) if weakest else None,
        missed=_missed(turns),
        unsure=unsure,
        is_dialogue=bool(citizen),
    )


def feedback(lines: Sequence[str], coder: Coder | RuleCoder | None = None) -> Feedback:
    """Feedback on the practitioner's own lines, without a citizen."""
    turns = [Turn(Speaker.PRACTITIONER, line.strip()) for line in lines if line and line.strip()]
    return summarise(code_turns(turns, coder))


def dialogue_feedback(turns: Sequence[Turn], coder: Coder | RuleCoder | None = None) -> Feedback:
    return summarise(code_turns(turns, coder))


# --- the chat message ----------------------------------------------------------------------------


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


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def _spread(counter: Counter[Category]) -> str:
    return ", ".join(f"{category} {n}" for category, n in counter.most_common()) or "ingen"


def _code_lines(result: Feedback) -> list[str]:
    if not result.is_dialogue:
        codes = " · ".join(f"{t.number}) {t.describe()}" for t in result.turns)
        return [f"Dine linjer: {codes}"]
    names = {Speaker.CITIZEN: "Borger", Speaker.PRACTITIONER: "Du"}
    return ["Koder pr. linje:"] + [
        f"{t.number}) {names[t.speaker]}: {t.describe()}" for t in result.turns
    ]


def _citizen_lines(result: Feedback) -> list[str]:
    change, sustain = result.talk[Kind.CHANGE], result.talk[Kind.SUSTAIN]
    share = ""
    if change + sustain:
        share = f" ({round(100 * change / (change + sustain))} % forandringssnak)"
    lines = [
        f"Borgeren: forandringssnak {change}, fastholdelsessnak {sustain}, "
        f"neutral {result.talk[Kind.NEUTRAL]}{share}."
    ]
    if change or sustain:
        lines.append(
            f"DARN-CAT – forandring: {_spread(result.categories[Kind.CHANGE])}; "
            f"fastholdelse: {_spread(result.categories[Kind.SUSTAIN])}."
        )
    return lines


def render(result: Feedback) -> str:
    """A short, warm chat message: codes, the MITI scores, and one or two rewrites."""
    if not result.turns:
        return (
            "Der er ingen replikker at give feedback på endnu. "
            "Skriv et par af dine egne linjer fra en samtale, én pr. linje."
        )
    rq = result.reflection_to_question
    if rq.value is None and result.reflections:
        rq_text = "ikke defineret – du stillede ingen spørgsmål, kun refleksioner"
    else:
        rq_text = _ratio_text(rq)
    text = ["Tak for dine replikker – her er min feedback:", *_code_lines(result)]
    text += [
        f"Refleksioner pr. spørgsmål (R:S): {rq_text} (fair 1:1, god 2:1)",
        f"Åbne spørgsmål: {_share_text(result.open_question_share)} (fair 50 %, god 70 %)",
        "Komplekse refleksioner: "
        f"{_share_text(result.complex_reflection_share)} (fair 40 %, god 50 %)",
        f"MI-forenelig: {_counted(result.adherent)}. "
        f"Ikke MI-forenelig: {_counted(result.non_adherent)}.",
    ]
    if result.is_dialogue:
        text += _citizen_lines(result)
    if result.weakest and result.rewrite:
        weak = result.weakest
        text.append(f"Prøv at arbejde med linje {weak.number} ({weak.label}): »{weak.text}«")
        text.append(f"Forslag: »{result.rewrite}«")
    elif not result.missed:
        text.append("Ingen linjer skiller sig ud som svage – flot arbejde med MI-ånden!")
    if result.missed and result.missed.reflection:
        missed = result.missed
        kind = f"forandringssnak ({missed.category})" if missed.category else "forandringssnak"
        text.append(
            f"Linje {missed.number} var {kind}, som ikke blev reflekteret: »{missed.text}« "
            f"Prøv fx: »{missed.reflection}«"
        )
    if result.unsure:
        text.append(
            "Hvor der står »kan læses som både …«, er jeg i tvivl – "
            "tallene bruger den mest sandsynlige kode."
        )
    return "\n".join(text)
