"""Staff sign-in: password (OAuth2 password flow), OpenID Connect, sessions."""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import SessionDep
from api.errors import NotFound
from api.schemas.auth import AuthConfigOut, LoginCodeIn, MeOut, TokenOut
from api.security import CurrentSession, SettingsDep
from api.services import oidc, sessions

router = APIRouter(prefix="/api/v1/auth", tags=["sign-in"])

OIDC_LOGIN_PATH = "/api/v1/auth/oidc/login"
OIDC_COOKIE = "rehab_oidc_login"
OIDC_COOKIE_PATH = "/api/v1/auth/oidc"

REFUSED = {
    401: {"description": "Wrong username or password (same answer for unknown users)"},
    429: {"description": "Too many failed attempts for this username; see Retry-After"},
}


def _token(issued: sessions.Issued) -> TokenOut:
    return TokenOut(access_token=issued.access_token, expires_in=issued.expires_in())


@router.post("/token", response_model=TokenOut, responses=REFUSED, summary="Sign in")
def sign_in(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
) -> TokenOut:
    return _token(sessions.sign_in_with_password(session, settings, form.username, form.password))


@router.post(
    "/logout", status_code=status.HTTP_204_NO_CONTENT, summary="End this session (sign out)"
)
def log_out(session: SessionDep, current: CurrentSession) -> Response:
    sessions.log_out(session, current)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=MeOut, summary="Who is signed in with this bearer token")
def me(current: CurrentSession) -> MeOut:
    # The account's fields under their own names, then this session's id and end.
    account = {name: getattr(current.user, name) for name in ("user_id", "username", "role")}
    return MeOut(**account, session_id=current.id, expires_at=current.expires_at)


@router.get("/config", response_model=AuthConfigOut, summary="Sign-in methods (no auth)")
def config(settings: SettingsDep) -> AuthConfigOut:
    return AuthConfigOut(
        oidc=settings.oidc_enabled,
        oidc_login_url=OIDC_LOGIN_PATH if settings.oidc_enabled else None,
    )


def _provider(request: Request) -> oidc.Provider:
    provider = request.app.state.oidc_provider
    if provider is None:
        raise NotFound("Log ind med OpenID Connect er ikke slået til")
    return provider


Provider = Annotated[oidc.Provider, Depends(_provider)]


def _page(title: str, message: str, status_code: int) -> HTMLResponse:
    body = f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p>
<p><a href="/">Tilbage til forsiden</a></p></main></body></html>"""
    return HTMLResponse(body, status_code=status_code)


@router.get(
    "/oidc/login",
    status_code=status.HTTP_303_SEE_OTHER,
    response_class=RedirectResponse,
    summary="Start an OpenID Connect sign-in (redirects to the identity provider)",
)
def oidc_login(session: SessionDep, provider: Provider, settings: SettingsDep) -> Response:
    try:
        started = oidc.start(session, provider)
    except oidc.SignInRefused as refused:
        return _page("Log ind lykkedes ikke", refused.message, refused.status_code)
    response = RedirectResponse(started.authorization_url, status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        OIDC_COOKIE,
        started.browser_secret,
        max_age=int(oidc.LOGIN_LIFETIME.total_seconds()),
        path=OIDC_COOKIE_PATH,
        secure=(settings.oidc_redirect_url or "").startswith("https://"),
        httponly=True,
        samesite="lax",
    )
    return response


@router.get(
    "/oidc/callback",
    status_code=status.HTTP_303_SEE_OTHER,
    response_class=RedirectResponse,
    summary="The identity provider's redirect back; redirects to /#login=<one-time code>",
)
def oidc_callback(
    request: Request,
    session: SessionDep,
    provider: Provider,
    settings: SettingsDep,
    code: str | None = None,
    state: str | None = None,
    error: str | None = None,
) -> Response:
    try:
        one_time = oidc.finish(
            session,
            settings,
            provider,
            code=code,
            state=state,
            error=error,
            browser_secret=request.cookies.get(OIDC_COOKIE),
        )
    except oidc.SignInRefused as refused:
        # The cookie stays: a forged callback must not spoil a sign-in in progress.
        return _page("Log ind lykkedes ikke", refused.message, refused.status_code)
    # The code travels in the fragment, which browsers never send to a server.
    response = RedirectResponse(f"/#login={one_time}", status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(OIDC_COOKIE, path=OIDC_COOKIE_PATH)
    return response


@router.post(
    "/oidc/exchange",
    response_model=TokenOut,
    responses={401: {"description": "The one-time code is unknown, used or expired"}},
    summary="Trade the one-time code from /#login=… for the access token",
)
def oidc_exchange(body: LoginCodeIn, session: SessionDep, settings: SettingsDep) -> TokenOut:
    return _token(sessions.exchange_login_code(session, settings, body.code))
