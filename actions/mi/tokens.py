"""Danish tokens for the MI rules, and a tiny pattern language over them.

The rules only rely on what the base pipeline provides (token text, lowercase form, lookup lemma,
punctuation), so they behave the same when da_core_news_sm with POS tags is installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when the pipeline is first needed: it loads slowly
    from spacy.language import Language

SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}


@lru_cache(maxsize=1)
def danish_nlp() -> Language:
    """The project's Danish pipeline, loaded once per process (loading takes seconds)."""
    import spacy

    from bot.nlu.spacy_pipeline import resolve

    return spacy.load(resolve().load_target)


@lru_cache(maxsize=4096)
def _lowercase_lemma(lower: str) -> str:
    return danish_nlp()(lower)[0].lemma_.lower()


@dataclass(frozen=True)
class Word:
    text: str
    lower: str
    lemma: str
    is_punct: bool
    start: int  # character offset in the analysed text


def words(text: str) -> list[Word]:
    """The text's tokens; a fresh list each call (callers may slice and keep it)."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    # Cached: a line is tokenised by the features, the rules and the rewrite in turn.
    result = []
    for token in danish_nlp()(text):
        if token.is_space:
            continue
        lemma = token.lemma_.lower() or token.lower_
        # The lookup table is case-sensitive: "Er" would otherwise stay "er", not "være".
        if token.text != token.lower_ and lemma == token.lower_:
            lemma = _lowercase_lemma(token.lower_)
        result.append(Word(token.text, token.lower_, lemma, token.is_punct, token.idx))
    return tuple(result)


def sentences(tokens: Sequence[Word]) -> list[list[Word]]:
    """Splits after ., !, ? and …, keeping the end mark with its sentence."""
    result: list[list[Word]] = [[]]
    for word in tokens:
        result[-1].append(word)
        if word.is_punct and word.text in SENTENCE_END:
            result.append([])
    return [sentence for sentence in result if any(not w.is_punct for w in sentence)]


def content(tokens: Sequence[Word]) -> list[Word]:
    """Words without punctuation: commas are too unreliable in chat text to match on."""
    return [word for word in tokens if not word.is_punct]


def terminal(tokens: Sequence[Word]) -> str:
    """The sentence's final punctuation ("" if none); "?" wins in "?!"."""
    marks = ""
    for word in reversed(tokens):
        if not word.is_punct:
            break
        marks = word.text + marks
    if "?" in marks:
        return "?"
    return marks[-1:] if marks else ""


@dataclass(frozen=True)
class _Slot:
    forms: frozenset[str]
    by_lemma: bool
    optional: bool

    def accepts(self, word: Word) -> bool:
        if "*" in self.forms:
            return True
        return (word.lemma if self.by_lemma else word.lower) in self.forms


class Pattern:
    """A sequence of word slots, written as a string.

    Slots are separated by spaces; "a|b" are alternatives, "@x" matches the lemma x, "*" any
    word, and a trailing "?" makes a slot optional: "du skal|bør ?bare gå".
    """

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.slots = tuple(self._slot(part) for part in spec.split())

    @staticmethod
    def _slot(part: str) -> _Slot:
        optional = part.startswith("?") and len(part) > 1
        part = part.removeprefix("?") if optional else part
        by_lemma = part.startswith("@")
        part = part.removeprefix("@")
        return _Slot(frozenset(part.split("|")), by_lemma, optional)

    def match(self, tokens: Sequence[Word], start: int) -> int | None:
        """End index if the pattern matches at tokens[start], else None; optional slots are
        tried first, so the longest reading wins."""
        return self._match(tokens, start, 0)

    def _match(self, tokens: Sequence[Word], position: int, slot_index: int) -> int | None:
        if slot_index == len(self.slots):
            return position
        slot = self.slots[slot_index]
        if position < len(tokens) and slot.accepts(tokens[position]):
            end = self._match(tokens, position + 1, slot_index + 1)
            if end is not None:
                return end
        return self._match(tokens, position, slot_index + 1) if slot.optional else None

    def search(self, tokens: Sequence[Word], start: int = 0) -> tuple[int, int] | None:
        # A required first slot must accept the word: checking it here saves the recursion at
        # most positions (the rules search every line with hundreds of patterns).
        first = self.slots[0] if self.slots and not self.slots[0].optional else None
        for position in range(start, len(tokens)):
            if first is not None and not first.accepts(tokens[position]):
                continue
            end = self.match(tokens, position)
            if end is not None:
                return position, end
        return None


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string: long Danish lexicons stay readable."""
    return frozenset(text.split())


def prefixes(text: str) -> tuple[str, ...]:
    """Word beginnings for str.startswith: "bekymr" covers "bekymret" and "bekymring"."""
    return tuple(sorted(word_set(text)))


def patterns(*specs: str) -> tuple[Pattern, ...]:
    return tuple(Pattern(spec) for spec in specs)


def starts_with(tokens: Sequence[Word], rules: Sequence[Pattern]) -> Pattern | None:
    return next((rule for rule in rules if rule.match(tokens, 0) is not None), None)


def first_match(
    tokens: Sequence[Word], rules: Sequence[Pattern]
) -> tuple[Pattern, int, int] | None:
    """The earliest match of any rule: (rule, start, end)."""
    best = None
    for rule in rules:
        found = rule.search(tokens)
        if found and (best is None or found[0] < best[1]):
            best = (rule, *found)
    return best


def contains(tokens: Sequence[Word], rules: Sequence[Pattern]) -> bool:
    return first_match(tokens, rules) is not None
