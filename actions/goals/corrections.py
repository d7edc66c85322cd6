"""What "Ret" means: which field of which problem or delmål the user wants to change.

Exact first: every button's payload maps straight to its choice. Then the typed words: a field
word ("frist", "handlinger", "tilfredshed" …), which part ("delmål", "aktivitet", "målet"), and
which item, by number ("delmål 2", "anden aktivitet", "sidste delmål") or by name ("fristen for
delmålet om badet"). Field words are checked most specific first, so "fristen for delmålet"
changes the delmål's date, never the goal's statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ORDINALS = {"foerste": 1, "første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4,
            "femte": 5, "sjette": 6, "syvende": 7, "ottende": 8, "niende": 9}  # fmt: skip
# (word stem, field) for each part; checked in this order.
SUBGOAL_FIELDS = [("frist", "subgoal_due_date"), ("dato", "subgoal_due_date"),
                  ("handling", "subgoal_actions"), ("ansvar", "subgoal_responsible"),
                  ("tekst", "subgoal_description"), ("beskriv", "subgoal_description")]  # fmt: skip
PROBLEM_FIELDS = [("vigtig", "problem_importance"), ("udfør", "problem_performance"),
                  ("udfoer", "problem_performance"), ("tilfreds", "problem_satisfaction"),
                  ("område", "problem_area"), ("omraade", "problem_area"),
                  ("tekst", "problem_activity"), ("aktivitet", "problem_activity")]  # fmt: skip
STOP_WORDS = {"ret", "rette", "for", "i", "om", "af", "til", "den", "det", "de", "en", "et",
              "jeg", "vil", "gerne", "skal", "på", "paa", "med", "og", "nummer", "nr"}  # fmt: skip


@dataclass(frozen=True)
class Choice:
    """A field to clear (`slot`), on item `index` of `part` ("problem"/"subgoal") if a list."""

    slot: str | None = None
    part: str | None = None
    index: int | None = None
    add: bool = False  # add another item of `part`

    @property
    def needs_field(self) -> bool:
        return self.slot is None and not self.add


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zæøå0-9]+", text.lower())


def _item_number(words: list[str], count: int) -> int | None:
    for word in words:
        if word.isdigit() and 1 <= int(word) <= count:
            return int(word) - 1
        if word in ORDINALS and ORDINALS[word] <= count:
            return ORDINALS[word] - 1
        if word in ("sidste", "seneste"):
            return count - 1
    return None


def _item_by_name(words: list[str], names: list[str]) -> int | None:
    """The one item whose text shares the most words with what was typed, if unique."""
    wanted = {w for w in words if w not in STOP_WORDS and len(w) > 2}
    scores = [len(wanted & set(_words(name))) for name in names]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


def _which(words: list[str], names: list[str]) -> int | None:
    if len(names) == 1:
        return 0
    number = _item_number(words, len(names))
    return number if number is not None else _item_by_name(words, names)


def _field(words: list[str], fields: list[tuple[str, str]]) -> str | None:
    for stem, slot in fields:
        if any(w.startswith(stem) for w in words):
            return slot
    return None


def parse_choice(
    text: str, problems: list[str], subgoals: list[str], pending: str | None = None
) -> Choice | None:
    """The correction the user asked for. `problems`/`subgoals` are the items' texts;
    `pending` ("problem:0" or "subgoal:1") is the item chosen with the previous answer."""
    words = _words(text)
    if not words:
        return None
    folded = " ".join(words)
    if pending:
        part, _, raw_index = pending.partition(":")
        fields = SUBGOAL_FIELDS if part == "subgoal" else PROBLEM_FIELDS
        slot = _field(words, fields)
        if slot:
            return Choice(slot, part, int(raw_index))
    if re.search(r"\b(tilføj|tilfoej|ny|nyt|mere|flere)\b", folded):
        if "delm" in folded:
            return Choice(part="subgoal", add=True)
        if "aktivitet" in folded or "copm" in folded:
            return Choice(part="problem", add=True)
    if any(w.startswith(("reference", "borger")) for w in words):
        return Choice("citizen_ref")
    if any(w.startswith(("delmål", "delmaal")) for w in words) or _field(
        words, [("handling", ""), ("ansvar", "")]
    ):
        index = _which(words, subgoals)
        slot = _field(words, SUBGOAL_FIELDS)
        if index is None:
            return Choice(part="subgoal")  # which delmål? asked with buttons
        has_number = _item_number(words, len(subgoals)) is not None and len(subgoals) > 1
        if slot is None and has_number:
            return Choice(part="subgoal", index=index)  # which field of it? asked next
        return Choice(slot or "subgoal_description", "subgoal", index)
    problem_slot = _field(words, PROBLEM_FIELDS)
    if problem_slot or "copm" in words:
        index = _which(words, problems)
        if index is None:
            return Choice(part="problem")
        has_number = _item_number(words, len(problems)) is not None and len(problems) > 1
        only_named = problem_slot in (None, "problem_activity") and "tekst" not in folded
        if only_named and has_number:  # "aktivitet 2": which of its fields? asked next
            return Choice(part="problem", index=index)
        return Choice(problem_slot or "problem_activity", "problem", index)
    if any(w.startswith(("frist", "dato", "deadline")) for w in words):
        return Choice("goal_due_date")
    if any(w in ("mål", "målet", "maal", "maalet", "formulering", "målformulering") for w in words):
        return Choice("goal_statement")
    if any(w.startswith(("tilknyt", "knyttet", "hvilken")) for w in words):
        return Choice("goal_problem")
    return None


def buttons(
    problems: list[dict[str, Any]], subgoals: list[dict[str, Any]], pending: str | None
) -> list[dict[str, str]]:
    """The choices offered after "Ret": first what to correct, then which field of it."""
    if pending:
        part, _, raw_index = pending.partition(":")
        number = int(raw_index) + 1
        if part == "subgoal":
            return [{"title": title, "payload": f"{field} for delmål {number}"} for title, field in
                    [("Delmålet", "teksten"), ("Handlingerne", "handlinger"),
                     ("Ansvarlig", "ansvarlig"), ("Frist", "frist")]]  # fmt: skip
        return [{"title": title, "payload": f"{field} for aktivitet {number}"} for title, field in
                [("Område", "område"), ("Aktiviteten", "teksten"), ("Vigtighed", "vigtighed"),
                 ("Udførelse", "udførelse"), ("Tilfredshed", "tilfredshed")]]  # fmt: skip
    choices = [{"title": "Borgerens reference", "payload": "reference"}]
    choices += [{"title": f"Aktivitet {i}: {p['activity']}", "payload": f"aktivitet {i}"}
                for i, p in enumerate(problems, 1)]  # fmt: skip
    choices += [{"title": "Målet", "payload": "målet"}, {"title": "Målets frist",
                                                          "payload": "frist"}]  # fmt: skip
    if len(problems) > 1:
        choices.append({"title": "Hvilken aktivitet målet hører til", "payload": "tilknytning"})
    choices += [{"title": f"Delmål {i}: {s['description']}", "payload": f"delmål {i}"}
                for i, s in enumerate(subgoals, 1)]  # fmt: skip
    choices.append({"title": "Tilføj et delmål", "payload": "tilføj delmål"})
    return choices
