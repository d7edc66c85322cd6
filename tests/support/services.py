"""Local services a test needs (PostgreSQL, Redis, Chromium): skip on a user's machine, fail in CI.

`.ci/run` sets REHAB_REQUIRE_SERVICES=1, so CI cannot pass by skipping the tests that need them;
elsewhere a missing service skips the test with its reason.
"""

from __future__ import annotations

import os

import pytest

REQUIRED = "REHAB_REQUIRE_SERVICES"


def unavailable(reason: str) -> None:
    """Skip (or, in CI, fail) the calling test because a service is missing."""
    if os.environ.get(REQUIRED) == "1":
        pytest.fail(f"{reason}; CI requires it ({REQUIRED}=1)", pytrace=False)
    pytest.skip(reason)
