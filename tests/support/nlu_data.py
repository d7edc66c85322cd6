"""Reading the NLU training data and the evaluation sets, and finding near-copies between them.

A held-out or blind item that is a near-copy of a training line measures memory, not
understanding. Texts are compared after folding (lower case, æ/ø/å as ae/oe/aa, punctuation and
entity annotations dropped) with difflib's similarity ratio.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
NEAR_COPY = 0.85
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def fold(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", text)  # entity annotations
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().translate(_FOLD)))


def training_examples(folder: Path = ROOT / "data" / "nlu") -> dict[str, list[str]]:
    """Intent (or retrieval intent like faq/klage) -> its training examples, as written."""
    examples: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            if "intent" not in block:
                continue
            lines = [ln.strip()[2:] for ln in block.get("examples", "").splitlines()
                     if ln.strip().startswith("- ")]  # fmt: skip
            examples.setdefault(block["intent"], []).extend(lines)
    return examples


def near_copies(
    items: Iterable[str], references: Iterable[str], threshold: float = NEAR_COPY
) -> list[tuple[str, str, float]]:
    """(item, the reference it nearly copies, ratio) for every item at or above `threshold`."""
    refs = sorted({fold(r) for r in references if fold(r)}, key=len)
    lengths = [len(r) for r in refs]
    found = []
    for item in items:
        folded = fold(item)
        if not folded:
            continue
        # Only references of a length that can reach the threshold (ratio <= 2*min/(a+b)).
        low = folded and len(folded) * threshold / (2 - threshold)
        high = len(folded) * (2 - threshold) / threshold
        matcher = difflib.SequenceMatcher(a=folded, autojunk=False)
        for ref, size in zip(refs, lengths, strict=True):
            if size < low or size > high:
                continue
            matcher.set_seq2(ref)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                found.append((item, ref, round(ratio, 3)))
                break
    return found
