"""Rasa graph components that load the Danish spaCy pipeline and guard the model against a swap.

``DanishSpacyNLP`` picks the pipeline (``da_core_news_sm`` if installed, else the project's base
pipeline) and logs which. Its fingerprint is the pipeline identity, so Rasa's training cache
never reuses features computed by another pipeline.

``DanishSpacyTokenizer`` is the ordinary spaCy tokenizer plus a record: at training it stores the
identity of the pipeline in the model; at loading it compares that with the pipeline this machine
provides and refuses to serve on a mismatch. Serving a model through a different tokenizer and
lemmatizer than it was trained with gives quietly wrong answers, so that is an error.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.cli import print_info
from typing_extensions import Self

from bot.nlu import spacy_pipeline
from bot.nlu.base import ConfiguredComponent, PersistedComponent

logger = logging.getLogger(__name__)
IDENTITY_FILE = "spacy_pipeline.json"


class PipelineMismatch(RasaException):
    """The model was trained with another spaCy pipeline than the one available now."""


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    # Rasa wires the loaded model to consumers by class name, so this names itself.
    model_from="DanishSpacyNLP",
)
class DanishSpacyNLP(ConfiguredComponent, SpacyNLP):
    """Loads the resolved Danish pipeline instead of a model name from the config."""

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Self:
        choice = spacy_pipeline.resolve()
        # Printed, not only logged: Rasa's default log level hides INFO from project loggers, and
        # operators should see which pipeline a server or a training run uses.
        print_info(f"Danish spaCy pipeline in use: {choice.description} [{choice.identity}]")
        loaded = cls.load_model(choice.load_target)
        model = SpacyModel(model=loaded.model, model_name=choice.identity)
        cls.ensure_proper_language_model(model.model)
        return cls(model, config)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class DanishSpacyTokenizer(PersistedComponent, SpacyTokenizer):
    """spaCy tokenizer that records, and later checks, the pipeline the model was trained with."""

    trained_with: str | None = None

    def train(self, training_data: TrainingData) -> Resource:
        self.trained_with = spacy_pipeline.resolve().identity
        return self._persist()

    def _store(self, directory: Path) -> None:
        (directory / IDENTITY_FILE).write_text(json.dumps({"pipeline": self.trained_with}))

    def _restore(self, directory: Path) -> None:
        trained_with = json.loads((directory / IDENTITY_FILE).read_text())["pipeline"]
        available = spacy_pipeline.resolve()
        if available.identity != trained_with:
            raise PipelineMismatch(
                f"This model was trained with the Danish spaCy pipeline '{trained_with}', "
                f"but this machine provides '{available.identity}' ({available.description}). "
                f"Serving it would give wrong answers. Retrain with `make train`, or install "
                f"the pipeline the model was trained with."
            )
        logger.info("Model trained with spaCy pipeline %s; the same is loaded.", trained_with)
        self.trained_with = trained_with
