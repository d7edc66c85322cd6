"""Who is on the staff door: the goals API verifies the bearer token (GET /api/v1/auth/me).

The API owns staff accounts and sessions, so a logout or an expired session takes effect on
the next message. The token itself is never stored: only the verified identity below goes into
the message metadata (and so into the tracker). The session id is not a secret; the API accepts
it only together with the action server's service credential.

While the API is unreachable, a token the API confirmed earlier is still accepted until its
expiry, so a staff member can finish a goal (it waits in the outbox); no citizen data can be
read meanwhile, since every read goes through the API. As soon as the API answers again, its
word counts: a logged-out or revoked token is refused on the next message. Only a hash of the
token is kept, in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import asdict, dataclass
from typing import Any

import httpx

logger = logging.getLogger(__name__)
STAFF_ROLES = ("visitator", "terapeut", "kontaktperson", "leder", "admin")


@dataclass(frozen=True)
class StaffIdentity:
    user_id: str
    username: str
    role: str
    session_id: str

    def as_metadata(self) -> dict[str, Any]:
        return asdict(self)


class VerifierUnavailable(Exception):
    """The API could not be asked; the channel answers 503 rather than guessing."""


class StaffVerifier:
    def __init__(self, api_url: str | None = None, timeout: float = 3.0) -> None:
        self.api_url = (api_url or os.environ.get("API_BASE_URL", "http://127.0.0.1:8000")).rstrip(
            "/"
        )
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None
        self._confirmed: dict[str, tuple[StaffIdentity, dt.datetime]] = {}

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:  # created in the server's event loop, on first use
            self._client = httpx.AsyncClient(base_url=self.api_url, timeout=self.timeout)
        return self._client

    async def verify(self, token: str) -> StaffIdentity | None:
        """The identity behind a valid access token; None when the API refuses it."""
        key = hashlib.sha256(token.encode("utf-8")).hexdigest()
        try:
            reply = await self._http().get(
                "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}
            )
        except httpx.HTTPError as error:
            logger.warning("staff door: the API did not answer (%s)", type(error).__name__)
            return self._confirmed_before(key)
        if reply.status_code in (401, 403):
            self._confirmed.pop(key, None)
            return None
        if reply.status_code != 200:
            logger.warning("staff door: the API answered %d to /auth/me", reply.status_code)
            return self._confirmed_before(key)
        body = reply.json()
        identity = StaffIdentity(
            user_id=str(body["user_id"]),
            username=str(body["username"]),
            role=str(body["role"]),
            session_id=str(body["session_id"]),
        )
        if identity.role not in STAFF_ROLES:
            logger.warning("staff door: unknown role from the API; refusing")
            return None
        self._remember(key, identity, body.get("expires_at"))
        return identity

    def _remember(self, key: str, identity: StaffIdentity, expires_at: str | None) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        self._confirmed = {k: v for k, v in self._confirmed.items() if v[1] > now}
        try:
            until = dt.datetime.fromisoformat(str(expires_at).replace("Z", "+00:00"))
        except ValueError:
            return
        if until.tzinfo is None:
            until = until.replace(tzinfo=dt.timezone.utc)
        self._confirmed[key] = (identity, until)

    def _confirmed_before(self, key: str) -> StaffIdentity:
        known = self._confirmed.get(key)
        if known is None or known[1] <= dt.datetime.now(dt.timezone.utc):
            raise VerifierUnavailable
        logger.info("staff door: the API is unreachable; using the identity it confirmed before")
        return known[0]
