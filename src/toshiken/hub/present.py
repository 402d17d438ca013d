"""The hub's templates and how they show dates, addresses and filters (Japanese first)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from toshiken.core.i18n import install
from toshiken.core.web import templates_for
from toshiken.hub.dates import JST
from toshiken.hub.month import WEEKDAYS

templates = templates_for(Path(__file__).parent / "templates")
install(templates.env)


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).astimezone(JST) if value else None


def jdate(value: str | None) -> str:
    """'2025-06-30T09:00:00+09:00' -> '2025年6月30日（月）'."""
    moment = _moment(value)
    if moment is None:
        return ""
    weekday = WEEKDAYS[(moment.weekday() + 1) % 7]
    return f"{moment.year}年{moment.month}月{moment.day}日（{weekday}）"


def jtime(value: str | None) -> str:
    """'…T13:30:00+09:00' -> '13:30'; '' at midnight (a date without a time)."""
    moment = _moment(value)
    if moment is None or (moment.hour, moment.minute) == (0, 0):
        return ""
    return f"{moment.hour}:{moment.minute:02d}"


def jdatetime(value: str | None) -> str:
    moment = _moment(value)
    if moment is None:
        return "―"
    return f"{jdate(value)} {moment.hour}:{moment.minute:02d}"


def query(path: str, params: dict[str, object], **changes: object) -> str:
    """`path` with the current filters, some changed (None or '' drops a parameter)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


templates.env.filters.update(jdate=jdate, jtime=jtime, jdatetime=jdatetime)
templates.env.globals.update(query=query)
