"""Reusable field types: references, scores, free text (CPR-checked) and dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from api import clock
from api.limits import ACTIVITY_MAX, LONG_TEXT_MAX, REFERENCE_MAX, ROLE_MAX
from rehab_rules.cpr import contains_cpr
from rehab_rules.limits import REFERENCE_PATTERN

# Database ids are 32-bit on every backend; larger numbers cannot name a row.
ID_MAX = 2**31 - 1
EARLIEST_DATE = dt.date(2000, 1, 1)
MAX_YEARS_AHEAD = 10

CPR_MESSAGE = (
    "må ikke indeholde et CPR-nummer eller noget, der ligner et (DDMMÅÅ-XXXX); "
    "brug kun den pseudonyme reference"
)
# C0 control characters except tab/newline/carriage return, DEL, and lone surrogates
# (which cannot be stored as UTF-8).
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_REFERENCE = re.compile(REFERENCE_PATTERN)


class StrictModel(BaseModel):
    """Unknown fields are an error: a misspelt field must not be silently dropped."""

    model_config = ConfigDict(extra="forbid")


class OrmModel(BaseModel):
    """A response body read straight from the ORM object (`from_attributes`)."""

    model_config = ConfigDict(from_attributes=True)


def reject_cpr(value: str) -> str:
    if contains_cpr(value):
        raise ValueError(f"Feltet {CPR_MESSAGE}")
    return value


def _check_free_text(value: str) -> str:
    if _UNSAFE_CHARACTERS.search(value):
        raise ValueError("Feltet indeholder kontroltegn eller ugyldige tegn")
    return reject_cpr(value)


def check_reference(value: str) -> str:
    # CPR first, so "010190 1234" is refused as a CPR number rather than for its space.
    if contains_cpr(value):
        raise ValueError(f"Referencen {CPR_MESSAGE}")
    if not _REFERENCE.fullmatch(value):
        raise ValueError(
            "Referencen skal være 1-40 tegn: bogstaver A-Z, cifre, '.', '_' eller '-', "
            "og begynde med et bogstav eller ciffer (f.eks. 'B-1042')"
        )
    return value


Reference = Annotated[
    str,
    AfterValidator(check_reference),
    Field(
        json_schema_extra={"pattern": REFERENCE_PATTERN, "maxLength": REFERENCE_MAX},
        examples=["B-1042"],
    ),
]
RoleText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=ROLE_MAX),
    AfterValidator(_check_free_text),
]
ActivityText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=ACTIVITY_MAX),
    AfterValidator(_check_free_text),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=LONG_TEXT_MAX),
    AfterValidator(_check_free_text),
]
# strict: refuse 7.0, "7" and true, which lax parsing would quietly turn into 7 or 1.
Score = Annotated[int, Field(strict=True, ge=1, le=10)]
Id = Annotated[int, Field(strict=True, ge=1, le=ID_MAX)]


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _require_iso_date(value: object) -> object:
    # Lax parsing would read 1700000000 as a Unix time; a date must be written YYYY-MM-DD.
    if isinstance(value, dt.datetime) or not (
        isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value))
    ):
        raise ValueError("Datoen skal skrives ÅÅÅÅ-MM-DD, f.eks. 2025-03-31")
    return value


def _check_event_date(value: dt.date) -> dt.date:
    if value > clock.today():
        raise ValueError("Datoen må ikke ligge i fremtiden")
    if value < EARLIEST_DATE:
        raise ValueError(f"Datoen må ikke ligge før {EARLIEST_DATE.isoformat()}")
    return value


def check_due_date(value: dt.date) -> dt.date:
    """A new or changed due date: from today and at most MAX_YEARS_AHEAD years ahead."""
    today = clock.today()
    if value < today:
        raise ValueError(
            f"Fristen ({value.isoformat()}) ligger i fortiden; den skal være i dag eller senere"
        )
    if value.year > today.year + MAX_YEARS_AHEAD:
        raise ValueError(f"Fristen må højst ligge {MAX_YEARS_AHEAD} år ude i fremtiden")
    return value


# When something happened (assessment, evaluation): not in the future, not before 2000.
EventDate = Annotated[
    dt.date, BeforeValidator(_require_iso_date), AfterValidator(_check_event_date)
]
DueDate = Annotated[dt.date, BeforeValidator(_require_iso_date), AfterValidator(check_due_date)]
# A due date in a PATCH: the "not in the past" rule applies only if it changes
# (checked in api.routers.goals against the stored value).
AnyDueDate = Annotated[dt.date, BeforeValidator(_require_iso_date)]
