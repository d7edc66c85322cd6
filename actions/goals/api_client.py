"""The goals API, as the action server uses it: write token, idempotency keys, retries.

Every create carries an Idempotency-Key derived from one capture id, so sending the same
captured goal twice (a retry, or the outbox after an outage) never creates it twice.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import dataclass
from typing import Any

import requests

logger = logging.getLogger(__name__)


def new_key() -> str:
    """A random idempotency key with no digits.

    The API refuses anything CPR-shaped, and a hex uuid can by chance hold ten digits that read
    as a date plus four (e.g. "…b1511646642b…"), so digits are spelled as letters g–p.
    """
    return "".join("ghijklmnop"[int(c)] if c.isdigit() else c for c in uuid.uuid4().hex)


class ApiUnavailable(Exception):
    """The API did not answer, or answered 5xx: worth retrying later."""


class ApiRejected(Exception):
    """The API refused the data (4xx other than a harmless conflict): retrying will not help."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class ApiConfig:
    base_url: str
    token: str
    timeout: float = 5.0
    attempts: int = 3
    backoff: float = 0.5  # seconds; doubles each attempt

    @classmethod
    def from_env(cls) -> ApiConfig:
        return cls(
            base_url=os.environ.get("API_BASE_URL", "http://localhost:8000").rstrip("/"),
            token=os.environ.get("API_WRITE_TOKEN", ""),
            timeout=float(os.environ.get("API_TIMEOUT", "5")),
            attempts=int(os.environ.get("API_ATTEMPTS", "3")),
            backoff=float(os.environ.get("API_BACKOFF", "0.5")),
        )


class GoalsApi:
    def __init__(self, config: ApiConfig | None = None) -> None:
        self.config = config or ApiConfig.from_env()

    def _request(
        self, method: str, path: str, body: dict[str, Any] | None = None, key: str | None = None
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.config.token}"}
        if key:
            headers["Idempotency-Key"] = key
        delay = self.config.backoff
        for attempt in range(1, self.config.attempts + 1):
            try:
                response = requests.request(
                    method,
                    f"{self.config.base_url}{path}",
                    json=body,
                    headers=headers,
                    timeout=self.config.timeout,
                )
            except requests.RequestException as error:
                # Log the kind of failure only: URLs and headers could carry references or tokens.
                logger.warning(
                    "goals API %s attempt %d failed: %s", method, attempt, type(error).__name__
                )
            else:
                if response.status_code < 500:
                    return response
                logger.warning(
                    "goals API %s attempt %d: HTTP %d", method, attempt, response.status_code
                )
            if attempt < self.config.attempts:
                time.sleep(delay)
                delay *= 2
        raise ApiUnavailable(f"{method} {path.split('/')[3] if path.count('/') > 2 else path}")

    def _json(self, response: requests.Response, ok: tuple[int, ...]) -> Any:
        if response.status_code in ok:
            return response.json()
        try:
            detail = response.json().get("detail")
        except ValueError:
            detail = response.text[:200]
        raise ApiRejected(response.status_code, detail)

    def ensure_citizen(self, reference: str, key: str) -> None:
        response = self._request("POST", "/api/v1/citizens", {"reference": reference}, key)
        if response.status_code == 409:  # already registered: that is what we wanted
            return
        self._json(response, (200, 201))

    def create_assessment(self, reference: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        path = f"/api/v1/citizens/{reference}/assessments"
        return self._json(self._request("POST", path, body, key), (200, 201))

    def create_goal(self, reference: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        path = f"/api/v1/citizens/{reference}/goals"
        return self._json(self._request("POST", path, body, key), (200, 201))

    def list_goals(self, reference: str) -> list[dict[str, Any]]:
        path = f"/api/v1/citizens/{reference}/goals"
        return self._json(self._request("GET", path), (200,))

    def get_assessments(self, reference: str) -> list[dict[str, Any]]:
        path = f"/api/v1/citizens/{reference}/assessments"
        return self._json(self._request("GET", path), (200,))

    def create_reassessment(
        self, assessment_id: int, body: dict[str, Any], key: str
    ) -> dict[str, Any]:
        path = f"/api/v1/assessments/{assessment_id}/reassessments"
        return self._json(self._request("POST", path, body, key), (200, 201))

    def create_evaluation(
        self, kind: str, entity_id: int, body: dict[str, Any], key: str
    ) -> dict[str, Any]:
        path = f"/api/v1/{kind}/{entity_id}/evaluations"
        return self._json(self._request("POST", path, body, key), (200, 201))
