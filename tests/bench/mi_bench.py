"""MI coder figures for `make bench`: quality on the team's held-out and blind sets, the 5-fold
cross-validated figures on the corpus (computed when the artifact was trained), the unsure
rate, milliseconds per line and the memory the loaded coder adds.

    .venv-bot/bin/python -c "from tests.bench.mi_bench import report; print(report())"
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from sklearn.metrics import accuracy_score, f1_score

from actions.mi import coder, corpus
from actions.mi.evaluate import SHORT
from actions.mi.practice import classify

ROOT = Path(__file__).resolve().parents[2]
SETS = ROOT / "tests" / "mi"
PRACTITIONER_SETS = ("practice_labelled.yml", "practice_blind.yml", "blind_practitioner.yml")
CITIZEN_SETS = ("blind_citizen.yml",)
TIMED_LINES = 300
CITIZEN_SHORT = {"forandringssnak": "FOR", "fastholdelsessnak": "FAST", "neutral": "NEU"}
MEMORY_PROBE = """
import json, os
def rss():
    for line in open(f"/proc/{os.getpid()}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from actions.mi.practice import classify
classify("Hvordan går det?")  # spaCy and the rules, which the action server loads anyway
before = rss()
from actions.mi import coder
loaded = coder.load()
loaded.practitioner([coder.Line("Hvad tænker du?")])
print(json.dumps({"before": before, "after": rss(), "kind": type(loaded).__name__}))
"""


def table(gold: Sequence[str], predicted: Sequence[str], short: dict[str, str]) -> str:
    """Confusion table: rows gold, columns predicted, abbreviated (key below)."""
    names = sorted(set(gold) | set(predicted), key=lambda n: list(short).index(n))
    width = max(len(n) for n in names)
    counts = {(g, p): 0 for g in names for p in names}
    for g, p in zip(gold, predicted, strict=True):
        counts[(g, p)] += 1
    rows = ["gold \\ forudsagt".ljust(width) + "".join(f"{short[n]:>6}" for n in names)]
    rows += [g.ljust(width) + "".join(f"{counts[(g, p)]:>6}" for p in names) for g in names]
    rows.append("Nøgle: " + ", ".join(f"{short[n]} = {n}" for n in names))
    return "\n".join(rows)


def scores(gold: Sequence[str], predicted: Sequence[str], short: dict[str, str]) -> str:
    labels = [n for n in short if n in set(gold) | set(predicted)]
    per = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    per_label = ", ".join(f"{short[n]} {s:.2f}" for n, s in zip(labels, per, strict=True))
    return (
        f"accuracy {accuracy_score(gold, predicted):.3f}, "
        f"macro-F1 {f1_score(gold, predicted, average='macro', zero_division=0):.3f}\n"
        f"per-label F1: {per_label}"
    )


def _unsure_rate(codes: Sequence[coder.Code]) -> float:
    return sum(code.unsure for code in codes) / max(len(codes), 1)


C = TypeVar("C", coder.Code, coder.CitizenCode)  # what a coder gives a line


def _coded(
    examples: Sequence[corpus.Example],
    code: Callable[[Sequence[coder.Line]], list[C]],
    label: Callable[[C], str],
    rule: Callable[[str], str],
) -> tuple[list[str], list[C], list[str], list[str]]:
    """One set, line by line: the gold labels, the learned coder's codes and their labels, and
    what the rules alone say. Practitioner and citizen lines differ only in the three callables."""
    lines = [e.line for e in examples]
    codes = code(lines)
    predicted = [label(c) for c in codes]
    return [e.label for e in examples], codes, predicted, [rule(line.text) for line in lines]


def practitioner_sets(learned: coder.Coder | coder.RuleCoder) -> list[str]:
    out = []
    for name in PRACTITIONER_SETS:
        examples = corpus.load_practitioner(SETS / name)
        gold, codes, predicted, rules = _coded(
            examples, learned.practitioner, lambda c: c.label, lambda text: classify(text).value
        )
        with_context = sum(bool(e.line.context) for e in examples)
        out.append(
            f"-- practitioner lines, {name} ({len(examples)} lines, {with_context} with context)\n"
            f"learned coder: {scores(gold, predicted, SHORT)}\n"
            f"unsure: {_unsure_rate(codes):.1%}\n"
            f"{table(gold, predicted, SHORT)}\n"
            f"rules alone: {scores(gold, rules, SHORT)}"
        )
    return out


def citizen_sets(learned: coder.Coder | coder.RuleCoder) -> list[str]:
    from actions.mi.change_talk import analyse

    out = []
    for name in CITIZEN_SETS:
        examples = corpus.load_citizen(SETS / name)
        gold, codes, predicted, rules = _coded(
            examples, learned.citizen, lambda c: c.kind.label, lambda text: analyse(text).kind.value
        )
        talk = [
            (e.category, c.category.label)
            for e, c in zip(examples, codes, strict=True)
            if e.category and c.category
        ]
        category_accuracy = sum(g == p for g, p in talk) / max(len(talk), 1)
        out.append(
            f"-- citizen lines, {name} ({len(examples)} lines)\n"
            f"learned coder, kind: {scores(gold, predicted, CITIZEN_SHORT)}\n"
            f"unsure (kind): {_unsure_rate([c.kind for c in codes]):.1%}\n"
            f"{table(gold, predicted, CITIZEN_SHORT)}\n"
            f"DARN-CAT category accuracy where both say change or sustain talk: "
            f"{category_accuracy:.3f} ({len(talk)} lines)\n"
            f"rules alone, kind: {scores(gold, rules, CITIZEN_SHORT)}"
        )
    return out


def cross_validated(artifact: dict) -> str:
    cv = artifact["cv"]
    rows = [f"-- {cv['folds']}-fold cross-validation on the corpus (computed at training)"]
    names = {
        "practitioner": "practitioner, 7 codes",
        "practitioner_with_context_only": "practitioner, lines with context",
        "practitioner_context_removed": "practitioner, context removed",
        "kind": "citizen kind",
        "category": "citizen DARN-CAT (change and sustain lines)",
    }
    for key, title in names.items():
        s = cv[key]
        per = ", ".join(
            f"{SHORT.get(k, CITIZEN_SHORT.get(k, k))} {v:.2f}" for k, v in s["per_label"].items()
        )
        rows.append(f"{title}: accuracy {s['accuracy']:.3f}, macro-F1 {s['macro_f1']:.3f}")
        rows.append(f"  per-label F1: {per}")
    rates = cv["unsure_rate"]
    rows.append(
        "unsure rate (CV): "
        + ", ".join(f"{k} {v:.1%}" for k, v in rates.items())
        + f"; thresholds {json.dumps(artifact['unsure'])}"
    )
    for key in ("practitioner", "kind"):
        gold, predicted = [], []
        for g, row in cv[key]["confusion"].items():
            for p, n in row.items():
                gold += [g] * n
                predicted += [p] * n
        short = SHORT if key == "practitioner" else CITIZEN_SHORT
        rows.append(f"confusion ({key}, CV):\n{table(gold, predicted, short)}")
    return "\n".join(rows)


def _timed(call: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call: CPU time stays honest on a shared, busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"mean {statistics.mean(values):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


def latency(learned: coder.Coder | coder.RuleCoder) -> str:
    practitioner = corpus.load_practitioner()[:TIMED_LINES]
    citizen = corpus.load_citizen()[:TIMED_LINES]
    learned.practitioner([practitioner[0].line])  # warm-up
    rows = [f"-- speed, one line per call ({TIMED_LINES} lines each, CPU only)"]
    calls = (
        ("practitioner", [lambda e=e: learned.practitioner([e.line]) for e in practitioner]),
        ("citizen (kind + category)", [lambda e=e: learned.citizen([e.line]) for e in citizen]),
    )
    for name, timed in calls:
        walls, cpus = zip(*(_timed(call) for call in timed), strict=True)
        rows.append(f"{name}: wall {_summary(list(walls))}; CPU {_summary(list(cpus))}")
    load = os.getloadavg()[0]
    rows.append(f"(load average {load:.1f} on {os.cpu_count()} cores while measuring)")
    return "\n".join(rows)


def memory() -> str:
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        check=True,
    )
    figures = json.loads(probe.stdout.strip().splitlines()[-1])
    size = coder.ARTIFACT.stat().st_size / 1e6 if coder.ARTIFACT.exists() else 0.0
    return (
        f"-- memory: action-server-like process with spaCy and the rules loaded "
        f"{figures['before']:.0f} MB RSS; after loading the coder ({figures['kind']}) "
        f"{figures['after']:.0f} MB (+{figures['after'] - figures['before']:.1f} MB); "
        f"artifact {size:.1f} MB on disk"
    )


def report() -> str:
    learned = coder.load()
    header = (
        f"MI coder bench · {platform.node()} · {os.cpu_count()} cores · "
        f"{time.strftime('%Y-%m-%d')} · {type(learned).__name__}"
    )
    parts = [header]
    if isinstance(learned, coder.Coder):
        parts.append(cross_validated(learned.artifact))
    else:
        parts.append(f"no artifact at {coder.ARTIFACT} (make mi-coder): the rules code alone")
    parts += practitioner_sets(learned)
    parts += citizen_sets(learned)
    parts.append(latency(learned))
    parts.append(memory())
    return "\n\n".join(parts)


if __name__ == "__main__":
    print(report())
