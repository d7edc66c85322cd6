"""Response headers: no caching of health data, and browser protections for every response."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from api.asgi import HttpMiddleware

API_PREFIX = "/api/"


class NoStoreForApi(HttpMiddleware):
    """Adds `Cache-Control: no-store` to every response under /api/."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not scope["path"].startswith(API_PREFIX):

            async def send_secured(message: Message) -> None:
                if message["type"] == "http.response.start":
                    add_security_headers(MutableHeaders(scope=message))
                await send(message)

            await self.app(scope, receive, send_secured)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Cache-Control"] = "no-store"
                add_security_headers(headers)
            await send(message)

        await self.app(scope, receive, send_with_header)


def add_security_headers(headers: MutableHeaders) -> None:
    # The page must not be framed (clickjacking), sniffed, or leak its URL to other sites.
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
