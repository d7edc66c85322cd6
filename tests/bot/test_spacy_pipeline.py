"""The Danish spaCy pipeline: built offline, identified, and never swapped under a model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bot.nlu import spacy_pipeline

HAS_PRODUCTION_MODEL = importlib.util.find_spec(spacy_pipeline.PRODUCTION_MODEL) is not None


def test_base_pipeline_lemmatizes_danish(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.load(spacy_pipeline.build_base(tmp_path / "base"))
    lemmas = [t.lemma_ for t in nlp("hun gik ud og spiste maden")]
    assert lemmas == ["hun", "gå", "ud", "og", "spise", "mad"]
    assert nlp.meta["name"] == spacy_pipeline.BASE_NAME


def test_base_pipeline_build_is_reproducible(tmp_path: Path) -> None:
    first = spacy_pipeline.build_base(tmp_path / "a")
    second = spacy_pipeline.build_base(tmp_path / "b")
    assert spacy_pipeline._directory_hash(first) == spacy_pipeline._directory_hash(second)


def test_forced_base_is_resolved_with_its_identity(monkeypatch) -> None:
    monkeypatch.setenv(spacy_pipeline.FORCE_ENV, "base")
    choice = spacy_pipeline.resolve()
    assert choice.kind == "base"
    assert choice.identity.startswith(f"{spacy_pipeline.BASE_NAME}@{spacy_pipeline.BASE_VERSION}#")
    assert "spacy-lookups-data" in choice.description


def test_missing_base_pipeline_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(spacy_pipeline.FORCE_ENV, "base")
    monkeypatch.setattr(spacy_pipeline, "BASE_DIR", tmp_path / "nowhere")
    with pytest.raises(spacy_pipeline.PipelineUnavailable, match="make install"):
        spacy_pipeline.resolve()


@pytest.mark.skipif(not HAS_PRODUCTION_MODEL, reason="da_core_news_sm is not installed here")
def test_production_model_is_preferred_when_installed(monkeypatch) -> None:
    monkeypatch.delenv(spacy_pipeline.FORCE_ENV, raising=False)
    choice = spacy_pipeline.resolve()
    assert choice.kind == "production"
    assert choice.identity.startswith("da_core_news_sm@3.4.")


@pytest.mark.skipif(not HAS_PRODUCTION_MODEL, reason="da_core_news_sm is not installed here")
def test_production_model_lemmatizes_danish() -> None:
    import spacy

    nlp = spacy.load(spacy_pipeline.PRODUCTION_MODEL)
    assert [t.lemma_ for t in nlp("hun gik")] == ["hun", "gå"]


def test_model_refuses_to_load_with_another_pipeline(
    model_path: Path, monkeypatch, tmp_path
) -> None:
    """A trained model loaded next to a different pipeline is an error, not quiet garbage."""
    from rasa.core.agent import Agent

    from bot.nlu.components import PipelineMismatch

    other = spacy_pipeline.build_base(tmp_path / "other")
    meta = other / "meta.json"
    meta.write_text(meta.read_text().replace(spacy_pipeline.BASE_VERSION, "9.9.9"))
    monkeypatch.setenv(spacy_pipeline.FORCE_ENV, "base")
    monkeypatch.setattr(spacy_pipeline, "BASE_DIR", other)
    with pytest.raises(Exception) as raised:
        Agent.load(str(model_path))
    chain = [raised.value, raised.value.__cause__, raised.value.__context__]
    assert any(isinstance(e, PipelineMismatch) for e in chain), repr(raised.value)
    assert "trained with the Danish spaCy pipeline" in str(raised.value) or any(
        "trained with the Danish spaCy pipeline" in str(e) for e in chain if e
    )
