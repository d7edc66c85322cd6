"""Configuration from the environment (see the table in api/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.enums import StaffRole
from rehab_rules.cpr import contains_cpr

PROJECT_ROOT = Path(__file__).resolve().parent.parent
API_DIR = Path(__file__).resolve().parent

TOKEN_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
TOKEN_SCOPES = ("read", "write", "service")
# Bootstrap secrets are chosen by people, so insist on a length that resists guessing.
MIN_SECRET_LENGTH = 16


def _secure_or_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1")


class TokenConfigError(ValueError):
    """API_TOKENS is malformed. The message never contains a secret."""


@dataclass(frozen=True)
class BootstrapToken:
    name: str
    scope: str
    secret: str

    def __repr__(self) -> str:  # keep the secret out of tracebacks and logs
        return f"BootstrapToken(name={self.name!r}, scope={self.scope!r}, secret='***')"


class Settings(BaseSettings):
    # hide_input_in_errors: a validation error must not print API_TOKENS or other secrets.
    model_config = SettingsConfigDict(env_file=None, extra="ignore", hide_input_in_errors=True)

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'rehab.db'}"
    # SecretStr keeps the value out of repr() and validation errors.
    api_tokens: SecretStr | None = None
    static_dir: Path = API_DIR / "static"
    # The embedded default migrates at start-up. With several replicas, run the migrations once
    # (a Kubernetes Job, tools/cluster_setup.sh) and set API_MIGRATE_ON_START=false: replicas
    # migrating at once would race.
    api_migrate_on_start: bool = True

    # Staff sessions: absolute lifetime and idle timeout.
    staff_session_hours: float = Field(default=8, gt=0, le=24 * 7)
    staff_session_idle_minutes: float = Field(default=30, gt=0, le=24 * 60)
    # Password sign-in lockout: this many failures for one username within the window lock
    # that username for the lockout time.
    sign_in_max_failures: int = Field(default=5, ge=1, le=100)
    sign_in_window_minutes: float = Field(default=15, gt=0)
    sign_in_lockout_minutes: float = Field(default=15, gt=0)

    # OpenID Connect sign-in; on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URL are set.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_redirect_url: str | None = None
    oidc_role_claim: str | None = None
    oidc_auto_provision_role: StaffRole | None = None
    oidc_scopes: str = "openid profile email"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_redirect_url)

    @model_validator(mode="after")
    def _check_oidc(self) -> Settings:
        for name in ("oidc_issuer", "oidc_redirect_url"):
            value = getattr(self, name)
            if value and not _secure_or_local(value):
                raise ValueError(
                    f"{name.upper()} must be an https:// URL (http only for localhost)"
                )
        return self

    def bootstrap_tokens(self) -> list[BootstrapToken]:
        """Parse API_TOKENS (`name:scope:secret[,name:scope:secret…]`)."""
        if self.api_tokens is None:
            return []
        return parse_token_config(self.api_tokens.get_secret_value())


def parse_token_config(raw: str) -> list[BootstrapToken]:
    tokens: list[BootstrapToken] = []
    seen: set[str] = set()
    for position, entry in enumerate((e.strip() for e in raw.split(",")), start=1):
        if not entry:
            continue
        parts = entry.split(":", 2)
        if len(parts) != 3:
            raise TokenConfigError(
                f"API_TOKENS entry {position} must have the form name:scope:secret"
            )
        name, scope, secret = (part.strip() for part in parts)
        if not TOKEN_NAME_PATTERN.fullmatch(name):
            raise TokenConfigError(
                f"API_TOKENS entry {position}: the name must match {TOKEN_NAME_PATTERN.pattern}"
            )
        if contains_cpr(name):
            raise TokenConfigError(
                f"API_TOKENS entry {position}: the name must not look like a CPR number"
            )
        if scope not in TOKEN_SCOPES:
            raise TokenConfigError(
                f"API_TOKENS entry {position} ({name}): scope must be 'read', 'write' or 'service'"
            )
        if len(secret) < MIN_SECRET_LENGTH:
            raise TokenConfigError(
                f"API_TOKENS entry {position} ({name}): the secret must be at least "
                f"{MIN_SECRET_LENGTH} characters"
            )
        if name in seen:
            raise TokenConfigError(f"API_TOKENS names token {name!r} more than once")
        seen.add(name)
        tokens.append(BootstrapToken(name=name, scope=scope, secret=secret))
    return tokens
