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
from starlette.types import Message, Receive, Scope, Send

from api.asgi import HttpMiddleware

logger = logging.getLogger("api.errors")

_VALUE_ERROR_PREFIX = "Value error, "


def error_item(loc: Sequence[str | int], message: str) -> dict[str, Any]:
    """One entry of a 422 `detail` list, shaped like FastAPI's own."""
    return {"type": "value_error", "loc": list(loc), "msg": message}


# --- domain errors ---------------------------------------------------------------------
# Services and data-access helpers raise these (never HTTPException); the handlers below turn
# them into the documented responses. Every message is Danish, precise, and free of health data.


class DomainError(Exception):
    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class NotFound(DomainError):
    status_code = status.HTTP_404_NOT_FOUND


class Conflict(DomainError):
    status_code = status.HTTP_409_CONFLICT


class Unauthorized(DomainError):
    """A credential problem: missing, unknown, expired or revoked (401)."""

    status_code = status.HTTP_401_UNAUTHORIZED

    def __init__(self, message: str) -> None:
        super().__init__(message, {"WWW-Authenticate": "Bearer"})


class Forbidden(DomainError):
    """The caller is known but may not do this, or delegation was refused (403)."""

    status_code = status.HTTP_403_FORBIDDEN


class TooManyAttempts(DomainError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message, {"Retry-After": str(max(1, retry_after_seconds))})


class Unavailable(DomainError):
    """Something this server lacks right now (e.g. the PDF renderer); retry later or elsewhere."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE


class Invalid(DomainError):
    """A 422 for rules that need the database or several fields; `loc` names the field."""

    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(str(error["msg"]) for error in errors))
        self.errors = errors


def invalid(loc: Sequence[str | int], message: str) -> Invalid:
    return Invalid([error_item(loc, message)])


def raise_if(errors: list[dict[str, Any]]) -> None:
    if errors:
        raise Invalid(errors)


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    detail: Any = exc.errors if isinstance(exc, Invalid) else exc.message
    return JSONResponse(
        status_code=exc.status_code, content={"detail": detail}, headers=exc.headers
    )


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
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_middleware(CatchUnhandledErrors)


class CatchUnhandledErrors(HttpMiddleware):
    """Turn unexpected exceptions into a bare 500 and log them without their message.

    Exception messages can carry request data (e.g. a response validation error quotes the
    body), so only the exception type and the stack are logged, and the error is not
    re-raised to the server, which would log it in full.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
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
