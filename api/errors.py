"""Error responses: precise 4xx messages, and no health data in 5xx responses or logs."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("api.errors")

_VALUE_ERROR_PREFIX = "Value error, "


def error_item(loc: Sequence[str | int], message: str) -> dict[str, Any]:
    """One entry of a 422 `detail` list, shaped like FastAPI's own."""
    return {"type": "value_error", "loc": tuple(loc), "msg": message}


def invalid(loc: Sequence[str | int], message: str) -> RequestValidationError:
    """A 422 for a rule that needs the database (or several fields) to check."""
    return RequestValidationError([error_item(loc, message)])


def _clean_error(error: dict[str, Any]) -> dict[str, Any]:
    # Never echo `input`: it may be exactly the CPR number or health text we refused.
    message = str(error.get("msg", ""))
    if tuple(error.get("loc", ())) == ("body",) and isinstance(error.get("input"), bytes):
        # A body FastAPI did not parse as JSON, typically a missing Content-Type header.
        message = "Request body skal være JSON og sendes med 'Content-Type: application/json'"
    elif error.get("type") == "json_invalid":
        position = error.get("loc", ("body", "?"))[-1]
        reason = (error.get("ctx") or {}).get("error", "")
        message = f"Ugyldig JSON i request body (tegn {position}): {reason}".rstrip(": ")
    elif message.startswith(_VALUE_ERROR_PREFIX):
        message = message[len(_VALUE_ERROR_PREFIX) :]
    return {"type": error.get("type"), "loc": list(error.get("loc", ())), "msg": message}


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={"detail": [_clean_error(dict(error)) for error in exc.errors()]},
    )


async def _integrity_error(request: Request, _exc: Exception) -> JSONResponse:
    # Reached only by races (e.g. two creates of the same reference at once): the checks in
    # the endpoints catch the ordinary cases with a more specific message.
    logger.warning("Integrity conflict on %s %s", request.method, request.url.path)
    return JSONResponse(
        status_code=status.HTTP_409_CONFLICT,
        content={
            "detail": "Konflikt med data, der blev ændret samtidig; hent data igen og prøv igen"
        },
    )


async def _database_unavailable(request: Request, _exc: Exception) -> JSONResponse:
    logger.error("Database unavailable during %s %s", request.method, request.url.path)
    return JSONResponse(
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        content={"detail": "Databasen er ikke tilgængelig lige nu; prøv igen senere"},
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_middleware(CatchUnhandledErrors)


class CatchUnhandledErrors:
    """Turn unexpected exceptions into a bare 500 and log them without their message.

    Exception messages can carry request data (e.g. a response validation error quotes the
    body), so only the exception type and the stack are logged, and the error is not
    re-raised to the server, which would log it in full.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            stack = "".join(traceback.format_tb(exc.__traceback__))
            logger.error(
                "Unhandled %s on %s %s\n%s",
                type(exc).__name__,
                scope.get("method"),
                scope.get("path"),
                stack,
            )
            if not response_started:
                response = JSONResponse(
                    status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
                    content={"detail": "Intern serverfejl"},
                )
                await response(scope, receive, send)
