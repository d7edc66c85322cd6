"""Path parameters shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator

from api.schemas.common import ID_MAX, REFERENCE_MAX, REFERENCE_PATTERN, check_reference

ReferencePath = Annotated[
    str,
    Path(
        description="The citizen's pseudonymous reference, e.g. B-1042 (never a CPR number)",
        json_schema_extra={"pattern": REFERENCE_PATTERN, "maxLength": REFERENCE_MAX},
    ),
    AfterValidator(check_reference),
]


def id_path(what: str) -> object:
    return Path(ge=1, le=ID_MAX, description=f"Id of the {what}")


AssessmentId = Annotated[int, id_path("COPM assessment")]
GoalId = Annotated[int, id_path("goal")]
SubgoalId = Annotated[int, id_path("delmål")]
