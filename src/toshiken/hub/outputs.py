"""Republishing: area-wide and per-member RSS, Atom, JSON Feed and iCalendar, and the widget.

Every feed starts with the pinned disaster notices (for a member's feed, those naming it).
The widget is a small page meant for an iframe on a member's site: its own stylesheet, no
script, and a Content-Security-Policy whose frame-ancestors lets any site embed this route
only (it has no form or action, so framing it cannot be turned into clickjacking).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from toshiken.core.i18n import language_of
from toshiken.core.web import SessionsDep
from toshiken.hub import syndicate
from toshiken.hub.params import (
    DirectoryDep,
    LimitParam,
    MunicipalityFilter,
    NowDep,
    Scope,
    TopicFilter,
    scope_code,
)
from toshiken.hub.present import templates
from toshiken.hub.queries import Filters, list_items, pinned_notices, upcoming_events
from toshiken.hub.registry import Directory
from toshiken.hub.rows import item_row, notice_row

router = APIRouter()
FEED_ITEMS = 50
WIDGET_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors *"
)
TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
WRITERS: dict[str, Callable[[syndicate.FeedMeta, Sequence[syndicate.Entry]], str]] = {
    "rss": syndicate.rss,
    "atom": syndicate.atom,
    "json": syndicate.json_feed,
}
CACHE = {"Cache-Control": "max-age=300"}
FeedKind = Annotated[
    Literal["rss", "atom", "json"],
    Path(description="rss (RSS 2.0), atom (Atom 1.0) or json (JSON Feed 1.1)"),
]


def _title(directory: Directory, code: str | None, topic: str | None, what: str) -> str:
    place = f"{directory.name(code)}（{directory.area}）" if code else directory.area
    return f"{place}の{what}" + (f"：{topic}" if topic else "")


def _rows(
    sessions: SessionsDep, directory: Directory, code: str | None, topic: str | None, now: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    filters = Filters(municipality=code, topic=topic)
    with sessions() as session:
        notices = [notice_row(n, directory) for n in pinned_notices(session, now, code)]
        listing = list_items(session, filters, 1, FEED_ITEMS)
    return notices, [item_row(e, directory) for e in listing.entries]


@router.get("/hub/feeds/{scope}.ics", response_class=Response, tags=["hub"])
def ical(
    sessions: SessionsDep,
    directory: DirectoryDep,
    now: NowDep,
    scope: Scope,
    topic: TopicFilter = None,
) -> Response:
    """iCalendar of events from the last 30 days on, with pinned notices at their issue time."""
    code = scope_code(scope, directory)
    filters = Filters(municipality=code, topic=topic)
    with sessions() as session:
        notices = [notice_row(n, directory) for n in pinned_notices(session, now, code)]
        events = [item_row(e, directory) for e in upcoming_events(session, now, filters)]
    title = _title(directory, code, topic, "イベント")
    return Response(
        syndicate.ical(title, notices, events, now), media_type=TYPES["ics"], headers=CACHE
    )


@router.get("/hub/feeds/{scope}.{kind}", response_class=Response, tags=["hub"])
def feed(
    request: Request,
    sessions: SessionsDep,
    directory: DirectoryDep,
    now: NowDep,
    scope: Scope,
    kind: FeedKind,
    topic: TopicFilter = None,
) -> Response:
    """RSS 2.0, Atom 1.0 or JSON Feed 1.1 of the area (`all`) or of one member: pinned notices
    first, then 50 stories. (Declared after the iCalendar route, which has `.ics`.)"""
    code = scope_code(scope, directory)
    notices, items = _rows(sessions, directory, code, topic, now)
    found = syndicate.entries(notices, items, now)
    base = str(request.base_url).rstrip("/")
    home = f"{base}/hub" + (f"?municipality={code}" if code else "")
    meta = syndicate.FeedMeta(
        title=_title(directory, code, topic, "新着情報"),
        description=f"{directory.area}の市町村のホームページから集めたお知らせ・イベント・防災情報",
        home_url=home,
        self_url=str(request.url),
        updated=max((e.published for e in found), default=now),
    )
    return Response(WRITERS[kind](meta, found), media_type=TYPES[kind], headers=CACHE)


@router.get("/hub/widget", response_class=HTMLResponse, include_in_schema=False)
def widget(
    request: Request,
    sessions: SessionsDep,
    directory: DirectoryDep,
    now: NowDep,
    municipality: MunicipalityFilter = None,
    topic: TopicFilter = None,
    limit: LimitParam = 5,
) -> HTMLResponse:
    """The embeddable list: pinned notices and the newest stories, for an iframe."""
    with sessions() as session:
        notices = [notice_row(n, directory) for n in pinned_notices(session, now, municipality)]
        listing = list_items(session, Filters(municipality=municipality, topic=topic), 1, limit)
    base = str(request.base_url).rstrip("/")
    more = f"{base}/hub" + (f"?municipality={municipality}" if municipality else "")
    context = {
        "lang": language_of(request),
        "title": _title(directory, municipality, topic, "新着情報"),
        "notices": notices,
        "items": [item_row(e, directory) for e in listing.entries],
        "more": more,
        "base": base,
    }
    headers = {"Content-Security-Policy": WIDGET_CSP, **CACHE}
    return templates.TemplateResponse(request, "hub/widget.html", context, headers=headers)
