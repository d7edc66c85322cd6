"""The coder's sklearn pipelines: which feature groups, which linear classifier.

`head` works on `Parsed` records (so cross-validation parses each line once); `pipeline` puts
the `Parse` step in front, which is what the artifact stores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from actions.mi.features import PRACTITIONER, Line, Parsed, parse

SEED = 13


class Parse(BaseEstimator, TransformerMixin):
    """Lines → Parsed records (the step that calls spaCy and the rules)."""

    def __init__(self, role: str = PRACTITIONER, rules: bool = True, context: bool = True):
        self.role = role
        self.rules = rules
        self.context = context

    def fit(self, lines: Sequence[Line], y: Any = None) -> Parse:
        return self

    def transform(self, lines: Sequence[Line]) -> list[Parsed]:
        return [parse(line, self.role, rules=self.rules, context=self.context) for line in lines]


class Take(BaseEstimator, TransformerMixin):
    """One field of the Parsed records, for the vectorizer that follows."""

    def __init__(self, name: str = "tokens"):
        self.name = name

    def fit(self, parsed: Sequence[Parsed], y: Any = None) -> Take:
        return self

    def transform(self, parsed: Sequence[Parsed]) -> list[Any]:
        return [getattr(item, self.name) for item in parsed]


@dataclass(frozen=True)
class Options:
    words: bool = True
    chars: bool = True
    lemmas: bool = True
    rules: bool = True
    context: bool = True
    negation: bool = False  # words in a negation's scope marked
    ending: bool = False  # the last clause's words on their own
    classifier: str = "logreg"  # "logreg" or "svm" (LinearSVC, calibrated)
    c: float = 10.0
    rule_weight: float = 1.0

    def but(self, **changes: Any) -> Options:
        return replace(self, **changes)


def _text(field: str, **tfidf: Any) -> Pipeline:
    return Pipeline([("take", Take(field)), ("tfidf", TfidfVectorizer(**tfidf))])


def _dicts(field: str) -> Pipeline:
    return Pipeline([("take", Take(field)), ("dict", DictVectorizer())])


def features(options: Options) -> FeatureUnion:
    groups: list[tuple[str, Any]] = []
    weights: dict[str, float] = {}
    words = {"token_pattern": r"\S+", "lowercase": False, "sublinear_tf": True}
    if options.words:
        groups.append(("words", _text("tokens", ngram_range=(1, 2), min_df=2, **words)))
    if options.chars:
        chars = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2, "sublinear_tf": True}
        groups.append(("chars", _text("chars", **chars)))
    if options.lemmas:
        groups.append(("lemmas", _text("lemmas", ngram_range=(1, 2), min_df=2, **words)))
    if options.negation:
        groups.append(("negated", _text("negated", ngram_range=(1, 2), min_df=2, **words)))
    if options.ending:
        groups.append(("ending", _text("ending", ngram_range=(1, 2), min_df=2, **words)))
    if options.rules:
        groups.append(("rules", _dicts("rules")))
        weights["rules"] = options.rule_weight
    if options.context:
        groups.append(("context", _dicts("context")))
        weights["context"] = options.rule_weight
    return FeatureUnion(groups, transformer_weights=weights or None)


def classifier(options: Options) -> Any:
    if options.classifier == "svm":
        svm = LinearSVC(C=options.c, random_state=SEED, max_iter=20000)
        return CalibratedClassifierCV(svm, cv=3, method="sigmoid")
    return LogisticRegression(C=options.c, max_iter=5000, random_state=SEED)


def head(options: Options) -> Pipeline:
    return Pipeline([("features", features(options)), ("model", classifier(options))])


def pipeline(options: Options, role: str) -> Pipeline:
    parse = Parse(role=role, rules=options.rules, context=options.context)
    return Pipeline([("parse", parse), *head(options).steps])
