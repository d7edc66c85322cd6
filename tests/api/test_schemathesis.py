"""Property-based fuzzing of every operation in the OpenAPI schema: never a 5xx.

Schemathesis generates valid and invalid requests from the app's own OpenAPI schema and
sends them, with a write token, to the real app under uvicorn on SQLite. (Hypothesis drives
schemathesis directly: schemathesis' lazy pytest fixture loader does not work with pytest 9.)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis import GenerationMode

from api.main import create_app

from .conftest import WRITE, goal_body, live_server, make_settings
from .pdf_renderer import require_pdf_renderer

# Hypothesis keeps caches on disk; keep them out of the project folder.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "rehab-api-hypothesis")

# Small by default so the suite stays fast; API_FUZZ_EXAMPLES=300 for a deeper run.
MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "15"))

# The schema is static: build it without touching any database.
OPENAPI = create_app(make_settings("sqlite://")).openapi()
SCHEMA = schemathesis.openapi.from_dict(OPENAPI)
OPERATIONS = {
    f"{operation.method.upper()} {operation.path}": operation
    for operation in (result.ok() for result in SCHEMA.get_all_operations())
}
# Invalid requests can only be generated for operations that take some input.
TAKES_INPUT = {
    f"{method.upper()} {path}"
    for path, item in OPENAPI["paths"].items()
    for method, spec in item.items()
    if spec.get("parameters") or spec.get("requestBody")
}
CASES = [
    pytest.param(label, mode, id=f"{label} {mode.value}")
    for label in sorted(OPERATIONS)
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or label in TAKES_INPUT
]


@pytest.fixture(scope="module")
def fuzz_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = Path(tmp_path_factory.mktemp("fuzz")) / "fuzz.db"
    app = create_app(make_settings(f"sqlite:///{database}"))
    with live_server(app) as url:
        # Some data to hit, so that not every generated request ends in a 404.
        with httpx.Client(base_url=url, headers=WRITE, timeout=30) as http:
            http.post("/api/v1/citizens", json={"reference": "B-1042"}).raise_for_status()
            http.post("/api/v1/citizens/B-1042/goals", json=goal_body()).raise_for_status()
            http.post("/api/v1/citizens", json={"reference": "0"}).raise_for_status()
        yield url


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_no_server_errors(fuzz_url: str, label: str, mode: GenerationMode) -> None:
    if label == "GET /api/v1/citizens/{reference}/plan.pdf":
        require_pdf_renderer()  # without Pango the PDF is a deliberate 503
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call(base_url=fuzz_url, headers=WRITE, timeout=30)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text}"
        )

    check()
