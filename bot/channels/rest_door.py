"""The REST webhook both doors share: Rasa's request and reply shape, one admission step.

Rasa's RestInput trusts the JSON body for the sender id, the input channel and the metadata.
Here each door's `admit` decides those from what it has verified, or answers with an error
(401, 429, 400) before Rasa sees the message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.redaction import OnNewMessage, redact

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Admitted:
    sender_id: str
    metadata: dict[str, Any] | None


Admit = Callable[[Request], Awaitable["Admitted | HTTPResponse"]]


def danish_error(status: int, text: str, headers: dict[str, str] | None = None) -> HTTPResponse:
    """An error in the REST reply shape, so a chat client can show it like any message."""
    return response.json([{"recipient_id": None, "text": text}], status=status, headers=headers)


def rest_blueprint(
    name: str, channel: str, on_new_message: OnNewMessage, admit: Admit
) -> Blueprint:
    webhook = Blueprint(name, __name__)

    @webhook.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @webhook.route("/webhook", methods=["POST"])
    async def receive(request: Request) -> HTTPResponse:
        body = request.json if isinstance(request.json, dict) else None
        text = body.get("message") if body else None
        if not isinstance(text, str) or not text.strip():
            return danish_error(400, "Beskeden mangler. Skriv noget, og prøv igen.")
        admitted = await admit(request)
        if isinstance(admitted, HTTPResponse):
            return admitted
        collector = CollectingOutputChannel()
        message = UserMessage(
            text,
            collector,
            admitted.sender_id,
            input_channel=channel,
            metadata=admitted.metadata,
        )
        try:
            await on_new_message(redact(message))
        except Exception:  # Rasa's own channel does the same: log (without the text) and reply
            logger.exception("%s webhook: the message could not be handled", channel)
        return response.json(collector.messages)

    return webhook
