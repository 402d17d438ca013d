"""The hub's pages: the news list with filters and search, the events calendar, source health,
the feeds and widget guide, and the hub's own stylesheets (each page has an /api/hub twin)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from toshiken.core.i18n import N_, NAV, NavItem, language_of
from toshiken.core.web import SessionsDep
from toshiken.hub import api, outputs, pages
from toshiken.hub.params import (
    DirectoryDep,
    FiltersDep,
    MonthParam,
    NowDep,
    PageNumber,
    YearParam,
)
from toshiken.hub.present import templates

router = APIRouter()
router.include_router(api.router)
router.include_router(outputs.router)
if all(item.path != "/hub" for item in NAV):
    NAV.insert(-1, NavItem("/hub", N_("圏域の新着情報")))
HTML = {"response_class": HTMLResponse, "include_in_schema": False}
STATIC = Path(__file__).parent / "static"
STYLESHEETS = ("hub.css", "widget.css")


def render(request: Request, name: str, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"lang": language_of(request), **context})


@router.get("/hub", **HTML)  # type: ignore[arg-type]
def hub(
    request: Request,
    sessions: SessionsDep,
    directory: DirectoryDep,
    filters: FiltersDep,
    now: NowDep,
    page: PageNumber = 1,
) -> HTMLResponse:
    with sessions() as session:
        data = pages.hub(session, directory, filters, page, now)
    return render(request, "hub/index.html", data=data, choices=pages.choices(directory))


@router.get("/hub/calendar", **HTML)  # type: ignore[arg-type]
def calendar(
    request: Request,
    sessions: SessionsDep,
    directory: DirectoryDep,
    filters: FiltersDep,
    now: NowDep,
    year: YearParam = None,
    month: MonthParam = None,
) -> HTMLResponse:
    with sessions() as session:
        data = pages.calendar(session, directory, filters, year, month, now)
    return render(request, "hub/calendar.html", data=data, choices=pages.choices(directory))


@router.get("/hub/health", **HTML)  # type: ignore[arg-type]
def health(
    request: Request, sessions: SessionsDep, directory: DirectoryDep, now: NowDep
) -> HTMLResponse:
    with sessions() as session:
        data = pages.health_page(session, directory, now)
    return render(request, "hub/health.html", data=data)


@router.get("/hub/feeds", **HTML)  # type: ignore[arg-type]
def feeds(request: Request, directory: DirectoryDep) -> HTMLResponse:
    base = str(request.base_url).rstrip("/")
    return render(
        request, "hub/feeds.html", area=directory.area, members=directory.members, base=base
    )


@router.get("/hub/static/{name}", include_in_schema=False)
def stylesheet(name: str) -> FileResponse:
    if name not in STYLESHEETS:
        raise HTTPException(404, f"{name} was not found")
    return FileResponse(
        STATIC / name, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )
