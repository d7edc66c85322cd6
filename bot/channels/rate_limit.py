"""Per-client rate limiting of the public door, with the `limits` library.

A moving window per client address and one per conversation. The count is kept in memory by
default; set RATE_LIMIT_STORAGE (e.g. redis://127.0.0.1:6379/1) so that several Rasa replicas
share it. Behind a proxy, tell Sanic how many proxies to trust (SANIC_PROXIES_COUNT=1) so the
client address comes from X-Forwarded-For rather than the proxy's own.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

DEFAULT_PER_CLIENT = "60/minute"
DEFAULT_PER_CONVERSATION = "20/minute"


@dataclass
class PublicRateLimit:
    storage: Any  # kept here: the limiter holds only a weak reference to it
    limiter: MovingWindowRateLimiter
    per_client: Any
    per_conversation: Any

    @classmethod
    def from_env(cls) -> PublicRateLimit:
        storage = storage_from_string(os.environ.get("RATE_LIMIT_STORAGE", "memory://"))
        return cls(
            storage,
            MovingWindowRateLimiter(storage),
            parse(os.environ.get("PUBLIC_RATE_LIMIT", DEFAULT_PER_CLIENT)),
            parse(os.environ.get("PUBLIC_RATE_LIMIT_CONVERSATION", DEFAULT_PER_CONVERSATION)),
        )

    def allow(self, client: str, conversation: str | None) -> bool:
        """Counts one message; False when the client or the conversation is over its limit."""
        if not self.limiter.hit(self.per_client, "public-client", client):
            return False
        return conversation is None or self.limiter.hit(
            self.per_conversation, "public-conversation", conversation
        )

    def retry_after(self, client: str, conversation: str | None) -> int:
        """Seconds until the client may send again (at least 1)."""
        resets = [self.limiter.get_window_stats(self.per_client, "public-client", client)[0]]
        if conversation is not None:
            resets.append(
                self.limiter.get_window_stats(
                    self.per_conversation, "public-conversation", conversation
                )[0]
            )
        return max(1, int(max(resets) - time.time()))
