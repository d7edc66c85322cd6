"""Interactive API docs at /docs that can work offline.

FastAPI's Swagger UI loads its JavaScript and CSS from a CDN. If the two files are placed in
STATIC_DIR/swagger-ui/ (swagger-ui-bundle.js and swagger-ui.css from the swagger-ui-dist
package), they are served from there instead, so /docs works without internet.
/openapi.json never depends on the network.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

CDN = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5"
LOCAL_FOLDER = "swagger-ui"


def install_docs(app: FastAPI) -> None:
    local = app.state.settings.static_dir / LOCAL_FOLDER
    if (local / "swagger-ui-bundle.js").is_file() and (local / "swagger-ui.css").is_file():
        base = f"/static/{LOCAL_FOLDER}"
    else:
        base = CDN

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} – dokumentation",
            swagger_js_url=f"{base}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}/swagger-ui.css",
            swagger_favicon_url="",
        )
