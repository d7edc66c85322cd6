"""MITI 4.2.1 summary scores of a small transcript, computed by hand from fixed codes (the coder
is replaced, so only the arithmetic and the wording are tested here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from actions.mi.change_talk import Category, Kind
from actions.mi.coder import CitizenCode, Code
from actions.mi.dialogue import parse
from actions.mi.features import Line
from actions.mi.feedback import (
    ADVICE,
    AFFIRMING,
    AUTONOMY,
    COLLABORATION,
    CONFRONTING,
    Feedback,
    Verdict,
    dialogue_feedback,
    render,
)
from actions.mi.practice import Label

TRANSCRIPT = """\
Borger: Jeg vil gerne kunne gå til bageren igen.
Jeg: Hvad betyder bageren for dig?
Borger: Men jeg kan ikke gå så langt.
Jeg: Det er for langt lige nu.
Borger: Jeg kunne måske gå halvvejen med rollatoren.
Jeg: Du skal bare tage rollatoren med.
Borger: Det er svært.
Jeg: Det passer ikke, du kan sagtens.
Jeg: Du har allerede gået til postkassen i denne uge, det er flot.
Jeg: Det lyder, som om bageren er en del af din frihed – og det er dig, der bestemmer tempoet.
Jeg: Er du træt i dag?
Jeg: Hvad siger du til, at vi lægger en plan sammen?
"""
# Line number → (code, runner-up); the citizen's lines → (kind, category).
PRACTITIONER_CODES = {
    2: Label.OPEN_QUESTION,
    4: Label.SIMPLE_REFLECTION,
    6: Label.PERSUASION,
    8: Label.PERSUASION,
    9: Label.AFFIRMATION,
    10: Label.COMPLEX_REFLECTION,
    11: Label.CLOSED_QUESTION,
    12: Label.OPEN_QUESTION,
}
CITIZEN_CODES = {
    1: (Kind.CHANGE, Category.DESIRE),
    3: (Kind.SUSTAIN, Category.ABILITY),
    5: (Kind.CHANGE, Category.ABILITY),
    7: (Kind.NEUTRAL, None),
}


class FixedCoder:
    def __init__(self) -> None:
        self.by_text = {turn.text: number for number, turn in enumerate(parse(TRANSCRIPT), start=1)}

    def practitioner(self, lines: Sequence[Line]) -> list[Code]:
        return [Code(PRACTITIONER_CODES[self.by_text[line.text]].value, 0.9) for line in lines]

    def citizen(self, lines: Sequence[Line]) -> list[CitizenCode]:
        codes = []
        for line in lines:
            kind, category = CITIZEN_CODES[self.by_text[line.text]]
            codes.append(
                CitizenCode(Code(kind.value, 0.9), Code(category.value, 0.9) if category else None)
            )
        return codes


def result() -> Feedback:
    return dialogue_feedback(parse(TRANSCRIPT), FixedCoder())


def test_reflection_to_question_and_complex_share() -> None:
    feedback = result()
    # 3 questions (lines 2, 11, 12), 2 reflections (4 simple, 10 complex).
    assert (feedback.questions, feedback.reflections) == (3, 2)
    assert feedback.reflection_to_question.value == 2 / 3
    assert feedback.reflection_to_question.verdict is Verdict.BELOW_FAIR
    assert feedback.complex_reflection_share.value == 0.5
    assert feedback.complex_reflection_share.verdict is Verdict.GOOD
    assert feedback.open_question_share.value == 2 / 3
    assert feedback.open_question_share.verdict is Verdict.FAIR


def test_mi_adherent_and_non_adherent_counts() -> None:
    feedback = result()
    # Affirmation: line 9. Autonomy: line 10. Collaboration: line 12 ("vi … sammen").
    assert feedback.adherent == {AFFIRMING: 1, AUTONOMY: 1, COLLABORATION: 1}
    # Line 6 advises; line 8 ("Det passer ikke …") confronts, and counts only as that.
    assert feedback.non_adherent == {ADVICE: 1, CONFRONTING: 1}


def test_change_and_sustain_talk_and_the_darn_cat_spread() -> None:
    feedback = result()
    assert feedback.talk == {Kind.CHANGE: 2, Kind.SUSTAIN: 1, Kind.NEUTRAL: 1}
    assert feedback.categories[Kind.CHANGE] == Counter({Category.DESIRE: 1, Category.ABILITY: 1})
    assert feedback.categories[Kind.SUSTAIN] == Counter({Category.ABILITY: 1})


def test_the_weakest_line_and_the_missed_change_talk() -> None:
    feedback = result()
    assert feedback.weakest is not None and feedback.weakest.number == 6
    assert feedback.rewrite == "Hvad tænker du selv om at tage rollatoren med?"
    # Line 1 was answered with a question, not a reflection: the first missed chance.
    assert feedback.missed is not None and feedback.missed.number == 1
    assert feedback.missed.reflection.startswith("Du vil gerne kunne gå til bageren igen")


def test_the_message_is_short_and_plain() -> None:
    text = render(result())
    assert "1) Borger: forandringssnak (ønsker)" in text
    assert "2) Du: åbent spørgsmål" in text
    assert "R:S): 0,7:1 – under fair (fair 1:1, god 2:1)" in text
    assert "Komplekse refleksioner: 50 % – god (fair 40 %, god 50 %)" in text
    assert "bekræftelser 1, fremhæver selvbestemmelse 1, søger samarbejde 1" in text
    assert "råd uden tilladelse 1, konfronterer 1" in text
    assert "forandringssnak 2, fastholdelsessnak 1, neutral 1 (67 % forandringssnak)" in text
    assert "DARN-CAT – forandring: ønsker 1, evner 1; fastholdelse: evner 1." in text
    assert "Prøv at arbejde med linje 6" in text
    assert "Linje 1 var forandringssnak (ønsker), som ikke blev reflekteret" in text
    assert "kan læses som både" not in text
    assert len(text.splitlines()) <= 25


def test_an_unsure_line_is_said_to_be_unsure() -> None:
    class UnsureCoder(FixedCoder):
        def practitioner(self, lines: Sequence[Line]) -> list[Code]:
            codes = super().practitioner(lines)
            return [
                Code(c.label, 0.45, "kompleks refleksion", 0.40, unsure=True)
                if c.label == Label.SIMPLE_REFLECTION.value
                else c
                for c in codes
            ]

    feedback = dialogue_feedback(parse(TRANSCRIPT), UnsureCoder())
    text = render(feedback)
    assert "4) Du: kan læses som både simpel refleksion og kompleks refleksion" in text
    assert feedback.unsure == 1
    assert "tallene bruger den mest sandsynlige kode" in text
