"""A small calibrated classifier that gives DIET a second opinion on one yes/no question.

DIET's softmax is near 1.0 for almost any message it has not seen, so its confidence cannot
tell "this is an FAQ question" or "this is a crisis" from "this resembles nothing I know". A
logistic regression over character and word n-grams, trained on the same examples, gives
probabilities that mean something; the gates in this package (crisis_gate, scope_gate) ask it
before they act. Subclasses say which examples count and which are the positive class.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import joblib
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from bot.nlu.base import PersistedComponent
from bot.nlu.crisis_rules import fold

MODEL_FILE = "second_opinion.joblib"


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def second_opinion_model(seed: int) -> Pipeline:
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                        preprocessor=_words),
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, preprocessor=_words),
    )  # fmt: skip
    return make_pipeline(
        features,
        LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000, random_state=seed),
    )


class SecondOpinionGate(PersistedComponent):
    """Trains and stores the second opinion; subclasses decide what it is asked and when."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"random_seed": 42}

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.model: Pipeline | None = None

    def label(self, intent: str) -> bool | None:
        """True or False for an example of this intent, None to leave it out of training."""
        raise NotImplementedError

    def extra_examples(self) -> list[tuple[str, bool]]:
        """Labelled texts beyond the NLU training data (text, positive?); none by default."""
        return []

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = [], []
        for example in training_data.intent_examples:
            label = self.label(example.get(INTENT))
            if example.get(TEXT) and label is not None:
                texts.append(example.get(TEXT))
                labels.append(label)
        for text, label in self.extra_examples():
            texts.append(text)
            labels.append(label)
        self.model = second_opinion_model(int(self.config["random_seed"])).fit(texts, labels)
        return self._persist()

    def _store(self, directory: Path) -> None:
        joblib.dump(self.model, directory / MODEL_FILE)

    def _restore(self, directory: Path) -> None:
        self.model = joblib.load(directory / MODEL_FILE)

    def probability(self, text: str) -> float | None:
        """The positive class's probability; None when never trained (then DIET's word stands)."""
        if self.model is None:
            return None
        return float(self.model.predict_proba([text])[0][1])

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        raise NotImplementedError
