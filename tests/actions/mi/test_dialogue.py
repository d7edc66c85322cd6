"""A pasted practice dialogue: speaker tags, alternating lines, and which line is whose context."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from actions.mi.coder import CitizenCode, Code
from actions.mi.dialogue import Speaker, Turn, has_speaker_tags, lines_of, parse, who_starts
from actions.mi.features import Line
from actions.mi.feedback import code_turns

CITIZEN, PRACTITIONER = Speaker.CITIZEN, Speaker.PRACTITIONER


def test_speaker_tags_one_turn_per_line() -> None:
    text = (
        "Borger: Jeg gider ikke træne.\n"
        "Jeg: Du er træt af det.\n"
        "Borger: Ja, men jeg vil gerne kunne gå til bageren.\n"
        "Medarbejder: Hvad betyder bageren for dig?"
    )
    assert parse(text) == [
        Turn(CITIZEN, "Jeg gider ikke træne."),
        Turn(PRACTITIONER, "Du er træt af det."),
        Turn(CITIZEN, "Ja, men jeg vil gerne kunne gå til bageren."),
        Turn(PRACTITIONER, "Hvad betyder bageren for dig?"),
    ]


def test_speaker_tags_on_one_line_as_the_chat_box_sends_them() -> None:
    text = "Borger: Jeg faldt i går. SOSU: Det lyder skræmt. borger: Ja. Terapeut: Hvad skete der?"
    assert [(t.speaker, t.text) for t in parse(text)] == [
        (CITIZEN, "Jeg faldt i går."),
        (PRACTITIONER, "Det lyder skræmt."),
        (CITIZEN, "Ja."),
        (PRACTITIONER, "Hvad skete der?"),
    ]


def test_a_turn_may_run_over_several_lines_and_a_preamble_is_dropped() -> None:
    text = "Her er samtalen:\nBorger: Jeg har ondt.\nDet er knæet.\nJeg: Knæet driller dig."
    assert parse(text) == [
        Turn(CITIZEN, "Jeg har ondt. Det er knæet."),
        Turn(PRACTITIONER, "Knæet driller dig."),
    ]


def test_a_colon_inside_a_line_is_not_a_speaker() -> None:
    assert not has_speaker_tags("Hvad tænker du om det her: at gå en tur?")
    assert parse("Du sagde noget vigtigt: at du savner haven.") == [
        Turn(PRACTITIONER, "Du sagde noget vigtigt: at du savner haven.")
    ]


def test_alternating_lines_when_the_user_says_the_citizen_starts() -> None:
    text = "Skiftevis, borgeren først:\nJeg gider ikke.\nDu er træt af det.\nJa, lidt."
    starts = who_starts(text)
    assert starts is CITIZEN
    assert parse(text, starts=starts) == [
        Turn(CITIZEN, "Jeg gider ikke."),
        Turn(PRACTITIONER, "Du er træt af det."),
        Turn(CITIZEN, "Ja, lidt."),
    ]


@pytest.mark.parametrize(
    ("pasted", "asked", "starts"),
    [
        ("skiftevis\nJeg gider ikke.\nDu er træt.", "", CITIZEN),
        ("Skiftevis, jeg først:\nHvordan går det?\nDårligt.", "", PRACTITIONER),
        ("Borgeren starter.\nJeg er træt.\nDu er træt.", "", CITIZEN),
        ("Jeg gider ikke.\nDu er træt.", "øv en samtale, borgeren starter", CITIZEN),
        ("Jeg begynder at blive glemsom.\nDu glemmer mere nu.", "", None),  # a line, not an order
        ("Hvad tænker du?\nDu skal gå mere.", "øv", None),
    ],
)
def test_who_starts(pasted: str, asked: str, starts: Speaker | None) -> None:
    assert who_starts(pasted, asked) is starts


def test_an_instruction_before_a_colon_on_the_same_line() -> None:
    text = "skiftevis, borgeren først: Jeg gider ikke. Du er træt af det."
    assert who_starts(text) is CITIZEN
    assert [t.speaker for t in parse(text, starts=CITIZEN)] == [CITIZEN, PRACTITIONER]
    assert lines_of(text) == ["Jeg gider ikke.", "Du er træt af det."]


def test_untagged_lines_are_the_practitioners_own() -> None:
    assert parse("- Hvad tænker du?\n2. Du skal gå mere.") == [
        Turn(PRACTITIONER, "Hvad tænker du?"),
        Turn(PRACTITIONER, "Du skal gå mere."),
    ]


class RecordingCoder:
    """Records what each line is coded with; codes everything the same."""

    def __init__(self) -> None:
        self.practitioner_lines: list[Line] = []
        self.citizen_lines: list[Line] = []

    def practitioner(self, lines: Sequence[Line]) -> list[Code]:
        self.practitioner_lines += lines
        return [Code("simpel refleksion", 0.9, "kompleks refleksion", 0.1) for _ in lines]

    def citizen(self, lines: Sequence[Line]) -> list[CitizenCode]:
        self.citizen_lines += lines
        return [CitizenCode(Code("neutral", 0.9, "forandringssnak", 0.1), None) for _ in lines]


def test_each_line_is_coded_with_the_other_speakers_line_before_it() -> None:
    turns = parse(
        "Jeg: Hvordan går det?\nBorger: Jeg er træt.\nJeg: Du er træt.\nJeg: Og du sover dårligt."
    )
    recorder = RecordingCoder()
    coded = code_turns(turns, recorder)
    assert recorder.practitioner_lines == [
        Line("Hvordan går det?", None),
        Line("Du er træt.", "Jeg er træt."),
        Line("Og du sover dårligt.", "Jeg er træt."),  # the citizen's latest line
    ]
    assert recorder.citizen_lines == [Line("Jeg er træt.", "Hvordan går det?")]
    assert [t.number for t in coded] == [1, 2, 3, 4]
    assert coded[1].talk is not None and coded[1].code is None
