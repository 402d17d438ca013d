"""What each hub page shows, as one dict: the HTML page and its /api/hub twin read the same."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy.orm import Session

from toshiken.hub.dates import JST
from toshiken.hub.model import TOPICS
from toshiken.hub.month import month_view
from toshiken.hub.queries import Filters, health, list_items, month_events, pinned_notices
from toshiken.hub.registry import Directory
from toshiken.hub.rows import health_row, item_row, listing_row, notice_row, source_row


def _filters_row(filters: Filters) -> dict[str, object]:
    row = asdict(filters)
    for name in ("since", "until"):
        value = row[name]
        row[name] = value.isoformat() if isinstance(value, date) else None
    return row


def choices(directory: Directory) -> dict[str, object]:
    """The values the filter form offers."""
    return {
        "municipalities": [{"code": c, "name": n} for c, n in directory.members],
        "topics": list(TOPICS),
    }


def hub(
    session: Session, directory: Directory, filters: Filters, page: int, now: datetime
) -> dict[str, object]:
    """The hub: pinned disaster notices, then stories newest first."""
    notices = pinned_notices(session, now, filters.municipality)
    listing = list_items(session, filters, page)
    return {
        "area": directory.area,
        "filters": _filters_row(filters),
        "notices": [notice_row(n, directory) for n in notices],
        **listing_row(listing, directory),
    }


def calendar(
    session: Session,
    directory: Directory,
    filters: Filters,
    year: int | None,
    month: int | None,
    now: datetime,
) -> dict[str, object]:
    """Events starting in one month (this month by default), one per story."""
    today = now.astimezone(JST).date()
    year, month = year or today.year, month or today.month
    events = [item_row(e, directory) for e in month_events(session, year, month, filters)]
    return {
        "area": directory.area,
        "year": year,
        "month": month,
        "filters": _filters_row(filters),
        "notices": [notice_row(n, directory) for n in pinned_notices(session, now)],
        "events": events,
        "view": month_view(year, month, events),
        "today": today.isoformat(),
    }


def health_page(session: Session, directory: Directory, now: datetime) -> dict[str, object]:
    """Every source: last success and error, items per day, freshness, alerts."""
    rows = [health_row(r, directory) for r in health(session, directory.sources, now)]
    return {
        "area": directory.area,
        "checked": now.astimezone(JST).isoformat(),
        "ok": sum(1 for r in rows if r["ok"]),
        "total": len(rows),
        "sources": rows,
    }


def sources_page(directory: Directory) -> dict[str, object]:
    return {
        "area": directory.area,
        "sources": [source_row(s, directory) for s in directory.sources],
    }
