"""Accuracy and confusion of the utterance classifier on a labelled YAML file.

The file is a YAML list of ``{text: ..., label: ...}`` with the Danish label values::

    python -m actions.mi.evaluate tests/mi/practice_labelled.yml
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from actions.mi.practice import Label, classify

Confusion = dict[tuple[str, str], int]  # (gold, predicted) → count


@dataclass(frozen=True)
class Miss:
    text: str
    gold: str
    predicted: str


def load_examples(path: str | Path) -> list[tuple[str, str]]:
    data: Any = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict):  # tolerate one top-level key holding the list
        lists = [value for value in data.values() if isinstance(value, list)]
        data = lists[0] if len(lists) == 1 else None
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a YAML list of {{text, label}}")
    examples = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or "text" not in item or "label" not in item:
            raise ValueError(f"{path}: item {number} needs 'text' and 'label'")
        examples.append((str(item["text"]), str(item["label"]).strip()))
    return examples


def evaluate(path: str | Path) -> tuple[float, Confusion, list[Miss]]:
    examples = load_examples(path)
    confusion: Counter[tuple[str, str]] = Counter()
    misses = []
    for text, gold in examples:
        predicted = classify(text).value
        confusion[(gold, predicted)] += 1
        if predicted != gold:
            misses.append(Miss(text, gold, predicted))
    accuracy = (len(examples) - len(misses)) / len(examples) if examples else 0.0
    return accuracy, dict(confusion), misses


SHORT = {
    Label.OPEN_QUESTION.value: "ÅS",
    Label.CLOSED_QUESTION.value: "LS",
    Label.SIMPLE_REFLECTION.value: "SR",
    Label.COMPLEX_REFLECTION.value: "KR",
    Label.AFFIRMATION.value: "BE",
    Label.PERSUASION.value: "RÅD",
    Label.INFORMATION.value: "INF",
}


def render_confusion(confusion: Confusion) -> str:
    """Rows are the gold labels, columns the predicted ones (abbreviated, key below)."""
    known = [label.value for label in Label]
    extra = sorted({name for pair in confusion for name in pair} - set(known))
    names = known + extra
    short = {name: SHORT.get(name, name[:6]) for name in names}
    width = max(len(name) for name in names)
    header = "gold \\ forudsagt".ljust(width) + "".join(f"{short[n]:>6}" for n in names)
    rows = [header]
    for gold in names:
        cells = "".join(f"{confusion.get((gold, predicted), 0):>6}" for predicted in names)
        rows.append(gold.ljust(width) + cells)
    rows.append("Nøgle: " + ", ".join(f"{short[n]} = {n}" for n in names))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="YAML list of {text, label}")
    parser.add_argument("--misses", action="store_true", help="also list the misclassified lines")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # spaCy may pull in TensorFlow: quiet it
    accuracy, confusion, misses = evaluate(args.path)
    total = sum(confusion.values())
    print(f"Accuracy: {accuracy:.1%} ({total - len(misses)}/{total})")
    print(render_confusion(confusion))
    if args.misses:
        for miss in misses:
            print(f"- [{miss.gold} → {miss.predicted}] {miss.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
