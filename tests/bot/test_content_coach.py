"""The objection coach does not contradict itself, and keeps to the motivational interview (MITI).

Machine-checkable "Undgå": in part 6 of every coaching text (bot/domain/indvending.yml), each
phrase in »…« is a wording to avoid. None of them may appear in

- the answer the coach then sends to the citizen ("7. Svar til borgeren": the citizen variation,
  without a condition, of the FAQ answer that actions/mi/objections.py maps the objection to,
  with its placeholders filled from the slots' initial values, as the action server does),
- the coach's own lines for the citizen (parts 2–5),
- the motivation guide (bot/domain/motivationsguide.yml), except where a "Faldgrube" quotes it as
  the thing not to say.

Phrases match case-insensitively on whole words, ignoring punctuation.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.mi.objections import OBJECTION_FAQ

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "bot" / "domain"


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((DOMAIN / name).read_text(encoding="utf-8"))


COACH = _load("indvending.yml")["responses"]
GUIDE = _load("motivationsguide.yml")["responses"]
FAQ = _load("faq.yml")["responses"]
SLOTS = _load("core.yml")["slots"]

QUOTED = re.compile(r"»([^«]+)«")
PART = re.compile(r"^(?P<number>[1-6])\. (?P<title>[^:\n]+): (?P<body>.*)$", re.M)


def coaching(objection: str) -> str:
    (variation,) = COACH[f"utter_indvending/{objection}"]
    return variation["text"]


def parts(objection: str) -> dict[int, str]:
    return {int(m["number"]): m["body"] for m in PART.finditer(coaching(objection))}


def avoided_phrases(objection: str) -> list[str]:
    return QUOTED.findall(parts(objection)[6])


def citizen_lines(objection: str) -> dict[int, str]:
    lines = {}
    for number in (2, 3, 4, 5):
        (line,) = QUOTED.findall(parts(objection)[number])
        lines[number] = line
    return lines


def _normal(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def violations(phrases: list[str], text: str) -> list[str]:
    """The phrases that occur in text (whole words, any case, punctuation ignored)."""
    return [p for p in phrases if _normal(p) in _normal(text)]


def answer_to_citizen(objection: str) -> str:
    """The FAQ answer sent after the coaching, as an unconfigured assistant sends it."""
    (plain,) = [v for v in FAQ[f"utter_faq/{OBJECTION_FAQ[objection]}"] if not v.get("condition")]

    def value(match: re.Match[str]) -> str:
        slot = SLOTS.get(match.group(1)) or {}
        return str(slot.get("initial_value", match.group(0)))

    return re.sub(r"\{(\w+)\}", value, plain["text"])


OBJECTIONS = sorted(OBJECTION_FAQ)


def test_every_objection_has_coaching_in_six_parts() -> None:
    assert set(COACH) == {f"utter_indvending/{o}" for o in OBJECTIONS}
    for objection in OBJECTIONS:
        assert sorted(parts(objection)) == [1, 2, 3, 4, 5, 6], objection


@pytest.mark.parametrize("objection", OBJECTIONS)
def test_undgaa_names_the_wordings_to_avoid(objection: str) -> None:
    assert avoided_phrases(objection), f"{objection}: no »…« phrase in part 6 (Undgå)"


@pytest.mark.parametrize("objection", OBJECTIONS)
def test_the_answer_to_the_citizen_follows_the_objections_own_advice(objection: str) -> None:
    found = violations(avoided_phrases(objection), answer_to_citizen(objection))
    assert not found, f"{objection} -> utter_faq/{OBJECTION_FAQ[objection]} says {found}"


@pytest.mark.parametrize("objection", OBJECTIONS)
def test_the_coachs_own_lines_follow_its_advice(objection: str) -> None:
    lines = " ".join(citizen_lines(objection).values())
    assert not violations(avoided_phrases(objection), lines), objection


def test_no_objection_is_answered_with_another_objections_pitfall() -> None:
    """The threat of losing abilities is named under altid_faaet_hjaelp; no answer may use it."""
    every_phrase = sorted({p for o in OBJECTIONS for p in avoided_phrases(o)})
    for objection in OBJECTIONS:
        found = violations(every_phrase, answer_to_citizen(objection))
        assert not found, f"{objection} -> utter_faq/{OBJECTION_FAQ[objection]} says {found}"


def _guide_text_without_quoted_pitfalls(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(
        QUOTED.sub(" ", line) if line.startswith("Faldgrube:") else line for line in lines
    )


def test_the_motivation_guide_does_not_say_what_the_coach_advises_against() -> None:
    every_phrase = sorted({p for o in OBJECTIONS for p in avoided_phrases(o)})
    for key, variations in GUIDE.items():
        for variation in variations:
            found = violations(every_phrase, _guide_text_without_quoted_pitfalls(variation["text"]))
            assert not found, f"{key} ({variation.get('condition')}): {found}"


# The texts the review found; the checks above must catch each of them.
OLD_TEXTS = [
    ("jeres_arbejde", "Men når andre gør tingene for dig, kan du langsomt miste evnen til selv at "
     "gøre dem."),
    ("altid_faaet_hjaelp", "Men når andre gør tingene for dig, kan du langsomt miste evnen til "
     "selv at gøre dem."),
    ("ikke_nu", "Du kan spørge visitationen, hvad der gælder for dig, og hvad det betyder, hvis du "
     "siger nej."),
    ("paaroerende_siger_nej", "Som pårørende kan du gøre en stor forskel. Vær gerne med til det "
     "første møde, hvis din pårørende ønsker det."),
    ("besparelse", "Faldgrube: At præsentere det, så det lyder som en spareplan. Sig, at det er en "
     "hjælp til at kunne mere selv – ikke mindre hjælp."),
]  # fmt: skip


@pytest.mark.parametrize(("objection", "old_text"), OLD_TEXTS)
def test_the_checks_catch_the_texts_the_review_found(objection: str, old_text: str) -> None:
    assert violations(avoided_phrases(objection), _guide_text_without_quoted_pitfalls(old_text))


# --- MI fidelity (MITI 4.2) -----------------------------------------------------------------------


@pytest.mark.parametrize("objection", OBJECTIONS)
def test_a_simple_reflection_only_rephrases(objection: str) -> None:
    """One short sentence, no clause that adds a reason or a second meaning."""
    line = citizen_lines(objection)[2]
    words = re.findall(r"[^\W_]+", line.lower())
    assert len(words) <= 12, line
    assert not {"og", "men", "fordi", "så", "derfor"} & set(words), line
    assert line.count(".") + line.count("?") + line.count("!") == 1, line


def test_autonomy_lines_are_true_and_varied() -> None:
    autonomy = [citizen_lines(o)[4] for o in OBJECTIONS]
    # The citizen does not decide what the granted help is spent on.
    assert not [a for a in autonomy if re.search(r"bestemme\w*\b[^.]*\bhjælpen", a)], autonomy
    formula = [a for a in autonomy if "det er dig, der bestemmer" in a.lower()]
    assert len(formula) <= 1, formula
    assert len(set(autonomy)) == len(autonomy)


def _jaccard(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"[^\W_]+", a.lower())), set(re.findall(r"[^\W_]+", b.lower()))
    return len(wa & wb) / len(wa | wb)


def test_evoking_questions_differ() -> None:
    questions = {o: citizen_lines(o)[5] for o in OBJECTIONS}
    assert all(q.endswith("?") for q in questions.values()), questions
    similar = [
        (a, b, round(_jaccard(questions[a], questions[b]), 2))
        for a, b in itertools.combinations(OBJECTIONS, 2)
        if _jaccard(questions[a], questions[b]) >= 0.5
    ]
    assert not similar, similar
    assert sum("klare selv igen" in q for q in questions.values()) <= 1


def test_the_righting_reflex_has_its_danish_name() -> None:
    for name in ("indvending.yml", "motivationsguide.yml"):
        text = (DOMAIN / name).read_text(encoding="utf-8")
        assert "opretterrefleks" not in text.lower(), name
    assert all("ordnerefleksen" in parts(o)[6] for o in OBJECTIONS)
