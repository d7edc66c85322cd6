"""Municipal specifics (phone, hours, deadlines) from configuration, as phrases the answers use.

Each phrase reads correctly whether or not the municipality has configured the value, so an
unconfigured assistant says where to find a detail instead of inventing it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "bot" / "municipality.yml"

# Used when a value is not configured. bot/domain/core.yml carries the same texts as the slots'
# initial values (a test keeps them equal).
UNCONFIGURED = {
    "kommune": "kommunen",
    "kontakt_visitation": (
        "– telefonnummer og telefontid står på kommunens hjemmeside og i brevet med afgørelsen"
    ),
    "frist_terapeut": "i starten af forløbet",
    "varighed_forloeb": "så længe, som der står i afgørelsen fra visitationen",
}


# Livslinien's national number; the municipality file may override it. No opening hours are
# given: the assistant cannot source them, so it only says the number.
LIVSLINIEN = "70 201 201"
UNCONFIGURED_CONCERN = "kontakt kommunen – nummeret står på kommunens hjemmeside"


@dataclass(frozen=True)
class Municipality:
    name: str | None = None
    visitation_phone: str | None = None
    visitation_hours: str | None = None
    therapist_contact_deadline: str | None = None
    course_duration: str | None = None
    livslinien: str = LIVSLINIEN
    concern_phone: str | None = None  # concerns about violence, abuse or neglect of an adult

    def safety_phrases(self) -> dict[str, str]:
        """Values for the crisis replies' placeholders (actions/safety/)."""
        concern = UNCONFIGURED_CONCERN
        if self.concern_phone:
            concern = f"ring til {self.name or 'kommunen'} på {self.concern_phone}"
        return {"livslinien": self.livslinien, "kontakt_bekymring": concern}

    def phrases(self) -> dict[str, str]:
        """Slot values for the responses' placeholders."""
        contact = UNCONFIGURED["kontakt_visitation"]
        if self.visitation_phone:
            contact = f"på telefon {self.visitation_phone}"
            if self.visitation_hours:
                contact += f" (telefontid: {self.visitation_hours})"
        return {
            "kommune": self.name or UNCONFIGURED["kommune"],
            "kontakt_visitation": contact,
            "frist_terapeut": self.therapist_contact_deadline or UNCONFIGURED["frist_terapeut"],
            "varighed_forloeb": self.course_duration or UNCONFIGURED["varighed_forloeb"],
        }


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def load(path: Path | None = None) -> Municipality:
    path = path or Path(os.environ.get("MUNICIPALITY_CONFIG", DEFAULT_CONFIG))
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    visitation = raw.get("visitation") or {}
    return Municipality(
        name=_text(raw.get("kommune")),
        visitation_phone=_text(visitation.get("telefon")),
        visitation_hours=_text(visitation.get("telefontid")),
        therapist_contact_deadline=_text(raw.get("terapeut_kontakt_frist")),
        course_duration=_text(raw.get("forloeb_varighed")),
        livslinien=_text(raw.get("livslinien")) or LIVSLINIEN,
        concern_phone=_text((raw.get("bekymring_voksen") or {}).get("telefon")),
    )
