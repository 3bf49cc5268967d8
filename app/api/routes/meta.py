from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.api.deps import SettingsDep, run_read
from app.api.responses import json_response
from app.api.schemas import Meta
from app.extract.version import extractor_version
from app.store.reextraction import version_counts

router = APIRouter(tags=["health"])


@router.get(
    "/meta",
    operation_id="meta",
    summary="The running extractor's version and how many stored articles another version produced",
    description="`articles_on_other_versions` above 0 means `articles reextract` has work to do.",
    response_model=Meta,
)
async def meta(request: Request, settings: SettingsDep) -> Response:
    version = extractor_version(settings.spacy_model)
    counts = await run_read(request, version_counts, version)
    body = {
        "extractor_version": version,
        "model": settings.spacy_model,
        "articles": counts["current"] + counts["other"],
        "articles_on_other_versions": counts["other"],
    }
    return json_response(request, body)
