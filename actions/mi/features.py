"""Features for the learned MI coder: words, characters, lemmas, the hand-written rules, and
for a practitioner's line the citizen's line before it (a reflection reflects what was said).

`parse` turns a `Line` into a `Parsed` record once; the vectorizers (model.py for training,
linear.py for serving) each read one field of it. No sklearn here: the action server does not
need it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.lang.da.stop_words import STOP_WORDS

from actions.mi import practice
from actions.mi.change_talk import analyse
from actions.mi.tokens import Word, sentences, words

PRACTITIONER = "practitioner"
CITIZEN = "citizen"
# The citizen's words said back: "jeg" in the context is "du" in a reflection.
TO_YOU = {"jeg": "du", "mig": "dig", "min": "din", "mit": "dit", "mine": "dine", "vi": "i"}
# Small words that carry no content, whatever spaCy's list says ("du" must stay countable).
KEEP = frozenset({"du", "dig", "din", "dit", "dine", "ikke", "aldrig", "mere", "selv"})
STOP = frozenset(STOP_WORDS) - KEEP
# Rule predicates tried one by one on every sentence: the model sees all that fire, not only
# the first one in the rules' precedence.
PREDICATES = {
    "tilladelse": practice.asks_permission,
    "overtaler": practice.persuades,
    "åben": practice.asks_open,
    "lukket": practice.asks_closed,
    "autonomi": practice.supports_autonomy,
    "kompleks_ramme": practice.frames_complex,
    "bekræfter": practice.affirms,
    "kompleks": practice.reflects_complex,
    "reflekterer": practice.reflects,
}


@dataclass(frozen=True)
class Line:
    """One line to code, with the other speaker's line before it when there is one."""

    text: str
    context: str | None = None


NEGATIONS = frozenset(
    {"ikke", "ik", "ikk", "aldrig", "ingen", "intet", "ej", "hverken", "ingenting"}
)
SCOPE_ENDS = frozenset({",", ".", "!", "?", ";", ":", "–", "-", "…"})


@dataclass
class Parsed:
    tokens: str  # lowercase words and end marks, space-separated
    lemmas: str
    chars: str
    negated: str = ""  # the words with "ikke_" before those in a negation's scope
    ending: str = ""  # the words after the last sentence break or "men": where one lands
    rules: dict[str, float] = field(default_factory=dict)
    context: dict[str, float] = field(default_factory=dict)


def _token_string(tokens: Sequence[Word]) -> str:
    kept = [w.lower for w in tokens if not w.is_punct or w.text in {"?", "!"}]
    return " ".join(kept) or "<tom>"


def _negated(tokens: Sequence[Word]) -> str:
    """ "jeg kan ikke gå" → "jeg kan ikke ikke_gå": change and sustain talk turn on negation."""
    out, scope = [], False
    for w in tokens:
        if w.is_punct:
            scope = scope and w.text not in SCOPE_ENDS
            continue
        if w.lower == "men":
            scope = False
        out.append(f"ikke_{w.lower}" if scope else w.lower)
        scope = scope or w.lower in NEGATIONS
    return " ".join(out) or "<tom>"


def _ending(tokens: Sequence[Word]) -> str:
    last = sentences(tokens)[-1] if sentences(tokens) else []
    kept = [w.lower for w in last if not w.is_punct]
    if "men" in kept[1:]:
        kept = kept[len(kept) - kept[::-1].index("men") :]
    return " ".join(kept) or "<tom>"


def _content(tokens: Iterable[Word], *, swap: bool = False) -> set[str]:
    lemmas = set()
    for w in tokens:
        if w.is_punct:
            continue
        lemma = TO_YOU.get(w.lower, w.lemma) if swap else w.lemma
        if lemma not in STOP and len(lemma) > 1:
            lemmas.add(lemma)
    return lemmas


def _bins(name: str, value: float, edges: Sequence[float]) -> dict[str, float]:
    """A number as one-hot bins too: a linear model cannot bend a single weight."""
    bucket = sum(value >= edge for edge in edges)
    return {name: value, f"{name}={bucket}": 1.0}


def practitioner_rules(text: str) -> dict[str, float]:
    results = practice.explain(text)
    if not results:
        return {"regel=tom": 1.0}
    features = {f"regel={practice.classify(text, results).value}": 1.0}
    for result in results:
        features[f"sætning={result.rule.label.value}"] = 1.0
        for name, applies in PREDICATES.items():
            if applies(result.sentence):
                features[f"prædikat={name}"] = 1.0
    last = results[-1]
    features[f"sidste={last.rule.label.value}"] = 1.0
    features.update(_bins("sætninger", min(len(results), 4) / 4, (0.5, 0.75)))
    return features


def citizen_rules(text: str) -> dict[str, float]:
    result = analyse(text)
    features = {f"snak={result.kind.value}": 1.0}
    if result.category is not None:
        features[f"kategori={result.category.value}"] = 1.0
        features[f"snak_kategori={result.kind.value}/{result.category.value}"] = 1.0
    if result.ambivalent:
        features["ambivalent"] = 1.0
    return features


def context_features(line: Sequence[Word], context: str | None) -> dict[str, float]:
    """How the line relates to the citizen's line before it: overlap, restating, adding."""
    if not context or not context.strip():
        return {}
    before = words(context)
    said = _content(before, swap=True)
    mine = _content(line)
    shared = said & mine
    asks = any(w.text == "?" for w in line)
    features: dict[str, float] = {}
    features.update(_bins("overlap_linje", len(shared) / max(len(mine), 1), (0.2, 0.4, 0.6)))
    features.update(_bins("overlap_borger", len(shared) / max(len(said), 1), (0.2, 0.4, 0.6)))
    features.update(_bins("nye_ord", min(len(mine - said), 6) / 6, (0.2, 0.5)))
    restates = len(mine) > 0 and len(shared) / len(mine) >= 0.5
    if restates:
        features["gentager" + ("_spørgende" if asks else "")] = 1.0
    if any(w.lower in {"jeg", "mig", "min", "mit", "mine"} for w in before) and any(
        w.lower in {"du", "dig", "din", "dit", "dine"} for w in line
    ):
        features["jeg_til_du"] = 1.0
    if any(w.text == "?" for w in before):
        features["borger_spørger"] = 1.0
    talk = analyse(context)
    features[f"borger_snak={talk.kind.value}"] = 1.0
    return features


def parse(line: Line, role: str, *, rules: bool = True, context: bool = True) -> Parsed:
    text = practice.clean_line(line.text) or line.text.strip()
    tokens = words(text)
    lemmas = " ".join(w.lemma for w in tokens if not w.is_punct) or "<tom>"
    parsed = Parsed(
        _token_string(tokens),
        lemmas,
        " ".join(text.lower().split()),
        _negated(tokens),
        _ending(tokens),
    )
    if rules and any(sentences(tokens)):
        parsed.rules = practitioner_rules(text) if role == PRACTITIONER else citizen_rules(text)
    if context and role == PRACTITIONER:
        parsed.context = context_features(tokens, line.context)
    return parsed
