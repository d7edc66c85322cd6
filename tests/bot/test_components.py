"""The shared create/load/persist of bot/nlu/base.py, without a trained model: each component
keeps its own file in the model resource, a round trip restores it, and Rasa accepts the graph
that bot/config.yml builds from these components."""

from __future__ import annotations

from pathlib import Path

import pytest
import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.recipe import Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.engine.validation import validate
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import spacy_pipeline
from bot.nlu.components import IDENTITY_FILE, DanishSpacyTokenizer, PipelineMismatch
from bot.nlu.crisis_gate import CrisisGate
from bot.nlu.faq_gate import ResponseFallbackClassifier
from bot.nlu.known_values import VALUES_FILE, KnownEntityValues
from bot.nlu.second_opinion import MODEL_FILE

CONTEXT = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]
TRAINED = spacy_pipeline.PipelineChoice("base", "unused", "da_base@1.0#abc", "the base pipeline")


def stored_files(storage: LocalModelStorage, resource: Resource) -> list[str]:
    with storage.read_from(resource) as directory:
        return sorted(p.name for p in directory.iterdir())


def test_the_graph_built_from_bot_config_passes_rasas_validation() -> None:
    """Rasa checks each component's create/load signature and types before it trains."""
    config = rasa.shared.utils.io.read_config_file("bot/config.yml")
    graph = Recipe.recipe_for_name(config["recipe"]).graph_config_for_recipe(config, {})
    validate(graph)


def test_the_tokenizer_stores_its_pipeline_and_loads_only_next_to_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spacy_pipeline, "resolve", lambda: TRAINED)
    storage, resource = LocalModelStorage(tmp_path), Resource("tokenizer")
    tokenizer = DanishSpacyTokenizer.create({}, storage, resource, CONTEXT)
    assert tokenizer.trained_with is None
    assert tokenizer.train(TrainingData()) == resource
    assert stored_files(storage, resource) == [IDENTITY_FILE]

    loaded = DanishSpacyTokenizer.load({}, storage, resource, CONTEXT)
    assert loaded.trained_with == TRAINED.identity
    assert loaded.intent_split_symbol == "_"  # Rasa's tokenizer defaults are filled in

    other = spacy_pipeline.PipelineChoice("base", "unused", "da_base@9.9#def", "another one")
    monkeypatch.setattr(spacy_pipeline, "resolve", lambda: other)
    with pytest.raises(PipelineMismatch, match="trained with the Danish spaCy pipeline"):
        DanishSpacyTokenizer.load({}, storage, resource, CONTEXT)


def test_the_trainable_gates_keep_their_own_files(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    known, gate = Resource("known"), Resource("crisis")
    examples = [Message(data={TEXT: t, INTENT: i}) for t, i in
                [("jeg vil ikke leve mere", "crisis"), ("han slår mig", "crisis"),
                 ("hvad er træning", "faq"), ("hvem bestemmer målene", "faq")]]  # fmt: skip
    KnownEntityValues.create({}, storage, known, CONTEXT).train(TrainingData(examples))
    CrisisGate.create({}, storage, gate, CONTEXT).train(TrainingData(examples))
    assert stored_files(storage, known) == [VALUES_FILE]
    assert stored_files(storage, gate) == [MODEL_FILE]
    loaded = CrisisGate.load({"alarm_threshold": 0.9}, storage, gate, CONTEXT)
    assert loaded.config == {"alarm_threshold": 0.9, "corpora": [], "random_seed": 42}
    assert loaded.probability("jeg vil ikke leve mere") is not None


def test_an_untrained_gate_leaves_the_word_to_diet(tmp_path: Path) -> None:
    gate = CrisisGate.create({}, LocalModelStorage(tmp_path), Resource("none"), CONTEXT)
    assert gate.model is None and gate.probability("hvad som helst") is None


def test_the_response_fallback_fills_in_its_defaults_when_created_directly(tmp_path: Path) -> None:
    classifier = ResponseFallbackClassifier.create(
        {"threshold": 0.6}, LocalModelStorage(tmp_path), Resource("fallback"), CONTEXT
    )
    assert classifier.component_config == {"threshold": 0.6, "ambiguity_threshold": 0.1}
    close = {"ranking": [{"confidence": 0.7}, {"confidence": 0.65}]}
    selector = {"all_retrieval_intents": ["faq"], "faq": close}
    said = Message(data={TEXT: "hvor længe?", INTENT: {"name": "faq", "confidence": 0.99},
                         "response_selector": selector})  # fmt: skip
    classifier.process([said])
    assert said.get(INTENT)["name"] == "nlu_fallback"
    assert said.get(INTENT_RANKING_KEY)[0]["name"] == "nlu_fallback"
