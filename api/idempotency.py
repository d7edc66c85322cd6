"""Idempotent creates: a retried POST with the same Idempotency-Key replays the first result.

Every create endpoint takes one dependency, `IdempotentCreate`, and hands it the service and
its arguments after `(session, who)`:

    def create_goal(reference: ReferencePath, body: GoalCreate, create: Create) -> GoalOut:
        return create(goals.create_goal, reference, body)

(`route.create` in api.routers.delegate writes exactly such endpoints.)

Keys are scoped to their owner (the token, the signed-in person, or the service acting for a
person) and stored only as their sha256, like tokens, so any visible ASCII key is fine (also one
that happens to look like a CPR number: it is never stored). We keep the key hash, a hash of
(method, path, canonical JSON body) and the response in the same transaction as the create, so
either both exist or neither does. Two identical requests racing each other: one wins the
unique constraint on (owner, key_hash); the other's whole transaction is rolled back and it
replays the winner's stored response (or gets 409 if its body differs).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Concatenate, Generic, ParamSpec, TypeVar

from fastapi import Depends, Header, Request, Response
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.deps import SessionDep
from api.enums import Permission
from api.errors import Conflict
from api.limits import IDEMPOTENCY_KEY_MAX
from api.models import IdempotencyRecord
from api.principal import Principal
from api.security import require

REPLAY_HEADER = "Idempotent-Replayed"
CREATED = 201

T = TypeVar("T", bound=BaseModel)
P = ParamSpec("P")

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=IDEMPOTENCY_KEY_MAX,
        pattern=r"^[\x21-\x7e]+$",
        description="Optional, 1-200 visible ASCII characters; a retry with the same key and "
        "body returns the first result (stored only as a hash)",
    ),
]


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


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


@dataclass(frozen=True)
class Created(Generic[T]):
    """What a create service returns: the response body and the citizen it concerns.

    The citizen id ties a stored response (which copies health data) to the citizen, so an
    erasure removes it too.
    """

    body: T
    citizen_id: int


def find_record(session: Session, owner: str, key_hash: str) -> IdempotencyRecord | None:
    return session.scalars(
        select(IdempotencyRecord).where(
            IdempotencyRecord.owner == owner, IdempotencyRecord.key_hash == key_hash
        )
    ).one_or_none()


class IdempotentCreate:
    """Runs one create, commits it, and honours the Idempotency-Key if one was sent."""

    def __init__(
        self,
        request: Request,
        response: Response,
        session: SessionDep,
        principal: Annotated[Principal, Depends(require(Permission.WRITE_RECORDS))],
        fingerprint: Annotated[str, Depends(request_fingerprint)],
        idempotency_key: IdempotencyKey = None,
    ) -> None:
        self.session = session
        self.principal = principal
        self.fingerprint = fingerprint
        self.key_hash = hash_key(idempotency_key) if idempotency_key is not None else None
        self._request = request
        self._response = response

    def __call__(
        self,
        create: Callable[Concatenate[Session, Principal, P], Created[T]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        owner = self.principal.idempotency_owner
        if self.key_hash is not None:
            existing = find_record(self.session, owner, self.key_hash)
            if existing is not None:
                return self._replay(existing)
        try:
            created = create(self.session, self.principal, *args, **kwargs)
            if self.key_hash is not None:
                self.session.add(
                    IdempotencyRecord(
                        owner=owner,
                        key_hash=self.key_hash,
                        request_hash=self.fingerprint,
                        status_code=CREATED,
                        response_body=json.dumps(
                            jsonable_encoder(created.body), ensure_ascii=False
                        ),
                        citizen_id=created.citizen_id,
                    )
                )
            self.session.commit()
        except IntegrityError:
            self.session.rollback()
            # Lost a race? Then the winner's stored result is the answer to this request too.
            if self.key_hash is not None:
                winner = find_record(self.session, owner, self.key_hash)
                if winner is not None:
                    return self._replay(winner)
            raise
        return created.body

    def _replay(self, record: IdempotencyRecord) -> Any:
        if record.request_hash != self.fingerprint:
            raise Conflict(
                "Idempotency-Key er allerede brugt til en anden forespørgsel "
                "(anden sti eller andet indhold); brug en ny nøgle"
            )
        self._response.headers[REPLAY_HEADER] = "true"
        # The stored body was valid output when it was stored; validate it again as the
        # route's response model, so a replay is exactly what the first answer was.
        model = self._request.scope["route"].response_model
        return TypeAdapter(model).validate_python(json.loads(record.response_body))


Create = Annotated[IdempotentCreate, Depends()]
