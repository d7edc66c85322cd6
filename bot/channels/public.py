"""The public door: Rasa's REST and socket.io channels, anonymous and rate-limited.

A visitor may choose a conversation id (the page makes a random one per visit), but it lives in
its own namespace ("pub-…"), so it can never name a staff conversation. Metadata and
input_channel sent by the client are ignored: the staff flows key on metadata that only the
staff door sets.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.rate_limit import PublicRateLimit
from bot.channels.redaction import OnNewMessage, redact
from bot.channels.rest_door import Admitted, danish_error, rest_blueprint

PUBLIC_PREFIX = "pub-"
CLIENT_SENDER = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
SLOW_DOWN = "Du har skrevet mange beskeder på kort tid. Vent lidt, og prøv så igen."
BAD_SENDER = "Samtalens id må kun have bogstaver, tal, punktum, kolon, - og _ (højst 64 tegn)."


def public_sender(client_sender: Any) -> str | None:
    """The public conversation id for what the client sent; None if it is malformed."""
    if client_sender is None or client_sender == "":
        return PUBLIC_PREFIX + uuid.uuid4().hex
    if not isinstance(client_sender, str) or not CLIENT_SENDER.fullmatch(client_sender):
        return None
    return PUBLIC_PREFIX + client_sender


def client_address(request: Request) -> str:
    # remote_addr honours X-Forwarded-For only when Sanic is told to trust a proxy.
    return request.remote_addr or request.ip or "unknown"


class PublicRestInput(InputChannel):
    """/webhooks/rest/webhook for citizens and relatives."""

    def __init__(self, rate_limit: PublicRateLimit | None = None) -> None:
        self.rate_limit = rate_limit or PublicRateLimit.from_env()

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    async def admit(self, request: Request) -> Admitted | HTTPResponse:
        sender = public_sender(request.json.get("sender"))
        if sender is None:
            return danish_error(400, BAD_SENDER)
        client = client_address(request)
        if not self.rate_limit.allow(client, sender):
            wait = self.rate_limit.retry_after(client, sender)
            return danish_error(429, SLOW_DOWN, {"Retry-After": str(wait)})
        return Admitted(sender_id=sender, metadata=None)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return rest_blueprint("public_rest_webhook", self.name(), on_new_message, self.admit)


class PublicSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel (/socket.io) with the public door's rules."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        rate_limit = PublicRateLimit.from_env()

        async def admitted(message: UserMessage) -> Any:
            message.sender_id = PUBLIC_PREFIX + str(message.sender_id)
            message.metadata = None
            message.input_channel = self.name()
            if not rate_limit.allow(f"socketio:{message.sender_id}", None):
                await message.output_channel.send_text_message(message.sender_id, SLOW_DOWN)
                return None
            return await on_new_message(redact(message))

        return super().blueprint(admitted)
