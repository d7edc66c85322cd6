"""The plan PDF needs WeasyPrint and Debian's Pango: skip without them, fail in CI."""

from __future__ import annotations

import os

import pytest

from api.plan_render import pdf_unavailable_reason


def require_pdf_renderer() -> None:
    reason = pdf_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("REHAB_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason}; CI requires it (REHAB_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)
