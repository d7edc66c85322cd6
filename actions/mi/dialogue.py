"""A pasted practice dialogue or written-up conversation, split into turns by speaker.

Accepted forms:
- speaker tags, one turn per line or several on one line (the web chat box has no line
  breaks): "Borger: …", "Jeg: …", "Medarbejder: …", "SOSU: …", "Terapeut: …";
- untagged lines that alternate, when the user says so ("skiftevis, borgeren først", or
  "borgeren starter"); "skiftevis" alone means the citizen starts;
- otherwise every line is the practitioner's own (the practice lines of old).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actions.mi.names import DanishName

MAX_TURNS = 40
CITIZEN_TAGS = (
    "borger|borgeren|b|citizen|klient|klienten|patient|patienten|beboer|beboeren|"
    "pårørende|datter|datteren|søn|sønnen|ægtefælle"
)
PRACTITIONER_TAGS = (
    "jeg|mig|medarbejder|medarbejderen|m|sosu|sosu-hjælper|sosu-assistent|sosu-hjælperen|"
    "sosu-assistenten|hjælper|hjælperen|hjemmehjælper|hjemmehjælperen|terapeut|terapeuten|"
    "t|ergoterapeut|ergoterapeuten|fysioterapeut|fysioterapeuten|visitator|visitatoren|"
    "sygeplejerske|sygeplejersken|behandler|behandleren|rådgiver|rådgiveren|personale"
)
# A tag is a known speaker word before a colon, at the start or after whitespace.
TAG = re.compile(
    rf"(?:^|(?<=\s))(?P<tag>{CITIZEN_TAGS}|{PRACTITIONER_TAGS})\s*:\s*",
    re.IGNORECASE,
)
CITIZEN_TAG = re.compile(rf"^(?:{CITIZEN_TAGS})$", re.IGNORECASE)
LIST_MARKER = re.compile(r"^\s*(?:[-•*–]\s+|\d{1,2}[.)]\s+)")
SENTENCE_BREAK = re.compile(r"(?<=[?!.…])\s+")
_WHO = r"(?:borger(?:en)?|jeg|medarbejder(?:en)?)"
_FIRST = r"(?:starter|begynder|taler\s+først|først)"
# "skiftevis, borgeren først", "borgeren starter"; "skiftevis" alone: the citizen starts.
STARTS = re.compile(rf"\b(?:skiftevis\W*)?(?P<who>{_WHO})\s+{_FIRST}\b|\bskiftevis\b", re.I)
# An instruction line of its own ("Skiftevis, borgeren først:") is not a turn; "Jeg begynder
# at blive glemsom" is one, so nothing may follow the instruction.
INSTRUCTION = re.compile(
    rf"^\s*(?:skiftevis\b[^.?!]{{0,40}}|{_WHO}\s+{_FIRST}(?:\s+samtalen)?)\s*[:.]?\s*$", re.I
)
# The same instruction before a colon, with the dialogue after it on the same line.
LEADING_INSTRUCTION = re.compile(rf"^\s*(?:skiftevis\b[^:.?!]{{0,40}}|{_WHO}\s+{_FIRST}):\s*", re.I)


class Speaker(DanishName):
    CITIZEN = "borger"
    PRACTITIONER = "medarbejder"


@dataclass(frozen=True)
class Turn:
    speaker: Speaker
    text: str


def _speaker(tag: str) -> Speaker:
    return Speaker.CITIZEN if CITIZEN_TAG.match(tag.strip()) else Speaker.PRACTITIONER


def lines_of(text: str) -> list[str]:
    """One line per line, without list markers; a single line is split into sentences."""
    text = LEADING_INSTRUCTION.sub("", text.lstrip(), count=1)
    lines = [LIST_MARKER.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not INSTRUCTION.match(line)]
    if len(lines) == 1:
        lines = [part.strip() for part in SENTENCE_BREAK.split(lines[0]) if part.strip()]
    return lines


def _starts(text: str) -> Speaker | None:
    found = STARTS.search(text)
    if found is None:
        return None
    who = (found.group("who") or "borger").lower()
    return Speaker.CITIZEN if who.startswith("borger") else Speaker.PRACTITIONER


def who_starts(pasted: str, request: str = "") -> Speaker | None:
    """Who speaks first in untagged alternating lines, if the user said so: in an instruction
    line of the pasted text, or in the message that asked to practise."""
    for line in pasted.splitlines():
        if INSTRUCTION.match(line) or LEADING_INSTRUCTION.match(line):
            return _starts(line)
    return _starts(request) if request else None


def _tagged(text: str) -> list[Turn]:
    matches = list(TAG.finditer(text))
    turns = []
    ends = [match.start() for match in matches[1:]] + [len(text)] if matches else []
    for match, end in zip(matches, ends, strict=True):
        body = " ".join(text[match.end() : end].split())
        if body:
            turns.append(Turn(_speaker(match.group("tag")), body))
    return turns


def has_speaker_tags(text: str) -> bool:
    """The text opens with a tag, or has a citizen's tagged turn among others: a stray
    "jeg: …" inside a line is not a dialogue."""
    if TAG.match(text.lstrip()):
        return True
    turns = _tagged(text)
    return len(turns) >= 2 and any(turn.speaker is Speaker.CITIZEN for turn in turns)


def parse(text: str, *, starts: Speaker | None = None) -> list[Turn]:
    """The turns of a dialogue; see the module docstring for the accepted forms."""
    if has_speaker_tags(text):
        return _tagged(text)[:MAX_TURNS]
    lines = lines_of(text)
    if starts is None:
        return [Turn(Speaker.PRACTITIONER, line) for line in lines][:MAX_TURNS]
    other = Speaker.PRACTITIONER if starts is Speaker.CITIZEN else Speaker.CITIZEN
    return [Turn(starts if i % 2 == 0 else other, line) for i, line in enumerate(lines)][:MAX_TURNS]
