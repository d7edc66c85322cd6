"""Bearer-token authentication with read/write scopes.

Secrets are random and high-entropy, so a plain sha256 digest is enough to store them and
lets us find a token by indexed lookup (no per-token salt to iterate over). The secret is
never logged: we log no headers and put nothing from the Authorization header in errors.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from api.deps import SessionDep
from api.enums import TokenScope
from api.models import ApiToken

SECRET_BYTES = 32

_bearer = HTTPBearer(
    auto_error=False,
    description="Token from `python -m api.cli create-token` or API_TOKENS (name:scope:secret)",
)


def generate_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    """The authenticated caller; `name` goes into audit rows and created_by."""

    name: str
    scope: TokenScope

    @property
    def can_write(self) -> bool:
        return self.scope is TokenScope.WRITE


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=message,
        headers={"WWW-Authenticate": "Bearer"},
    )


def authenticate(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("Mangler 'Authorization: Bearer <token>'")
    digest = hash_secret(credentials.credentials)
    token = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == digest, ApiToken.revoked_at.is_(None))
    ).one_or_none()
    if token is None:
        raise _unauthorized("Ukendt eller tilbagekaldt token")
    return Principal(name=token.name, scope=token.scope)


def require_read(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
    # Both scopes may read: write implies read.
    return principal


def require_write(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
    if not principal.can_write:
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN,
            detail=f"Token '{principal.name}' har kun læseadgang (scope 'read'); "
            "ændringer kræver scope 'write'",
        )
    return principal


Reader = Annotated[Principal, Depends(require_read)]
Writer = Annotated[Principal, Depends(require_write)]
