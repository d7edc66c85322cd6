"""Fallback for the FAQ answer selection, the way FallbackClassifier is for intents.

The intent classifier may be sure that a message is an FAQ question while the ResponseSelector
is unsure which one. Answering anyway would give a wrong answer with confidence, so an unsure
or ambiguous selection becomes ``nlu_fallback``, and the two-stage fallback offers the closest
questions (the ranking stays on the message).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier, _fallback_intent
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.base import ConfiguredComponent

RESPONSE_SELECTOR = "response_selector"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ResponseFallbackClassifier(ConfiguredComponent, FallbackClassifier):
    @classmethod
    def required_components(cls) -> list[type]:
        return [ResponseSelector]

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self._selection_unsure(message):
                confidence = self.component_config["threshold"]
                message.data[INTENT] = _fallback_intent(confidence)
                message.data.setdefault(INTENT_RANKING_KEY, [])
                message.data[INTENT_RANKING_KEY].insert(0, _fallback_intent(confidence))
        return messages

    def _selection_unsure(self, message: Message) -> bool:
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        selector = message.get(RESPONSE_SELECTOR) or {}
        if intent not in (selector.get("all_retrieval_intents") or []):
            return False
        selection = selector.get(intent) or selector.get("default") or {}
        ranking = [entry.get("confidence", 0.0) for entry in selection.get("ranking") or []]
        if not ranking:
            return True
        best = ranking[0]
        runner_up = ranking[1] if len(ranking) > 1 else 0.0
        return (
            best < self.component_config["threshold"]
            or best - runner_up < self.component_config["ambiguity_threshold"]
        )
