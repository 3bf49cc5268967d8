"""The explorer: a few static pages at `/` that read the public JSON API, as any other client would.

No template and no server-side data: `index.html`, one CSS file and small ES modules, served with a
Content-Security-Policy that allows only this origin's own scripts and styles (no inline script or style).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
PREFIX = "/explorer"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


class ExplorerFiles(StaticFiles):
    """The explorer's scripts and styles, each sent with the explorer's security headers."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.update(HEADERS)
        return response


def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", headers=HEADERS)


def mount(app: FastAPI) -> None:
    """The explorer at `/` (every page is `/#/...`), its files under `/explorer/`."""
    app.add_api_route("/", index, methods=["GET", "HEAD"], include_in_schema=False)
    app.mount(PREFIX, ExplorerFiles(directory=STATIC), name="explorer")
