"""Trains the MI coder from data/mi/ and writes build/mi_coder/coder.joblib (`make mi-coder`).

    python -m actions.mi.train_coder            # train, cross-validate, write the artifact
    python -m actions.mi.train_coder --compare  # the alternatives, by 5-fold CV macro-F1

Every design decision is made by stratified 5-fold cross-validation on the corpus; the blind
sets in tests/mi/ are only used to leave out corpus lines that repeat one of their lines.
Deterministic: fixed folds and seeds, and nothing in the artifact depends on the clock.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from actions.mi import corpus
from actions.mi.coder import ARTIFACT, FORMAT, Unsure, pipelines_path
from actions.mi.corpus import Example
from actions.mi.features import CITIZEN, PRACTITIONER, Line, Parsed, parse
from actions.mi.linear import export
from actions.mi.model import SEED, Options, head, pipeline

FOLDS = 5
# Chosen by CV (README, `--compare`): all feature groups; for the category, no rule features
# (the rules' DARN-CAT guess cost 3 points of macro-F1 there).
PRACTITIONER_OPTIONS = Options(c=10.0)
KIND_OPTIONS = Options(context=False, c=10.0)
CATEGORY_OPTIONS = Options(context=False, rules=False, c=10.0)
# Unsure-threshold search: a firm right code +1, a firm wrong one −1, "kan læses som både X og
# Y" +0.25 when X or Y is right and −1 when neither is. So hedging pays only when the runner-up
# is close (p2 > 0.6·p1): a hedge with three labels is nearly always "right", and too many of
# them would leave a colleague with no answer.
FLOORS = tuple(round(x, 2) for x in np.arange(0.0, 0.81, 0.05))
MARGINS = tuple(round(x, 2) for x in np.arange(0.0, 0.41, 0.05))
HEDGE_RIGHT, HEDGE_WRONG = 0.25, -1.0


@dataclass(frozen=True)
class Data:
    examples: list[Example]
    parsed: list[Parsed]
    bare: list[Parsed]  # practitioner lines without their context (for the augmentation)
    labels: np.ndarray


def load_data(role: str) -> Data:
    """The corpus without lines that repeat an evaluation line, parsed once."""
    evaluation = corpus.evaluation_texts()
    if role == PRACTITIONER:
        examples = corpus.without(corpus.load_practitioner(), evaluation)
    else:
        examples = corpus.without(corpus.load_citizen(), evaluation)
    parsed = [parse(example.line, role) for example in examples]
    bare = [
        parse(Line(example.line.text), role) if example.line.context else parsed[i]
        for i, example in enumerate(examples)
    ]
    return Data(examples, parsed, bare, np.array([example.label for example in examples]))


def training_set(
    data: Data, indices: Sequence[int], augment: bool
) -> tuple[list[Parsed], np.ndarray]:
    """The lines, plus (augment) a copy without context of every line that has one: in the
    corpus only reflections always have a context, and a coder that learned "has context means
    reflection" would fail on plain practice lines."""
    features = [data.parsed[i] for i in indices]
    labels = [data.labels[i] for i in indices]
    if augment:
        extra = [i for i in indices if data.examples[i].line.context]
        features += [data.bare[i] for i in extra]
        labels += [data.labels[i] for i in extra]
    return features, np.array(labels)  # CalibratedClassifierCV counts classes with ==


def folds(labels: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    return list(splitter.split(np.zeros(len(labels)), labels))


@dataclass
class CrossValidation:
    classes: list[str]
    probabilities: np.ndarray  # out-of-fold, one row per line
    bare_probabilities: np.ndarray | None = None  # the same lines with the context removed


def cross_validate(
    data: Data, options: Options, *, augment: bool = False, subset: np.ndarray | None = None
) -> CrossValidation:
    """Out-of-fold probabilities; `subset` restricts training and testing to those lines."""
    indices = np.arange(len(data.labels)) if subset is None else np.flatnonzero(subset)
    labels = data.labels[indices]
    classes = sorted(set(labels))
    out = np.zeros((len(data.labels), len(classes)))
    bare = np.zeros_like(out)
    for train, test in folds(labels):
        train_i, test_i = indices[train], indices[test]
        features, targets = training_set(data, train_i, augment)
        model = head(options).fit(features, targets)
        order = [list(model.classes_).index(c) for c in classes]
        out[test_i] = model.predict_proba([data.parsed[i] for i in test_i])[:, order]
        bare[test_i] = model.predict_proba([data.bare[i] for i in test_i])[:, order]
    keep = indices
    return CrossValidation(classes, out[keep], bare[keep])


@dataclass(frozen=True)
class Scores:
    accuracy: float
    macro_f1: float
    per_label: dict[str, float]
    confusion: dict[str, dict[str, int]]

    @classmethod
    def of(cls, gold: Sequence[str], predicted: Sequence[str]) -> Scores:
        labels = sorted(set(gold) | set(predicted))
        per = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
        confusion = {g: {p: 0 for p in labels} for g in labels}
        for g, p in zip(gold, predicted, strict=True):
            confusion[g][p] += 1
        return cls(
            float(accuracy_score(gold, predicted)),
            float(f1_score(gold, predicted, average="macro", zero_division=0)),
            {label: float(score) for label, score in zip(labels, per, strict=True)},
            confusion,
        )


def top(cv: CrossValidation, probabilities: np.ndarray | None = None) -> list[str]:
    rows = cv.probabilities if probabilities is None else probabilities
    return [cv.classes[i] for i in rows.argmax(axis=1)]


def hedging_score(probabilities: np.ndarray, gold: Sequence[str], classes: list[str], u: Unsure):
    """Total score of a threshold pair, and its unsure rate."""
    total, unsure = 0.0, 0
    for row, answer in zip(probabilities, gold, strict=True):
        order = np.argsort(row)[::-1]
        first, second = classes[order[0]], classes[order[1]]
        if u.applies(row[order[0]], row[order[1]]):
            unsure += 1
            total += HEDGE_RIGHT if answer in {first, second} else HEDGE_WRONG
        else:
            total += 1.0 if answer == first else -1.0
    return total, unsure / max(len(gold), 1)


def choose_unsure(cv: CrossValidation, gold: Sequence[str]) -> tuple[Unsure, float]:
    """The threshold pair with the best hedging score (ties: fewer unsure lines)."""
    best: tuple[float, float, Unsure] | None = None
    for floor in FLOORS:
        for margin in MARGINS:
            candidate = Unsure(float(floor), float(margin))
            score, rate = hedging_score(cv.probabilities, gold, cv.classes, candidate)
            if best is None or (score, -rate) > (best[0], -best[1]):
                best = (score, rate, candidate)
    assert best is not None
    return best[2], best[1]


def _rate(probabilities: np.ndarray, unsure: Unsure) -> float:
    ranked = np.sort(probabilities, axis=1)[:, ::-1]
    return float(np.mean([unsure.applies(row[0], row[1]) for row in ranked]))


def fit(data: Data, options: Options, role: str, *, augment: bool, subset=None) -> Pipeline:
    """The artifact's pipeline: Parse in front of the head fitted on the parsed records."""
    indices = np.arange(len(data.labels)) if subset is None else np.flatnonzero(subset)
    features, labels = training_set(data, indices, augment)
    fitted = head(options).fit(features, labels)
    for _, group in fitted.named_steps["features"].transformer_list:
        vectorizer = group.steps[-1][1]
        # Not needed to predict, and they would make the artifact's bytes differ between runs:
        # the terms min_df dropped (a set, ordered by Python's hash seed), and a memory address.
        for attribute in ("stop_words_", "_stop_words_id"):
            if hasattr(vectorizer, attribute):
                delattr(vectorizer, attribute)
    return Pipeline([pipeline(options, role).steps[0], *fitted.steps])


def _category_data(data: Data) -> Data:
    labels = np.array([example.category or "-" for example in data.examples])
    return Data(data.examples, data.parsed, data.bare, labels)


def train() -> tuple[dict[str, Any], int]:
    started = time.monotonic()
    practitioner = load_data(PRACTITIONER)
    citizen = load_data(CITIZEN)
    talk = citizen.labels != "neutral"
    category = _category_data(citizen)

    cv_p = cross_validate(practitioner, PRACTITIONER_OPTIONS, augment=True)
    cv_k = cross_validate(citizen, KIND_OPTIONS)
    cv_c = cross_validate(category, CATEGORY_OPTIONS, subset=talk)
    unsure_p, rate_p = choose_unsure(cv_p, practitioner.labels)
    unsure_k, rate_k = choose_unsure(cv_k, citizen.labels)
    unsure_c, rate_c = choose_unsure(cv_c, category.labels[talk])
    has_context = np.array([bool(e.line.context) for e in practitioner.examples])
    gold_p = list(practitioner.labels)
    report = {
        "practitioner": asdict(Scores.of(gold_p, top(cv_p))),
        "practitioner_with_context_only": asdict(
            Scores.of(list(practitioner.labels[has_context]), np.array(top(cv_p))[has_context])
        ),
        "practitioner_context_removed": asdict(
            Scores.of(gold_p, top(cv_p, cv_p.bare_probabilities))
        ),
        "kind": asdict(Scores.of(list(citizen.labels), top(cv_k))),
        "category": asdict(Scores.of(list(category.labels[talk]), top(cv_c))),
        "unsure_rate": {"practitioner": rate_p, "kind": rate_k, "category": rate_c},
        "folds": FOLDS,
    }
    models = {
        "practitioner": fit(practitioner, PRACTITIONER_OPTIONS, PRACTITIONER, augment=True),
        "kind": fit(citizen, KIND_OPTIONS, CITIZEN, augment=False),
        "category": fit(category, CATEGORY_OPTIONS, CITIZEN, augment=False, subset=talk),
    }
    from bot.nlu.spacy_pipeline import resolve

    return {
        "format": FORMAT,
        "models": {name: export(model) for name, model in models.items()},
        "pipelines": models,  # written to a file of their own: see `write`
        "unsure": {
            "practitioner": asdict(unsure_p),
            "kind": asdict(unsure_k),
            "category": asdict(unsure_c),
        },
        "corpus_sha256": corpus.fingerprint([corpus.PRACTITIONER_CORPUS, corpus.CITIZEN_CORPUS]),
        "evaluation_sha256": corpus.fingerprint(corpus.evaluation_files()),
        "spacy_pipeline": resolve().identity,
        "options": {
            "practitioner": asdict(PRACTITIONER_OPTIONS),
            "kind": asdict(KIND_OPTIONS),
            "category": asdict(CATEGORY_OPTIONS),
        },
        "training_lines": {
            "practitioner": len(practitioner.examples),
            "citizen": len(citizen.examples),
        },
        "cv": report,
    }, round(time.monotonic() - started)


# --- alternatives (--compare) --------------------------------------------------------------------


def compare() -> str:
    """Macro-F1 by 5-fold CV for the alternatives the README names."""
    rows = []
    practitioner = load_data(PRACTITIONER)
    has_context = np.array([bool(e.line.context) for e in practitioner.examples])
    gold = list(practitioner.labels)
    base = PRACTITIONER_OPTIONS
    trials: list[tuple[str, Options, bool]] = [
        ("words + chars", base.but(lemmas=False, rules=False, context=False), False),
        ("+ lemmas", base.but(rules=False, context=False), False),
        ("+ rules", base.but(context=False), False),
        ("+ context", base, False),
        ("+ context, augmented (chosen)", base, True),
        ("  same, C=3", base.but(c=3.0), True),
        ("  same, C=30", base.but(c=30.0), True),
        ("  same, rule/context weight 2", base.but(rule_weight=2.0), True),
        ("  same, negation + last clause", base.but(negation=True, ending=True), True),
        ("  same, LinearSVC C=0.3 calibrated", base.but(classifier="svm", c=0.3), True),
    ]
    rows.append("practitioner (7 codes): macro-F1 all lines | lines with context | context removed")
    for name, options, augment in trials:
        cv = cross_validate(practitioner, options, augment=augment)
        predicted = np.array(top(cv))
        bare = top(cv, cv.bare_probabilities)
        rows.append(
            f"  {name:<38} {f1_score(gold, predicted, average='macro'):.3f} | "
            f"{f1_score(np.array(gold)[has_context], predicted[has_context], average='macro'):.3f}"
            f" | {f1_score(gold, bare, average='macro'):.3f}"
        )
    citizen = load_data(CITIZEN)
    category = _category_data(citizen)
    talk = citizen.labels != "neutral"
    rows.append("citizen: kind macro-F1 | category macro-F1 (change and sustain lines)")
    kind_base = KIND_OPTIONS
    for name, options in [
        ("words + chars", kind_base.but(lemmas=False, rules=False)),
        ("+ lemmas", kind_base.but(rules=False)),
        ("+ rules", kind_base),
        ("  same, C=3", kind_base.but(c=3.0)),
        ("  same, negation scope marked", kind_base.but(negation=True)),
        ("  same, last clause on its own", kind_base.but(ending=True)),
        ("  same, LinearSVC C=0.3 calibrated", kind_base.but(classifier="svm", c=0.3)),
    ]:
        cv_k = cross_validate(citizen, options)
        cv_c = cross_validate(category, options, subset=talk)
        kind_f1 = f1_score(citizen.labels, top(cv_k), average="macro")
        category_f1 = f1_score(category.labels[talk], top(cv_c), average="macro")
        rows.append(f"  {name:<38} {kind_f1:.3f} | {category_f1:.3f}")
    return "\n".join(rows)


def write(artifact: dict[str, Any], path: Path = ARTIFACT) -> None:
    """The serving artifact (plain numbers, loads without sklearn) and, beside it, the sklearn
    pipelines it was exported from, which the tests compare it with."""
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    serving = {key: value for key, value in artifact.items() if key != "pipelines"}
    reference = {"corpus_sha256": artifact["corpus_sha256"], "models": artifact["pipelines"]}
    for target, content in ((pipelines_path(path), reference), (path, serving)):
        temporary = target.with_suffix(".tmp")
        joblib.dump(content, temporary, compress=3)
        temporary.replace(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="CV of the alternatives")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if args.compare:
        print(compare())
        return 0
    artifact, seconds = train()
    write(artifact, args.out)
    cv = artifact["cv"]
    print(
        f"MI coder → {args.out}: practitioner CV macro-F1 {cv['practitioner']['macro_f1']:.3f}, "
        f"citizen kind {cv['kind']['macro_f1']:.3f}, category {cv['category']['macro_f1']:.3f} "
        f"({seconds} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
