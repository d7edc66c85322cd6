"""What the user is shown for each evaluation set, measured on a running Rasa server.

- Labelled sets (FAQ, objections, out of scope): Rasa's /model/parse, read as bot/evaluation.py
  reads it (right / wrong / held back; for out_of_scope, holding back is right). On the FAQ sets
  an objection answer counts as the FAQ it leads to on the public door (tests/bot/
  test_heldout_nlu.py `public_door`): the public door answers an objection with that FAQ.
- Crisis sets: each message opens a new conversation on the public door, and the first reply
  is read: right when it is one of the crisis replies of bot/domain/safety.yml (any kind), and
  also by kind (the reply of the labelled kind; `in_form` has none of its own). For everyday
  messages the figure is the alarm rate: how many got a crisis reply.

Each set is named with what it is: tuning (looked at while the model was tuned), dev (a
development set, tuned on), trained (the rules were tuned on it and a model learns from it: a
sanity figure only) or blind (never tuned on).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import requests
import yaml

from actions.mi.objections import OBJECTION_FAQ
from bot.evaluation import Report, acted_on, tally
from tests.support.procfile import ROOT

NLU = ROOT / "tests" / "nlu"
DEV = ROOT / "data" / "dev"
SAFETY = ROOT / "bot" / "domain" / "safety.yml"
CLIENTS = 3  # messages in flight at once: each is independent (a new conversation or a parse)


@dataclass(frozen=True)
class EvalSet:
    name: str
    path: Path
    role: str  # tuning, dev, trained or blind
    kind: str  # faq (public door mapping), labelled, crisis
    note: str = ""


class _Row(NamedTuple):
    folder: Path  # the set is <folder>/<name>.yml
    role: str
    kind: str
    note: str


# One row a set, by its name (also its file's name): a new set is one more row. A dict, so that a
# name given twice is an error (ruff F601), not a set measured twice under one name.
_ROWS = {
    "faq_heldout": _Row(NLU, "tuning", "faq",
        "held-out FAQ paraphrases; model size and FAQ gate thresholds were chosen on it"),
    "faq_blind": _Row(NLU, "blind", "faq",
        "written after tuning, never tuned on"),
    "indvending_heldout": _Row(NLU, "tuning", "labelled",
        "held-out objection paraphrases, checked by the tests' gates"),
    "oos_blind": _Row(NLU, "blind", "labelled",
        "near-miss questions no FAQ answers: held back = right"),
    "oos_dev": _Row(DEV, "dev", "labelled",
        "out-of-scope gate's development set (out_of_scope + faq_near)"),
    "crisis_blind": _Row(NLU, "blind", "crisis",
        "first reply is a crisis reply = right"),
    "noncrisis_blind": _Row(NLU, "blind", "crisis",
        "everyday messages: the alarm rate"),
    "crisis_blind2": _Row(NLU, "blind", "crisis",
        "second blind set, another writer: first reply is a crisis reply = right"),
    "noncrisis_blind2": _Row(NLU, "blind", "crisis",
        "second blind everyday set: the alarm rate"),
    "crisis_dev": _Row(DEV, "trained", "crisis",
        "crisis corpus 1 (kinds + noncrisis)"),
    "crisis_dev_2": _Row(DEV, "trained", "crisis",
        "crisis corpus 2, three writers (kinds + noncrisis)"),
}  # fmt: skip
SETS = tuple(
    EvalSet(name, row.folder / f"{name}.yml", row.role, row.kind, row.note)
    for name, row in _ROWS.items()
)


def public_door(label: str) -> str:
    """tests/bot/test_heldout_nlu.py's mapping: an objection gets its FAQ on the public door."""
    kind, _, key = label.partition("/")
    return f"faq/{OBJECTION_FAQ[key]}" if kind == "indvending" and key in OBJECTION_FAQ else label


def load_labelled(path: Path) -> dict[str, list[str]]:
    """label -> texts; a nested block (oos_dev's faq_near) contributes its own labels."""
    labelled: dict[str, list[str]] = {}
    for label, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
        if isinstance(value, dict):
            for inner, texts in value.items():
                labelled.setdefault(inner, []).extend(texts)
        else:
            labelled.setdefault(label, []).extend(value)
    return labelled


def evaluate_shown(
    parse: Callable[[str], dict[str, Any]],
    labelled: dict[str, list[str]],
    shown: Callable[[str], str] = lambda label: label,
) -> Report:
    """bot/evaluation.py's evaluate, with `shown` applied to what the user is given."""
    items = [(shown(expected), text) for expected, texts in labelled.items() for text in texts]
    with ThreadPoolExecutor(CLIENTS) as pool:
        parsed = list(pool.map(lambda item: parse(item[1]), items))
    return tally(
        (expected, text, shown(acted_on(result)))
        for (expected, text), result in zip(items, parsed, strict=True)
    )


def crisis_replies() -> dict[str, re.Pattern[str]]:
    """kind -> the pattern of its reply in bot/domain/safety.yml (placeholders as anything)."""
    responses = yaml.safe_load(SAFETY.read_text(encoding="utf-8"))["responses"]
    patterns = {}
    for name, variants in responses.items():
        kind = name.removeprefix("utter_crisis_")
        if kind in ("staff", "form_waits") or not name.startswith("utter_crisis_"):
            continue
        parts = re.split(r"\{\w+\}", variants[0]["text"])
        patterns[kind] = re.compile(".+?".join(re.escape(p) for p in parts), re.S)
    return patterns


def crisis_kind(reply: str, patterns: dict[str, re.Pattern[str]]) -> str | None:
    for kind, pattern in patterns.items():
        if pattern.search(reply):
            return kind
    return None


def crisis_set(say: Callable[[str, str], str], path: Path, tag: str) -> dict[str, Any]:
    """Each message as the first of a new public conversation; the first reply's crisis kind."""
    patterns = crisis_replies()
    labelled = load_labelled(path)
    by_kind: dict[str, dict[str, Any]] = {}
    for kind, texts in labelled.items():
        crises, same_kind, missed = 0, 0, []
        with ThreadPoolExecutor(CLIENTS) as pool:
            senders = [f"bench-{tag}-{kind}-{i}" for i in range(len(texts))]
            replies = list(pool.map(say, senders, texts))
        for text, reply in zip(texts, replies, strict=True):
            got = crisis_kind(reply, patterns)
            crises += got is not None
            same_kind += got == kind
            if (got is None) != (kind == "noncrisis"):
                missed.append({"text": text, "got": got})
        by_kind[kind] = {
            "total": len(texts),
            "crisis_reply": crises,
            "reply_of_its_kind": same_kind if kind in patterns else None,
            "misses": missed,
        }
    return by_kind


def public_say(rasa_url: str) -> Callable[[str, str], str]:
    def say(sender: str, text: str) -> str:
        reply = requests.post(
            f"{rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=120,
        )
        reply.raise_for_status()
        return "\n".join(m.get("text") or "" for m in reply.json())

    return say


def evaluate_sets(stack: Any, tag: str) -> list[dict[str, Any]]:
    """Every set of SETS on the stack's Rasa server (its /model/parse and its public door)."""
    results = []
    say = public_say(stack.rasa_url)
    for s in SETS:
        entry: dict[str, Any] = {"name": s.name, "path": str(s.path.relative_to(ROOT)),
                                 "role": s.role, "kind": s.kind, "note": s.note}  # fmt: skip
        if s.kind in ("faq", "labelled"):
            shown = public_door if s.kind == "faq" else (lambda label: label)
            report = evaluate_shown(stack.parse, load_labelled(s.path), shown)
            entry.update(
                total=report.total, right=report.right, wrong=report.wrong, held=report.held,
                misses=[m.__dict__ for m in report.misses],
            )  # fmt: skip
        else:
            kinds = crisis_set(say, s.path, f"{tag}-{s.name}")
            crisis = {k: v for k, v in kinds.items() if k != "noncrisis"}
            entry["by_kind"] = kinds
            if crisis:
                entry["total"] = sum(v["total"] for v in crisis.values())
                entry["right"] = sum(v["crisis_reply"] for v in crisis.values())
            if "noncrisis" in kinds:
                entry["everyday_total"] = kinds["noncrisis"]["total"]
                entry["alarms"] = kinds["noncrisis"]["crisis_reply"]
        results.append(entry)
    return results


def share(count: int, total: int) -> str:
    return f"{count / total:.3f}" if total else "–"


def render(results: list[dict[str, Any]], misses: bool = True, limit: int = 12) -> str:
    lines = []
    for e in results:
        head = f"[{e['name']}] ({e['role']}; {e['path']}; {e['note']})"
        lines.append(head)
        if e["kind"] in ("faq", "labelled"):
            t = e["total"]
            lines.append(
                f"  {t} messages: right {share(e['right'], t)} ({e['right']}), "
                f"wrong {share(e['wrong'], t)} ({e['wrong']}), "
                f"held back {share(e['held'], t)} ({e['held']})"
            )
            if misses:
                for m in e["misses"][:limit]:
                    lines.append(f"    MISS expected {m['expected']:<34} got {m['predicted']:<34}"
                                 f" {m['text'][:90]!r}")  # fmt: skip
                if len(e["misses"]) > limit:
                    lines.append(f"    … {len(e['misses']) - limit} more in results.json")
            continue
        if "total" in e:
            lines.append(f"  crisis messages {e['total']}: first reply a crisis reply "
                         f"{share(e['right'], e['total'])} ({e['right']})")  # fmt: skip
        for kind, v in e["by_kind"].items():
            if kind == "noncrisis":
                continue
            of_kind = v["reply_of_its_kind"]
            kind_text = (f", the {kind} reply {share(of_kind, v['total'])} ({of_kind})"
                         if of_kind is not None else "")  # fmt: skip
            lines.append(
                f"    {kind:<9} {v['total']:>3}: crisis reply "
                f"{share(v['crisis_reply'], v['total'])} ({v['crisis_reply']}){kind_text}"
            )
        if "alarms" in e:
            lines.append(f"  everyday messages {e['everyday_total']}: alarm rate "
                         f"{share(e['alarms'], e['everyday_total'])} ({e['alarms']})")  # fmt: skip
        if misses:
            shown = 0
            for kind, v in e["by_kind"].items():
                for m in v["misses"]:
                    if shown < limit:
                        what = "ALARM" if kind == "noncrisis" else "MISS "
                        lines.append(f"    {what} {kind:<9} {m['text'][:100]!r}")
                    shown += 1
            if shown > limit:
                lines.append(f"    … {shown - limit} more in results.json")
    return "\n".join(lines)
