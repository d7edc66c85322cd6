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
from api.routers import assessments, citizens, goals, health, pages
from api.settings import Settings
from api.tokens import upsert_bootstrap_tokens

logger = logging.getLogger("api")

# Far above any valid body (5 problems or 20 delmål of 2000 characters), far below harm.
MAX_BODY_BYTES = 512 * 1024

DESCRIPTION = """
Backing API for the hverdagsrehabilitering assistant: COPM assessments, goals, delmål and
evaluations for citizens known only by a pseudonymous reference (never a CPR number).

Every endpoint under `/api/v1` needs `Authorization: Bearer <token>`; `write` tokens may
change data, `read` tokens may only read. Creates accept an `Idempotency-Key` header.
"""


def _startup(settings: Settings, app: FastAPI) -> None:
    # Parse API_TOKENS first so a typo stops the start before anything is written.
    tokens = settings.bootstrap_tokens()
    migrate(settings.database_url)
    with app.state.session_factory() as session:
        upsert_bootstrap_tokens(session, tokens)
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
    app.state.engine = create_db_engine(settings.database_url)
    app.state.session_factory = create_session_factory(app.state.engine)

    install_docs(app)
    install_error_handlers(app)
    app.add_middleware(NoStoreForApi)
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=MAX_BODY_BYTES)

    app.include_router(health.router)
    app.include_router(citizens.router)
    app.include_router(assessments.router)
    app.include_router(goals.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    return app


app = create_app()
