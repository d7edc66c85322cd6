"""What the user is shown for messages no one trained on: the held-out FAQ and objection
paraphrases get the right answer, rarely a wrong one, and questions outside the topics are held
back. The gates assert right / wrong / held back, never top-1 past the fallback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from actions.faq.catalog import FAQ_QUESTIONS
from actions.mi.objections import OBJECTION_FAQ
from bot.evaluation import Report, evaluate, load_set
from tests.conftest import ROOT

NLU = ROOT / "tests" / "nlu"


def public_door(label: str) -> str:
    """On the public door an objection ("I skærer jo bare ned") gets its FAQ answer."""
    kind, _, key = label.partition("/")
    return f"faq/{OBJECTION_FAQ[key]}" if kind == "indvending" and key in OBJECTION_FAQ else label


def report_on(
    parse: Callable[[str], dict[str, Any]], name: str, shown: Callable[[str], str] | None = None
) -> Report:
    report = evaluate(parse, load_set(NLU / f"{name}.yml"), shown)
    print(f"\n[{name}] " + report.render())  # every miss is listed in the test output
    return report


@pytest.mark.parametrize(("name", "ids"), [("faq_heldout", FAQ_QUESTIONS),
                                           ("indvending_heldout", OBJECTION_FAQ)])  # fmt: skip
def test_heldout_sets_cover_every_id_with_five_paraphrases(name: str, ids: dict) -> None:
    prefix = name.split("_")[0]
    heldout = load_set(NLU / f"{name}.yml")
    assert set(heldout) == {f"{prefix}/{i}" for i in ids}
    assert min(len(texts) for texts in heldout.values()) >= 5


def test_heldout_faq_is_answered_right_and_rarely_wrong(parse) -> None:
    """As a citizen on the public door sees it."""
    report = report_on(parse, "faq_heldout", shown=public_door)
    assert report.share(report.right) >= 0.95, report.render()
    assert report.share(report.wrong) <= 0.02, report.render()


def test_heldout_objections_are_answered_right(parse) -> None:
    report = report_on(parse, "indvending_heldout")
    assert report.share(report.right) >= 0.92, report.render()


def test_questions_outside_the_topics_are_held_back(parse) -> None:
    report = report_on(parse, "oos_blind")
    assert report.total >= 60
    assert report.share(report.right) >= 0.90, report.render()


def test_the_blind_faq_set_covers_every_id() -> None:
    """tests/nlu/faq_blind.yml is reported by `make bench` as the unbiased FAQ estimate."""
    assert set(load_set(NLU / "faq_blind.yml")) == {f"faq/{i}" for i in FAQ_QUESTIONS}
