"""COPM score arithmetic: exact means, one-decimal output, the 2-point rule."""

from __future__ import annotations

from fractions import Fraction

import pytest

from api import copm


def test_mean_is_exact() -> None:
    assert copm.mean([3, 4, 4]) == Fraction(11, 3)
    with pytest.raises(ValueError):
        copm.mean([])


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(11, 3), 3.7),
        (Fraction(25, 4), 6.3),  # 6.25 rounds half up (float round() would give 6.2)
        (Fraction(-9, 4), -2.3),
        (Fraction(7), 7.0),
        (Fraction(1, 5), 0.2),
    ],
)
def test_round_score(value: Fraction, rounded: float) -> None:
    assert copm.round_score(value) == rounded


def test_change_uses_exact_values_for_the_two_point_rule() -> None:
    # 1.95 shown as 2.0 is not clinically important; the exact value decides.
    almost = copm.Change(baseline=Fraction(3), current=Fraction(3) + Fraction(39, 20))
    assert almost.as_dict() == {
        "baseline": 3.0,
        "current": 5.0,
        "change": 2.0,
        "clinically_important": False,
    }
    assert copm.Change(Fraction(3), Fraction(5)).clinically_important
    assert copm.Change(Fraction(6), Fraction(4)).clinically_important  # a decline counts too
    assert not copm.Change(Fraction(6), Fraction(7)).clinically_important
