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

DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "bot" / "municipality.yml"

# Used when a value is not configured. bot/domain/core.yml carries the same texts as the slots'
# initial values (a test keeps them equal).
UNCONFIGURED = {
    "kommune": "kommunen",
    "kontakt_visitation": (
        "– telefonnummer og telefontid står på kommunens hjemmeside og i brevet med afgørelsen"
    ),
    "frist_terapeut": "inden for den frist, der står i kommunens kvalitetsstandard",
    "varighed_forloeb": "typisk nogle uger – i mange kommuner 8 til 12 uger",
}


@dataclass(frozen=True)
class Municipality:
    name: str | None = None
    visitation_phone: str | None = None
    visitation_hours: str | None = None
    therapist_contact_deadline: str | None = None
    course_duration: str | None = None

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
    )
