"""One concrete, rule-based rewrite of a weak line, in the direction MI recommends.

- advice without permission → ask what the citizen thinks ("Hvad tænker du selv om at …?");
- a closed question → an open one ("Er du træt?" → "Hvordan har du det med at være træt?");
- a simple reflection → a complex one (add what it seems to mean to the citizen).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from actions.mi import lexicon as lex
from actions.mi.practice import Label, Sentence, SentenceResult, explain, looks_finite
from actions.mi.tokens import Word, word_set

ASK_PERMISSION_INSTEAD = (
    "Må jeg fortælle, hvad andre i din situation har haft gavn af? Og hvad tænker du selv om det?"
)
OPEN_FALLBACK = "Hvordan oplever du det selv?"
DEEPENING = ", og det lyder, som om det betyder noget for dig."
# Words that only push ("bare", "nu") and are dropped from the suggested action.
PUSHING = word_set("bare nu altså da jo virkelig simpelthen hellere nok også lige sgu")
# Words before "at" that mark advice: "det er vigtigt at …", "anbefale dig at …".
ADVICE_HEADS = word_set("idé ide vigtigt godt bedst klogt sundt nødvendigt dig")
LIGHT_VERBS = word_set("komme gøre være have få")
REFLEXIVE_TO_YOU = {"sig": "dig", "sin": "din", "sit": "dit", "sine": "dine"}
OPINION_VERBS = word_set("synes tror mener tænker")
INTENTION_FRAMES = (("lyst", "til"), ("overvejet",), ("tænkt", "på"), ("prøvet",))
IRREGULAR_INFINITIVES = {
    "er": "være",
    "var": "være",
    "vær": "være",
    "har": "have",
    "havde": "have",
    "gør": "gøre",
    "gjorde": "gøre",
    "kan": "kunne",
    "vil": "ville",
    "skal": "skulle",
    "må": "måtte",
    "ved": "vide",
    "tør": "turde",
    "bør": "burde",
    "tag": "tage",
    "drik": "drikke",
    "giv": "give",
    "lad": "lade",
    "sig": "sige",
    "læg": "lægge",
    "tjek": "tjekke",
    "flyt": "flytte",
    "drop": "droppe",
    "gentag": "gentage",
}


def infinitive(word: Word) -> str:
    """Infinitive of a finite or imperative verb: "går" → "gå", "spis" → "spise"."""
    lower = word.lower
    if lower in IRREGULAR_INFINITIVES:
        return IRREGULAR_INFINITIVES[lower]
    if lower.endswith("r") and len(lower) > 2:
        return lower[:-1]  # present tense: "spiser" → "spise", "bor" → "bo"
    if lower[-1] in "aeiouyæøå":
        return lower
    if word.lemma != lower and word.lemma.endswith("e"):
        return word.lemma  # "husk" → "huske", "kom" → "komme"
    return lower + "e"


def _span(source: str, words_: Sequence[Word]) -> str:
    if not words_:
        return ""
    return source[words_[0].start : words_[-1].start + len(words_[-1].text)]


def _join(words_: Iterable[Word]) -> str:
    return " ".join(w.text for w in words_)


def _first(words_: Sequence[Word]) -> str:
    return words_[0].lower if words_ else ""


def _until_clause_break(sentence: Sentence, start: int) -> list[Word]:
    """Words from `start` to the next comma or dash: the advice, not its justification."""
    ws = sentence.words
    end = next((i for i in sorted(sentence.clause_starts) if i > start), len(ws))
    return ws[start:end]


def _soften(action: str) -> str:
    """ "gå mere" → "gå lidt mere": a smaller step is easier to consider."""
    parts = action.split()
    softened = []
    for index, part in enumerate(parts):
        if part == "mere" and (index == 0 or parts[index - 1] not in {"lidt", "meget", "noget"}):
            softened.append("lidt")
        softened.append(part)
    return " ".join(softened)


def _addressed(word: Word) -> str:
    """The action is put to the citizen: "man bør bevæge sig" → "bevæge dig"."""
    return REFLEXIVE_TO_YOU.get(word.lower, word.text)


def _action_start(sentence: Sentence) -> tuple[int, bool] | None:
    """Where the pushed action starts, and whether its verb is finite or imperative."""
    lowers = [w.lower for w in sentence.words]
    for index, lower in enumerate(lowers):
        previous = lowers[index - 1] if index else ""
        following = lowers[index + 1] if index + 1 < len(lowers) else ""
        if lower in lex.ADVICE_MODALS | {"kunne", "kan"} and previous in {"du", "man"}:
            return index + 1, False  # "du skal gå mere"
        if lower in lex.ADVICE_MODALS and following == "du":
            return index + 2, False  # "I morgen skal du gå en tur"
        if lower == "til" and previous in {"nødt", "dig"}:
            return index + 1, False  # "du er nødt til at …", "råde dig til at …"
        if (lower, previous) in {("jeg", "ville"), ("ville", "jeg")}:
            return index + 1, False  # "hvis jeg var dig, ville jeg …"
        if lower == "du" and previous == "at" and index > 1:
            return index + 1, True  # "det er vigtigt, at du går …"
        if lower == "at" and following != "du" and previous in ADVICE_HEADS:
            return index + 1, False  # "det er en god idé at bruge stokken"
        if (previous, lower) in {("med", "at"), ("hvorfor", "ikke")}:
            return index + 1, False  # "hvad med at …", "hvorfor ikke …"
    if _first(sentence.body) in lex.IMPERATIVES:
        return sentence.words.index(sentence.body[0]), True
    return None


def _advised_action(result: SentenceResult) -> str | None:
    """The action the practitioner pushes, as an infinitive phrase ("gå mere")."""
    sentence = result.sentence
    found = _action_start(sentence)
    if found is None:
        return None
    start, finite = found
    action = [w for w in _until_clause_break(sentence, start) if w.lower not in PUSHING]
    if sentence.is_question and _first(action) == "ikke":
        action = action[1:]  # "Skal du ikke bare prøve?" pushes "prøve"
    if _first(action) == "at":
        action = action[1:]
    if not action or _first(action) in {"ikke", "aldrig"}:
        return None  # a prohibition names no action to reflect on
    head, rest = action[0], action[1:]
    if finite and head.lower in {"prøv", "husk"} and _first(rest) == "at" and len(rest) > 1:
        head, rest, finite = rest[1], rest[2:], False  # "prøv at gå en tur" → "gå en tur"
    verb = infinitive(head) if finite else head.text
    if not rest and verb in LIGHT_VERBS:
        return None  # "Kom nu!" has no content to invite reflection on
    return _soften(" ".join([verb, *(_addressed(w) for w in rest)]))


def ask_instead_of_tell(result: SentenceResult) -> str:
    action = _advised_action(result)
    if not action:
        return ASK_PERMISSION_INSTEAD
    return f"Hvad tænker du selv om at {action}?"


def _statement_of_tag_question(sentence: Sentence) -> list[Word]:
    """'Du har det godt, ikke?' → the words before the tag."""
    ws = sentence.words
    for tag in (("ikke", "sandt"), ("ikke", "også"), ("ikke",), ("vel",)):
        ends_with_tag = len(ws) > len(tag) and tuple(w.lower for w in ws[-len(tag) :]) == tag
        if ends_with_tag and len(ws) - len(tag) in sentence.clause_starts:
            return ws[: -len(tag)]
    return ws


def open_up(result: SentenceResult) -> str:
    sentence, source = result.sentence, result.source
    ws = _statement_of_tag_question(sentence)
    ws = ws[ws.index(sentence.core[0]) :] if sentence.core and sentence.core[0] in ws else ws
    # An embedded hv-question ("Ved du, hvad du vil?") already holds an open question.
    for index, word in enumerate(ws[1:], start=1):
        if word.lower in lex.HV_WORDS:
            return f"Fortæl lidt om, {_span(source, ws[index:])}."
    if len(ws) < 2:
        return OPEN_FALLBACK
    if ws[0].lower in lex.SUBJECTS and not looks_finite(ws[0]):
        subject, verb, rest = ws[0], ws[1], ws[2:]  # statement with "?": "Du er træt?"
    else:
        verb, subject, rest = ws[0], ws[1], ws[2:]
    rest_text = _span(source, rest)
    if subject.lower in {"det", "der", "den"}:
        body = " ".join(filter(None, [subject.lower, verb.lower, rest_text]))
        return f"Hvordan oplever du det, når {body}?"
    if subject.lower != "du":
        return OPEN_FALLBACK
    lowers = [w.lower for w in rest]
    if verb.lower in {"vil", "ville", "kunne"} and rest:
        wanted = rest[1:] if lowers[0] in {"gerne", "godt"} else rest
        return f"Hvad tænker du om at {_span(source, wanted)}?"
    if verb.lower == "har":
        if lowers[:1] == ["det"]:
            return "Hvordan har du det?"
        for frame in INTENTION_FRAMES:
            size = len(frame)
            if tuple(lowers[:size]) == frame and lowers[size : size + 1] == ["at"]:
                return f"Hvad tænker du om at {_span(source, rest[size + 1 :])}?"
    if verb.lower == "kan" and rest:
        return f"Hvordan går det med at {rest_text}?"
    if verb.lower in OPINION_VERBS and rest:
        clause = rest[1:] if lowers[0] == "at" else rest
        return f"Hvordan ser du selv på, om {_span(source, clause)}?"
    return f"Hvordan har du det med at {' '.join(filter(None, [infinitive(verb), rest_text]))}?"


def deepen(result: SentenceResult) -> str:
    return result.text.rstrip(" .!…") + DEEPENING


def rewrite(line: str, label: Label) -> str | None:
    """One suggested rewrite of `line`, or None when the label needs none."""
    results = explain(line)
    strategies = {
        Label.PERSUASION: ask_instead_of_tell,
        Label.CLOSED_QUESTION: open_up,
        Label.SIMPLE_REFLECTION: deepen,
    }
    strategy = strategies.get(label)
    if strategy is None or not results:
        return None
    # Rewrite the sentence that earned the label (the first such sentence).
    target = next((r for r in results if r.label is label), results[-1])
    if label is Label.PERSUASION and target.label is not Label.PERSUASION:
        return ASK_PERMISSION_INSTEAD
    return strategy(target)
