"""Input channels that redact CPR numbers before Rasa sees the message.

Rasa stores the text a channel hands over (tracker store, logs, the action server's tracker), and
an NLU component cannot change that text, only its own copy. So the redaction happens where the
text enters: the REST and socket.io channels below replace every CPR-shaped number with
"[CPR-nummer fjernet]". The rule is the one the API applies (rehab_rules/cpr.py), so both
refuse the same input.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic.request import Request

from rehab_rules.cpr import redact_cpr

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def redacting(on_new_message: OnNewMessage) -> OnNewMessage:
    async def handler(message: UserMessage) -> Any:
        if message.text:
            message.text = redact_cpr(message.text)
        return await on_new_message(message)

    return handler


class RedactingRestInput(RestInput):
    """Rasa's REST channel (/webhooks/rest/webhook), CPR numbers redacted on arrival."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_message(self, req: Request) -> str | None:
        text = super()._extract_message(req)
        return redact_cpr(text) if text else text

    def blueprint(self, on_new_message: OnNewMessage) -> Any:
        return super().blueprint(redacting(on_new_message))


class RedactingSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel (/socket.io), CPR numbers redacted on arrival."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Any:
        return super().blueprint(redacting(on_new_message))
