"""The CPR detector (rehab_rules.cpr.contains_cpr), shared by the API, the bot and the actions.

CPR-like numbers appear in this file only to prove that they are refused.
"""

from __future__ import annotations

import pytest

from rehab_rules.cpr import contains_cpr


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",  # hyphen
        "0101901234",  # ten digits
        "010190 1234",  # space
        "010190\u20131234",  # en dash, as pasted from a document
        "010190\u00a01234",  # non-breaking space
        "Borgerens nummer er 311299-4321, ring i morgen",  # embedded in text
        "cpr:0101901234.",  # punctuation around it
        "B-010190-1234",  # inside something reference-like
        "290200-1234",  # 29 Feb 2000 (2000 was a leap year)
        "290204-1234",  # 29 Feb 2004
        "290296-1234",  # 29 Feb 1996
        "310190-0000",  # 31 January
        "300490-1234",  # 30 April
        "320199-1234 og 150675-1111",  # an invalid one does not hide a valid one
        "x\n0101901234\ny",  # on its own line
    ],
)
def test_cpr_shaped_text_is_detected(text: str) -> None:
    assert contains_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "B-1042",
        "T-0001",
        "320199-1234",  # day 32
        "000190-1234",  # day 0
        "011390-1234",  # month 13
        "010090-1234",  # month 0
        "310490-1234",  # 31 April
        "290201-1234",  # 29 Feb 2001 (not a leap year)
        "290299-1234",  # 29 Feb of 1899/1999/2099: never a leap year
        "300200-1234",  # 30 Feb
        "12345678901",  # eleven digits: a longer run is not a CPR number
        "10101901234",  # eleven digits whose last ten look like one
        "01019012345",  # eleven digits whose first ten look like one
        "1010190-1234",  # seven digits before the hyphen
        "010190-12345",  # five digits after it
        "010190--1234",  # two separators
        "010190_1234",  # an underscore is no separator
        "010190-123",  # too short
        "01-01-90-1234",  # hyphens inside the date part
        "Telefon 12 34 56 78",  # Danish phone number
        "Mødet er 01.01.1990 kl. 12:34",
        "2025-03-31",  # ISO date
    ],
)
def test_other_text_is_not_cpr_shaped(text: str) -> None:
    assert not contains_cpr(text)


def test_every_valid_day_of_a_leap_and_a_common_year() -> None:
    # 2-digit year 00 counts as a leap year (29 Feb 2000), 01 does not.
    assert contains_cpr("2902001234")
    assert not contains_cpr("2902011234")
    for year, february in (("00", 29), ("01", 28)):
        lengths = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for month, length in enumerate(lengths, start=1):
            assert contains_cpr(f"{length:02d}{month:02d}{year}-0001")
            assert not contains_cpr(f"{length + 1:02d}{month:02d}{year}-0001")
