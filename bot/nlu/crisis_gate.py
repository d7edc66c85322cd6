"""Crisis first: a message where someone may be in danger becomes the intent `crisis`.

Two independent signals, so that a miss needs both to fail:
- the Danish rule layer (bot/nlu/crisis_rules.py), which also names the kind of danger;
- a second, calibrated model (a logistic regression over character and word n-grams,
  bot/nlu/second_opinion.py), trained on the `crisis` examples against every other intent's and
  on the crisis corpora named in the config (data/dev/: crises of every kind and everyday
  messages with danger words, written by other writers than the training data). At or above
  `alarm_threshold` it raises the alarm on its own, whatever DIET guessed.
DIET's own `crisis` guess is not a signal: its softmax is near 1.0 for almost any long message
it has not seen. When DIET says crisis and neither signal does, the message is treated as
unclear (nlu_fallback) rather than as a crisis or a confident wrong answer.
The kind goes on the message as the entity `crisis_kind` (suicide, medical, violence, danger,
or unknown when only the second model saw it), so action_crisis can give the right help. Runs
last in the pipeline, after the fallback classifiers: an unsure message about danger is still a
message about danger.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.base import EachMessage
from bot.nlu.crisis_rules import detect
from bot.nlu.second_opinion import SecondOpinionGate

CRISIS = "crisis"
FALLBACK = "nlu_fallback"
KIND_ENTITY = "crisis_kind"
UNKNOWN = "unknown"
NONCRISIS = "noncrisis"  # the corpora's key for everyday messages
ROOT = Path(__file__).resolve().parents[2]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class CrisisGate(EachMessage, SecondOpinionGate):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # alarm_threshold: chosen by leaving one writer of the crisis corpora out at a time
        # (README, "Crisis first"). corpora: YAML files of crisis kinds and `noncrisis`, relative
        # to the project root.
        return {"alarm_threshold": 0.85, "corpora": [], "random_seed": 42}

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        # Rasa fingerprints the config, not the files it names: a changed corpus must retrain.
        digest = hashlib.sha256()
        for name in config.get("corpora") or []:
            digest.update((ROOT / name).read_bytes())
        return digest.hexdigest()

    def label(self, intent: str) -> bool:
        return intent == CRISIS

    def extra_examples(self) -> list[tuple[str, bool]]:
        examples = []
        for name in self.config.get("corpora") or []:
            corpus = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
            examples += [(t, kind != NONCRISIS) for kind, texts in corpus.items() for t in texts]
        return examples

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        kind = detect(text)
        if kind is not None:
            self._mark(message, kind)
        elif self.alarmed(text, message):
            self._mark(message, UNKNOWN)
        elif self._model_says_crisis(message):
            self._unclear(message)

    def alarmed(self, text: str, message: Message) -> bool:
        """The second model's alarm; untrained (no model stored), DIET's guess stands."""
        p = self.probability(text)
        if p is None:
            return self._model_says_crisis(message)
        return p >= self.config["alarm_threshold"]

    @staticmethod
    def _model_says_crisis(message: Message) -> bool:
        ranking = message.get(INTENT_RANKING_KEY) or []
        top = next((e for e in ranking if e.get(INTENT_NAME_KEY) != FALLBACK), None)
        return top is not None and top.get(INTENT_NAME_KEY) == CRISIS

    @staticmethod
    def _unclear(message: Message) -> None:
        unclear = {INTENT_NAME_KEY: FALLBACK, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, unclear, add_to_output=True)

    @staticmethod
    def _mark(message: Message, kind: str) -> None:
        crisis = {INTENT_NAME_KEY: CRISIS, PREDICTED_CONFIDENCE_KEY: 1.0}
        ranking = message.get(INTENT_RANKING_KEY) or []
        ranking = [e for e in ranking if e.get(INTENT_NAME_KEY) != CRISIS]
        message.set(INTENT, crisis, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [crisis, *ranking], add_to_output=True)
        text = message.get(TEXT) or ""
        entity = {"entity": KIND_ENTITY, "value": kind, "start": 0, "end": len(text),
                  "confidence_entity": 1.0, "extractor": "CrisisGate"}  # fmt: skip
        entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != KIND_ENTITY]
        message.set(ENTITIES, [*entities, entity], add_to_output=True)
