"""Creating, listing and revoking API tokens (used by the CLI and by API_TOKENS at startup)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.clock import utcnow
from api.enums import TokenScope
from api.models import ApiToken
from api.security import generate_secret, hash_secret
from api.settings import TOKEN_NAME_PATTERN, BootstrapToken
from rehab_rules.cpr import contains_cpr


class TokenError(ValueError):
    pass


@dataclass(frozen=True)
class TokenInfo:
    name: str
    scope: str
    created_at: str
    revoked: bool


def _check_name(name: str) -> None:
    if not TOKEN_NAME_PATTERN.fullmatch(name):
        raise TokenError(f"Token name must match {TOKEN_NAME_PATTERN.pattern}")
    if contains_cpr(name):
        raise TokenError("Token name must not look like a CPR number")


def create_token(session: Session, name: str, scope: str, *, rotate: bool = False) -> str:
    """Store a new token and return its secret (the only time it is visible)."""
    _check_name(name)
    token_scope = TokenScope(scope)
    secret = generate_secret()
    existing = session.scalars(select(ApiToken).where(ApiToken.name == name)).one_or_none()
    if existing is not None and not rotate:
        raise TokenError(f"A token named {name!r} exists; use --rotate to replace its secret")
    if existing is None:
        session.add(ApiToken(name=name, scope=token_scope, token_hash=hash_secret(secret)))
    else:
        existing.scope = token_scope
        existing.token_hash = hash_secret(secret)
        existing.revoked_at = None
        existing.created_at = utcnow()
    session.commit()
    return secret


def upsert_bootstrap_tokens(session: Session, tokens: list[BootstrapToken]) -> None:
    """Store API_TOKENS by name: add new ones, update scope/secret of existing ones."""
    for token in tokens:
        digest = hash_secret(token.secret)
        existing = session.scalars(
            select(ApiToken).where(ApiToken.name == token.name)
        ).one_or_none()
        scope = TokenScope(token.scope)
        if existing is None:
            session.add(ApiToken(name=token.name, scope=scope, token_hash=digest))
        elif (existing.scope, existing.token_hash, existing.revoked_at) != (scope, digest, None):
            existing.scope = scope
            existing.token_hash = digest
            existing.revoked_at = None
    session.commit()


def revoke_token(session: Session, name: str) -> bool:
    token = session.scalars(select(ApiToken).where(ApiToken.name == name)).one_or_none()
    if token is None or token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    session.commit()
    return True


def list_tokens(session: Session) -> list[TokenInfo]:
    return [
        TokenInfo(
            name=token.name,
            scope=token.scope.value,
            created_at=token.created_at.isoformat(timespec="seconds"),
            revoked=token.revoked_at is not None,
        )
        for token in session.scalars(select(ApiToken).order_by(ApiToken.name))
    ]
