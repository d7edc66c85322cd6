"""OpenID Connect sign-in, end to end against a real provider process (oidc-provider-mock).

The provider runs as a subprocess on a free port. httpx plays the browser at the provider
(its authorization form and redirect); the API is driven through its TestClient, whose cookie
jar carries the sign-in cookie from /oidc/login to /oidc/callback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from sqlalchemy import select

from api.clock import utcnow
from api.main import create_app
from api.models import StaffSession, StaffUser
from tests.support.processes import free_port, service

from .conftest import Staff, TestClient, make_settings

pytest.importorskip(
    "oidc_provider_mock", reason="oidc-provider-mock (dev dependency) is not installed"
)

CLIENT_ID = "rehab-api"
REDIRECT = "http://localhost/api/v1/auth/oidc/callback"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--require-nonce"]
    logs = Path(tmp_path_factory.mktemp("oidc"))
    with service("oidc-provider-mock", command, f"{url}/.well-known/openid-configuration", logs):
        yield url


def set_claims(provider: str, sub: str, **claims: Any) -> None:
    httpx.put(f"{provider}/users/{sub}", json=claims, timeout=10).raise_for_status()


@pytest.fixture
def oidc_app(provider: str, database_url: str, clean_database, request) -> Iterator[TestClient]:
    overrides = getattr(request, "param", {})
    settings = make_settings(
        database_url,
        oidc_issuer=provider,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret="client-secret-for-tests",
        oidc_redirect_url=REDIRECT,
        **overrides,
    )
    with TestClient(create_app(settings), base_url="http://localhost") as client:
        yield client


def start(client: TestClient) -> str:
    response = client.get("/api/v1/auth/oidc/login", follow_redirects=False)
    assert response.status_code == 303, response.text
    assert "rehab_oidc_login" in response.headers["set-cookie"]
    assert "HttpOnly" in response.headers["set-cookie"]
    return response.headers["location"]


def authorize(authorize_url: str, sub: str) -> str:
    """Be the person at the provider: load its form, submit the subject, return the redirect."""
    with httpx.Client(timeout=10, follow_redirects=False) as browser:
        form = browser.get(authorize_url)
        assert form.status_code == 200 and 'name="sub"' in form.text
        answer = browser.post(authorize_url, data={"sub": sub})
        assert answer.status_code in (302, 303), answer.text
        return answer.headers["location"]


def callback(client: TestClient, location: str) -> Any:
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REDIRECT
    return client.get(f"{parts.path}?{parts.query}", follow_redirects=False)


def with_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query[name] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


def sign_in(client: TestClient, sub: str) -> Any:
    return callback(client, authorize(start(client), sub))


def exchange(client: TestClient, response: Any) -> Any:
    location = response.headers["location"]
    assert location.startswith("/#login=")
    return client.post("/api/v1/auth/oidc/exchange", json={"code": location.split("=", 1)[1]})


def test_config_names_the_login_url(oidc_app: TestClient) -> None:
    assert oidc_app.get("/api/v1/auth/config").json() == {
        "password": True,
        "oidc": True,
        "oidc_login_url": "/api/v1/auth/oidc/login",
    }


def test_authorization_request_uses_pkce_state_and_nonce(oidc_app: TestClient) -> None:
    query = parse_qs(urlsplit(start(oidc_app)).query)
    assert query["response_type"] == ["code"] and query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [REDIRECT]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert "openid" in query["scope"][0].split()


def test_a_pre_provisioned_person_signs_in(
    oidc_app: TestClient, provider: str, staff: Staff, db
) -> None:
    staff.user("terapeut", "mette")  # provisioned locally, no password
    set_claims(provider, "sub-mette-1", preferred_username="mette", email="mette@kommune.dk")
    done = sign_in(oidc_app, "sub-mette-1")
    assert done.status_code == 303, done.text
    code = done.headers["location"].split("=", 1)[1]

    token = exchange(oidc_app, done)
    assert token.status_code == 200, token.text
    body = token.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["access_token"] not in done.headers["location"]  # never in a URL
    me = oidc_app.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert (me.json()["username"], me.json()["role"]) == ("mette", "terapeut")

    # The one-time code is single use.
    again = oidc_app.post("/api/v1/auth/oidc/exchange", json={"code": code})
    assert again.status_code == 401
    with db() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.username == "mette")).one()
        assert (user.oidc_issuer, user.oidc_subject) == (provider, "sub-mette-1")
        [stored] = session.scalars(select(StaffSession)).all()
        assert stored.auth_method.value == "oidc" and stored.login_code_hash is None

    # Next time the link by issuer + subject finds her, whatever the username claims say.
    set_claims(provider, "sub-mette-1", preferred_username="m.hansen")
    assert exchange(oidc_app, sign_in(oidc_app, "sub-mette-1")).status_code == 200


def test_an_unknown_person_is_refused(oidc_app: TestClient, provider: str, db) -> None:
    set_claims(provider, "sub-stranger", preferred_username="fremmed")
    refused = sign_in(oidc_app, "sub-stranger")
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("text/html")
    assert "ingen konto" in refused.text and "fremmed" in refused.text
    with db() as session:
        assert session.scalars(select(StaffSession)).all() == []
        assert session.scalars(select(StaffUser)).all() == []


def test_a_disabled_person_is_refused(
    oidc_app: TestClient, provider: str, staff: Staff, db
) -> None:
    staff.user("kontaktperson", "karin")
    with db() as session:
        user = session.scalars(select(StaffUser)).one()
        user.disabled_at = utcnow()
        session.commit()
    set_claims(provider, "sub-karin", preferred_username="karin")
    refused = sign_in(oidc_app, "sub-karin")
    assert refused.status_code == 403 and "deaktiveret" in refused.text
    with db() as session:
        assert session.scalars(select(StaffSession)).all() == []


def test_a_wrong_state_is_refused(oidc_app: TestClient, provider: str, staff: Staff) -> None:
    staff.user("terapeut", "mette")
    set_claims(provider, "sub-mette-2", preferred_username="mette")
    location = authorize(start(oidc_app), "sub-mette-2")
    refused = callback(oidc_app, with_param(location, "state", "forged-state-" + "x" * 30))
    assert refused.status_code == 400
    assert "ukendt, allerede brugt eller udløbet" in refused.text
    # The real state still works once ...
    assert callback(oidc_app, location).status_code == 303
    # ... and only once.
    assert callback(oidc_app, location).status_code == 400


def test_a_wrong_nonce_is_refused(oidc_app: TestClient, provider: str, staff: Staff) -> None:
    staff.user("terapeut", "mette")
    set_claims(provider, "sub-mette-3", preferred_username="mette")
    # The ID token then carries a nonce the API did not issue for this sign-in.
    tampered = with_param(start(oidc_app), "nonce", "not-the-nonce-we-sent")
    refused = callback(oidc_app, authorize(tampered, "sub-mette-3"))
    assert refused.status_code == 403
    assert "kunne ikke verificeres" in refused.text


def test_the_callback_must_come_to_the_browser_that_started(
    oidc_app: TestClient, provider: str, staff: Staff
) -> None:
    staff.user("terapeut", "mette")
    set_claims(provider, "sub-mette-4", preferred_username="mette")
    location = authorize(start(oidc_app), "sub-mette-4")
    oidc_app.cookies.clear()  # another browser (e.g. a link sent to a victim)
    refused = callback(oidc_app, location)
    assert refused.status_code == 400
    assert "anden browser" in refused.text


def test_the_provider_saying_no(oidc_app: TestClient) -> None:
    location = with_param(start(oidc_app), "x", "y")
    state = parse_qs(urlsplit(location).query)["state"][0]
    refused = oidc_app.get(
        f"/api/v1/auth/oidc/callback?error=access_denied&state={state}", follow_redirects=False
    )
    assert refused.status_code == 403 and "access_denied" in refused.text


def test_an_expired_one_time_code_is_refused(
    oidc_app: TestClient, provider: str, staff: Staff, db
) -> None:
    staff.user("terapeut", "mette")
    set_claims(provider, "sub-mette-5", preferred_username="mette")
    done = sign_in(oidc_app, "sub-mette-5")
    with db() as session:
        stored = session.scalars(select(StaffSession)).one()
        stored.login_code_expires_at = utcnow()
        session.commit()
    assert exchange(oidc_app, done).status_code == 401


@pytest.mark.parametrize("oidc_app", [{"oidc_auto_provision_role": "kontaktperson"}], indirect=True)
def test_auto_provisioning(oidc_app: TestClient, provider: str) -> None:
    set_claims(provider, "sub-ny", preferred_username="Ny.Medarbejder")
    token = exchange(oidc_app, sign_in(oidc_app, "sub-ny")).json()["access_token"]
    me = oidc_app.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert (me["username"], me["role"]) == ("ny.medarbejder", "kontaktperson")


@pytest.mark.parametrize("oidc_app", [{"oidc_role_claim": "rehab_role"}], indirect=True)
def test_role_from_a_claim(oidc_app: TestClient, provider: str, staff: Staff) -> None:
    staff.user("terapeut", "mette")
    set_claims(provider, "sub-mette-6", preferred_username="mette", rehab_role="leder")
    token = exchange(oidc_app, sign_in(oidc_app, "sub-mette-6")).json()["access_token"]
    me = oidc_app.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "leder"
    set_claims(provider, "sub-x", preferred_username="x", rehab_role="chef")
    refused = sign_in(oidc_app, "sub-x")
    assert refused.status_code == 403 and "entydig rolle" in refused.text
