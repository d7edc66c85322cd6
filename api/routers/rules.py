"""The shared rules (rehab_rules) for the web page: one source for bot, API and page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from rehab_rules import limits

router = APIRouter(prefix="/api/v1", tags=["rules"])


@router.get(
    "/rules",
    summary="Reference pattern, text limits and score range (no authentication)",
)
def rules() -> dict[str, Any]:
    return limits.as_dict()
