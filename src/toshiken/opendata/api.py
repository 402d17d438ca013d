"""The CKAN Action API at /api/3/action/{name} and /api/action/{name}: GET, POST, no redirect."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from toshiken.opendata.actions import ACTIONS, Params, run
from toshiken.opendata.ckan import ActionError, Site, empty_catalog
from toshiken.opendata.context import BaseUrlDep, PublisherDep, SessionsDep
from toshiken.opendata.store import Publisher

log = logging.getLogger(__name__)
router = APIRouter()
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_BODY = 1024 * 1024  # a read action's parameters fit well below this


class TooLarge(Exception):
    """A request body over MAX_BODY: answered 413 before it is read further."""


async def action(
    name: str, request: Request, publisher: PublisherDep, sessions: SessionsDep, base: BaseUrlDep
) -> Response:
    """Call a read-only CKAN action: parameters as a JSON body, a form or a query string."""
    if name not in ACTIONS:
        return _respond(400, f"Bad request - Action name not known: {name}")
    try:
        params = await _request_data(request)
    except TooLarge as exc:
        return _respond(413, str(exc))
    except ValueError as exc:
        return _respond(400, f"Bad request - JSON Error: {exc}")
    params.pop("callback", None)
    return await run_in_threadpool(_answer, name, params, publisher, sessions, base)


def _answer(
    name: str, params: Params, publisher: Publisher, sessions: sessionmaker[Session], base: str
) -> Response:
    envelope: dict[str, object] = {"help": f"{base}/api/3/action/help_show?name={name}"}
    try:
        published = publisher.current(sessions)
        site = Site(published.catalog if published else empty_catalog(), base)
        result = run(site, name, params)
    except ActionError as exc:
        return _respond(exc.status, {**envelope, "success": False, "error": exc.error()})
    except Exception:
        log.exception("CKAN action %s failed", name)
        error = {"__type": "Internal Server Error", "message": "Internal Server Error"}
        return _respond(500, {**envelope, "success": False, "error": error})
    return _respond(200, {**envelope, "success": True, "result": result})


def _respond(status: int, body: object) -> Response:
    content = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    return Response(content, status, media_type="application/json;charset=utf-8")


async def _request_data(request: Request) -> Params:
    """CKAN's reading: a GET's query string (repeated keys become lists), else the JSON body."""
    if request.method == "GET" and request.query_params:
        return _mixed(request.query_params.multi_items())
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge(f"Bad request - the body is over {MAX_BODY} bytes")
    if request.method == "POST" and request.headers.get("content-type", "").startswith(FORMS):
        form = await request.form()
        items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        if len(items) == 1 and items[0][1] in ("", "1"):
            return _decode(items[0][0].encode("utf-8"))
        return _mixed(items)
    body = await _bounded_body(request)
    return _decode(body) if body.strip() else {}


async def _bounded_body(request: Request) -> bytes:
    """The body, refused past MAX_BODY (the CSRF middleware, which caps bodies, skips the API)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise TooLarge(f"Bad request - the body is over {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _mixed(items: Iterable[tuple[str, str]]) -> Params:
    params: dict[str, list[str]] = {}
    for key, value in items:
        params.setdefault(key, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in params.items()}


def _decode(body: bytes) -> Params:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ValueError(f"Error decoding JSON data. Error: {exc!r}") from None
    if not isinstance(data, dict):
        raise ValueError(f"Request data JSON decoded to {data!r} but it needs to be a dictionary.")
    return data


ROUTES = {"/api/3/action/{name}": "ckan_action", "/api/action/{name}": "ckan_action_unversioned"}
"""Both paths CKAN serves (ckanapi calls the second); each method gets its own operation id."""
for _path, _operation in ROUTES.items():
    for _method in ("GET", "POST"):
        for _variant in (_path, _path + "/"):  # a trailing slash is served, never redirected
            router.add_api_route(
                _variant, action, methods=[_method], include_in_schema=_variant == _path,
                operation_id=f"{_operation}_{_method.lower()}", tags=["CKAN Action API"],
                summary="CKAN action (read-only)",
            )  # fmt: skip
