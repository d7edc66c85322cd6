"""Who is asking (the staff door's verified identity, or nobody), and what day it is."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from actions.common import clock
from actions.common.identity import Staff, staff_from_metadata, staff_of
from tests.actions.trackers import identity, tracker


def test_the_staff_door_identity_is_read_from_the_latest_message() -> None:
    assert staff_of(tracker("show_goals_request")) == Staff(
        "u-5a1e0c7d9b3f2e41", "terapeut.jensen", "terapeut", "s-6b0f4e1a2c3d4e5f60718293a4b5c6d7"
    )
    assert staff_of(tracker("public_faq_question")) is None
    assert staff_of(tracker("show_goals_request", staff=None)) is None


@pytest.mark.parametrize(
    "metadata",
    [None, "staff", {"staff": "terapeut"}, {"staff": {"user_id": "u-1", "username": "t",
                                                      "role": "terapeut"}},  # no session
     {"other": identity()}],
)  # fmt: skip
def test_anything_less_than_a_full_identity_is_nobody(metadata: object) -> None:
    assert staff_from_metadata(metadata) is None


@pytest.mark.parametrize(
    ("role", "writes"),
    [("terapeut", True), ("visitator", True), ("kontaktperson", True), ("leder", False),
     ("admin", False), ("borger", False)],
)  # fmt: skip
def test_only_the_writing_roles_may_write(role: str, writes: bool) -> None:
    assert staff_from_metadata({"staff": identity(role=role)}).can_write is writes


def test_today_is_the_danish_calendar_day_unless_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHAB_TODAY", "2027-02-28")
    assert clock.today() == dt.date(2027, 2, 28)
    monkeypatch.delenv("REHAB_TODAY")
    before = dt.datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    today = clock.today()
    after = dt.datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    assert today in {before, after}
