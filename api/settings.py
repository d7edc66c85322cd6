"""Configuration from the environment (DATABASE_URL, API_TOKENS, STATIC_DIR)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from rehab_rules.cpr import contains_cpr

PROJECT_ROOT = Path(__file__).resolve().parent.parent
API_DIR = Path(__file__).resolve().parent

TOKEN_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
TOKEN_SCOPES = ("read", "write")
# Bootstrap secrets are chosen by people, so insist on a length that resists guessing.
MIN_SECRET_LENGTH = 16


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
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'rehab.db'}"
    # SecretStr keeps the value out of repr() and validation errors.
    api_tokens: SecretStr | None = None
    static_dir: Path = API_DIR / "static"

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
                f"API_TOKENS entry {position} ({name}): scope must be 'read' or 'write'"
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
