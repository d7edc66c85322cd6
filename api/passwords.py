"""Password hashing (Argon2 via pwdlib) and the rules for staff passwords."""

from __future__ import annotations

from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256  # hashing cost grows with length; nobody types more


class PasswordRejected(ValueError):
    """The password breaks a rule. The message never contains the password."""


_hasher = PasswordHash((Argon2Hasher(),))


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(f"Adgangskoden skal være mindst {MIN_PASSWORD_LENGTH} tegn")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordRejected(f"Adgangskoden må højst være {MAX_PASSWORD_LENGTH} tegn")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    return _hasher.hash("dummy password that nobody has")


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password; without a hash, spend the same time on a dummy and say no.

    Unknown users and users without a password (OpenID Connect only) must not answer faster
    than a wrong password: the timing would tell who has an account.
    """
    if len(password) > MAX_PASSWORD_LENGTH:
        password = password[:MAX_PASSWORD_LENGTH]  # still hash: same timing class
    if password_hash is None:
        _hasher.verify(password, _dummy_hash())
        return False
    try:
        return _hasher.verify(password, password_hash)
    except Exception:  # a malformed stored hash is a "no", never a 500 with details
        _hasher.verify(password, _dummy_hash())
        return False


def warm_up() -> None:
    _dummy_hash()
