"""Drop an extracted entity whose value the training data never gave it.

`borger_situation` and `rolle` are closed sets (categorical slots). DIET sometimes tags a plain
word as one of them: "jeg skriver som pårørende til en borger" came back with
borger_situation = "borger". Such a value means nothing to the slot and would make the guide
pick a wrong variation, so after EntitySynonymMapper only the values seen in training stay.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_TYPE, ENTITY_ATTRIBUTE_VALUE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from typing_extensions import Self

VALUES_FILE = "known_values.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class KnownEntityValues(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"entities": []}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        known: dict[str, list[str]] | None = None,
    ) -> None:
        self.config = config
        self.model_storage = model_storage
        self.resource = resource
        self.known = {name: set(values) for name, values in (known or {}).items()}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        with model_storage.read_from(resource) as directory:
            known = json.loads((directory / VALUES_FILE).read_text(encoding="utf-8"))
        return cls({**cls.get_default_config(), **config}, model_storage, resource, known)

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
        with self.model_storage.write_to(self.resource) as directory:
            payload = {name: sorted(values) for name, values in known.items()}
            (directory / VALUES_FILE).write_text(json.dumps(payload), encoding="utf-8")
        return self.resource

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
