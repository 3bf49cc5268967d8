"""List endpoints, shared by every resource: one query syntax, read from the query string.

`field=value` or `field__op=value` filters (see `app.store.filters`), `q=` searches, `sort=-published,id`
sorts, `size`/`cursor` page, `count=true` counts (capped), `facet=kind` counts by value, `fields=` picks
fields, `include=` embeds related objects, `format=csv|ndjson` streams the whole filtered list.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import HTTPException, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy import ColumnElement
from sqlalchemy.engine import Connection, Engine

from app.api import embeds
from app.api.exports import FORMATS, csv_lines, ndjson_lines
from app.api.responses import json_response
from app.config import Settings
from app.store.filters import OPERATORS, FilterError, conditions
from app.store.listing import (
    RELEVANCE,
    Limits,
    ListRequest,
    Resource,
    Sortable,
    SortKey,
    cursor_values,
    including,
    run_list,
    stream,
)
from app.store.search import has_terms

RESERVED = {"size", "cursor", "sort", "q", "count", "facet", "facet_size", "fields", "include", "format"}
MAX_FACET_SIZE = 500
TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no", ""}


def invalid(parameter: str, message: str) -> HTTPException:
    return HTTPException(422, {"parameter": parameter, "message": message})


@dataclass(slots=True)
class ListOptions:
    fields: list[str] | None
    include: list[str]
    format: str


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        values = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, orjson.JSONDecodeError):
        values = None
    if not isinstance(values, list):
        raise invalid("cursor", "not a cursor this API issued; follow the `next` link as given")
    return values


def _one(request: Request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise invalid(name, "give this parameter once")
    if values and "\x00" in values[0]:
        raise invalid(name, "the value contains a NUL character")
    return values[0] if values else None


def _names(request: Request, name: str) -> list[str]:
    """Comma-separated or repeated values: `facet=kind,speaker` or `facet=kind&facet=speaker`."""
    out: list[str] = []
    for value in request.query_params.getlist(name):
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _flag(request: Request, name: str) -> bool:
    value = (_one(request, name) or "").strip().lower()
    if value not in TRUE | FALSE:
        raise invalid(name, f"expected true or false, got {value!r}")
    return value in TRUE


def _size(request: Request, settings: Settings) -> int:
    raw = _one(request, "size")
    if raw is None:
        return settings.page_size
    if not raw.isdigit() or int(raw) < 1:
        raise invalid("size", f"expected a whole number of at least 1, got {raw!r}")
    if int(raw) > settings.max_page_size:
        raise invalid("size", f"at most {settings.max_page_size} items per page, got {raw}")
    return int(raw)


def _facet_size(request: Request) -> int:
    raw = _one(request, "facet_size")
    if raw is None:
        return Limits().facet_values
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_FACET_SIZE:
        raise invalid("facet_size", f"expected a whole number from 1 to {MAX_FACET_SIZE}, got {raw!r}")
    return int(raw)


def _sort(request: Request, resource: Resource, searching: bool) -> list[SortKey]:
    names = _names(request, "sort")
    if not names:
        return [SortKey(Sortable(RELEVANCE, None, float), True)] if searching else []
    keys = []
    for name in names:
        descending = name.startswith("-")
        bare = name.lstrip("-")
        if bare == RELEVANCE:
            if not searching:
                raise invalid("sort", "relevance sorts search results: add q=")
            keys.append(SortKey(Sortable(RELEVANCE, None, float), not descending))
        elif bare in resource.sorts:
            if not keys or keys[-1].sortable.name != "id":  # after the unique id no key decides anything
                keys.append(SortKey(resource.sorts[bare], descending))
        else:
            allowed = ", ".join(sorted(resource.sorts) + ([RELEVANCE] if resource.search else []))
            raise invalid("sort", f"cannot sort by {bare!r}; sortable fields are {allowed}")
    return keys


def parse(request: Request, resource: Resource, settings: Settings, extra: list[ColumnElement] | None = None):
    """The ListRequest and output options a query string asks for; 422 naming the first bad parameter."""
    try:
        where = conditions(request.query_params.multi_items(), resource.filters, RESERVED)
    except FilterError as exc:
        raise invalid(exc.parameter, exc.message) from None
    q = _one(request, "q")
    if q is not None:
        if resource.search is None:
            raise invalid("q", f"{resource.name} have no full-text search")
        if not has_terms(q):
            raise invalid("q", "give at least one word to search for")
    sort = _sort(request, resource, q is not None)
    cursor = _one(request, "cursor")
    after = None
    if cursor is not None:
        try:
            after = cursor_values(resource, sort, decode_cursor(cursor))
        except (ValueError, TypeError):
            raise invalid(
                "cursor", "this cursor belongs to another sort or query; start again without it"
            ) from None
    facets = _names(request, "facet")
    for name in facets:
        if name not in resource.facets:
            raise invalid(
                "facet", f"no facet {name!r}; {resource.name} facet by {', '.join(resource.facets)}"
            )
    fields = _names(request, "fields") or None
    include = _names(request, "include")
    allowed_include = embeds.available(resource)
    for name in include:
        if name not in allowed_include:
            raise invalid(
                "include",
                f"cannot include {name!r}; {resource.name} include {', '.join(allowed_include) or 'nothing'}",
            )
    if fields:
        known = set(resource.fields) | set(allowed_include)
        for name in fields:
            if name not in known:
                raise invalid("fields", f"no field {name!r}; fields are {', '.join(resource.fields)}")
    output = _one(request, "format") or "json"
    if output not in FORMATS:
        raise invalid("format", f"expected one of {', '.join(FORMATS)}, got {output!r}")
    list_request = ListRequest(
        conditions=[*where, *(extra or [])],
        sort=sort,
        size=_size(request, settings),
        after=after,
        q=q,
        count=_flag(request, "count"),
        facets=facets,
    )
    return list_request, ListOptions(fields, include, output)


def _reading(resource: Resource, include: list[str]) -> tuple[Resource, list[str]]:
    """What the list reads (the resource with the optional columns asked for) and what is embedded after."""
    columns = tuple(name for name in resource.optional if name in include)  # each once, in one order
    return including(resource, columns), [name for name in include if name not in resource.optional]


def _select_fields(items: list[dict[str, Any]], fields: list[str] | None) -> list[dict[str, Any]]:
    if not fields:
        return items
    keep = ["id", *[f for f in fields if f != "id"], "search"]
    return [{k: item[k] for k in keep if k in item} for item in items]


def respond(
    db: Connection,
    request: Request,
    settings: Settings,
    resource: Resource,
    extra: list[ColumnElement] | None = None,
) -> Response:
    list_request, options = parse(request, resource, settings, extra)
    limits = Limits(search_candidates=settings.search_ranked, facet_values=_facet_size(request))
    if options.format != "json":
        return _export(request.app.state.engine, resource, list_request, options, limits)
    read, embedded = _reading(resource, options.include)
    result = run_list(db, read, list_request, limits)
    embeds.add(db, resource.name, result.items, embedded)
    body: dict[str, Any] = {"items": _select_fields(result.items, options.fields)}
    headers = {}
    next_url = next_cursor = None
    if result.next_after is not None:
        next_cursor = encode_cursor(result.next_after)
        next_url = str(request.url.include_query_params(cursor=next_cursor))
        headers["Link"] = f'<{next_url}>; rel="next"'
    body["next"] = next_url
    body["next_cursor"] = next_cursor
    if list_request.count:
        body["count"] = result.count
        body["count_capped"] = result.count_capped
    if result.facets is not None:
        body["facets"] = result.facets
    return json_response(request, body, headers=headers)


def _export(
    engine: Engine, resource: Resource, list_request: ListRequest, options: ListOptions, limits: Limits
) -> Response:
    """The whole filtered list, streamed on a connection of its own, open until the last chunk is sent."""

    read, embedded = _reading(resource, options.include)

    def items():
        with engine.connect() as db:
            for chunk in _chunks(stream(db, read, list_request, limits=limits), 500):
                embeds.add(db, resource.name, chunk, embedded)
                yield from _select_fields(chunk, options.fields)

    filename = f"{resource.name}.{options.format}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if options.format == "ndjson":
        return StreamingResponse(ndjson_lines(items()), media_type=FORMATS["ndjson"], headers=headers)
    columns = embeds.csv_columns(resource, options.fields, options.include)
    return StreamingResponse(csv_lines(items(), columns), media_type=FORMATS["csv"], headers=headers)


def _chunks(items, size: int):
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


COMMON_PARAMETERS = [
    (
        "q",
        "Full-text search. Sorted by relevance (the default), the newest matches that pass the filters "
        "are ranked (500 unless the server sets `SEARCH_RANKED`); other sorts, counts and facets read every "
        "match.",
        "refugees",
    ),
    ("sort", "Comma-separated fields, `-` for descending (e.g. `-published,id`); `relevance` with q.", "-id"),
    ("size", "Items per page (default 50, at most 500).", "50"),
    ("cursor", "Opaque cursor from the previous page's `next`.", None),
    ("count", "`true` adds `count` (capped at 10,000; `count_capped` says when it was).", "true"),
    ("facet", "Counts of the matching rows by a field; repeat or comma-separate.", None),
    (
        "facet_size",
        f"Values per facet, most frequent first (default {Limits().facet_values}, at most {MAX_FACET_SIZE}).",
        None,
    ),
    ("fields", "Comma-separated fields to return (`id` always comes).", None),
    ("include", "Related objects to embed, comma-separated.", None),
    ("format", "`json` (default), or `csv` / `ndjson` to stream the whole filtered list.", "json"),
]


def openapi_parameters(resource: Resource) -> dict[str, Any]:
    """Every query parameter of a list endpoint for the OpenAPI schema, made from the resource's tables."""
    params = []
    for name, description, example in COMMON_PARAMETERS:
        if name == "q" and resource.search is None:
            continue
        if name == "facet":
            description += f" One of: {', '.join(resource.facets)}."
        if name == "include":
            description += f" One of: {', '.join(embeds.available(resource)) or 'none'}."
        if name == "sort":
            description += f" Sortable: {', '.join(resource.sorts)}."
        param: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": {"type": "string"},
        }
        if example is not None:
            param["example"] = example
        params.append(param)
    for spec in resource.filters.values():
        ops = [o for o in spec.operators if o != "exact"]
        description = spec.description
        if ops:
            description += (
                " Operators: "
                + ", ".join(f"`{spec.name}__{o}` ({OPERATORS[o].description})" for o in ops)
                + "."
            )
        params.append(
            {
                "name": spec.name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": {"type": "string"},
                "example": spec.example,
            }
        )
        for op in ops:
            example = "true" if OPERATORS[op].takes_bool else spec.example
            params.append(
                {
                    "name": f"{spec.name}__{op}",
                    "in": "query",
                    "required": False,
                    "example": example,
                    "description": f"{spec.name} {OPERATORS[op].description}.",
                    "schema": {"type": "string"},
                }
            )
    return {"parameters": params}
