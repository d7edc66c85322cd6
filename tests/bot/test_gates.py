"""The second-opinion gates (bot/nlu/scope_gate.py, bot/nlu/crisis_gate.py) without Rasa's graph:
trained on a small invented corpus, stored and loaded through Rasa's model storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.crisis_gate import CrisisGate
from bot.nlu.scope_gate import ScopeGate

FAQ = [
    "hvorfor skal jeg træne med hjemmeplejen",
    "hvad er hverdagsrehabilitering for noget",
    "hvor længe varer mit forløb med træning",
    "hvem bestemmer mine mål i forløbet",
    "hvorfor kommer hjemmeplejen ikke mere hos mig",
    "skal jeg selv træne i hverdagen",
    "hvad sker der når forløbet med træning slutter",
    "kan min datter være med til mål",
]
OUT = ["hvad koster en pizza i byen", "hvornår spiller FCK på søndag", "hvor kan jeg parkere bilen",
       "er der banko i forsamlingshuset", "hvad bliver vejret i morgen tidlig",
       "kan du anbefale en god krimi", "hvornår åbner biblioteket om lørdagen",
       "hvad hedder dronningens hund"]  # fmt: skip
CRISIS = ["jeg vil ikke leve mere", "min mor er faldet og kan ikke komme op",
          "han slår mig hver dag", "det brænder i køkkenet"]  # fmt: skip


def corpus() -> TrainingData:
    examples = [Message(data={TEXT: t, INTENT: "faq"}) for t in FAQ]
    examples += [Message(data={TEXT: t, INTENT: "out_of_scope"}) for t in OUT]
    examples += [Message(data={TEXT: t, INTENT: "crisis"}) for t in CRISIS]
    return TrainingData(training_examples=examples)


def trained(cls, tmp_path: Path, **config):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]
    resource = Resource(cls.__name__)
    cls.create({**cls.get_default_config(), **config}, storage, resource, context).train(corpus())
    return cls.load({**cls.get_default_config(), **config}, storage, resource, context)


def message(text: str, intent: str, ranking: list[str] | None = None) -> Message:
    ranks = [{"name": name, "confidence": 0.9} for name in (ranking or [intent])]
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.99},
                         INTENT_RANKING_KEY: ranks})  # fmt: skip


def test_the_scope_gate_holds_back_an_faq_guess_that_looks_like_nothing_the_faq_answers(tmp_path):
    gate = trained(ScopeGate, tmp_path)
    held, kept = (
        message("hvad koster en pizza på havnen", "faq"),
        message("hvorfor skal jeg træne i hverdagen", "faq"),
    )
    gate.process([held, kept])
    assert held.get(INTENT)["name"] == "nlu_fallback"
    assert held.get(INTENT_RANKING_KEY)[0]["name"] == "nlu_fallback"
    assert kept.get(INTENT)["name"] == "faq"


def test_the_scope_gate_leaves_other_intents_alone(tmp_path):
    gate = trained(ScopeGate, tmp_path, threshold=0.99)
    other = message("hvad koster en pizza på havnen", "indvending")
    gate.process([other])
    assert other.get(INTENT)["name"] == "indvending"


def test_the_scope_gate_is_trained_on_faq_against_out_of_scope_only(tmp_path):
    gate = trained(ScopeGate, tmp_path)
    assert gate.label("faq") is True and gate.label("out_of_scope") is False
    assert gate.label("crisis") is None
    assert list(gate.model.classes_) == [False, True]


@pytest.mark.parametrize(("threshold", "expected"), [(0.0, "crisis"), (1.01, "nlu_fallback")])
def test_diets_crisis_guess_alone_is_no_alarm(tmp_path, threshold, expected):
    """No rule fires on this text: the second model decides; DIET's guess alone is unclear."""
    gate = trained(CrisisGate, tmp_path, alarm_threshold=threshold)
    guess = message("det er helt sort for mig nu", "crisis", ["crisis", "faq"])
    gate.process([guess])
    assert guess.get(INTENT)["name"] == expected


def test_the_corpora_train_the_second_model_and_change_the_fingerprint(tmp_path):
    corpus = tmp_path / "corpus.yml"
    corpus.write_text("danger:\n- der er ild i gardinet\nnoncrisis:\n- hvornår er der bingo\n")
    config = {"corpora": [str(corpus)]}
    context = ExecutionContext(graph_schema=None, model_id="t")  # type: ignore[arg-type]
    config_in_full = {**CrisisGate.get_default_config(), **config}
    gate = CrisisGate.create(config_in_full, LocalModelStorage(tmp_path), Resource("c"), context)
    assert gate.extra_examples() == [
        ("der er ild i gardinet", True),
        ("hvornår er der bingo", False),
    ]
    before = CrisisGate.fingerprint_addon(config)
    corpus.write_text("danger:\n- det lugter af gas\nnoncrisis:\n- hvornår er der bingo\n")
    assert CrisisGate.fingerprint_addon(config) != before


@pytest.mark.parametrize(
    ("text", "threshold", "kind"),
    [("jeg vil ikke leve mere", 1.01, "suicide"), ("det er helt sort for mig nu", 0.0, "unknown")],
)
def test_a_rule_or_the_second_model_makes_a_crisis_whatever_diet_guessed(
    tmp_path, text, threshold, kind
):
    """A rule names the kind; the second model alone (no rule fires on the second) cannot."""
    gate = trained(CrisisGate, tmp_path, alarm_threshold=threshold)
    said = message(text, "faq", ["faq", "out_of_scope"])
    gate.process([said])
    assert said.get(INTENT)["name"] == "crisis"
    kinds = [e["value"] for e in said.get("entities") if e["entity"] == "crisis_kind"]
    assert kinds == [kind]


def test_an_entity_value_training_never_gave_a_closed_set_is_dropped(tmp_path):
    from bot.nlu.known_values import KnownEntityValues

    situation = {"entity": "borger_situation", "value": "demens", "start": 12, "end": 18}
    role = {"entity": "rolle", "value": "paaroerende", "start": 9, "end": 18}
    training = TrainingData(
        training_examples=[
            Message(data={TEXT: "borgeren har demens", INTENT: "describe_situation",
                          "entities": [situation]}),
            Message(data={TEXT: "jeg er pårørende", INTENT: "state_role", "entities": [role]}),
        ]
    )  # fmt: skip
    storage, context = LocalModelStorage(tmp_path), ExecutionContext(graph_schema=None)  # type: ignore[arg-type]
    config = {"entities": ["borger_situation", "rolle"]}
    resource = Resource("known")
    KnownEntityValues.create(config, storage, resource, context).train(training)
    component = KnownEntityValues.load(config, storage, resource, context)
    slip = {"entity": "borger_situation", "value": "borger", "start": 30, "end": 36}
    other = {"entity": "relation", "value": "mor", "start": 0, "end": 3}
    said = Message(data={TEXT: "mor skriver som pårørende til en borger",
                         "entities": [other, dict(role), slip]})  # fmt: skip
    component.process([said])
    assert [e["value"] for e in said.get("entities")] == ["mor", "paaroerende"]
