"""iCalendar (RFC 5545) event lists: bytes in, a ParsedDocument of events out, through icalendar."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from toshiken.hub.canonical import resolve
from toshiken.hub.charset import decode
from toshiken.hub.dates import JST
from toshiken.hub.model import Entry, ParsedDocument
from toshiken.hub.sanitize import clean_html, to_text


class CalendarError(ValueError):
    """The body is not an iCalendar document we can read."""


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.astimezone(JST) if value.tzinfo else value.replace(tzinfo=JST)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=JST)
    return None


def _decoded(component: Any, name: str) -> Any:
    try:
        return component.decoded(name)
    except (KeyError, ValueError):
        return None


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    return str(value) if value is not None else ""


def _categories(component: Any) -> tuple[str, ...]:
    value = component.get("CATEGORIES")
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    return tuple(str(c) for v in values for c in getattr(v, "cats", [v]))


def parse_ical(body: bytes, base_url: str, content_type: str | None = None) -> ParsedDocument:
    """Each VEVENT becomes an Entry; recurring events keep their first occurrence only."""
    # Imported on the first calendar read (~5 MB): every crawler imports this module, most
    # sweeps read no calendar.
    from icalendar import Calendar

    text, _ = decode(body, content_type)
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise CalendarError(f"not iCalendar: {exc}") from exc
    entries = []
    for event in calendar.walk("VEVENT"):
        url = _text(event, "URL")
        published = None
        for name in ("LAST-MODIFIED", "CREATED", "DTSTAMP"):
            published = _as_datetime(_decoded(event, name))
            if published is not None:
                break
        entries.append(
            Entry(
                title=to_text(_text(event, "SUMMARY")),
                link=resolve(base_url, url) if url else "",
                published=published,
                summary=clean_html(_text(event, "DESCRIPTION").replace("\n", "<br>")),
                categories=_categories(event),
                guid=_text(event, "UID") or None,
                starts=_as_datetime(_decoded(event, "DTSTART")),
                ends=_as_datetime(_decoded(event, "DTEND")),
                location=to_text(_text(event, "LOCATION")),
            )
        )
    return ParsedDocument(title=to_text(_text(calendar, "X-WR-CALNAME")), entries=tuple(entries))
