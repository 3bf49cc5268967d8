"""Keyset pagination as the client sees it: an opaque cursor, a `next` URL and a `Link` header."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, Response

from app.api.deps import SettingsDep
from app.store.queries import PageRows, Window


def encode_cursor(after: int) -> str:
    return base64.urlsafe_b64encode(f"k{after}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id a cursor continues after; anything we did not issue is a client error naming `cursor`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if raw.startswith("k") and raw[1:].isdigit():
            return int(raw[1:])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise HTTPException(
        400, f"cursor: {cursor!r} is not a cursor this API issued; use the `next` link as given"
    )


def window(
    settings: SettingsDep,
    size: Annotated[
        int | None, Query(ge=1, description="Items per page (bounded by the server).", examples=[50])
    ] = None,
    cursor: Annotated[str | None, Query(description="Opaque cursor from the previous page's `next`.")] = None,
) -> Window:
    if size is not None and size > settings.max_page_size:
        raise HTTPException(422, f"size: at most {settings.max_page_size} items per page, got {size}")
    return Window(size=size or settings.page_size, after=decode_cursor(cursor) if cursor else None)


WindowDep = Annotated[Window, Depends(window)]


def page_links(request: Request, response: Response, page: PageRows) -> tuple[str | None, str | None]:
    """(next URL, next cursor) for `page`, with the `Link: rel="next"` header set on `response`."""
    if page.next_after is None:
        return None, None
    cursor = encode_cursor(page.next_after)
    url = str(request.url.include_query_params(cursor=cursor))
    response.headers["Link"] = f'<{url}>; rel="next"'
    return url, cursor
