"""Staff sessions: password sign-in with lockout, opaque access tokens, logout, delegation.

An access token is a random secret; only its sha256 is stored (like machine tokens), so a
bearer is found by one indexed lookup. A session ends at the first of: its absolute lifetime
(STAFF_SESSION_HOURS), STAFF_SESSION_IDLE_MINUTES without use, logout, or the account being
disabled. `last_used_at` is written at most once a minute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from api.clock import utcnow
from api.enums import AuthMethod
from api.errors import Forbidden, Invalid, TooManyAttempts, Unauthorized, error_item
from api.models import SignInFailure, StaffSession, StaffUser
from api.passwords import verify_password
from api.services import staff
from api.settings import Settings

TOKEN_BYTES = 32
TOUCH_EVERY = dt.timedelta(minutes=1)
LOGIN_CODE_LIFETIME = dt.timedelta(seconds=60)
CONFIRMATION_MAX_AGE = dt.timedelta(days=30)
# X-Confirmed-At may be this far ahead of our clock (the sender's clock may run a bit fast).
CONFIRMATION_CLOCK_SKEW = dt.timedelta(seconds=60)

WRONG_CREDENTIALS = "Forkert brugernavn eller adgangskode"
CONFIRMED_AT_HEADER = "X-Confirmed-At"
ON_BEHALF_OF_HEADER = "X-On-Behalf-Of"
_RFC3339_UTC = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?([Zz]|\+00:00)$"
)


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_session_id() -> str:
    return "s-" + secrets.token_hex(16)


@dataclass(frozen=True)
class Issued:
    """A new session and its access token (shown once, never stored)."""

    staff_session: StaffSession
    access_token: str

    def expires_in(self) -> int:
        return max(0, int((self.staff_session.expires_at - utcnow()).total_seconds()))


# Ended sessions are kept this long: a write confirmed in one (X-Confirmed-At) may arrive late.
KEEP_ENDED_SESSIONS = CONFIRMATION_MAX_AGE + dt.timedelta(days=1)


def open_session(
    session: Session, user: StaffUser, method: AuthMethod, settings: Settings
) -> StaffSession:
    """A session without a token yet (add one with `issue_token`)."""
    now = utcnow()
    session.execute(delete(StaffSession).where(StaffSession.expires_at < now - KEEP_ENDED_SESSIONS))
    staff_session = StaffSession(
        id=new_session_id(),
        staff_user_id=user.id,
        user=user,
        auth_method=method,
        created_at=now,
        last_used_at=now,
        expires_at=now + dt.timedelta(hours=settings.staff_session_hours),
    )
    session.add(staff_session)
    return staff_session


def issue_token(staff_session: StaffSession) -> Issued:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    staff_session.token_hash = sha256(token)
    return Issued(staff_session, token)


# --- password sign-in ---------------------------------------------------------------------


def _locked_until(session: Session, key: str, settings: Settings) -> dt.datetime | None:
    """The end of the lockout, if `max_failures` fell within one window lately."""
    window = dt.timedelta(minutes=settings.sign_in_window_minutes)
    lockout = dt.timedelta(minutes=settings.sign_in_lockout_minutes)
    since = utcnow() - window - lockout
    failures = list(
        session.scalars(
            select(SignInFailure.failed_at)
            .where(SignInFailure.username_hash == key, SignInFailure.failed_at > since)
            .order_by(SignInFailure.failed_at)
        )
    )
    n = settings.sign_in_max_failures
    until: dt.datetime | None = None
    for i in range(n - 1, len(failures)):
        if failures[i] - failures[i - n + 1] <= window:
            until = max(until or failures[i], failures[i] + lockout)
    return until if until is not None and until > utcnow() else None


def _refuse_if_locked(session: Session, key: str, settings: Settings) -> None:
    until = _locked_until(session, key, settings)
    if until is not None:
        seconds = int((until - utcnow()).total_seconds()) + 1
        minutes = max(1, round(seconds / 60))
        raise TooManyAttempts(
            f"For mange forkerte forsøg på at logge ind med dette brugernavn; prøv igen om "
            f"{minutes} minut{'ter' if minutes != 1 else ''}",
            seconds,
        )


def sign_in_with_password(
    session: Session, settings: Settings, username: str, password: str
) -> Issued:
    """Check the password and open a session, or refuse without telling why.

    Unknown user, no password (OpenID Connect only) and wrong password all answer 401 with the
    same message after the same Argon2 work. Failures count per username whether or not the
    account exists, so the lockout (429) reveals nothing either. The username is kept only as
    a hash: someone might type a CPR number into the field.
    """
    key = sha256(staff.normalize_username(username))
    forget_old_failures(session, settings)
    _refuse_if_locked(session, key, settings)
    user = staff.find_by_username(session, username) if len(username) <= 200 else None
    if not verify_password(password, user.password_hash if user is not None else None):
        session.add(SignInFailure(username_hash=key, failed_at=utcnow()))
        session.commit()
        raise Unauthorized(WRONG_CREDENTIALS)
    assert user is not None
    if user.disabled_at is not None:
        raise Unauthorized("Brugerkontoen er deaktiveret; kontakt en administrator")
    session.execute(delete(SignInFailure).where(SignInFailure.username_hash == key))
    issued = issue_token(open_session(session, user, AuthMethod.PASSWORD, settings))
    session.commit()
    return issued


def forget_old_failures(session: Session, settings: Settings) -> None:
    horizon = utcnow() - dt.timedelta(
        minutes=settings.sign_in_window_minutes + settings.sign_in_lockout_minutes
    )
    session.execute(delete(SignInFailure).where(SignInFailure.failed_at < horizon))


# --- using a session -----------------------------------------------------------------------


def _why_not_live(staff_session: StaffSession, settings: Settings, now: dt.datetime) -> str | None:
    if staff_session.revoked_at is not None:
        return "Sessionen er afsluttet (logget ud eller lukket af en administrator); log ind igen"
    if staff_session.user.disabled_at is not None:
        return "Brugerkontoen er deaktiveret; kontakt en administrator"
    if staff_session.expires_at <= now:
        return (
            f"Sessionen er udløbet (den varer højst {settings.staff_session_hours:g} timer); "
            "log ind igen"
        )
    idle = dt.timedelta(minutes=settings.staff_session_idle_minutes)
    if now - staff_session.last_used_at > idle:
        return (
            f"Sessionen er udløbet efter {settings.staff_session_idle_minutes:g} minutter "
            "uden aktivitet; log ind igen"
        )
    if staff_session.token_hash is None:
        return "Sessionen er ikke taget i brug"
    return None


def find_by_token(session: Session, token: str) -> StaffSession | None:
    return session.scalars(
        select(StaffSession)
        .where(StaffSession.token_hash == sha256(token))
        .options(selectinload(StaffSession.user))
    ).one_or_none()


def use(session: Session, staff_session: StaffSession, settings: Settings) -> StaffSession:
    """The person's own request: the session must be live; it counts as activity."""
    now = utcnow()
    reason = _why_not_live(staff_session, settings, now)
    if reason is not None:
        raise Unauthorized(reason)
    if now - staff_session.last_used_at >= TOUCH_EVERY:
        staff_session.last_used_at = now
        session.commit()
    return staff_session


def log_out(session: Session, staff_session: StaffSession) -> None:
    if staff_session.revoked_at is None:
        staff_session.revoked_at = utcnow()
    session.commit()


# --- a service acting for a person ------------------------------------------------------------


def parse_confirmed_at(raw: str) -> dt.datetime:
    malformed = Invalid(
        [
            error_item(
                ("header", CONFIRMED_AT_HEADER),
                f"{CONFIRMED_AT_HEADER} skal være et UTC-tidspunkt i RFC 3339-format, "
                "f.eks. 2026-03-01T09:30:00Z",
            )
        ]
    )
    match = _RFC3339_UTC.fullmatch(raw.strip())
    if match is None:
        raise malformed
    fraction = match.group(1) or ""
    # Python 3.10 reads only 3 or 6 fractional digits: pad to 6.
    text = raw.strip()[:19] + (fraction.ljust(7, "0") if fraction else "")
    try:
        value = dt.datetime.fromisoformat(text.upper()).replace(tzinfo=dt.timezone.utc)
    except ValueError:  # e.g. month 13
        raise malformed from None
    if value > utcnow() + CONFIRMATION_CLOCK_SKEW:
        raise Invalid(
            [error_item(("header", CONFIRMED_AT_HEADER), "Tidspunktet ligger i fremtiden")]
        )
    return value


def delegated_session(
    session: Session,
    settings: Settings,
    session_id: str,
    *,
    confirmed_at: dt.datetime | None,
) -> StaffSession:
    """The session a service acts for. Refusals are 403: the delegation is refused.

    Without `confirmed_at` the session must be live now. With it (writes only), the session
    must have been valid at that moment: created <= t <= min(expires_at, revoked_at), t at
    most 30 days ago, and the account not disabled at t. A goal confirmed before an outage is
    so stored, and attributed to that person, after the session has ended.
    """
    staff_session = session.scalars(
        select(StaffSession)
        .where(StaffSession.id == session_id.strip())
        .options(selectinload(StaffSession.user))
    ).one_or_none()
    if staff_session is None or staff_session.token_hash is None:
        raise Forbidden(f"{ON_BEHALF_OF_HEADER} nævner en session, der ikke findes")
    now = utcnow()
    if confirmed_at is None:
        reason = _why_not_live(staff_session, settings, now)
        if reason is not None:
            raise Forbidden(
                f"Kan ikke handle på vegne af medarbejderen: {reason[0].lower()}{reason[1:]}"
            )
        return staff_session
    if confirmed_at < now - CONFIRMATION_MAX_AGE:
        raise Forbidden(
            f"Bekræftelsen ({CONFIRMED_AT_HEADER}) er mere end "
            f"{CONFIRMATION_MAX_AGE.days} dage gammel og kan ikke længere gemmes"
        )
    end = staff_session.expires_at
    if staff_session.revoked_at is not None:
        end = min(end, staff_session.revoked_at)
    disabled = staff_session.user.disabled_at
    if not (staff_session.created_at <= confirmed_at <= end) or (
        disabled is not None and disabled <= confirmed_at
    ):
        raise Forbidden(
            f"Medarbejderens session var ikke gyldig på tidspunktet i {CONFIRMED_AT_HEADER}"
        )
    return staff_session


# --- one-time codes (OpenID Connect sign-in) -----------------------------------------------------


def issue_login_code(staff_session: StaffSession) -> str:
    code = secrets.token_urlsafe(24)
    staff_session.login_code_hash = sha256(code)
    staff_session.login_code_expires_at = utcnow() + LOGIN_CODE_LIFETIME
    return code


def exchange_login_code(session: Session, settings: Settings, code: str) -> Issued:
    """Single use: the code is cleared in the same UPDATE that finds it."""
    digest = sha256(code)
    refused = Unauthorized("Engangskoden er ukendt, brugt eller udløbet; log ind igen")
    found = session.scalars(
        select(StaffSession)
        .where(StaffSession.login_code_hash == digest)
        .options(selectinload(StaffSession.user))
    ).one_or_none()
    if found is None:
        raise refused
    claimed = session.execute(
        update(StaffSession)
        .where(
            StaffSession.id == found.id,
            StaffSession.login_code_hash == digest,
            StaffSession.token_hash.is_(None),
        )
        .values(login_code_hash=None, login_code_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    expires = found.login_code_expires_at
    if claimed.rowcount != 1 or expires is None or expires <= utcnow():
        session.commit()  # an expired code is used up as well
        raise refused
    session.refresh(found)
    if _why_not_live(found, settings, utcnow()) not in (None, "Sessionen er ikke taget i brug"):
        session.commit()
        raise refused
    issued = issue_token(found)
    session.commit()
    return issued
