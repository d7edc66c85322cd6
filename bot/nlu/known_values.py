"""Drop an extracted entity whose value the training data never gave it.

`borger_situation` and `rolle` are closed sets (categorical slots). DIET sometimes tags a plain
word as one of them: "jeg skriver som pårørende til en borger" came back with
borger_situation = "borger". Such a value means nothing to the slot and would make the guide
pick a wrong variation, so after EntitySynonymMapper only the values seen in training stay.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_TYPE, ENTITY_ATTRIBUTE_VALUE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.base import PersistedComponent

VALUES_FILE = "known_values.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class KnownEntityValues(PersistedComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"entities": []}

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.known: dict[str, set[str]] = {}

    def train(self, training_data: TrainingData) -> Resource:
        names = set(self.config["entities"])
        known: dict[str, set[str]] = {name: set() for name in names}
        synonyms = training_data.entity_synonyms
        for example in training_data.entity_examples:
            for entity in example.get(ENTITIES) or []:
                if entity[ENTITY_ATTRIBUTE_TYPE] in names:
                    value = str(entity[ENTITY_ATTRIBUTE_VALUE])
                    known[entity[ENTITY_ATTRIBUTE_TYPE]].add(synonyms.get(value, value))
        self.known = known
        return self._persist()

    def _store(self, directory: Path) -> None:
        payload = {name: sorted(values) for name, values in self.known.items()}
        (directory / VALUES_FILE).write_text(json.dumps(payload), encoding="utf-8")

    def _restore(self, directory: Path) -> None:
        known = json.loads((directory / VALUES_FILE).read_text(encoding="utf-8"))
        self.known = {name: set(values) for name, values in known.items()}

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            kept = [e for e in entities if self._known(e)]
            if len(kept) != len(entities):
                message.set(ENTITIES, kept, add_to_output=True)
        return messages

    def _known(self, entity: dict[str, Any]) -> bool:
        values = self.known.get(entity.get(ENTITY_ATTRIBUTE_TYPE, ""))
        return values is None or str(entity.get(ENTITY_ATTRIBUTE_VALUE)) in values
