"""Who may write: a key from the settings in `X-API-Key`, compared in constant time."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Security
from fastapi.security import APIKeyHeader

from app.api.deps import SettingsDep

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="A key listed in the API_KEYS setting."
)


def require_writer(settings: SettingsDep, key: Annotated[str | None, Security(api_key_header)]) -> None:
    """Writes need a configured key; with none configured they are refused unless explicitly allowed."""
    keys = settings.write_keys()
    if not keys:
        if settings.allow_anonymous_writes:
            return
        raise HTTPException(
            403, "writes are disabled: set API_KEYS (or ALLOW_ANONYMOUS_WRITES=true for local use)"
        )
    if not key:
        raise HTTPException(
            401, "this request writes: send a key in the X-API-Key header", {"WWW-Authenticate": "ApiKey"}
        )
    supplied = key.encode()
    if not any(hmac.compare_digest(supplied, k.encode()) for k in keys):
        raise HTTPException(403, "the X-API-Key is not one of the configured keys")


WriterDep = Annotated[None, Depends(require_writer)]
