"""A new session keeps what the person told us and reloads the municipality's specifics."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.common.session import ActionSessionStart
from tests.actions.trackers import run, tracker


def test_a_new_session_carries_the_role_and_loads_the_current_phrases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "kommune.yml"
    config.write_text("kommune: Testkommune\nvisitation:\n  telefon: '11 22 33 44'\n",
                      encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("MUNICIPALITY_CONFIG", str(config))
    # Yesterday's conversation: a relative, with yesterday's (unconfigured) phrases.
    reply = run(ActionSessionStart(), tracker("public_faq_question"))
    assert reply.events[0] == SessionStarted()
    assert reply.events[-1] == ActionExecuted("action_listen")
    assert reply.events[1:-1] == [
        SlotSet("rolle", "paaroerende"),
        SlotSet("relation", "nærmeste"),
        SlotSet("signed_in", False),
        SlotSet("kommune", "Testkommune"),
        SlotSet("kontakt_visitation", "på telefon 11 22 33 44"),
        SlotSet("frist_terapeut", "i starten af forløbet"),
        SlotSet("varighed_forloeb", "så længe, som der står i afgørelsen fra visitationen"),
    ]
    assert reply.messages == []
