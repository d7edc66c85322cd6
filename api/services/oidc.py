"""OpenID Connect sign-in: authorization-code flow with PKCE, state and nonce.

1. `start` stores a login (state hash, nonce, PKCE verifier, a hash of a random value kept in
   the browser's cookie) and returns the provider's authorization URL.
2. `finish` (the callback) checks state and cookie, exchanges the code (authlib, with the
   verifier), verifies the ID token (signature via the provider's JWKS, issuer, audience,
   expiry, nonce; joserfc), finds the person's account, opens a session and returns a
   one-time code (60 s, single use, stored hashed). The page trades it for the access token at
   POST /api/v1/auth/oidc/exchange, so the token never appears in a URL.

Who may sign in: an account linked to the identity (issuer + subject), or a local account
whose username is the ID token's preferred_username or (verified) email, which is then linked.
With OIDC_ROLE_CLAIM the role comes from that claim (and an unknown person gets an account);
otherwise unknown people are refused unless OIDC_AUTO_PROVISION_ROLE names a role.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.clock import utcnow
from api.enums import AuthMethod, StaffRole
from api.errors import DomainError
from api.models import OidcLogin, StaffUser
from api.services import sessions, staff
from api.settings import Settings

logger = logging.getLogger("api.oidc")

LOGIN_LIFETIME = dt.timedelta(minutes=10)
HTTP_TIMEOUT = 10
LEEWAY_SECONDS = 60
METADATA_TTL_SECONDS = 3600
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
_ERROR_CODE = re.compile(r"^[a-z_]{1,64}$")


class SignInRefused(DomainError):
    """The OpenID Connect sign-in did not succeed; the message is shown to the person."""

    def __init__(self, message: str, status_code: int = 403) -> None:
        super().__init__(message)
        self.status_code = status_code


def _bad_request(message: str) -> SignInRefused:
    return SignInRefused(message, 400)


class Provider:
    """The configured identity provider: discovery document and signing keys, cached."""

    def __init__(self, settings: Settings) -> None:
        assert settings.oidc_issuer and settings.oidc_client_id and settings.oidc_redirect_url
        self.settings = settings
        self.issuer = settings.oidc_issuer.rstrip("/")
        self.client_id = settings.oidc_client_id
        self.redirect_url = settings.oidc_redirect_url
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] | None = None
        self._metadata_at = 0.0
        self._keys: KeySet | None = None

    def _get(self, url: str) -> dict[str, Any]:
        try:
            response = requests.get(url, timeout=HTTP_TIMEOUT)
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as exc:
            logger.warning("OpenID Connect provider unreachable (%s)", type(exc).__name__)
            raise SignInRefused(
                "Identitetsudbyderen svarer ikke lige nu; prøv igen om lidt, eller log ind med "
                "brugernavn og adgangskode",
                503,
            ) from None

    def metadata(self) -> dict[str, Any]:
        with self._lock:
            fresh = time.monotonic() - self._metadata_at < METADATA_TTL_SECONDS
            if self._metadata is None or not fresh:
                metadata = self._get(f"{self.issuer}/.well-known/openid-configuration")
                if str(metadata.get("issuer", "")).rstrip("/") != self.issuer:
                    raise SignInRefused("Identitetsudbyderens oplysninger passer ikke", 503)
                self._metadata, self._metadata_at = metadata, time.monotonic()
                self._keys = None
            return self._metadata

    def keys(self, *, refresh: bool = False) -> KeySet:
        metadata = self.metadata()
        with self._lock:
            if self._keys is None or refresh:
                self._keys = KeySet.import_key_set(self._get(metadata["jwks_uri"]))  # type: ignore[arg-type]
            return self._keys

    def client(self) -> OAuth2Session:
        methods = self.metadata().get("token_endpoint_auth_methods_supported") or [
            "client_secret_basic"
        ]
        secret = self.settings.oidc_client_secret
        if secret is None:
            method = "none"
        elif "client_secret_basic" in methods:
            method = "client_secret_basic"
        else:
            method = "client_secret_post"
        return OAuth2Session(
            client_id=self.client_id,
            client_secret=secret.get_secret_value() if secret is not None else None,
            scope=self.settings.oidc_scopes,
            redirect_uri=self.redirect_url,
            code_challenge_method="S256",
            token_endpoint_auth_method=method,
        )


@dataclass(frozen=True)
class Started:
    authorization_url: str
    browser_secret: str  # goes into an HttpOnly cookie; only its hash is stored


def start(session: Session, provider: Provider) -> Started:
    metadata = provider.metadata()
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    browser = secrets.token_urlsafe(32)
    session.execute(delete(OidcLogin).where(OidcLogin.created_at < utcnow() - LOGIN_LIFETIME))
    session.add(
        OidcLogin(
            state_hash=sessions.sha256(state),
            nonce=nonce,
            code_verifier=verifier,
            browser_hash=sessions.sha256(browser),
            created_at=utcnow(),
        )
    )
    session.commit()
    with provider.client() as client:
        url, _ = client.create_authorization_url(
            metadata["authorization_endpoint"], state=state, code_verifier=verifier, nonce=nonce
        )
    return Started(url, browser)


def _claimed_login(session: Session, state: str | None, browser: str | None) -> OidcLogin:
    if not state:
        raise _bad_request("Svaret fra identitetsudbyderen mangler 'state'; start login igen")
    login = session.get(OidcLogin, sessions.sha256(state))
    if login is None:
        raise _bad_request("Login-forsøget er ukendt, allerede brugt eller udløbet; start igen")
    session.delete(login)  # single use, whatever happens next
    session.commit()
    if browser is None or sessions.sha256(browser) != login.browser_hash:
        raise _bad_request(
            "Login-forsøget blev startet i en anden browser eller fane; start login igen her"
        )
    if login.created_at < utcnow() - LOGIN_LIFETIME:
        raise _bad_request("Login-forsøget er udløbet; start login igen")
    return login


def _verified_claims(provider: Provider, id_token: str, nonce: str) -> dict[str, Any]:
    metadata = provider.metadata()
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [alg for alg in offered if alg in ALGORITHMS]
    refused = SignInRefused("Identitetsudbyderens svar kunne ikke verificeres; start login igen")
    try:
        try:
            token = jwt.decode(id_token, provider.keys(), algorithms=algorithms)
        except (JoseError, ValueError):
            # The provider may have rotated its keys since we fetched them.
            token = jwt.decode(id_token, provider.keys(refresh=True), algorithms=algorithms)
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": metadata["issuer"]},
            sub={"essential": True},
            aud={"essential": True, "value": provider.client_id},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        registry.validate(token.claims)
    except (JoseError, ValueError, KeyError, TypeError):
        logger.warning("OpenID Connect: ID token refused")
        raise refused from None
    claims = token.claims
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise refused
    return claims


def _names(claims: dict[str, Any]) -> list[str]:
    names = []
    if isinstance(claims.get("preferred_username"), str):
        names.append(claims["preferred_username"])
    if isinstance(claims.get("email"), str) and claims.get("email_verified") is not False:
        names.append(claims["email"])
    return [staff.normalize_username(name) for name in names]


def _role_from_claim(claims: dict[str, Any], claim: str) -> StaffRole:
    value = claims.get(claim)
    values = value if isinstance(value, list) else [value]
    roles = {role for role in StaffRole if role.value in values}
    if len(roles) != 1:
        raise SignInRefused(
            f"Identitetsudbyderen angiver ingen entydig rolle (claim '{claim}'); gyldige roller "
            "er " + ", ".join(role.value for role in StaffRole)
        )
    return roles.pop()


def _account(
    session: Session, settings: Settings, issuer: str, claims: dict[str, Any]
) -> StaffUser:
    subject = str(claims["sub"])
    user = session.scalars(
        select(StaffUser).where(StaffUser.oidc_issuer == issuer, StaffUser.oidc_subject == subject)
    ).one_or_none()
    names = _names(claims)
    if user is None:
        for name in names:
            candidate = staff.find_by_username(session, name)
            if candidate is None:
                continue
            if candidate.oidc_subject is not None:
                raise SignInRefused(
                    f"Kontoen '{candidate.username}' er knyttet til en anden identitet; "
                    "kontakt en administrator"
                )
            candidate.oidc_issuer, candidate.oidc_subject = issuer, subject
            user = candidate
            break
    role = _role_from_claim(claims, settings.oidc_role_claim) if settings.oidc_role_claim else None
    if user is None:
        role = role or settings.oidc_auto_provision_role
        if role is None:
            raise SignInRefused(
                "Du har ingen konto i systemet endnu. Bed en administrator om at oprette dig"
                + (f" med brugernavnet '{names[0]}'" if names else "")
            )
        if not names:
            raise SignInRefused("Identitetsudbyderen oplyser hverken brugernavn eller e-mail")
        try:
            user = staff.create_user(
                session, names[0], role, None, oidc_issuer=issuer, oidc_subject=subject
            )
        except staff.StaffError as exc:
            raise SignInRefused(f"Kontoen kan ikke oprettes: {exc}") from None
    elif role is not None and user.role is not role:
        user.role = role  # the identity provider decides the role when OIDC_ROLE_CLAIM is set
    if user.disabled_at is not None:
        raise SignInRefused("Brugerkontoen er deaktiveret; kontakt en administrator")
    return user


def finish(
    session: Session,
    settings: Settings,
    provider: Provider,
    *,
    code: str | None,
    state: str | None,
    error: str | None,
    browser_secret: str | None,
) -> str:
    """Complete the sign-in; returns the one-time code for the page."""
    login = _claimed_login(session, state, browser_secret)
    if error is not None:
        shown = error if _ERROR_CODE.fullmatch(error) else "ukendt fejl"
        raise SignInRefused(f"Identitetsudbyderen afviste login ({shown})")
    if not code:
        raise _bad_request("Svaret fra identitetsudbyderen mangler 'code'; start login igen")
    try:
        with provider.client() as client:
            tokens = client.fetch_token(
                provider.metadata()["token_endpoint"],
                grant_type="authorization_code",
                code=code,
                code_verifier=login.code_verifier,
                timeout=HTTP_TIMEOUT,
            )
    except Exception as exc:  # authlib's OAuthError, requests' errors, a bad JSON answer
        logger.warning("OpenID Connect: code exchange failed (%s)", type(exc).__name__)
        raise SignInRefused("Identitetsudbyderen godtog ikke login; start login igen") from None
    id_token = tokens.get("id_token")
    if not isinstance(id_token, str):
        raise SignInRefused("Identitetsudbyderen sendte ikke et ID-token; start login igen")
    claims = _verified_claims(provider, id_token, login.nonce)
    user = _account(session, settings, str(claims["iss"]), claims)
    staff_session = sessions.open_session(session, user, AuthMethod.OIDC, settings)
    one_time = sessions.issue_login_code(staff_session)
    session.commit()
    return one_time
