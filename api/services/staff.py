"""Staff accounts: create, list, disable, passwords, and the link to an OpenID Connect identity.

Used by the CLI (api/cli.py), the admin endpoints and the sign-in code. Usernames are stored in
lower case (so uniqueness is case-insensitive) and may not look like a CPR number. Elsewhere a
person is known by the pseudonymous `user_id` ("u-" + 16 hex).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.clock import utcnow
from api.enums import StaffRole
from api.errors import Conflict, Invalid, NotFound, error_item
from api.limits import USERNAME_MAX
from api.models import StaffSession, StaffUser
from api.passwords import PasswordRejected, hash_password
from rehab_rules.cpr import contains_cpr

USERNAME_PATTERN = rf"^[a-z0-9][a-z0-9._@+-]{{0,{USERNAME_MAX - 1}}}$"
_USERNAME = re.compile(USERNAME_PATTERN)


class StaffError(ValueError):
    """A refused account operation (CLI and admin API). Never contains a password."""


def normalize_username(raw: str) -> str:
    return raw.strip().lower()


def check_username(raw: str) -> str:
    username = normalize_username(raw)
    if contains_cpr(username):
        raise StaffError("Brugernavnet må ikke ligne et CPR-nummer")
    if not _USERNAME.fullmatch(username):
        raise StaffError(
            f"Brugernavnet skal være 1-{USERNAME_MAX} tegn: bogstaver a-z, cifre og . _ @ + -, "
            "og begynde med et bogstav eller ciffer"
        )
    return username


def new_user_id() -> str:
    return "u-" + secrets.token_hex(8)


def find_by_username(session: Session, username: str) -> StaffUser | None:
    return session.scalars(
        select(StaffUser).where(StaffUser.username == normalize_username(username))
    ).one_or_none()


def find_by_user_id(session: Session, user_id: str) -> StaffUser | None:
    return session.scalars(select(StaffUser).where(StaffUser.user_id == user_id)).one_or_none()


def create_user(
    session: Session,
    username: str,
    role: StaffRole,
    password: str | None,
    *,
    oidc_issuer: str | None = None,
    oidc_subject: str | None = None,
) -> StaffUser:
    """Add an account (not committed). `password` None: OpenID Connect only."""
    name = check_username(username)
    if find_by_username(session, name) is not None:
        raise StaffError(f"Der findes allerede en bruger med brugernavnet '{name}'")
    try:
        password_hash = hash_password(password) if password is not None else None
    except PasswordRejected as exc:
        raise StaffError(str(exc)) from None
    user = StaffUser(
        user_id=new_user_id(),
        username=name,
        role=role,
        password_hash=password_hash,
        oidc_issuer=oidc_issuer,
        oidc_subject=oidc_subject,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> StaffUser:
    user = find_by_username(session, username)
    if user is None:
        raise StaffError(f"Ingen bruger med brugernavnet '{normalize_username(username)}'")
    try:
        user.password_hash = hash_password(password)
    except PasswordRejected as exc:
        raise StaffError(str(exc)) from None
    revoke_sessions(session, user)  # a new password ends the old sessions
    return user


def disable(session: Session, user: StaffUser) -> StaffUser:
    """Disable the account and end its sessions (idempotent)."""
    if user.disabled_at is None:
        user.disabled_at = utcnow()
    revoke_sessions(session, user)
    return user


def revoke_sessions(session: Session, user: StaffUser) -> None:
    session.execute(
        update(StaffSession)
        .where(StaffSession.staff_user_id == user.id, StaffSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def list_users(session: Session) -> list[StaffUser]:
    return list(session.scalars(select(StaffUser).order_by(StaffUser.username)))


@dataclass(frozen=True)
class Ensured:
    user: StaffUser
    created: bool


def ensure_user(session: Session, username: str, role: StaffRole, password: str | None) -> Ensured:
    """Create the account unless it exists. An existing one is left exactly as it is; if its
    role differs, that is an error (a role is never changed silently)."""
    existing = find_by_username(session, check_username(username))
    if existing is None:
        if password is None:
            raise StaffError("Brugeren findes ikke, og der er ingen adgangskode at oprette den med")
        return Ensured(create_user(session, username, role, password), created=True)
    if existing.role is not role:
        raise StaffError(
            f"Brugeren '{existing.username}' findes med rollen '{existing.role.value}', ikke "
            f"'{role.value}'; rollen ændres ikke automatisk"
        )
    if existing.disabled_at is not None:
        raise StaffError(f"Brugeren '{existing.username}' findes, men er deaktiveret")
    return Ensured(existing, created=False)


# --- the admin API's wrappers: domain errors with a field location ----------------------------


def admin_create(
    session: Session, username: str, role: StaffRole, password: str | None
) -> StaffUser:
    try:
        check_username(username)
    except StaffError as exc:
        raise Invalid([error_item(("body", "username"), str(exc))]) from None
    if find_by_username(session, username) is not None:
        raise Conflict(
            f"Der findes allerede en bruger med brugernavnet '{normalize_username(username)}'"
        )
    try:
        user = create_user(session, username, role, password)
    except StaffError as exc:
        raise Invalid([error_item(("body", "password"), str(exc))]) from None
    session.commit()
    return user


def admin_disable(session: Session, user_id: str, acting_user_id: str | None) -> StaffUser:
    user = find_by_user_id(session, user_id)
    if user is None:
        raise NotFound(f"Bruger {user_id} findes ikke")
    if user.user_id == acting_user_id:
        raise Conflict("Du kan ikke deaktivere din egen konto; bed en anden administrator")
    disable(session, user)
    session.commit()
    return user
