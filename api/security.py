"""Who is calling, and may they: bearer authentication, delegation and role permissions.

A bearer is either a machine token (ApiToken: read, write or service scope) or a staff
session's access token (from /api/v1/auth/token or an OpenID Connect sign-in). Both are random
secrets stored only as sha256, so each is one indexed lookup. Nothing from the Authorization
header is ever logged or echoed.

A service token acts only on behalf of a signed-in person: `X-On-Behalf-Of: <session id>`,
and for writes optionally `X-Confirmed-At: <RFC 3339 UTC>` (see api.services.sessions).

Status codes tell the client what to do: 401 = the credential itself is missing, unknown,
expired or revoked (sign in again, or an operator must fix the token); 403 = the caller is
known but may not do this, or the delegation is refused; 422 = the data is invalid.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Concatenate, ParamSpec, TypeVar

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import SessionDep
from api.enums import Permission, TokenScope
from api.errors import Forbidden, Unauthorized
from api.models import ApiToken, StaffSession
from api.principal import Principal
from api.services import sessions
from api.settings import Settings

SECRET_BYTES = 32

P = ParamSpec("P")
R = TypeVar("R")

_bearer = HTTPBearer(
    auto_error=False,
    description="Machine token from `python -m api.cli create-token` or API_TOKENS "
    "(name:scope:secret), or a staff access token",
)
# The same header, described as the OAuth2 password flow so /docs can sign staff in.
_staff = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token",
    auto_error=False,
    description="Staff sign-in (username and password); the access token is a bearer token",
)


def generate_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(settings_of)]


@dataclass(frozen=True)
class Credential:
    """An authenticated bearer: a machine token or a live staff session."""

    token: ApiToken | None = None
    staff_session: StaffSession | None = None

    def principal(self) -> Principal:
        if self.token is not None:
            return Principal(name=self.token.name, scope=self.token.scope)
        assert self.staff_session is not None
        user = self.staff_session.user
        return Principal(
            name=user.username,
            role=user.role,
            user_id=user.user_id,
            session_id=self.staff_session.id,
        )


def authenticate(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    _documented: Annotated[str | None, Depends(_staff)] = None,
) -> Credential:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("Mangler 'Authorization: Bearer <token>'")
    secret = credentials.credentials
    token = session.scalars(
        select(ApiToken).where(
            ApiToken.token_hash == hash_secret(secret), ApiToken.revoked_at.is_(None)
        )
    ).one_or_none()
    if token is not None:
        return Credential(token=token)
    staff_session = sessions.find_by_token(session, secret)
    if staff_session is None:
        raise Unauthorized("Ukendt eller tilbagekaldt token")
    return Credential(staff_session=sessions.use(session, staff_session, settings))


def staff_session_of(
    credential: Annotated[Credential, Depends(authenticate)],
) -> StaffSession:
    """For /auth/me and /auth/logout: only a person's own session will do."""
    if credential.staff_session is None:
        raise Forbidden(
            "Denne adresse er for medarbejdere, der er logget ind; en maskine-token har ingen "
            "session"
        )
    return credential.staff_session


WHAT = {
    Permission.READ_CITIZENS: "at se borgerdata",
    Permission.WRITE_RECORDS: "at oprette eller ændre mål, vurderinger og evalueringer",
    Permission.READ_ACCESS_LOG: "at se adgangsloggen",
    Permission.READ_REPORTS: "at se rapporter",
    Permission.MANAGE_USERS: "at administrere brugere",
    Permission.ERASE_CITIZENS: "at slette en borger (GDPR)",
}
WHO_MAY = {
    Permission.READ_CITIZENS: "alle medarbejderroller og tokens med scope 'read' eller 'write'",
    Permission.WRITE_RECORDS: "rollerne terapeut, kontaktperson og visitator, eller scope 'write'",
    Permission.READ_ACCESS_LOG: "medarbejdere, der er logget ind",
    Permission.READ_REPORTS: "rollen leder",
    Permission.MANAGE_USERS: "rollen admin",
    Permission.ERASE_CITIZENS: "rollen admin",
}
# Account administration and erasure are done by the administrator in person, never through
# a service acting on their behalf.
NOT_DELEGABLE = frozenset({Permission.MANAGE_USERS, Permission.ERASE_CITIZENS})
WRITES = frozenset({Permission.WRITE_RECORDS})


def _refusal(principal: Principal, permission: Permission) -> Forbidden:
    if principal.role is not None:
        who = f"Rollen '{principal.role.value}'"
    else:
        assert principal.scope is not None
        who = f"Token '{principal.name}' (scope '{principal.scope.value}')"
    return Forbidden(
        f"{who} har ikke adgang til {WHAT[permission]}; det kræver {WHO_MAY[permission]}"
    )


@cache
def require(permission: Permission) -> Callable[..., Principal]:
    """A dependency that returns the acting Principal if it holds `permission`, else 403."""

    def dependency(
        session: SessionDep,
        settings: SettingsDep,
        credential: Annotated[Credential, Depends(authenticate)],
        on_behalf_of: Annotated[
            str | None,
            Header(
                alias=sessions.ON_BEHALF_OF_HEADER,
                max_length=100,
                description="Service tokens only: the session id of the person the service "
                "acts for",
            ),
        ] = None,
        confirmed_at: Annotated[
            str | None,
            Header(
                alias=sessions.CONFIRMED_AT_HEADER,
                max_length=100,
                description="Service tokens, writes only: when the person confirmed (RFC 3339 "
                "UTC); accepted if their session was valid then",
            ),
        ] = None,
    ) -> Principal:
        token = credential.token
        is_service = token is not None and token.scope is TokenScope.SERVICE
        if on_behalf_of is not None and not is_service:
            raise Forbidden(
                f"Kun tokens med scope 'service' må sende {sessions.ON_BEHALF_OF_HEADER}"
            )
        if not is_service:
            principal = credential.principal()
        else:
            assert token is not None
            if on_behalf_of is None:
                raise Forbidden(
                    f"Token '{token.name}' (scope 'service') handler kun på vegne af en "
                    f"medarbejder: send {sessions.ON_BEHALF_OF_HEADER}: <session-id>"
                )
            if permission in NOT_DELEGABLE:
                raise Forbidden(
                    f"Adgang til {WHAT[permission]} kan ikke gives via en tjeneste; "
                    "administratoren skal selv være logget ind"
                )
            at = None
            if confirmed_at is not None and permission in WRITES:
                at = sessions.parse_confirmed_at(confirmed_at)
            person = sessions.delegated_session(session, settings, on_behalf_of, confirmed_at=at)
            user = person.user
            principal = Principal(
                name=user.username,
                role=user.role,
                via=token.name,
                user_id=user.user_id,
                session_id=person.id,
            )
        if not principal.can(permission):
            raise _refusal(principal, permission)
        return principal

    return dependency


@dataclass(frozen=True)
class Acting:
    """The request's database session and the principal acting, handed first to a service.

    Every service takes `(session, who, ...)`, so a handler is one line:
    `return read(goals.read_goal, goal_id)`.
    """

    session: Session
    who: Principal

    def __call__(
        self,
        service: Callable[Concatenate[Session, Principal, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        return service(self.session, self.who, *args, **kwargs)


@cache
def acting(permission: Permission) -> Callable[..., Acting]:
    """A dependency that gives an `Acting` whose principal holds `permission`, else 403."""
    # A default, not an Annotated hint: hints are strings here and could not see `permission`.
    who_may = Depends(require(permission))

    def dependency(session: SessionDep, who: Principal = who_may) -> Acting:
        return Acting(session, who)

    return dependency


UserAdmin = Annotated[Principal, Depends(require(Permission.MANAGE_USERS))]
CurrentSession = Annotated[StaffSession, Depends(staff_session_of)]

Reading = Annotated[Acting, Depends(acting(Permission.READ_CITIZENS))]
Writing = Annotated[Acting, Depends(acting(Permission.WRITE_RECORDS))]
AccessLogReading = Annotated[Acting, Depends(acting(Permission.READ_ACCESS_LOG))]
ReportReading = Annotated[Acting, Depends(acting(Permission.READ_REPORTS))]
Erasing = Annotated[Acting, Depends(acting(Permission.ERASE_CITIZENS))]
