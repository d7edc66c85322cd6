"""The shapes of what is stored: the citizen reference, text lengths, list sizes and scores."""

from __future__ import annotations

import re

REFERENCE_MAX = 40
# No '/': the reference is a path segment in the API's URLs.
REFERENCE_PATTERN = rf"^[A-Za-z0-9][A-Za-z0-9._-]{{0,{REFERENCE_MAX - 1}}}$"
ROLE_MAX = 100
ACTIVITY_MAX = 300  # a COPM activity, a goal's activity and each handling of a delmål
LONG_TEXT_MAX = 2000  # goal statements, delmål descriptions, evaluation notes
SCORE_MIN, SCORE_MAX = 1, 10  # COPM importance, performance and satisfaction
MAX_PROBLEMS = 5  # COPM problems per assessment
MAX_ACTIONS = 20  # handlinger per delmål
MAX_SUBGOALS = 20  # delmål per goal in one request

_REFERENCE = re.compile(REFERENCE_PATTERN)


def is_reference(text: str) -> bool:
    """True for a well-formed pseudonymous reference such as "B-1042" (CPR is checked apart)."""
    return bool(_REFERENCE.fullmatch(text or ""))


def as_dict() -> dict[str, object]:
    """The rules as JSON-ready values, for the web page and the contract test."""
    return {
        "reference": {"pattern": REFERENCE_PATTERN, "max_length": REFERENCE_MAX},
        "limits": {
            "role": ROLE_MAX,
            "activity": ACTIVITY_MAX,
            "long_text": LONG_TEXT_MAX,
            "problems": MAX_PROBLEMS,
            "actions": MAX_ACTIONS,
            "subgoals": MAX_SUBGOALS,
        },
        "score": {"min": SCORE_MIN, "max": SCORE_MAX},
    }
