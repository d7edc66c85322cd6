"""COPM arithmetic: scores are means over the problems, computed exactly, rounded for output.

Scores are kept as Fractions so that 6.25 stays 6.25 until the very end; output rounds half
up to one decimal (6.25 -> 6.3), the way clinicians round by hand. A change of at least two
points (in either direction, on the exact values) is flagged as clinically important.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CLINICALLY_IMPORTANT_CHANGE = 2


def mean(values: Iterable[int]) -> Fraction:
    items = list(values)
    if not items:
        raise ValueError("a COPM score needs at least one problem")
    return Fraction(sum(items), len(items))


def round_score(value: Fraction) -> float:
    """Round to one decimal, half up (away from zero for negative changes)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Change:
    baseline: Fraction
    current: Fraction

    @property
    def difference(self) -> Fraction:
        return self.current - self.baseline

    @property
    def clinically_important(self) -> bool:
        return abs(self.difference) >= CLINICALLY_IMPORTANT_CHANGE

    def as_dict(self) -> dict[str, float | bool]:
        return {
            "baseline": round_score(self.baseline),
            "current": round_score(self.current),
            "change": round_score(self.difference),
            "clinically_important": self.clinically_important,
        }
