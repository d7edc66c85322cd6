"""The FastAPI application: `uvicorn api.main:app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from api.db import create_db_engine, create_session_factory, migrate
from api.docs import install_docs
from api.errors import install_error_handlers
from api.headers import NoStoreForApi
from api.logs import install_log_filters
from api.passwords import warm_up
from api.routers import (
    admin,
    assessments,
    auth,
    citizens,
    fhir,
    goals,
    health,
    pages,
    plan,
    reports,
    rules,
)
from api.services.oidc import Provider
from api.settings import Settings
from api.tokens import upsert_bootstrap_tokens

logger = logging.getLogger("api")

# Far above any valid body (5 problems or 20 delmål of 2000 characters), far below harm.
MAX_BODY_BYTES = 512 * 1024

DESCRIPTION = """
Backing API for the hverdagsrehabilitering assistant: COPM assessments, goals, delmål and
evaluations for citizens known only by a pseudonymous reference (never a CPR number).

Staff sign in at `POST /api/v1/auth/token` (or with OpenID Connect) and send the access token
as `Authorization: Bearer <token>`; what they may do follows their role. Integrations use
machine tokens (`read`, `write`, or `service`, which acts for a signed-in person via
`X-On-Behalf-Of`). Creates accept an `Idempotency-Key` header. 401 = the credential is the
problem, 403 = not allowed (or the delegation is refused), 422 = the data is invalid.
"""


def _startup(settings: Settings, app: FastAPI) -> None:
    # Parse API_TOKENS first so a typo stops the start before anything is written.
    tokens = settings.bootstrap_tokens()
    if settings.api_migrate_on_start:
        migrate(settings.database_url)
    with app.state.session_factory() as session:
        upsert_bootstrap_tokens(session, tokens)
    warm_up()  # the first password check must not be slower than the others
    logger.info("Database migrated; %d token(s) from API_TOKENS stored", len(tokens))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_startup, settings, app)
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="Hverdagsrehabilitering API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # see api.docs: served from local files when they are present
        redoc_url=None,
    )
    app.state.settings = settings
    install_log_filters()
    app.state.engine = create_db_engine(settings.database_url)
    app.state.session_factory = create_session_factory(app.state.engine)
    app.state.oidc_provider = Provider(settings) if settings.oidc_enabled else None

    install_docs(app)
    install_error_handlers(app)
    app.add_middleware(NoStoreForApi)
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=MAX_BODY_BYTES)

    app.include_router(health.router)
    app.include_router(citizens.router)
    app.include_router(assessments.router)
    app.include_router(goals.router)
    app.include_router(fhir.router)
    app.include_router(plan.router)
    app.include_router(reports.router)
    app.include_router(rules.router)
    app.include_router(auth.router)
    app.include_router(admin.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    return app


app = create_app()
