"""Who is asking: the staff identity the staff door verified, or nobody.

Only the staff channel (bot/channels/staff.py) puts `staff` into a message's metadata, after the
goals API confirmed the bearer token; the public door drops whatever metadata a client sends.
Every action reads the identity of the current message, never a slot, so an expired session
cannot linger in the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker

# Who may write goals, re-assessments and evaluations (the API enforces the same).
WRITERS = frozenset({"visitator", "terapeut", "kontaktperson"})
ROLE_NAMES = {
    "visitator": "visitator",
    "terapeut": "terapeut",
    "kontaktperson": "kontaktperson",
    "leder": "leder",
    "admin": "administrator",
}


@dataclass(frozen=True)
class Staff:
    user_id: str
    username: str
    role: str
    session_id: str

    @property
    def can_write(self) -> bool:
        return self.role in WRITERS


def staff_from_metadata(metadata: Any) -> Staff | None:
    staff = (metadata or {}).get("staff") if isinstance(metadata, dict) else None
    if not isinstance(staff, dict):
        return None
    try:
        return Staff(
            user_id=str(staff["user_id"]),
            username=str(staff["username"]),
            role=str(staff["role"]),
            session_id=str(staff["session_id"]),
        )
    except KeyError:
        return None


def staff_of(tracker: Tracker) -> Staff | None:
    """The signed-in staff member behind the latest message, if any."""
    return staff_from_metadata((tracker.latest_message or {}).get("metadata"))
