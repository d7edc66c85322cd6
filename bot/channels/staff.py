"""The staff door: /webhooks/staff/webhook, Rasa's REST shape behind a verified bearer token.

The sender id is derived from the verified person ("staff-<user id>"), so a staff member
continues their own conversation after a new sign-in or a Rasa restart, and nobody can write
into someone else's. The only metadata on the message is the identity the API confirmed.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.redaction import OnNewMessage
from bot.channels.rest_door import Admitted, danish_error, rest_blueprint
from bot.channels.staff_identity import StaffVerifier, VerifierUnavailable

STAFF_PREFIX = "staff-"
CHALLENGE = {"WWW-Authenticate": "Bearer"}
SIGN_IN = "Log ind for at bruge medarbejderassistenten."
EXPIRED = "Din adgang er udløbet eller ugyldig. Log ind igen."
UNAVAILABLE = "Jeg kan ikke bekræfte din adgang lige nu. Prøv igen om lidt."


def bearer_token(request: Request) -> str | None:
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class StaffRestInput(InputChannel):
    def __init__(self, verifier: StaffVerifier | None = None) -> None:
        self.verifier = verifier or StaffVerifier()

    @classmethod
    def name(cls) -> str:
        return "staff"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    async def admit(self, request: Request) -> Admitted | HTTPResponse:
        token = bearer_token(request)
        if token is None:
            return danish_error(401, SIGN_IN, CHALLENGE)
        try:
            identity = await self.verifier.verify(token)
        except VerifierUnavailable:
            return danish_error(503, UNAVAILABLE)
        if identity is None:
            return danish_error(401, EXPIRED, CHALLENGE)
        return Admitted(STAFF_PREFIX + identity.user_id, {"staff": identity.as_metadata()})

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return rest_blueprint("staff_rest_webhook", self.name(), on_new_message, self.admit)
