"""What the portal adds to the app: language cookie, Japanese error pages, offline API docs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Route

from toshiken.core.i18n import N_, LanguageCookie, gettext, install, language_of
from toshiken.core.web import templates_for
from toshiken.vision.blocks import Blocks, render_blocks

templates = templates_for()
install(templates.env)
API_PREFIXES = ("/api/", "/openapi.json")
TITLES = {
    400: N_("リクエストが正しくありません"),
    403: N_("このページを見る権限がありません"),
    404: N_("ページが見つかりません"),
    405: N_("この操作はできません"),
    422: N_("パラメータが正しくありません"),
    503: N_("データがまだ読み込まれていません"),
}
REASONS: dict[str, str] = {
    "less_than_equal": N_("%(le)s以下の値を指定してください"),
    "greater_than_equal": N_("%(ge)s以上の値を指定してください"),
    "int_parsing": N_("整数を指定してください"),
    "int_type": N_("整数を指定してください"),
    "string_pattern_mismatch": N_("形式が正しくありません（%(pattern)s）"),
    "string_too_long": N_("%(max_length)s文字以内で指定してください"),
    "literal_error": N_("次のいずれかを指定してください：%(expected)s"),
    "enum": N_("次のいずれかを指定してください：%(expected)s"),
    "missing": N_("指定が必要です"),
}
LOCATIONS = {"query": N_("クエリパラメータ"), "path": N_("パスの値")}


def install_portal(app: FastAPI) -> None:
    """Call once from create_app, after the routers are included."""
    app.add_middleware(LanguageCookie)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    _replace_docs(app)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(API_PREFIXES) or path == "/api"


def describe(error: dict[str, Any], lang: str) -> str:
    """'クエリパラメータ「pillar」：3以下の値を指定してください（入力値：9）'."""
    where, *rest = error.get("loc", ("query",)) or ("query",)
    name = ".".join(str(part) for part in rest) or str(where)
    template = REASONS.get(str(error.get("type")))
    context = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    try:
        reason = gettext(lang, template) % context if template else str(error.get("msg"))
    except KeyError:
        reason = str(error.get("msg"))
    return gettext(lang, "%(where)s「%(name)s」：%(reason)s（入力値：%(value)s）") % {
        "where": gettext(lang, LOCATIONS.get(str(where), str(where))),
        "name": name,
        "reason": reason,
        "value": error.get("input", ""),
    }


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [dict(e) for e in exc.errors()]
    if wants_json(request):
        detail = [
            {k: v for k, v in e.items() if k in ("type", "loc", "msg", "input", "ctx")}
            for e in errors
        ]
        message = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors
        )
        body = jsonable_encoder({"detail": detail, "message": message})
        return JSONResponse(body, status_code=422)
    lang = language_of(request)
    return _page(request, 422, [describe(e, lang) for e in errors])


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if wants_json(request):
        return await http_exception_handler(request, exc)
    lang = language_of(request)
    details = [gettext(lang, "お探しのページ（%(path)s）は見つかりませんでした。") % {
        "path": request.url.path}] if exc.status_code == 404 else []  # fmt: skip
    if exc.status_code == 503:
        details = [gettext(lang, "管理者がデータを読み込むまでお待ちください。")]
    if exc.status_code == 422:
        details = [str(exc.detail)]
    return _page(request, exc.status_code, details, headers=exc.headers)


def _page(
    request: Request, status: int, details: list[str], headers: Mapping[str, str] | None = None
) -> HTMLResponse:
    title = TITLES.get(status, N_("エラーが発生しました"))
    return templates.TemplateResponse(
        request, "error.html",
        {"status": status, "title": title, "details": details, "lang": language_of(request)},
        status_code=status, headers=dict(headers) if headers else None,
    )  # fmt: skip


_DOCS: dict[tuple[int, str], Blocks] = {}


async def _docs(request: Request) -> Response:
    """The API reference, server-rendered from the OpenAPI schema once per app and language."""
    app: FastAPI = request.app
    lang = language_of(request)
    blocks = _DOCS.get((id(app), lang))
    if blocks is None:
        blocks = _DOCS[(id(app), lang)] = render_blocks(
            templates.env, "docs.html", {"lang": lang, **_reference(app)}
        )
    return templates.TemplateResponse(request, "_page.html", {"lang": lang, "blocks": blocks})


def _reference(app: FastAPI) -> dict[str, object]:
    schema = app.openapi()
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "parameters": [
             {"name": p["name"], "required": p.get("required", False),
              "description": p.get("description", "")}
             for p in op.get("parameters", [])
         ]}
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
    ]  # fmt: skip
    return {"operations": operations, "title": schema["info"]["title"],
            "openapi_url": app.openapi_url}  # fmt: skip


async def _swagger(request: Request) -> Response:
    """Swagger UI from /static (no CDN, no inline script): for trying the API out."""
    app: FastAPI = request.app
    return templates.TemplateResponse(
        request, "swagger.html",
        {"openapi_url": app.openapi_url, "title": app.title, "lang": language_of(request)},
    )  # fmt: skip


def _replace_docs(app: FastAPI) -> None:
    """FastAPI's /docs and /redoc load from a CDN with an inline script: serve ours instead."""
    gone = {app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url} - {None}
    kept: list[BaseRoute] = [
        r for r in app.router.routes if not (isinstance(r, Route) and r.path in gone)
    ]
    app.router.routes[:] = kept
    app.router.routes.append(Route("/docs", _docs, methods=["GET"], include_in_schema=False))
    app.router.routes.append(
        Route("/docs/swagger", _swagger, methods=["GET"], include_in_schema=False)
    )
