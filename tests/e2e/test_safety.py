"""Crisis first, end to end: every crisis message of the team's blind set gets emergency help in
the first reply, on the public door, and also in the middle of goal capture, the motivation
guide and practice mode on the staff door. Everyday messages raise no alarm."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.e2e.conftest import Staff
from tests.support.stack import ApiProcess, BotProcesses

BLIND = yaml.safe_load((ROOT / "tests" / "nlu" / "crisis_blind.yml").read_text())
EVERYDAY = yaml.safe_load((ROOT / "tests" / "nlu" / "noncrisis_blind.yml").read_text())
CRISES = [(kind, text) for kind, texts in BLIND.items() for text in texts]
MID_FLOW = [*BLIND["in_form"][:4], BLIND["suicide"][0], BLIND["violence"][0], BLIND["danger"][0]]


def assert_emergency_help(kind: str, reply: str) -> None:
    if kind == "suicide":
        assert "Livslinien" in reply and "70 201 201" in reply, reply
    assert "112" in reply, reply


@pytest.mark.parametrize(("kind", "text"), CRISES, ids=[f"{k}-{i}" for i, (k, _) in
                                                        enumerate(CRISES)])  # fmt: skip
def test_every_blind_crisis_message_gets_emergency_help_first(
    bot: BotProcesses, kind: str, text: str
) -> None:
    reply = bot.say(f"crisis-{abs(hash(text))}", text)
    assert_emergency_help(kind, reply)
    assert "Er det et af disse spørgsmål" not in reply  # no FAQ buttons instead of help


@pytest.fixture
def staff_token(api: ApiProcess, staff: dict[str, Staff]) -> Callable[[str], str]:
    def sign_in(name: str) -> str:
        password = api.add_staff(name, "terapeut")
        return api.sign_in(name, password)

    return sign_in


FLOWS: dict[str, tuple[list[str], str, str]] = {
    # opening messages, then the answer that shows the flow waited, and what it leads to
    "goal capture": (["nyt mål for B-7000", "egenomsorg"], "gå i bad selv", "vigtig"),
    "guide": (["start motivationsguiden"], "næste", "trin"),
    "practice": (["øv mine spørgsmål"], "Hvad er vigtigst for dig?", "åbent"),
}


@pytest.mark.parametrize("flow", sorted(FLOWS))
@pytest.mark.parametrize("text", MID_FLOW)
def test_a_crisis_mid_flow_gets_help_first_and_the_flow_waits(
    bot: BotProcesses, staff_token: Callable[[str], str], flow: str, text: str
) -> None:
    token = staff_token(f"flow-{flow.replace(' ', '-')}-{abs(hash(text)) % 10**8}")
    openings, answer, expected = FLOWS[flow]
    for message in openings:
        bot.staff_say(token, message)
    reply = bot.staff_say(token, text)
    kind = next(k for k, texts in BLIND.items() if text in texts)
    assert_emergency_help(kind, reply)
    assert "Til dig som medarbejder" in reply
    assert expected.lower() in bot.staff_say(token, answer).lower()


def test_everyday_messages_raise_no_alarm(parse: Callable[[str], dict[str, Any]]) -> None:
    texts = EVERYDAY["noncrisis"]
    alarms = [t for t in texts if parse(t)["intent"]["name"] == "crisis"]
    assert len(alarms) <= 0.02 * len(texts), alarms
