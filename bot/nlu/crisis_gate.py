"""Crisis first: a message where someone may be in danger becomes the intent `crisis`.

Two independent signals, so that a miss needs both to fail:
- the Danish rule layer (bot/nlu/crisis_rules.py), which also names the kind of danger;
- the intent classifier's own `crisis` intent (DIET), confirmed by a second, calibrated model
  trained here on the same data (a logistic regression over character and word n-grams). DIET's
  softmax is near 1.0 for almost any long message it has not seen, so alone it would raise an
  alarm for many everyday messages; when the second opinion does not confirm, the message is
  treated as unclear (nlu_fallback) rather than as a crisis or a confident wrong answer.
The kind goes on the message as the entity `crisis_kind` (suicide, medical, violence, danger,
or unknown when only the classifiers saw it), so action_crisis can give the right help. Runs
last in the pipeline, after the fallback classifiers: an unsure message about danger is still a
message about danger.
"""

from __future__ import annotations

from typing import Any

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

from bot.nlu.crisis_rules import detect
from bot.nlu.second_opinion import SecondOpinionGate

CRISIS = "crisis"
FALLBACK = "nlu_fallback"
KIND_ENTITY = "crisis_kind"
UNKNOWN = "unknown"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class CrisisGate(SecondOpinionGate):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The second opinion's probability that confirms DIET's `crisis` (chosen on the crisis
        # development set data/dev/crisis_dev.yml; see README, "Crisis first").
        return {"confirm_threshold": 0.5, "random_seed": 42}

    def label(self, intent: str) -> bool:
        return intent == CRISIS

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            kind = detect(text)
            if kind is not None:
                self._mark(message, kind)
            elif self._model_says_crisis(message):
                if self.confirmed(text):
                    self._mark(message, UNKNOWN)
                else:
                    self._unclear(message)
        return messages

    def confirmed(self, text: str) -> bool:
        p = self.probability(text)
        return p is None or p >= self.config["confirm_threshold"]

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
