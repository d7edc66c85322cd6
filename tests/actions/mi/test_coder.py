"""The learned MI coder: the artifact matches the corpus and loads, it predicts, it says when it
is unsure, and it meets its floors on the blind sets (tests/mi/blind_*.yml, never trained or
tuned on). Speed and memory are measured by the bench (tests/bench/mi_bench.py), not here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import f1_score

from actions.mi import coder, corpus
from actions.mi.coder import LABELS, CitizenCode, Code, RuleCoder, Unsure
from actions.mi.features import Line

ROOT = Path(__file__).resolve().parents[3]
BLIND = ROOT / "tests" / "mi"
PRACTITIONER_FLOOR = 0.80
CITIZEN_FLOOR = 0.70


@pytest.fixture(scope="module")
def artifact() -> dict:
    if not coder.ARTIFACT.exists():
        pytest.fail(f"{coder.ARTIFACT} is missing: run `make mi-coder`.")
    return coder.read_artifact()


@pytest.fixture(scope="module")
def learned(artifact: dict) -> coder.Coder:
    return coder.Coder(artifact)


def test_the_artifact_was_trained_on_the_corpus_as_it_is(artifact: dict) -> None:
    from bot.nlu.spacy_pipeline import resolve

    paths = [corpus.PRACTITIONER_CORPUS, corpus.CITIZEN_CORPUS]
    assert artifact["corpus_sha256"] == corpus.fingerprint(paths), "run `make mi-coder`"
    assert artifact["evaluation_sha256"] == corpus.fingerprint(corpus.evaluation_files())
    # Lemmas are features: another spaCy pipeline would feed the model other words.
    assert artifact["spacy_pipeline"] == resolve().identity
    assert set(artifact["models"]) == {"practitioner", "kind", "category"}


def test_no_evaluation_line_was_trained_on(artifact: dict) -> None:
    evaluation = corpus.evaluation_texts()
    kept = corpus.without(corpus.load_practitioner(), evaluation)
    assert artifact["training_lines"]["practitioner"] == len(kept)
    # Short replies ("ja", "okay") recur in both; the trainer leaves them out all the same.
    assert len(kept) < len(corpus.load_practitioner())


def test_the_coder_loads_once_and_predicts(learned: coder.Coder) -> None:
    assert coder.load() is coder.load()
    codes = learned.practitioner(
        [Line("Hvad betyder det for dig at kunne gå til bageren?"), Line("Du skal gå mere.")]
    )
    assert [code.label for code in codes] == ["åbent spørgsmål", "råd/overtalelse uden tilladelse"]
    assert all(code.label in LABELS and 0.0 <= code.probability <= 1.0 for code in codes)
    talk = learned.citizen([Line("Jeg vil så gerne kunne klare trappen selv igen.")])[0]
    assert talk.kind.label == "forandringssnak"
    assert talk.category is not None and talk.category.label == "ønsker"


def test_the_exported_numbers_give_the_sklearn_pipelines_probabilities(
    artifact: dict, learned: coder.Coder
) -> None:
    import joblib

    reference = joblib.load(coder.pipelines_path())
    assert reference["corpus_sha256"] == artifact["corpus_sha256"]
    lines = [e.line for e in corpus.load_practitioner()[::97]]
    citizen = [e.line for e in corpus.load_citizen()[::61]]
    for name, sample in (("practitioner", lines), ("kind", citizen), ("category", citizen)):
        pipeline = reference["models"][name]
        expected = pipeline.predict_proba(sample)
        parsed = pipeline.steps[0][1].transform(sample)
        got = np.array([learned.compiled[name].predict_proba(p) for p in parsed])
        assert list(pipeline.classes_) == learned.compiled[name].classes
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)


def test_serving_needs_no_sklearn() -> None:
    """sklearn would add ~14 MB to the action server; the artifact is plain numbers."""
    probe = (
        "import sys\n"
        "from actions.mi import coder\n"
        "loaded = coder.load()\n"
        "loaded.practitioner([coder.Line('Hvad tænker du?')])\n"
        "print(type(loaded).__name__, 'sklearn' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split()[-2:] == ["Coder", "False"]


def test_neutral_talk_has_no_category(learned: coder.Coder) -> None:
    talk = learned.citizen([Line("Min søster bor i Odense.")])[0]
    if talk.kind.label == "neutral":
        assert talk.category is None


def _blind(name: str) -> list[corpus.Example]:
    path = BLIND / name
    loader = corpus.load_practitioner if "practitioner" in name else corpus.load_citizen
    return loader(path)


def test_practitioner_macro_f1_on_the_blind_set(learned: coder.Coder) -> None:
    examples = _blind("blind_practitioner.yml")
    predicted = [code.label for code in learned.practitioner([e.line for e in examples])]
    score = f1_score([e.label for e in examples], predicted, average="macro")
    print(f"\nblind practitioner macro-F1 {score:.3f} ({len(examples)} lines)")
    assert len(examples) >= 350
    assert score >= PRACTITIONER_FLOOR


def test_citizen_kind_macro_f1_on_the_blind_set(learned: coder.Coder) -> None:
    examples = _blind("blind_citizen.yml")
    predicted = [code.kind.label for code in learned.citizen([e.line for e in examples])]
    score = f1_score([e.label for e in examples], predicted, average="macro")
    print(f"\nblind citizen kind macro-F1 {score:.3f} ({len(examples)} lines)")
    assert len(examples) >= 250
    assert score >= CITIZEN_FLOOR


# --- unsure ------------------------------------------------------------------------------------


def test_an_unsure_line_names_both_readings() -> None:
    code = Code("simpel refleksion", 0.48, "kompleks refleksion", 0.44, unsure=True)
    assert code.describe() == "kan læses som både simpel refleksion og kompleks refleksion"
    firm = Code("åbent spørgsmål", 0.97, "lukket spørgsmål", 0.02)
    assert firm.describe() == "åbent spørgsmål"


def test_an_unsure_category_is_worded_inside_the_kind() -> None:
    talk = CitizenCode(
        Code("forandringssnak", 0.9, "neutral", 0.05),
        Code("evner", 0.45, "forpligtelse", 0.4, unsure=True),
    )
    assert talk.describe() == "forandringssnak (kan læses som både evner og forpligtelse)"


@pytest.mark.parametrize(
    ("first", "second", "unsure"),
    [(0.45, 0.30, True), (0.62, 0.35, True), (0.80, 0.15, False), (0.55, 0.05, False)],
)
def test_unsure_below_the_floor_or_within_the_margin(
    first: float, second: float, unsure: bool
) -> None:
    assert Unsure(floor=0.5, margin=0.3).applies(first, second) is unsure


def test_the_thresholds_come_from_cross_validation(artifact: dict) -> None:
    for name in ("practitioner", "kind", "category"):
        chosen = artifact["unsure"][name]
        assert 0.0 <= chosen["floor"] < 1.0 and 0.0 <= chosen["margin"] < 1.0
        assert 0.0 <= artifact["cv"]["unsure_rate"][name] < 0.3


def test_without_an_artifact_the_rules_code(tmp_path: Path) -> None:
    fallback = coder.load.__wrapped__(tmp_path / "missing.joblib")
    assert isinstance(fallback, RuleCoder)
    assert fallback.practitioner([Line("Du skal gå mere.")])[0].label == (
        "råd/overtalelse uden tilladelse"
    )
    talk = fallback.citizen([Line("Jeg kan godt gå til købmanden.")])[0]
    assert (talk.kind.label, talk.category and talk.category.label) == ("forandringssnak", "evner")
