"""How a confirmed re-assessment or evaluation reaches the API (one idempotent step each)."""

from __future__ import annotations

from typing import Any

from actions.common.api import Delegation, GoalsApi
from actions.common.outbox import deliverer


@deliverer("reassessment")
def deliver_reassessment(
    api: GoalsApi, entry_id: str, reference: str, write: dict[str, Any], acting_for: Delegation
) -> dict[str, Any]:
    return api.create_reassessment(
        write["assessment_id"], write["body"], acting_for, key=f"{entry_id}-reassessment"
    )


@deliverer("evaluation")
def deliver_evaluation(
    api: GoalsApi, entry_id: str, reference: str, write: dict[str, Any], acting_for: Delegation
) -> dict[str, Any]:
    return api.create_evaluation(
        write["target"], write["target_id"], write["body"], acting_for,
        key=f"{entry_id}-evaluation",
    )  # fmt: skip
