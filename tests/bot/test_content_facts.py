"""The answers say only what the sources support, and nothing a municipality must configure.

- Kvalitetsstandard 10 B (seed 000) governs § 86, stk. 2 maintenance training; its 15 weekdays and
  4 weeks are not rules of a rehabilitation course.
- Seed 002 describes 2013 practice; since then serviceloven § 83 a and the 2025 ældrelov. Whether
  taking part is voluntary and whether there is free choice of provider is therefore never stated
  as universal: the citizen's own decision letter (afgørelsen) governs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions.common.municipality import UNCONFIGURED

ROOT = Path(__file__).resolve().parents[2]
FAQ = yaml.safe_load((ROOT / "bot" / "domain" / "faq.yml").read_text(encoding="utf-8"))["responses"]
AUDIENCES = {"borger": None, "paaroerende": "paaroerende", "medarbejder": "medarbejder"}


def text(faq_id: str, audience: str) -> str:
    for variation in FAQ[f"utter_faq/{faq_id}"]:
        conditions = variation.get("condition") or [{"value": None}]
        if conditions[0]["value"] == AUDIENCES[audience]:
            return variation["text"]
    raise KeyError((faq_id, audience))


def every_text() -> list[tuple[str, str]]:
    return [(key, v["text"]) for key, variations in FAQ.items() for v in variations]


@pytest.mark.parametrize(
    "wording",
    [
        "Nexus",  # a product name; municipalities use different systems
        "15 hverdage",  # Kvalitetsstandard 10 B, maintenance training
        "4 uger",  # idem
        "8 til 12 uger",  # 2013 practice in some municipalities
        "Mange steder starter",  # the sources support "nogle steder"
        "følger op hver uge",  # the sources: evaluation "f.eks. hver uge"
        "strømpepåtager",  # not in the sources
        "som udgangspunkt frit valg",  # 2013 rule presented as universal
        "plejecent",  # the answers say "plejehjem"
    ],
)
def test_unsupported_specifics_are_not_said(wording: str) -> None:
    said = [key for key, t in every_text() if wording.lower() in t.lower()]
    assert not said, f"{wording!r} in {said}"


def test_weekly_follow_up_is_only_an_example() -> None:
    for key, t in every_text():
        for match in re.finditer(r"hver uge", t):
            assert t[max(0, match.start() - 3) : match.start()] == "fx ", key


def test_the_unconfigured_phrases_invent_no_period() -> None:
    for name in ("frist_terapeut", "varighed_forloeb"):
        assert not re.search(r"\d", UNCONFIGURED[name]), name
    assert "afgørelsen" in UNCONFIGURED["varighed_forloeb"]


@pytest.mark.parametrize("faq_id", ["skal_jeg_deltage", "frit_valg"])
def test_legal_status_points_to_the_decision_letter(faq_id: str) -> None:
    for audience in ("borger", "paaroerende", "medarbejder"):
        assert "afgørelse" in text(faq_id, audience), (faq_id, audience)
    staff = text(faq_id, "medarbejder")
    assert "§ 83 a" in staff and "ældreloven" in staff, staff
    assert "2013" in staff, "staff should see that the municipal survey is dated"


def test_an_ambivalent_citizen_is_not_told_what_a_no_means() -> None:
    for audience in ("borger", "paaroerende"):
        assert "sige nej" not in text("skal_jeg_deltage", audience)
        assert "siger nej" not in text("skal_jeg_deltage", audience)


def test_the_therapist_contact_is_not_the_maintenance_training_norm() -> None:
    for audience in AUDIENCES:
        answer = text("hvornaar_kontakt", audience)
        assert "{frist_terapeut}" in answer
        assert "plejepersonalet" not in answer  # the wording of Kvalitetsstandard 10 B
    assert "vedligeholdelsestræning" in text("hvornaar_kontakt", "medarbejder")


def test_the_example_configuration_labels_the_maintenance_training_norm() -> None:
    config = (ROOT / "bot" / "municipality.yml").read_text(encoding="utf-8")
    if "15" in config:
        assert "§ 86, stk. 2" in config
        assert "under forudsætning af ledig kapacitet" in config


def test_goals_are_mål_delmål_and_handlinger() -> None:
    assert "mål, delmål og handlinger" in text("hvordan_saettes_maal", "borger")
    assert "mål, delmål og handlinger" in text("hvordan_saettes_maal", "medarbejder")
    for audience in ("borger", "paaroerende"):
        assert "handlingerne" in text("hvad_er_delmaal", audience)


def test_the_citizen_is_not_threatened_with_losing_abilities() -> None:
    for audience in ("borger", "paaroerende"):
        answer = text("hvorfor_ikke_bare_hjaelpe", audience).lower()
        assert "miste evnen" not in answer and "gå tabt" not in answer, audience
