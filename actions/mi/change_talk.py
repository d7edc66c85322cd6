"""Change talk and sustain talk (DARN-CAT) in a citizen's statement, and a reflection to offer.

A statement is split at sentence ends and at "men"; each part is searched for cues (earliest cue
first, ties by list order). The part the citizen ends on decides the kind: "Jeg vil gerne, men
jeg kan ikke" lands on sustain talk, and the suggested reflection is double-sided, with the
change talk last so that it is what the citizen hears most recently.

Negation is handled on the words, not by separate phrases: cues are matched with "ikke",
"aldrig", … removed, and a negation right after the cue ("jeg kan ikke", "det gør jeg ikke") or
a denied belief before it ("jeg tror ikke, jeg kan") turns change talk into sustain talk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from actions.mi.names import DanishName
from actions.mi.tokens import Pattern, Word, content, patterns, sentences, word_set, words


class Kind(DanishName):
    CHANGE = "forandringssnak"
    SUSTAIN = "fastholdelsessnak"
    NEUTRAL = "neutral"


class Category(DanishName):
    DESIRE = "ønsker"
    ABILITY = "evner"
    REASONS = "grunde"
    NEED = "nødvendighed"
    COMMITMENT = "forpligtelse"
    STEPS = "tage skridt"


NEGATIONS = word_set("ikke aldrig ingen intet hverken")
# "jeg tror ikke, jeg kan …", "jeg ved ikke, om jeg kan …": doubt before the cue.
DOUBT_VERBS = word_set("tror ved synes regner tænker")
NO_LONGER = word_set("længere mere")
LEADING_CONNECTIVES = word_set("og men altså ja nej jamen nå jo")
# Someone else's wish ("min datter siger, jeg skal …") is not the citizen's own change talk.
OTHERS_REPORTING = word_set("siger sagde mener synes vil")
PERSON_SWAP = {
    "jeg": "du",
    "mig": "dig",
    "min": "din",
    "mit": "dit",
    "mine": "dine",
    "du": "jeg",
    "dig": "mig",
    "din": "min",
    "dit": "mit",
    "dine": "mine",
}

# Sustain talk in words of its own ("jeg er for gammel"); negated it becomes change talk
# ("det er ikke for sent").
SUSTAIN_PHRASES: tuple[tuple[Category, tuple[Pattern, ...]], ...] = (
    (
        Category.REASONS,
        patterns(
            "hvad skal det nytte",
            "det er spild af tid",
            "jeg er ?jo ?alt ?nok ?alligevel for gammel|svag|syg|træt|dårlig",
            "er jeg ?jo ?alt ?nok ?alligevel for gammel|svag|syg|træt|dårlig",
            "det er ?alligevel ?alt ?for sent",
        ),
    ),
    (
        Category.NEED,
        patterns(
            "jeg klarer mig ?jo ?fint|godt ?nok ?selv|som",
            "jeg har det ?jo fint|godt som det er",
        ),
    ),
    (
        Category.STEPS,
        patterns("jeg er|har holdt|stoppet op", "jeg har opgivet", "jeg gav op", "jeg stoppede"),
    ),
)
# Change talk; under negation each of these is sustain talk ("jeg kan ikke", "det nytter ikke").
CHANGE_CUES: tuple[tuple[Category, tuple[Pattern, ...]], ...] = (
    (
        Category.REASONS,
        patterns(
            "fordi",
            "for så",
            "så ville|kan|kunne|vil|slipper jeg",
            "det ville|vil betyde",
            "det nytter|hjælper",
            "det gør ?en forskel",
            "det kan betale sig",
            "det er det værd",
            "det giver mening",
            "det er noget for mig",
        ),
    ),
    (
        Category.DESIRE,
        patterns(
            "jeg vil|ville ?så ?rigtig gerne",
            "jeg ønsker",
            "jeg ville ønske",
            "jeg håber",
            "jeg drømmer om",
            "jeg kunne ?godt ?så tænke mig",
            "jeg har ?stor lyst",
            "jeg savner at",
            "jeg længes",
            "jeg gider",
            "det gider jeg",
            "det ville|vil være ?så ?rigtig dejligt|rart|skønt|godt|fantastisk|dejlig",
            "gid jeg",
        ),
    ),
    (
        Category.NEED,
        patterns(
            "jeg bliver|er ?simpelthen nødt til",
            "jeg skal ?bare kunne",
            "jeg må|skal ?hellere ?se ?at",
            "jeg har brug for",
            "har jeg brug for",
            "det har jeg brug for",
            "jeg behøver",
            "behøver jeg",
            "det er nødvendigt",
            "blive ved med",
        ),
    ),
    (
        Category.COMMITMENT,
        patterns(
            "jeg skal nok",
            "jeg har tænkt mig",
            "har jeg tænkt mig",
            "det har jeg tænkt mig",
            "det gør|vil jeg",
            "jeg vil|lover|beslutter",
            "jeg har besluttet",
            "jeg er klar",
            "det kommer til at ske",
            "fra i morgen",
        ),
    ),
    (
        Category.STEPS,
        patterns(
            "jeg har allerede",
            "jeg er ?allerede begyndt|startet|kommet",
            "jeg er gået i gang",
            "jeg har ?også prøvet|været|købt|ringet|talt|gået|gjort|fået|øvet|trænet|taget|"
            "brugt|lavet|cyklet|bestilt|startet",
            "i går|forgårs|morges|weekenden * jeg",
            "i sidste uge * jeg",
            "forleden * jeg",
            "jeg gik|prøvede|tog|købte|ringede|cyklede|trænede|øvede|brugte|lavede|startede|"
            "begyndte",
        ),
    ),
    (
        Category.ABILITY,
        patterns(
            "jeg kan|kunne ?godt|nok|måske|sikkert|vel",
            "det kan|kunne jeg",
            "jeg er i stand til",
            "jeg orker|magter",
            "det orker|magter jeg",
        ),
    ),
)
SUSTAIN_REFLECTION = {
    Category.ABILITY: "Lige nu føles det uoverskueligt",
    Category.DESIRE: "Lige nu har du ikke lyst",
    Category.REASONS: "Lige nu kan du ikke se, hvad det skulle nytte",
    Category.NEED: "Lige nu oplever du ikke, at du har brug for det",
    Category.COMMITMENT: "Du er ikke klar til at love noget lige nu",
    Category.STEPS: "Det er gået lidt i stå for dig lige nu",
}
AUTONOMY = "og samtidig er det dig, der bestemmer, om og hvordan du vil gøre noget ved det."
CHANGE_TAILS = {
    Category.DESIRE: "",
    Category.ABILITY: " – du tror på, at det kan lade sig gøre",
    Category.REASONS: "",
    Category.NEED: " – der skal ske noget",
    Category.COMMITMENT: " – du har besluttet dig",
    Category.STEPS: " – så du er allerede i gang",
}
# Words that make a statement tentative: no tail may claim a decision for it.
HEDGES = word_set("måske nok vel kunne prøve prøver overveje overvejer")
EVOKING_QUESTION = "Hvad kunne være en god grund for dig til at gøre noget anderledes?"


@dataclass(frozen=True)
class ChangeTalk:
    statement: str
    kind: Kind
    category: Category | None
    cue: str | None  # the words that carried the cue, as written
    reflection: str
    ambivalent: bool = False  # change and sustain talk in the same statement


@dataclass(frozen=True)
class _Cue:
    kind: Kind
    category: Category
    span: list[Word]  # the matched words, negations included
    segment: list[Word]


def _segments(tokens: Sequence[Word]) -> list[list[Word]]:
    """Sentences, and within them the parts on each side of "men"."""
    parts: list[list[Word]] = []
    for sentence in sentences(tokens):
        current: list[Word] = []
        for word in content(sentence):
            if word.lower == "men" and current:
                parts.append(current)
                current = []
            else:
                current.append(word)
        if current:
            parts.append(current)
    return parts


def _negated(segment: list[Word], first: int, last: int) -> bool:
    """A negation in or just after the cue, or a doubt ("tror ikke") just before it."""
    if any(w.lower in NEGATIONS for w in segment[first : last + 3]):
        return True
    before = [w.lower for w in segment[max(0, first - 4) : first]]
    return any(
        lower in NEGATIONS and index > 0 and before[index - 1] in DOUBT_VERBS
        for index, lower in enumerate(before)
    )


def _refused_status_quo(segment: list[Word], last: int, category: Category) -> Category | None:
    """Negated change words that refuse the status quo are change talk after all:
    "jeg vil ikke længere sidde inde" (desire), "jeg kan ikke blive ved med at …" (need)."""
    tail = [w.lower for w in segment[last + 1 : last + 6]]
    for index in range(1, len(tail)):
        if tail[index - 1] not in NEGATIONS:
            continue
        if tail[index : index + 2] == ["blive", "ved"]:
            return Category.NEED
        wants = category in {Category.DESIRE, Category.COMMITMENT}
        if wants and tail[index] in NO_LONGER and index < len(tail) - 1:
            return Category.DESIRE
    return None


def _reported_by_others(segment: list[Word], first: int) -> bool:
    before = segment[:first]
    return any(
        w.lower in OTHERS_REPORTING and (i == 0 or before[i - 1].lower != "jeg")
        for i, w in enumerate(before)
    )


def _judge(
    sustain_phrase: bool, category: Category, segment: list[Word], first: int, last: int
) -> tuple[Kind, Category]:
    """Kind and category of a cue once negation is taken into account."""
    negated = _negated(segment, first, last)
    if sustain_phrase:
        return (Kind.CHANGE if negated else Kind.SUSTAIN), category
    if not negated or (category is Category.NEED and segment[first].lower == "blive"):
        return Kind.CHANGE, category
    refused = _refused_status_quo(segment, last, category)
    if refused:
        return Kind.CHANGE, refused
    if [w.lower for w in segment[first : first + 2]] == ["jeg", "vil"]:
        return Kind.SUSTAIN, Category.DESIRE  # "jeg vil ikke" refuses: it wants not to
    return Kind.SUSTAIN, category


def _find(segment: list[Word]) -> _Cue | None:
    """The earliest cue in the segment; ties go to the earlier rule."""
    kept = [(i, w) for i, w in enumerate(segment) if w.lower not in NEGATIONS]
    plain = [w for _, w in kept]
    best: tuple[int, int, _Cue] | None = None
    order = 0
    for sustain_phrase, table in ((True, SUSTAIN_PHRASES), (False, CHANGE_CUES)):
        for category, rules in table:
            for rule in rules:
                order += 1
                found = rule.search(plain)
                if found is None:
                    continue
                first, last = kept[found[0]][0], kept[found[1] - 1][0]
                if _reported_by_others(segment, first) or (best and (first, order) > best[:2]):
                    continue
                kind, judged = _judge(sustain_phrase, category, segment, first, last)
                best = (first, order, _Cue(kind, judged, segment[first : last + 1], segment))
    return best[2] if best else None


def _you(source: str, segment: list[Word]) -> str:
    """The citizen's words addressed back to them: "jeg vil gerne" → "Du vil gerne"."""
    while len(segment) > 1 and segment[0].lower in LEADING_CONNECTIVES:
        segment = segment[1:]
    if not segment:
        return ""
    start = segment[0].start
    end = segment[-1].start + len(segment[-1].text)
    text, cursor = [], start
    for word in segment:
        swapped = PERSON_SWAP.get(word.lower)
        text.append(source[cursor : word.start])
        if swapped is None:
            text.append(word.text)
        else:
            text.append(swapped.capitalize() if word.text[0].isupper() else swapped)
        cursor = word.start + len(word.text)
    text.append(source[cursor:end])
    result = "".join(text).strip(" ,;:–-")
    return result[:1].upper() + result[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _reflect(source: str, cues: list[_Cue], ambivalent: bool) -> str:
    primary = cues[-1]
    if ambivalent:
        sustain = next(c for c in reversed(cues) if c.kind is Kind.SUSTAIN)
        change = next(c for c in reversed(cues) if c.kind is Kind.CHANGE)
        return f"{_you(source, sustain.segment)} – og {_lower_first(_you(source, change.segment))}."
    if primary.kind is Kind.SUSTAIN:
        return f"{SUSTAIN_REFLECTION[primary.category]} – {AUTONOMY}"
    segment = primary.segment
    if primary.category is Category.REASONS and segment[0].lower == "fordi":
        return f"En vigtig grund for dig er, at {_lower_first(_you(source, segment[1:]))}."
    return f"{_you(source, segment)}{CHANGE_TAILS[primary.category]}."


def _span_text(source: str, span: list[Word]) -> str:
    return source[span[0].start : span[-1].start + len(span[-1].text)]


def analyse(statement: str) -> ChangeTalk:
    source = statement.strip()
    segments = _segments(words(source))
    cues = [cue for segment in segments if (cue := _find(segment))]
    if not cues:
        everything = [word for segment in segments for word in segment]
        reflection = f"{_you(source, everything)}." if everything else ""
        return ChangeTalk(source, Kind.NEUTRAL, None, None, reflection)
    kinds = {cue.kind for cue in cues}
    ambivalent = {Kind.CHANGE, Kind.SUSTAIN} <= kinds
    primary = cues[-1]  # where the citizen lands
    return ChangeTalk(
        statement=source,
        kind=primary.kind,
        category=primary.category,
        cue=_span_text(source, primary.span),
        reflection=_reflect(source, cues, ambivalent),
        ambivalent=ambivalent,
    )


def render(result: ChangeTalk) -> str:
    lines = [f"Udsagn: »{result.statement}«"]
    if result.kind is Kind.NEUTRAL:
        lines.append("Type: neutral – ingen tydelig forandrings- eller fastholdelsessnak.")
        if result.reflection:
            lines.append(f"En simpel refleksion kunne være: »{result.reflection}«")
        lines.append(f"Du kan invitere til forandringssnak, fx: »{EVOKING_QUESTION}«")
        return "\n".join(lines)
    lines.append(f"Type: {result.kind} ({result.category}) – kendetegn: »{result.cue}«")
    if result.ambivalent:
        lines.append(
            "Udsagnet rummer både forandrings- og fastholdelsessnak (ambivalens). "
            "Slut refleksionen med forandringssiden."
        )
    elif result.kind is Kind.SUSTAIN:
        lines.append("Undgå at argumentere imod – anerkend, og peg på den anden side og valget.")
    else:
        lines.append("Forstærk forandringssnakken ved at reflektere den tilbage.")
    lines.append(f"Forslag til refleksion: »{result.reflection}«")
    return "\n".join(lines)


def change_reflection(statement: str, category: Category | None = None) -> str:
    """A reflection for a statement read as change talk (by the coder, which may see change
    talk where no cue of the rules is): the rules' reflection when they agree, else the
    citizen's words said back, with the category's tail."""
    result = analyse(statement)
    if result.kind is Kind.CHANGE or result.ambivalent:
        return result.reflection  # an ambivalent one already ends on the change side
    source = statement.strip()
    everything = [word for segment in _segments(words(source)) for word in segment]
    tail = CHANGE_TAILS[category] if category else ""
    if category is Category.COMMITMENT and any(w.lower in HEDGES for w in everything):
        tail = ""  # "måske kunne jeg …" is not "du har besluttet dig"
    return f"{_you(source, everything)}{tail}." if everything else ""
