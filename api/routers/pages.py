"""The web page: index.html at / and its assets under /static."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)


@router.get("/")
def index(request: Request) -> FileResponse:
    page = request.app.state.settings.static_dir / "index.html"
    if not page.is_file():
        raise HTTPException(status_code=404, detail="index.html mangler i STATIC_DIR")
    return FileResponse(page, media_type="text/html; charset=utf-8")
