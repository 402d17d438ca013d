"""The UI's languages: Japanese by default, English from the Babel catalogs; the site menu."""

from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel.support import Translations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from toshiken.core.fiscal import fiscal_year_label
from toshiken.core.money import thousand_yen, yen

LANGUAGES: tuple[str, ...] = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
PARAM = "lang"
"""The query parameter (?lang=en) and the cookie that remember the reader's language."""
COOKIE_MAX_AGE = 365 * 24 * 3600
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it now (translate at render time)."""
    return message


@dataclass(frozen=True)
class NavItem:
    """An entry of the main menu: a path and its label, a Japanese msgid of the catalog."""

    path: str
    label: str


NAV: list[NavItem] = [
    NavItem("/", N_("ホーム")),
    NavItem("/municipalities", N_("市町村")),
    NavItem("/pillars", N_("取組")),
    NavItem("/matrix", N_("参加状況")),
    NavItem("/kpis", N_("KPI")),
    NavItem("/search", N_("検索")),
    NavItem("/docs", N_("API")),
]
"""The main menu, in order. A feature adds its page with `NAV.insert(-1, NavItem(path, N_(label)))`
(before API), with the English label in its own catalog <feature>/locale/en/LC_MESSAGES."""


def normalize_language(value: str | None) -> str | None:
    """'en', 'EN', 'en-US' -> 'en'; anything not offered -> None."""
    if not value:
        return None
    code = value.strip().lower().split("-")[0].split("_")[0]
    return code if code in LANGUAGES else None


def language_of(request: HTTPConnection) -> str:
    """The reader's language: ?lang= first, then the cookie, then Japanese."""
    return (
        normalize_language(request.query_params.get(PARAM))
        or normalize_language(request.cookies.get(PARAM))
        or DEFAULT_LANGUAGE
    )


def catalog_dirs() -> list[Path]:
    """The shared catalog first, then each feature's own (toshiken/<feature>/locale), by name."""
    package = LOCALE_DIR.parent
    return [LOCALE_DIR, *sorted(p for p in package.glob("*/locale") if p.is_dir())]


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of a language, merged from the shared and the features' catalogs; Japanese is
    the source language and needs none."""
    if lang == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    merged = Translations()
    for directory in catalog_dirs():
        catalog = Translations.load(str(directory), [lang], DOMAIN)
        if isinstance(catalog, Translations):
            merged.merge(catalog)
    return merged


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).ngettext(singular, plural, n)


def with_language(path: str, lang: str, **params: object) -> str:
    """A link that keeps the language: '/kpis' -> '/kpis?lang=en' when reading in English."""
    query = {k: v for k, v in params.items() if v is not None and v != ""}
    if lang != DEFAULT_LANGUAGE:
        query[PARAM] = lang
    return f"{path}?{urlencode(query)}" if query else path


def context_language(ctx: Context) -> str:
    """The language of a template render: its `lang` variable, else its request's."""
    lang = ctx.get("lang")
    if isinstance(lang, str) and lang in LANGUAGES:
        return lang
    request = ctx.get("request")
    return language_of(request) if isinstance(request, HTTPConnection) else DEFAULT_LANGUAGE


@pass_context
def _t(ctx: Context, message: str) -> str:
    return gettext(context_language(ctx), message)


@pass_context
def _nt(ctx: Context, singular: str, plural: str, n: int) -> str:
    return ngettext(context_language(ctx), singular, plural, n)


@pass_context
def _current(ctx: Context) -> str:
    return context_language(ctx)


@pass_context
def _url(ctx: Context, path: str, **params: object) -> str:
    return with_language(path, context_language(ctx), **params)


@pass_context
def _switch(ctx: Context, target: str) -> str:
    """The current page in another language (the other query parameters kept)."""
    request = ctx.get("request")
    if not isinstance(request, HTTPConnection):
        return with_language("/", target)
    query = [(k, v) for k, v in request.query_params.multi_items() if k != PARAM]
    query.append((PARAM, target))
    return f"{request.url.path}?{urlencode(query)}"


@pass_context
def _nav(ctx: Context) -> list[dict[str, object]]:
    lang = context_language(ctx)
    request = ctx.get("request")
    here = request.url.path if isinstance(request, HTTPConnection) else ""
    return [
        {
            "href": with_language(item.path, lang) if item.path != "/docs" else item.path,
            "label": gettext(lang, item.label),
            "current": here == item.path or (item.path != "/" and here.startswith(item.path)),
        }
        for item in NAV
    ]


@pass_context
def _fy(ctx: Context, value: int | str) -> str:
    return fiscal_year_label(int(value), context_language(ctx))


@pass_context
def _thousand_yen(ctx: Context, value: int | None) -> str:
    return thousand_yen(value, context_language(ctx))


@pass_context
def _yen(ctx: Context, value: int) -> str:
    return yen(value, context_language(ctx))


def install(env: Environment) -> None:
    """Give a Jinja environment gettext (`_`, `{% trans %}`), language-aware links and filters."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_t, _nt, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(current_lang=_current, url=_url, switch_lang=_switch, nav_items=_nav)
    env.filters.update(fy=_fy, thousand_yen=_thousand_yen, yen=_yen)


class LanguageCookie:
    """ASGI middleware: a request with ?lang=xx gets a cookie so the choice sticks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chosen = normalize_language(HTTPConnection(scope).query_params.get(PARAM))
        if chosen is None:
            await self.app(scope, receive, send)
            return
        cookie = f"{PARAM}={chosen}; Max-Age={COOKIE_MAX_AGE}; Path=/; SameSite=Lax"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                headers.append((b"set-cookie", cookie.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_cookie)
