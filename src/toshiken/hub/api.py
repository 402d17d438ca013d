"""The hub's JSON API: the twins of its pages under /api/hub (same dicts as the pages read)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from toshiken.core.web import SessionsDep
from toshiken.hub import pages
from toshiken.hub.params import (
    DirectoryDep,
    FiltersDep,
    MonthParam,
    NowDep,
    PageNumber,
    YearParam,
)
from toshiken.hub.queries import pinned_notices, recent_notices
from toshiken.hub.rows import notice_row

router = APIRouter(prefix="/api/hub", tags=["hub"])


@router.get("/items")
def items(
    sessions: SessionsDep,
    directory: DirectoryDep,
    filters: FiltersDep,
    now: NowDep,
    page: PageNumber = 1,
) -> dict[str, Any]:
    """Stories newest first (one per story, with the other members' copies); pinned notices.

    With `q`, exactly the items whose title or lead holds every word, newest collected first."""
    with sessions() as session:
        return pages.hub(session, directory, filters, page, now)


@router.get("/calendar")
def calendar(
    sessions: SessionsDep,
    directory: DirectoryDep,
    filters: FiltersDep,
    now: NowDep,
    year: YearParam = None,
    month: MonthParam = None,
) -> dict[str, Any]:
    """Events starting in a month (JST), one per story."""
    with sessions() as session:
        data = pages.calendar(session, directory, filters, year, month, now)
    data.pop("view")
    return data


@router.get("/health")
def health(sessions: SessionsDep, directory: DirectoryDep, now: NowDep) -> dict[str, Any]:
    """Each source's last success and error, items per day and freshness."""
    with sessions() as session:
        return pages.health_page(session, directory, now)


@router.get("/notices")
def notices(sessions: SessionsDep, directory: DirectoryDep, now: NowDep) -> dict[str, Any]:
    """Disaster notices of the last 7 days concerning the partnership (pinned ones flagged)."""
    with sessions() as session:
        pinned = pinned_notices(session, now)
        recent = recent_notices(session, now)
    return {
        "pinned": [notice_row(n, directory) for n in pinned],
        "recent": [notice_row(n, directory) for n in recent],
    }


@router.get("/sources")
def sources(directory: DirectoryDep) -> dict[str, Any]:
    """The configured sources (hub_sources.yaml)."""
    return pages.sources_page(directory)
