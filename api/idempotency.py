"""Idempotent creates: a retried POST with the same Idempotency-Key replays the first result.

The key is scoped to the token name. We store the key, a hash of (method, path, canonical JSON
body) and the response in the same transaction as the create, so either both exist or
neither does. Two identical requests racing each other: one wins the unique constraint on
(token_name, key); the other's whole transaction is rolled back and it replays the winner's
stored response (or gets 409 if its body differs).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.limits import IDEMPOTENCY_KEY_MAX
from api.models import IdempotencyRecord
from api.schemas.common import reject_cpr
from api.security import Principal

REPLAY_HEADER = "Idempotent-Replayed"


def _reject_cpr_key(key: str | None) -> str | None:
    # The key is stored, so it falls under the same rule as every other text we keep.
    return None if key is None else reject_cpr(key)


IdempotencyKey = Annotated[
    str | None,
    AfterValidator(_reject_cpr_key),
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=IDEMPOTENCY_KEY_MAX,
        pattern=r"^[\x21-\x7e]+$",
        description="Optional; a retry with the same key and body returns the first result",
    ),
]


async def request_fingerprint(request: Request) -> str:
    """sha256 of method, path and the canonical JSON body (key order and spacing ignored)."""
    raw = await request.body()  # already read and cached by FastAPI
    try:
        body: Any = json.loads(raw) if raw else None
    except ValueError:
        body = raw.decode("utf-8", "replace")
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    material = f"{request.method}\n{request.url.path}\n{canonical}"
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


Fingerprint = Annotated[str, Depends(request_fingerprint)]


@dataclass(frozen=True)
class Created:
    """What a create handler returns: the response model and the citizen it concerns."""

    body: BaseModel
    citizen_id: int


def _replay(record: IdempotencyRecord, fingerprint: str) -> JSONResponse:
    if record.request_hash != fingerprint:
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT,
            detail="Idempotency-Key er allerede brugt til en anden forespørgsel "
            "(anden sti eller andet indhold); brug en ny nøgle",
        )
    return JSONResponse(
        status_code=record.status_code,
        content=json.loads(record.response_body),
        headers={REPLAY_HEADER: "true"},
    )


def _find(session: Session, token_name: str, key: str) -> IdempotencyRecord | None:
    return session.scalars(
        select(IdempotencyRecord).where(
            IdempotencyRecord.token_name == token_name, IdempotencyRecord.key == key
        )
    ).one_or_none()


def run_create(
    session: Session,
    principal: Principal,
    key: str | None,
    fingerprint: str,
    create: Callable[[], Created],
    status_code: int = status.HTTP_201_CREATED,
) -> JSONResponse:
    """Run `create` and commit it, honouring the Idempotency-Key if one was sent."""
    if key is not None:
        existing = _find(session, principal.name, key)
        if existing is not None:
            return _replay(existing, fingerprint)
    try:
        created = create()
        content = jsonable_encoder(created.body)
        if key is not None:
            session.add(
                IdempotencyRecord(
                    token_name=principal.name,
                    key=key,
                    request_hash=fingerprint,
                    status_code=status_code,
                    response_body=json.dumps(content, ensure_ascii=False),
                    citizen_id=created.citizen_id,
                )
            )
        session.commit()
    except IntegrityError:
        session.rollback()
        # Lost a race? Then the winner's stored result is the answer to this request too.
        if key is not None:
            winner = _find(session, principal.name, key)
            if winner is not None:
                return _replay(winner, fingerprint)
        raise
    return JSONResponse(status_code=status_code, content=content)
