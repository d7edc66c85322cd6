"""The goals API as the action server uses it: a service credential acting for a person.

Every call names the staff session it acts for (X-On-Behalf-Of); the API applies that person's
role and records them in its audit. A write may also carry the moment the person confirmed it
(X-Confirmed-At), so a goal confirmed before an outage is still accepted, and attributed, after
the person's session has ended. Creates carry an Idempotency-Key, so resending is harmless.

Calls are synchronous (httpx) and retried by tenacity; actions run them with asyncio.to_thread
so the action server's event loop never waits on the network.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from typing import Any

import httpx
from tenacity import (
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

logger = logging.getLogger(__name__)
INVALID = (404, 422)  # the data itself was refused: only the user can fix it


class ApiUnavailable(Exception):
    """No answer, or 5xx: worth retrying later."""


class ApiRefused(Exception):
    """A 4xx. `invalid` (404, 422) is the data's fault; anything else is access or setup."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.detail = detail

    @property
    def invalid(self) -> bool:
        return self.status in INVALID

    def fields(self) -> list[tuple[list[Any], str]]:
        """(location, Danish message) per refused field, from a 422's detail list."""
        if not isinstance(self.detail, list):
            return []
        return [
            (list(item.get("loc", [])), str(item.get("msg", "")))
            for item in self.detail
            if isinstance(item, dict)
        ]


@dataclass(frozen=True)
class Delegation:
    """The staff session a call acts for, and when that person confirmed a write."""

    session_id: str
    confirmed_at: dt.datetime | None = None

    def headers(self) -> dict[str, str]:
        headers = {"X-On-Behalf-Of": self.session_id}
        if self.confirmed_at is not None:
            headers["X-Confirmed-At"] = self.confirmed_at.astimezone(dt.timezone.utc).isoformat()
        return headers


@dataclass(frozen=True)
class ApiConfig:
    base_url: str
    token: str
    timeout: float = 5.0
    attempts: int = 3
    backoff: float = 0.5  # seconds before the second attempt; doubles after that

    @classmethod
    def from_env(cls) -> ApiConfig:
        return cls(
            base_url=os.environ.get("API_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            token=os.environ.get("API_SERVICE_TOKEN", ""),
            timeout=float(os.environ.get("API_TIMEOUT", "5")),
            attempts=int(os.environ.get("API_ATTEMPTS", "3")),
            backoff=float(os.environ.get("API_BACKOFF", "0.5")),
        )


class GoalsApi:
    def __init__(self, config: ApiConfig | None = None) -> None:
        self.config = config or ApiConfig.from_env()
        self._client = httpx.Client(base_url=self.config.base_url, timeout=self.config.timeout)
        self._send = retry(
            retry=retry_if_exception_type(ApiUnavailable),
            stop=stop_after_attempt(max(1, self.config.attempts)),
            wait=wait_exponential(multiplier=self.config.backoff, max=30),
            reraise=True,
        )(self._send_once)

    def _send_once(
        self, method: str, path: str, headers: dict[str, str], body: Any
    ) -> httpx.Response:
        try:
            response = self._client.request(method, path, json=body, headers=headers)
        except httpx.HTTPError as error:
            # The kind of failure only: URLs and headers could carry references or tokens.
            logger.warning("goals API %s failed: %s", method, type(error).__name__)
            raise ApiUnavailable(type(error).__name__) from error
        if response.status_code >= 500:
            logger.warning("goals API %s: HTTP %d", method, response.status_code)
            raise ApiUnavailable(f"HTTP {response.status_code}")
        return response

    def request(
        self,
        method: str,
        path: str,
        acting_for: Delegation,
        body: Any = None,
        key: str | None = None,
        ok: tuple[int, ...] = (200, 201),
    ) -> Any:
        headers = {"Authorization": f"Bearer {self.config.token}", **acting_for.headers()}
        if key:
            headers["Idempotency-Key"] = key
        response = self._send(method, path, headers, body)
        if response.status_code in ok:
            return response.json() if response.content else None
        try:
            detail = response.json().get("detail")
        except ValueError:
            detail = None
        raise ApiRefused(response.status_code, detail)

    # -- the calls the actions make --------------------------------------------------------
    def ensure_citizen(self, reference: str, acting_for: Delegation, key: str) -> None:
        try:
            self.request("POST", "/api/v1/citizens", acting_for, {"reference": reference}, key)
        except ApiRefused as refused:
            if refused.status != 409:  # 409: already registered, which is what we wanted
                raise

    def create_assessment(
        self, reference: str, body: dict[str, Any], acting_for: Delegation, key: str
    ) -> dict[str, Any]:
        return self.request("POST", f"/api/v1/citizens/{reference}/assessments", acting_for,
                            body, key)  # fmt: skip

    def create_goal(
        self, reference: str, body: dict[str, Any], acting_for: Delegation, key: str
    ) -> dict[str, Any]:
        return self.request("POST", f"/api/v1/citizens/{reference}/goals", acting_for, body, key)

    def list_goals(self, reference: str, acting_for: Delegation) -> list[dict[str, Any]]:
        return self.request("GET", f"/api/v1/citizens/{reference}/goals", acting_for)

    def list_assessments(self, reference: str, acting_for: Delegation) -> list[dict[str, Any]]:
        return self.request("GET", f"/api/v1/citizens/{reference}/assessments", acting_for)

    def create_reassessment(
        self, assessment_id: int, body: dict[str, Any], acting_for: Delegation, key: str
    ) -> dict[str, Any]:
        path = f"/api/v1/assessments/{assessment_id}/reassessments"
        return self.request("POST", path, acting_for, body, key)

    def create_evaluation(
        self, target: str, target_id: int, body: dict[str, Any], acting_for: Delegation, key: str
    ) -> dict[str, Any]:
        return self.request("POST", f"/api/v1/{target}/{target_id}/evaluations", acting_for,
                            body, key)  # fmt: skip
