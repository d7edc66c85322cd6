"""Interactive API docs at /docs, served entirely from this app (no CDN).

FastAPI's default Swagger UI loads its JavaScript and CSS from a CDN; municipal networks and
GDPR rule that out. The two files from the swagger-ui-dist npm package (version in
api/static/swagger-ui/VERSION) are served from STATIC_DIR/swagger-ui/ instead.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

LOCAL_FOLDER = "swagger-ui"


def install_docs(app: FastAPI) -> None:
    base = f"/static/{LOCAL_FOLDER}"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} – dokumentation",
            swagger_js_url=f"{base}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}/swagger-ui.css",
            swagger_favicon_url="",
        )
