"""Classifies a practitioner's utterance into a MITI-style behaviour, with Danish labels.

Each sentence is matched against an ordered list of rules (first match wins); a line with several
sentences is then combined (see `classify`). Precedence, and why:

 1. asks permission ("Må jeg fortælle …?", "Hvis du vil, kan jeg …") → information. Advice
    offered with permission is MI-consistent, so it must not count as a closed question or as
    persuasion.
 2. persuasion without permission ("du skal/bør …", "hvis jeg var dig", imperatives) beats every
    other reading: "Du skal gå mere, ikke?" is advice, not a question.
 3. open question: hv-word first (after fillers) or first in a clause, or "fortæl/beskriv".
 4. closed question: anything else ending in "?" (the question mark beats a reflection:
    "Du er træt?" asks for a yes/no), a finite verb + subject first ("Er du træt"), and
    "Hvor mange/længe …?", which asks for a number (MITI counts it as closed).
 5. autonomy ("det er dig, der bestemmer") → information, MI-consistent.
 6. explicit complex-reflection frames ("det lyder som om …", "på den ene side …").
 7. affirmation ("det er flot …", "du har kæmpet …", a named strength: "du har styr på …").
 8. complex reflection: a reflection that names a feeling, a value, both sides, or continues
    the citizen's paragraph ("og derfor …").
 9. simple reflection: a statement about the citizen ("du …", "så du …", "du siger, at …").
10. information: everything else (the service, the plan, people in general, normalising).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from actions.mi import lexicon as lex
from actions.mi.names import DanishName
from actions.mi.tokens import (
    Pattern,
    Word,
    contains,
    first_match,
    sentences,
    starts_with,
    terminal,
    words,
)


class Label(DanishName):
    OPEN_QUESTION = "åbent spørgsmål"
    CLOSED_QUESTION = "lukket spørgsmål"
    SIMPLE_REFLECTION = "simpel refleksion"
    COMPLEX_REFLECTION = "kompleks refleksion"
    AFFIRMATION = "bekræftelse"
    PERSUASION = "råd/overtalelse uden tilladelse"
    INFORMATION = "information"


QUESTIONS = (Label.OPEN_QUESTION, Label.CLOSED_QUESTION)
REFLECTIONS = (Label.SIMPLE_REFLECTION, Label.COMPLEX_REFLECTION)
CLAUSE_BREAKS = {",", "–", "-", "—", ":", ";"}
# A one-word speaker tag ("Behandler: …") or quotes around the line are not part of it.
SPEAKER_TAG = re.compile(r"^\s*[^\W\d_]{1,20}:\s+")
QUOTES = "\"'«»„“”‘’"


@dataclass(frozen=True)
class Sentence:
    words: list[Word]  # without punctuation
    core: list[Word]  # without leading fillers ("okay, …", "og …")
    body: list[Word]  # core without a leading "så" as well
    mark: str  # final punctuation
    clause_starts: frozenset[int]  # indices into words that follow a comma or dash

    @property
    def is_question(self) -> bool:
        return self.mark == "?"


def _sentence(tokens: list[Word]) -> Sentence:
    content: list[Word] = []
    clause_starts = {0}
    for token in tokens:
        if token.is_punct:
            if token.text in CLAUSE_BREAKS:
                clause_starts.add(len(content))
        else:
            content.append(token)
    start = 0
    while start < len(content) - 1 and content[start].lower in lex.FILLERS:
        start += 1
    core = content[start:]
    body = core[1:] if len(core) > 1 and core[0].lower == "så" else core
    return Sentence(content, core, body, terminal(tokens), frozenset(clause_starts))


def _first(words_: Sequence[Word]) -> str:
    return words_[0].lower if words_ else ""


def looks_finite(word: Word) -> bool:
    """A present-tense verb the lists do not name: "-r" ending that the lemma drops."""
    return word.lower in lex.FINITE_VERBS or (
        len(word.lower) > 3
        and word.lower.endswith("r")
        and word.lemma != word.lower
        and word.lower not in lex.SUBJECTS
    )


def _verb_first(sentence: Sentence) -> bool:
    # On core, not body: in "Så er der …" the verb follows a fronted "så" and asks nothing.
    return bool(sentence.core) and looks_finite(sentence.core[0])


def _has_emotion(words_: Iterable[Word]) -> bool:
    return any(
        w.lower in lex.EMOTION_WORDS or w.lower.startswith(lex.EMOTION_PREFIXES) for w in words_
    )


def _reporter(words_: Sequence[Word], position: int) -> str | None:
    """Who reports the clause at `position`: "du siger, at du skal …" → "du"; None if nobody."""
    for index in range(position - 1, -1, -1):
        if words_[index].lower not in lex.REPORTING_VERBS:
            continue
        left = index - 1
        while left >= 0 and words_[left].lower in lex.SKIPPABLE_BEFORE_REPORTING:
            left -= 1
        if left >= 0:
            return words_[left].lower
        return words_[index + 1].lower if index + 1 < position else None
    return None


def _reported_by_someone_else(words_: Sequence[Word], position: int) -> bool:
    """Advice that the citizen or a third party voiced is reflected or relayed, not given."""
    reporter = _reporter(words_, position)
    return reporter is not None and reporter not in {"jeg", "vi"}


# --- rule predicates, in the order they are tried ------------------------------------------------


def _clause_starts_with(sentence: Sentence, rules: Sequence[Pattern]) -> bool:
    if starts_with(sentence.body, rules):
        return True
    return any(
        starts_with(sentence.words[index:], rules) for index in sorted(sentence.clause_starts)
    )


def asks_permission(sentence: Sentence) -> bool:
    """'Må jeg fortælle …?', 'Vil du høre …?', 'Hvis du vil, kan jeg …'."""
    if _clause_starts_with(sentence, lex.ASK_PERMISSION) or _clause_starts_with(
        sentence, lex.PERMISSION_GIVEN
    ):
        return True
    found = first_match(sentence.words, lex.CONDITIONAL_OFFER)
    if found is None:
        return False
    end = found[2]
    rest = sentence.words[end:]
    # "Hvis du vil have det bedre, skal du …" is a condition, not an offer: the offer stands
    # alone before a comma (or ends the sentence) and is not followed by an obligation.
    stands_alone = not rest or end in sentence.clause_starts or _first(rest) in {"så", "kan"}
    return stands_alone and not any(w.lower in lex.STRONG_OBLIGATION for w in rest)


def _modal_advice(sentence: Sentence) -> bool:
    """'du skal/bør/burde/må …' and inverted 'Nu skal du …' (not in questions)."""
    ws = sentence.words
    for index, word in enumerate(ws):
        if word.lower not in lex.ADVICE_MODALS:
            continue
        if index > 0 and ws[index - 1].lower == "du":
            subject = index - 1
            before_subject = ws[subject - 1].lower if subject > 0 else ""
            if before_subject in lex.SUBORDINATORS and _reporter(ws, subject) is None:
                continue  # "hvis du skal …", "når du skal …"
        elif (
            0 < index < len(ws) - 1
            and ws[index + 1].lower == "du"
            and not sentence.is_question
            and ws[index - 1].lower not in lex.HV_WORDS
        ):
            subject = index + 1
        else:
            continue
        after = [w.lower for w in ws[max(index, subject) + 1 : max(index, subject) + 4]]
        if _modal_exception(word.lower, after) or _passive(after):
            continue
        if _reported_by_someone_else(ws, subject):
            continue
        return True
    return False


def _passive(after: list[str]) -> bool:
    """ "du skal ikke transporteres": something done for the citizen, not asked of them."""
    verb = next((w for w in after if w not in {"ikke", "bare", "altså", "jo", "da"}), "")
    return len(verb) > 4 and verb.endswith("es")


def _modal_exception(modal: str, after: list[str]) -> bool:
    """Modal uses that are not advice: permission, inference, plans, reassurance, offers."""
    following = after[0] if after else ""
    then = after[1] if len(after) > 1 else ""
    if modal == "må":
        return following in {"gerne", "godt", "være", "have", "føle"}
    if modal == "skal":
        return (
            following == "nok"  # "du skal nok klare det": reassurance
            or (following == "til" and then != "at")  # "du skal til lægen": a plan
            or (following == "bare" and then in {"sige", "ringe", "spørge", "give"})  # an offer
            or (following == "have" and then in {"ros", "tak", "cadeau"})  # praise
            or (following == "være" and then == "velkommen")
        )
    if modal == "skulle":
        return following == "have" and then in {"været", "haft"}  # counterfactual
    return False


def _warns(sentence: Sentence) -> bool:
    """ "Hvis du ikke træner, ender du på plejehjem": a threat is persuasion too."""
    opens_with_threat = [w.lower for w in sentence.body[:3]] == ["hvis", "du", "ikke"]
    return opens_with_threat and len(sentence.clause_starts) > 1 and not sentence.is_question


def persuades(sentence: Sentence) -> bool:
    found = first_match(sentence.words, lex.PERSUASION)
    if found and not _reported_by_someone_else(sentence.words, found[1]):
        return True
    if _modal_advice(sentence) or _warns(sentence):
        return True
    # An imperative first: "Gå en tur hver dag." (open requests were ruled out before).
    return (
        _first(sentence.body) in lex.IMPERATIVES
        and not sentence.is_question
        and not starts_with(sentence.body, lex.OPEN_REQUEST)
    )


def _exclaims_praise(sentence: Sentence) -> bool:
    """'Hvor er det flot!' starts with a hv-word but is praise, not a question."""
    return not sentence.is_question and starts_with(sentence.body, lex.AFFIRMATION) is not None


def _asks_for_a_number(body: Sequence[Word]) -> bool:
    return len(body) > 1 and body[0].lower == "hvor" and body[1].lower in lex.HOW_MUCH


def asks_open(sentence: Sentence) -> bool:
    if _clause_starts_with(sentence, lex.OPEN_REQUEST):
        return True
    if _asks_for_a_number(sentence.body):
        return False
    if _first(sentence.body) in lex.HV_WORDS and sentence.mark != "!":
        return not _exclaims_praise(sentence)
    # "Når du tænker tilbage, hvad …?" — but "Ved du, hvad …?" is a yes/no question.
    return (
        sentence.is_question
        and not _verb_first(sentence)
        and any(
            sentence.words[i].lower in lex.HV_WORDS
            for i in sentence.clause_starts
            if i < len(sentence.words)
        )
    )


def asks_closed(sentence: Sentence) -> bool:
    if sentence.is_question:
        return True
    core = sentence.core
    return _verb_first(sentence) and len(core) > 1 and core[1].lower in lex.SUBJECTS


def supports_autonomy(sentence: Sentence) -> bool:
    """ "Det er dig, der bestemmer": MI-consistent information about the citizen's choice."""
    return not sentence.is_question and contains(sentence.words, lex.AUTONOMY)


def _praise_match(words_: Sequence[Word]) -> tuple[int, int] | None:
    found = first_match(words_, lex.AFFIRMATION)
    if found is None:
        return None
    _, start, end = found
    if words_[end - 1].lower == "godt" and end < len(words_) and words_[end].lower == "nok":
        return None  # "det er godt nok svært": "godt nok" means "indeed"
    return start, end


def frames_complex(sentence: Sentence) -> bool:
    # "Det lyder rigtig godt" is praise, though it starts like "det lyder som om …".
    praise = _praise_match(sentence.words)
    if praise and praise[0] == 0:
        return False
    return contains(sentence.words, lex.COMPLEX_FRAMES) or _reframes(sentence)


def _reframes(sentence: Sentence) -> bool:
    """ "Det er ikke badet i sig selv, men tanken om …": naming what lies under the words."""
    body = [w.lower for w in sentence.body]
    return body[:3] == ["det", "er", "ikke"] and "men" in body and not _about_the_service(sentence)


def affirms(sentence: Sentence) -> bool:
    ws = sentence.words
    if (found := _praise_match(ws)) and not _reported_by_someone_else(ws, found[0]):
        return True
    if len(sentence.body) <= 3 and all(w.lower in lex.PRAISE_WORDS for w in sentence.body):
        return True  # "Sejt!", "Super flot!"
    if _has_emotion(ws):
        return False  # "du er bange for ikke at være stærk nok" reflects a worry
    if contains(ws, lex.TRAIT_FRAME) or _names_strength(sentence):
        return True
    hardship = any(w.lower in lex.EVALUATIVE for w in ws)
    return not hardship and contains(ws, lex.EFFORT_FRAME)


def _names_strength(sentence: Sentence) -> bool:
    """A strength, effort or ability of the citizen ("Du har en stærk vilje")."""
    ws = sentence.words
    if sentence.is_question or not any(w.lower in lex.SECOND_PERSON for w in ws):
        return False
    if contains(ws, lex.STRENGTH_PHRASES):
        return True
    return any(
        w.lower.startswith(lex.STRENGTHS) and (i == 0 or ws[i - 1].lower not in {"ikke", "for"})
        for i, w in enumerate(ws)
    )


def _informs_about_you(sentence: Sentence) -> bool:
    return starts_with(sentence.body, lex.INFO_ABOUT_YOU) is not None


def _info_subject(sentence: Sentence) -> bool:
    first = _first(sentence.body)
    return first in lex.INFO_SUBJECT_EXACT or first.startswith(lex.INFO_SUBJECT_PREFIXES)


def _about_the_service(sentence: Sentence) -> bool:
    """The plan or the staff, not the citizen, is what the sentence is about."""
    if _first(sentence.body) == "du" or _has_emotion(sentence.words):
        return False
    return any(w.lower == "vi" or w.lower.startswith(lex.SERVICE_PREFIXES) for w in sentence.words)


def reflects(sentence: Sentence) -> bool:
    """A statement about the citizen's situation, in the practitioner's words."""
    if starts_with(sentence.core, lex.SUMMARY_FRAMES) or _clause_starts_with(
        sentence, lex.SIMPLE_FRAMES
    ):
        return True
    # "Så trapperne er det sværeste": "så" + subject sums up ("så" + verb means "then").
    core = sentence.core
    if _first(core) == "så" and len(core) > 1 and core[1].lower not in lex.INFO_SUBJECT_EXACT:
        return not looks_finite(core[1])
    if _informs_about_you(sentence) or _info_subject(sentence) or _about_the_service(sentence):
        return False
    if any(w.lower in lex.NORMALISING for w in sentence.words):
        return False  # "det er helt normalt at være bekymret" informs
    if any(w.lower in lex.SECOND_PERSON for w in sentence.words) or _has_emotion(sentence.body):
        return True
    # "Det er svært at komme i bad", "Trapperne driller" restate an experience without
    # naming the citizen.
    return any(w.lower in lex.EVALUATIVE or w.lower in lex.TROUBLE for w in sentence.body)


def reflects_complex(sentence: Sentence) -> bool:
    if not reflects(sentence):
        return False
    ws = sentence.words
    inner_but = any(w.lower == "men" for w in sentence.core[1:])  # "…, men du …": two sides
    return (
        _has_emotion(ws)
        or contains(ws, lex.COMPLEX_MARKERS)
        or any(w.lower.startswith(lex.VALUE_PREFIXES) for w in ws)
        or inner_but
        or _first(sentence.body) == "måske"
        or _first(ws) == "og"  # continuing the citizen's paragraph
    )


@dataclass(frozen=True)
class Rule:
    name: str
    label: Label
    applies: Callable[[Sentence], bool]


RULES: tuple[Rule, ...] = (
    Rule("spørger om lov / tilbyder information", Label.INFORMATION, asks_permission),
    Rule("råd eller overtalelse uden tilladelse", Label.PERSUASION, persuades),
    Rule("åbent spørgsmål", Label.OPEN_QUESTION, asks_open),
    Rule("lukket spørgsmål", Label.CLOSED_QUESTION, asks_closed),
    Rule("fremhæver selvbestemmelse", Label.INFORMATION, supports_autonomy),
    Rule("refleksion med tolkende ramme", Label.COMPLEX_REFLECTION, frames_complex),
    Rule("bekræftelse", Label.AFFIRMATION, affirms),
    Rule("refleksion med følelse eller to sider", Label.COMPLEX_REFLECTION, reflects_complex),
    Rule("simpel refleksion", Label.SIMPLE_REFLECTION, reflects),
)
FALLBACK = Rule("information (ingen anden regel)", Label.INFORMATION, lambda _: True)


@dataclass(frozen=True)
class SentenceResult:
    text: str
    rule: Rule
    sentence: Sentence
    source: str  # the cleaned line that the sentence's word offsets point into

    @property
    def label(self) -> Label:
        return self.rule.label


def clean_line(utterance: str) -> str:
    """The line without a speaker tag ("Behandler: …") or surrounding quotes."""
    return SPEAKER_TAG.sub("", utterance.strip()).strip().strip(QUOTES).strip()


def explain(utterance: str) -> list[SentenceResult]:
    """Which rule decided each sentence of the utterance."""
    text = clean_line(utterance)
    results = []
    for tokens in sentences(words(text)):
        sentence = _sentence(tokens)
        rule = next((r for r in RULES if r.applies(sentence)), FALLBACK)
        end = tokens[-1].start + len(tokens[-1].text)
        results.append(SentenceResult(text[tokens[0].start : end], rule, sentence, text))
    return results


# Statements combine by weight when no sentence is persuasion or a question.
STATEMENT_WEIGHT = (Label.COMPLEX_REFLECTION, Label.AFFIRMATION, Label.SIMPLE_REFLECTION)


def classify(utterance: str, results: Sequence[SentenceResult] | None = None) -> Label:
    """One label per line. Lines with several sentences combine as follows:

    - permission or autonomy anywhere ("… men det er helt op til dig") turns advice into
      information; otherwise any persuasion makes the line persuasion (the MI-inconsistent part
      is what the practitioner needs to see);
    - else the last question decides, since it is what the citizen answers
      ("Det lyder svært. Hvad tænker du?" is an open question);
    - else complex reflection > affirmation > simple reflection > information.
    """
    results = explain(utterance) if results is None else results  # reuse explain's work
    if not results:
        raise ValueError("Tom replik: der er intet at klassificere.")
    permitted = any(r.rule.applies is asks_permission for r in results) or contains(
        words(clean_line(utterance)), lex.AUTONOMY
    )
    labels = [
        Label.INFORMATION if r.label is Label.PERSUASION and permitted else r.label for r in results
    ]
    if Label.PERSUASION in labels:
        return Label.PERSUASION
    asking = [
        label
        for result, label in zip(results, labels, strict=True)
        if label in QUESTIONS
        or (result.rule.applies is asks_permission and result.text.endswith("?"))
    ]
    if asking:
        return asking[-1]
    return next((label for label in STATEMENT_WEIGHT if label in labels), Label.INFORMATION)


def classify_all(lines: Iterable[str]) -> list[Label]:
    return [classify(line) for line in lines]
