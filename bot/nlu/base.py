"""Rasa's create/load/persist, written once for this package's graph components.

Rasa 3.6 builds a component with ``create`` (before training, or to serve one that learns
nothing) and a trained one with ``load``; what ``train`` learned lives as files in the
component's ``Resource`` in the ``ModelStorage``. Each custom component used to repeat those
signatures and the storage round trip; here they say only what is their own: how to build
themselves from the config (``from_config``) and what they write and read back (``_store``,
``_restore``). The file names and formats stay each component's, so trained models still load.
``EachMessage`` does the same for ``process``: the component says what it does to one message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from typing_extensions import Self


class ConfiguredComponent(GraphComponent):
    """``create`` with the config laid over the component's defaults, then ``from_config``.

    Rasa's graph merges the defaults itself; the unit tests and the bench call ``create``
    directly, so it is done here as well. The storage is kept for the subclasses that persist.
    """

    model_storage: ModelStorage
    resource: Resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        component = cls.from_config({**cls.get_default_config(), **config})
        component.model_storage, component.resource = model_storage, resource
        return component

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Self:
        """The component for a complete config; Rasa's own bases take just that."""
        return cls(config)  # type: ignore[call-arg]


class PersistedComponent(ConfiguredComponent):
    """A trainable component whose training result is kept in its model resource.

    ``train`` sets what it learned and ends with ``return self._persist()``; ``load`` builds
    the component as ``create`` does and hands it the stored files (``_restore``).
    """

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,  # where ``train`` stored what ``_restore`` reads back
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        component = cls.create(config, model_storage, resource, execution_context)
        with model_storage.read_from(resource) as directory:
            component._restore(directory)
        return component

    def _persist(self) -> Resource:
        with self.model_storage.write_to(self.resource) as directory:
            self._store(directory)
        return self.resource

    def _store(self, directory: Path) -> None:
        """Writes what training learned into the resource's directory."""
        raise NotImplementedError

    def _restore(self, directory: Path) -> None:
        """Reads back what ``_store`` wrote (and may refuse it)."""
        raise NotImplementedError


class EachMessage:
    """``process`` for a component that looks at each message on its own: ``process_message``.

    A mixin, listed first among the bases, so that it is what Rasa calls even where another base
    leaves ``process`` abstract (bot/nlu/second_opinion.py). Rasa checks ``process``'s type hints,
    so ``Message`` is imported at run time.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self.process_message(message)
        return messages

    def process_message(self, message: Message) -> None:
        """Reads and may change one message in place."""
        raise NotImplementedError
