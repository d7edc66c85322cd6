"""The fitted pipelines as plain numbers, and their arithmetic for one line at a time.

`export` (at training) reads a fitted features → LogisticRegression pipeline into a dict of
vocabularies, idf weights, coefficients and the vectorizers' settings; `Compiled` (in the action
server) computes the same probabilities from a `Parsed` record. So serving needs neither
sklearn (~14 MB of memory) nor its per-call overhead (~20 ms for one line, the sums themselves
take microseconds). A test checks that the probabilities match the sklearn pipeline's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from actions.mi.features import Parsed

WHITE_SPACES = re.compile(r"\s\s+")  # as sklearn's char_wb analyzer normalises


def _word_ngrams(pattern: str, ngram: tuple[int, int], lowercase: bool) -> Callable[[str], list]:
    tokenize = re.compile(pattern).findall
    low, high = ngram

    def analyse(text: str) -> list[str]:
        tokens = tokenize(text.lower() if lowercase else text)
        grams = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    return analyse


def _char_wb_ngrams(ngram: tuple[int, int], lowercase: bool) -> Callable[[str], list]:
    low, high = ngram

    def analyse(text: str) -> list[str]:
        text = WHITE_SPACES.sub(" ", text.lower() if lowercase else text)
        grams = []
        for word in text.split():
            padded = f" {word} "
            for n in range(low, high + 1):
                grams += [padded[i : i + n] for i in range(max(len(padded) - n + 1, 1))]
                if len(padded) <= n:
                    break  # a short word counts once, as in sklearn
        return grams

    return analyse


@dataclass(frozen=True)
class _Group:
    field: str
    offset: int
    vocabulary: dict[str, int]
    weight: float
    analyzer: Callable[[str], list[str]] | None  # None: a feature dict (DictVectorizer)
    idf: np.ndarray | None
    sublinear: bool

    def active(self, value: Any) -> tuple[list[int], np.ndarray]:
        """Column indices and values of this group's part of the feature vector."""
        if self.analyzer is None:
            pairs = [(self.vocabulary[k], v) for k, v in value.items() if k in self.vocabulary]
            columns = [self.offset + c for c, _ in pairs]
            return columns, self.weight * np.asarray([v for _, v in pairs], float)
        counts = Counter(t for t in self.analyzer(value) if t in self.vocabulary)
        if not counts:
            return [], np.zeros(0)
        columns = [self.vocabulary[t] for t in counts]
        tf = np.asarray(list(counts.values()), float)
        if self.sublinear:
            tf = np.log(tf) + 1.0
        assert self.idf is not None
        values = tf * self.idf[columns]
        values /= np.sqrt(np.dot(values, values))  # TfidfVectorizer's l2 norm
        return [self.offset + c for c in columns], self.weight * values


def _analyzer(spec: dict[str, Any]) -> Callable[[str], list[str]] | None:
    ngram = (int(spec["ngram"][0]), int(spec["ngram"][1]))
    if spec["kind"] == "dict":
        return None
    if spec["kind"] == "char_wb":
        return _char_wb_ngrams(ngram, spec["lowercase"])
    return _word_ngrams(spec["pattern"], ngram, spec["lowercase"])


class Compiled:
    """predict_proba of an exported pipeline, on Parsed records."""

    def __init__(self, spec: dict[str, Any]):
        self.classes: list[str] = list(spec["classes"])
        self.coef: np.ndarray = spec["coef"]
        self.intercept: np.ndarray = spec["intercept"]
        self.parse: dict[str, Any] = spec["parse"]
        self.groups = [
            _Group(
                g["field"],
                g["offset"],
                g["vocabulary"],
                g["weight"],
                _analyzer(g),
                g.get("idf"),
                g.get("sublinear", False),
            )
            for g in spec["groups"]
        ]

    def predict_proba(self, parsed: Parsed) -> np.ndarray:
        scores = self.intercept.astype(float)
        for group in self.groups:
            columns, values = group.active(getattr(parsed, group.field))
            if columns:
                scores = scores + self.coef[:, columns] @ values
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()


def export(pipeline: Any) -> dict[str, Any]:
    """The numbers and settings of a fitted Parse → features → LogisticRegression pipeline."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    parse, union, model = (step for _, step in pipeline.steps)
    if not isinstance(model, LogisticRegression) or len(model.classes_) < 3:
        raise TypeError("only a multinomial LogisticRegression exports")
    weights = union.transformer_weights or {}
    groups, offset = [], 0
    for name, group in union.transformer_list:
        take, vectorizer = group.steps[0][1], group.steps[-1][1]
        spec: dict[str, Any] = {
            "field": take.name,
            "offset": offset,
            "vocabulary": {str(k): int(v) for k, v in vectorizer.vocabulary_.items()},
            "weight": float(weights.get(name, 1.0)),
        }
        if isinstance(vectorizer, TfidfVectorizer):
            if vectorizer.analyzer not in {"word", "char_wb"} or vectorizer.norm != "l2":
                raise TypeError(f"{name}: only word or char_wb analyzers with l2 norm export")
            spec |= {
                "kind": "char_wb" if vectorizer.analyzer == "char_wb" else "word",
                "pattern": vectorizer.token_pattern,
                "ngram": list(vectorizer.ngram_range),
                "lowercase": bool(vectorizer.lowercase),
                "idf": np.asarray(vectorizer.idf_, float),
                "sublinear": bool(vectorizer.sublinear_tf),
            }
        elif isinstance(vectorizer, DictVectorizer):
            spec |= {"kind": "dict", "ngram": [1, 1]}
        else:
            raise TypeError(f"cannot export {type(vectorizer).__name__}")
        groups.append(spec)
        offset += len(spec["vocabulary"])
    if offset != model.coef_.shape[1]:
        raise ValueError(f"{offset} features, the model has {model.coef_.shape[1]}")
    return {
        "classes": [str(c) for c in model.classes_],
        "coef": np.asarray(model.coef_, float),
        "intercept": np.asarray(model.intercept_, float),
        "groups": groups,
        "parse": {"role": parse.role, "rules": parse.rules, "context": parse.context},
    }
