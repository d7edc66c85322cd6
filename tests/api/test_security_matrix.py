"""Every route under /api/v1 against every kind of caller: allowed, or refused without data.

The routes are enumerated from the app, so a new route without an entry in MATRIX fails
`test_every_route_has_a_matrix_entry`. For each route and caller the expected status is
exact: the success status when allowed, 401 for a credential problem, 403 for a refusal.
A refused response must not contain any citizen data.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts

from api.clock import utcnow
from api.main import create_app

from .conftest import (
    READ,
    ROLES,
    SERVICE,
    WRITE,
    Api,
    Staff,
    TestClient,
    assessment_body,
    days,
    evaluation_body,
    goal_body,
    make_settings,
    subgoal_body,
)
from .pdf_renderer import require_pdf_renderer

CALLERS = (
    "anonymous",
    *ROLES,
    "expired",
    "revoked",
    "forged",
    "read",
    "write",
    "service",
    "service+delegation",
)
CREDENTIAL_PROBLEMS = {"anonymous", "expired", "revoked", "forged"}
# Texts that only citizen data contains (reference, statement, activities).
CITIZEN_DATA = ("B-1042", "Jeg vil selv kunne hente min post", "Hente post", "Tage bad selv")

EVERYONE = frozenset(CALLERS)
STAFF = frozenset(ROLES)
READERS = STAFF | {"read", "write", "service+delegation"}
WRITERS = frozenset({"visitator", "terapeut", "kontaktperson", "write", "service+delegation"})
ADMIN = frozenset({"admin"})
# Reports: the role leder only (a service acting for a leder would do; here it acts for a
# terapeut). Machine tokens get none: aggregated reports are leadership information.
LEADERS = frozenset({"leder"})
SESSION_HOLDERS = STAFF  # /auth/me and /auth/logout: a person's own session only
STAFF_AND_DELEGATED = STAFF | {"service+delegation"}


@dataclass
class Context:
    api: Api
    staff: Staff
    caller: str
    data: dict[str, Any]


Request = Callable[[Context], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Entry:
    request: Request
    allowed: frozenset[str]
    success: int = 200
    # Public routes answer the same to everyone, whatever the Authorization header says.
    public_status: int | None = None


def fixed(path: str, **kwargs: Any) -> Request:
    return lambda ctx: (path.format(**ctx.data), kwargs)


def new_citizen(ctx: Context) -> tuple[str, dict[str, Any]]:
    return "/api/v1/citizens", {"json": {"reference": f"T-{ctx.caller.replace('+', '-')}"}}


def erasable_citizen(ctx: Context) -> tuple[str, dict[str, Any]]:
    reference = f"E-{ctx.caller.replace('+', '-')}"
    ctx.api.citizen(reference)
    return f"/api/v1/citizens/{reference}", {}


def reassessment(ctx: Context) -> tuple[str, dict[str, Any]]:
    body = {
        "date": days(0),
        "assessor_role": "ergoterapeut",
        "ratings": [{"problem_id": ctx.data["problem_id"], "performance": 6, "satisfaction": 6}],
    }
    return f"/api/v1/assessments/{ctx.data['assessment_id']}/reassessments", {"json": body}


def plan_pdf(ctx: Context) -> tuple[str, dict[str, Any]]:
    require_pdf_renderer()  # WeasyPrint and Pango, else 503 for everyone allowed
    return "/api/v1/citizens/B-1042/plan.pdf", {}


def new_user(ctx: Context) -> tuple[str, dict[str, Any]]:
    return "/api/v1/admin/users", {
        "json": {"username": f"ny-{ctx.caller.replace('+', '-')}", "role": "leder"}
    }


def disable_user(ctx: Context) -> tuple[str, dict[str, Any]]:
    name = ctx.staff.user("leder", f"gaar-{ctx.caller.replace('+', '-')}")
    with ctx.staff.factory() as session:
        from api.services.staff import find_by_username

        user = find_by_username(session, name)
        assert user is not None
        return f"/api/v1/admin/users/{user.user_id}/disable", {}


# Plain reads of citizen data: requested at the route's own path, filled in from `data`.
CITIZEN_READS = (
    "/api/v1/citizens/{reference}",
    "/api/v1/citizens/{reference}/export",
    "/api/v1/citizens/{reference}/assessments",
    "/api/v1/assessments/{assessment_id}",
    "/api/v1/citizens/{reference}/goals",
    "/api/v1/goals/{goal_id}",
    "/api/v1/citizens/{reference}/fhir",
    "/api/v1/citizens/{reference}/plan",
    "/api/v1/citizens/{reference}/plan.html",
)

MATRIX: dict[tuple[str, str], Entry] = {
    # --- public -------------------------------------------------------------------------
    ("GET", "/api/v1/rules"): Entry(fixed("/api/v1/rules"), EVERYONE, public_status=200),
    ("GET", "/api/v1/auth/config"): Entry(
        fixed("/api/v1/auth/config"), EVERYONE, public_status=200
    ),
    ("POST", "/api/v1/auth/token"): Entry(
        # A wrong password, under a username of its own for each caller (no lockout).
        lambda ctx: (
            "/api/v1/auth/token",
            {"data": {"username": f"ingen-{ctx.caller}", "password": "forkert-adgangskode"}},
        ),
        EVERYONE,
        public_status=401,
    ),
    ("GET", "/api/v1/auth/oidc/login"): Entry(
        fixed("/api/v1/auth/oidc/login"),
        EVERYONE,
        public_status=404,  # OIDC is off here
    ),
    ("GET", "/api/v1/auth/oidc/callback"): Entry(
        fixed("/api/v1/auth/oidc/callback?state=x&code=y"), EVERYONE, public_status=404
    ),
    ("POST", "/api/v1/auth/oidc/exchange"): Entry(
        fixed("/api/v1/auth/oidc/exchange", json={"code": "unknown"}),
        EVERYONE,
        public_status=401,
    ),
    # --- the session itself ---------------------------------------------------------------
    ("GET", "/api/v1/auth/me"): Entry(fixed("/api/v1/auth/me"), SESSION_HOLDERS),
    ("POST", "/api/v1/auth/logout"): Entry(
        fixed("/api/v1/auth/logout"), SESSION_HOLDERS, success=204
    ),
    # --- citizen data: reads --------------------------------------------------------------
    **{("GET", path): Entry(fixed(path), READERS) for path in CITIZEN_READS},
    ("GET", "/api/v1/citizens/{reference}/plan.pdf"): Entry(plan_pdf, READERS),
    ("GET", "/api/v1/citizens/{reference}/access-log"): Entry(
        fixed("/api/v1/citizens/B-1042/access-log"), STAFF_AND_DELEGATED
    ),
    # --- citizen data: writes -------------------------------------------------------------
    ("POST", "/api/v1/citizens"): Entry(new_citizen, WRITERS, success=201),
    ("POST", "/api/v1/citizens/{reference}/assessments"): Entry(
        fixed("/api/v1/citizens/B-1042/assessments", json=assessment_body()),
        WRITERS,
        success=201,
    ),
    ("POST", "/api/v1/assessments/{assessment_id}/reassessments"): Entry(
        reassessment, WRITERS, success=201
    ),
    ("POST", "/api/v1/citizens/{reference}/goals"): Entry(
        fixed("/api/v1/citizens/B-1042/goals", json=goal_body()), WRITERS, success=201
    ),
    ("PATCH", "/api/v1/goals/{goal_id}"): Entry(
        fixed("/api/v1/goals/{goal_id}", json={"status": "delvist_opnaaet"}), WRITERS
    ),
    ("POST", "/api/v1/goals/{goal_id}/subgoals"): Entry(
        fixed("/api/v1/goals/{goal_id}/subgoals", json=subgoal_body()), WRITERS, success=201
    ),
    ("PATCH", "/api/v1/subgoals/{subgoal_id}"): Entry(
        fixed("/api/v1/subgoals/{subgoal_id}", json={"status": "opnaaet"}), WRITERS
    ),
    ("POST", "/api/v1/goals/{goal_id}/evaluations"): Entry(
        fixed("/api/v1/goals/{goal_id}/evaluations", json=evaluation_body()),
        WRITERS,
        success=201,
    ),
    ("POST", "/api/v1/subgoals/{subgoal_id}/evaluations"): Entry(
        fixed("/api/v1/subgoals/{subgoal_id}/evaluations", json=evaluation_body()),
        WRITERS,
        success=201,
    ),
    ("DELETE", "/api/v1/citizens/{reference}"): Entry(erasable_citizen, ADMIN, success=204),
    # --- reports (aggregates, no citizen data) ---------------------------------------------
    ("GET", "/api/v1/reports/indicators"): Entry(
        fixed("/api/v1/reports/indicators?from=2026-01-01&to=2026-03-31"), LEADERS
    ),
    # --- accounts ----------------------------------------------------------------------------
    ("GET", "/api/v1/admin/users"): Entry(fixed("/api/v1/admin/users"), ADMIN),
    ("POST", "/api/v1/admin/users"): Entry(new_user, ADMIN, success=201),
    ("POST", "/api/v1/admin/users/{user_id}/disable"): Entry(disable_user, ADMIN),
}


def api_routes() -> set[tuple[str, str]]:
    """Every (method, path) the app serves under /api/v1, documented or not."""
    app = create_app(make_settings("sqlite://"))
    # FastAPI keeps included routers as a tree; iter_route_contexts flattens app.routes.
    return {
        (method, route.path)
        for route in iter_route_contexts(app.routes)
        if route.path is not None and route.path.startswith("/api/v1")
        for method in route.methods or ()
    }


def test_every_route_has_a_matrix_entry() -> None:
    routes = api_routes()
    assert routes - set(MATRIX) == set(), "new route(s) without a security matrix entry"
    assert set(MATRIX) - routes == set(), "matrix entries for routes that no longer exist"


def test_openapi_documents_the_bearer_schemes(app) -> None:
    for path, item in app.openapi()["paths"].items():
        if not path.startswith("/api/v1"):
            continue
        for method, operation in item.items():
            entry = MATRIX[(method.upper(), path)]
            schemes = {
                name for requirement in operation.get("security", []) for name in requirement
            }
            if entry.public_status is not None:
                assert schemes == set(), (method, path)
            else:
                assert schemes == {"HTTPBearer", "OAuth2PasswordBearer"}, (method, path)


@pytest.fixture
def callers(staff: Staff) -> dict[str, dict[str, str]]:
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role in ROLES:
        headers[role] = staff.sign_in(role).headers
    expired = staff.sign_in("terapeut", "udloebet")
    staff.change_session(expired, expires_at=utcnow() - dt.timedelta(minutes=1))
    headers["expired"] = expired.headers
    revoked = staff.sign_in("terapeut", "logget-ud")
    staff.change_session(revoked, revoked_at=utcnow())
    headers["revoked"] = revoked.headers
    headers["forged"] = {"Authorization": f"Bearer {secrets.token_urlsafe(32)}"}
    headers["read"] = READ
    headers["write"] = WRITE
    headers["service"] = SERVICE
    headers["service+delegation"] = staff.sign_in("terapeut", "via-assistent").delegated()
    return headers


@pytest.fixture
def data(api: Api) -> dict[str, Any]:
    api.citizen("B-1042")
    assessment = api.assessment("B-1042")
    goal = api.goal("B-1042")
    return {
        "reference": "B-1042",
        "assessment_id": assessment["id"],
        "problem_id": assessment["problems"][0]["id"],
        "goal_id": goal["id"],
        "subgoal_id": goal["subgoals"][0]["id"],
    }


def expected_status(entry: Entry, caller: str) -> int:
    if entry.public_status is not None:
        return entry.public_status
    if caller in entry.allowed:
        return entry.success
    return 401 if caller in CREDENTIAL_PROBLEMS else 403


@pytest.mark.parametrize(("method", "path"), sorted(MATRIX), ids=lambda v: v)
def test_route_against_every_caller(
    client: TestClient,
    api: Api,
    staff: Staff,
    callers: dict[str, dict[str, str]],
    data: dict[str, Any],
    method: str,
    path: str,
) -> None:
    entry = MATRIX[(method, path)]
    outcomes = {}
    for caller in CALLERS:
        url, kwargs = entry.request(Context(api, staff, caller, data))
        response = client.request(method, url, headers=callers[caller], **kwargs)
        outcomes[caller] = response.status_code
        if response.status_code in (401, 403):
            for text in CITIZEN_DATA:
                assert text not in response.text, (caller, text)
            if response.status_code == 401:
                assert response.headers.get("WWW-Authenticate") == "Bearer" or (
                    entry.public_status is not None
                )
    assert outcomes == {caller: expected_status(entry, caller) for caller in CALLERS}
