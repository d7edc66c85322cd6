"""The reply to »borgeren sagde: …«: the learned coder decides kind and category; the rules'
cue and reflection are shown when they read the statement the same way."""

from __future__ import annotations

from actions.mi import change_talk
from actions.mi.change_talk import AUTONOMY, EVOKING_QUESTION, SUSTAIN_REFLECTION, Category, Kind
from actions.mi.coder import CitizenCode, code_citizen

UNSURE_NOTE = "Jeg er ikke helt sikker her – udsagnet {reading}."


def _agrees(rules: change_talk.ChangeTalk, coded: CitizenCode) -> bool:
    if rules.kind.value != coded.kind.label:
        return False
    return (
        coded.category is None
        or rules.category is None
        or (rules.category.value == coded.category.label)
    )


def _coded_reply(statement: str, coded: CitizenCode) -> str:
    lines = [f"Udsagn: »{statement}«", f"Type: {coded.describe()}"]
    category = Category(coded.category.label) if coded.category else None
    if coded.kind.label == Kind.NEUTRAL.value:
        lines.append(f"Du kan invitere til forandringssnak, fx: »{EVOKING_QUESTION}«")
    elif coded.kind.label == Kind.SUSTAIN.value:
        lines.append("Undgå at argumentere imod – anerkend, og peg på den anden side og valget.")
        if category:
            lines.append(f"Forslag til refleksion: »{SUSTAIN_REFLECTION[category]} – {AUTONOMY}«")
    else:
        lines.append("Forstærk forandringssnakken ved at reflektere den tilbage.")
        reflection = change_talk.change_reflection(statement, category)
        if reflection:
            lines.append(f"Forslag til refleksion: »{reflection}«")
    return "\n".join(lines)


def reply(statement: str) -> str:
    rules = change_talk.analyse(statement)
    coded = code_citizen(statement)
    text = change_talk.render(rules) if _agrees(rules, coded) else _coded_reply(statement, coded)
    if coded.kind.unsure:
        text += "\n" + UNSURE_NOTE.format(reading=coded.kind.describe())
    return text
