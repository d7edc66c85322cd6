"""Sign-in, session and account bodies."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from api.enums import StaffRole
from api.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from api.schemas.common import OrmModel, StrictModel


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the session's absolute end")


class MeOut(BaseModel):
    user_id: str
    username: str
    role: StaffRole
    session_id: str
    expires_at: dt.datetime


class AuthConfigOut(BaseModel):
    password: bool = True
    oidc: bool
    oidc_login_url: str | None


class LoginCodeIn(StrictModel):
    code: str = Field(min_length=1, max_length=200)


class UserOut(OrmModel):
    user_id: str
    username: str
    role: StaffRole
    created_at: dt.datetime
    disabled_at: dt.datetime | None
    has_password: bool
    oidc_linked: bool


class UserCreate(StrictModel):
    username: str = Field(min_length=1, max_length=200)
    role: StaffRole
    password: str | None = Field(
        default=None,
        min_length=MIN_PASSWORD_LENGTH,
        max_length=MAX_PASSWORD_LENGTH,
        description="Omit for an OpenID Connect-only account",
    )
