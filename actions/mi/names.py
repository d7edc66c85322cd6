"""The base of the MI enumerations, whose values are the Danish names shown to users."""

from __future__ import annotations

from enum import Enum


class DanishName(str, Enum):
    """A member that is its Danish name: ``str()``, f-strings and JSON all give the value
    ("forandringssnak"), never "Kind.CHANGE"."""

    def __str__(self) -> str:
        return self.value
