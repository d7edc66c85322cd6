"""Keep each message's parse result small, because every turn pays for every earlier one.

Each user message is stored in the tracker with its parse result, and Rasa loads, replays and
sends the whole current session to the action server on every turn. The two ResponseSelectors
put the full text of their chosen answer and a ten-deep ranking into that result: about 5 kB
of a 6 kB user event. Nothing reads them: the retrieval action renders the answer from the
domain by its ``utter_action``, the FAQ gate reads the top two confidences, and the two-stage
fallback offers the three best FAQ questions. So the answer text goes and the rankings keep
their best few, the last thing in the pipeline, after every gate has read what it needs.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.base import ConfiguredComponent

RESPONSE_SELECTOR = "response_selector"
# What the selected answer keeps: the retrieval action needs `utter_action`, the fallback and
# the reports the key and its confidence.
KEPT_RESPONSE_KEYS = ("utter_action", "intent_response_key", "confidence")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class LeanParseData(ConfiguredComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Five covers the fallback's three FAQ suggestions after it drops non-FAQ keys.
        return {"ranking_length": 5}

    def __init__(self, config: dict[str, Any]) -> None:
        self.ranking_length = int(config["ranking_length"])

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # training examples carry no rankings: nothing to trim

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY)
            if ranking:
                message.set(INTENT_RANKING_KEY, ranking[: self.ranking_length], add_to_output=True)
            selector = message.get(RESPONSE_SELECTOR)
            if selector:
                message.set(RESPONSE_SELECTOR, self._lean_selector(selector), add_to_output=True)
        return messages

    def _lean_selector(self, selector: dict[str, Any]) -> dict[str, Any]:
        lean: dict[str, Any] = {}
        for key, value in selector.items():
            if not isinstance(value, dict):  # e.g. all_retrieval_intents
                lean[key] = value
                continue
            response = value.get("response") or {}
            lean[key] = {
                **value,
                "response": {k: response[k] for k in KEPT_RESPONSE_KEYS if k in response},
                "ranking": (value.get("ranking") or [])[: self.ranking_length],
            }
        return lean
