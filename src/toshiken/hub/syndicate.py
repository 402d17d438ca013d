"""What the hub publishes to others: RSS 2.0, Atom 1.0, JSON Feed 1.1 and iCalendar.

Each writer takes the rows of `hub/rows.py` (pinned notices first, then items) and returns the
document as text. XML is built with lxml, so every text is escaped; summaries are sanitised again
and only http(s) addresses are written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any, cast

from icalendar import Calendar, Event
from lxml import etree

from toshiken.hub.records import safe_url
from toshiken.hub.sanitize import clean_html

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
JSON_FEED = "https://jsonfeed.org/version/1.1"
GENERATOR = "toshiken hub"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
Row = Mapping[str, Any]


@dataclass(frozen=True)
class FeedMeta:
    """A feed's own description and addresses."""

    title: str
    description: str
    home_url: str  # the hub page the feed mirrors
    self_url: str  # this document's address
    updated: datetime  # the newest entry's time, or now when empty


@dataclass(frozen=True)
class Entry:
    """A notice or an item as a feed entry."""

    id: str
    title: str
    url: str
    html: str
    text: str
    published: datetime
    categories: tuple[str, ...]
    author: str


def _when(value: object, fallback: datetime) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else fallback


def entries(notices: Sequence[Row], items: Sequence[Row], now: datetime) -> list[Entry]:
    """Pinned notices first, then items (both as rows.notice_row / rows.item_row made them).

    An entry without a safe address gets the feed's hub page as its link (see the writers)."""
    found = []
    for n in notices:
        kinds = "、".join(n["kinds"])
        names = "、".join(m["name"] for m in n["municipalities"])
        text = f"{n['headline']}（{kinds}／対象：{names}／{n['office']}）"
        found.append(
            Entry(
                id=f"urn:toshiken:hub:notice:{hashlib.sha1(n['id'].encode()).hexdigest()}",
                title=f"【{n['level_label']}】{n['title']}",
                url=safe_url(n["link"]),
                html=f"<p>{_escape(text)}</p>",
                text=text,
                published=_when(n["issued"], now),
                categories=("防災",),
                author=n["office"] or "気象庁",
            )
        )
    for i in items:
        found.append(
            Entry(
                id=f"urn:toshiken:hub:item:{i['id']}",
                title=i["title"],
                url=safe_url(i["url"]),
                html=clean_html(i["summary_html"]) or f"<p>{_escape(i['lead'])}</p>",
                text=i["lead"],
                published=_when(i["published"], _when(i["first_seen"], now)),
                categories=(i["topic"],),
                author=i["municipality"]["name"],
            )
        )
    return found


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, tag, {k.rstrip("_"): _xml(v) for k, v in attrs.items()})
    if text is not None:
        node.text = _xml(text)
    return node


def _xml(text: str) -> str:
    """Characters XML 1.0 cannot carry (C0 controls but tab and newlines) dropped."""
    return _NOT_XML.sub("", text)


def _document(root: etree._Element) -> str:
    body = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body


def rss(meta: FeedMeta, found: Sequence[Entry]) -> str:
    """RSS 2.0 with an atom:link to itself."""
    root = etree.Element("rss", {"version": "2.0"}, nsmap={"atom": ATOM_NS, "dc": DC_NS})
    channel = _sub(root, "channel")
    _sub(channel, "title", meta.title)
    _sub(channel, "link", meta.home_url)
    _sub(channel, "description", meta.description)
    _sub(channel, "language", "ja")
    _sub(channel, "lastBuildDate", format_datetime(meta.updated.astimezone(UTC), usegmt=True))
    _sub(channel, "generator", GENERATOR)
    _sub(channel, f"{{{ATOM_NS}}}link", href=meta.self_url, rel="self", type="application/rss+xml")
    for e in found:
        item = _sub(channel, "item")
        _sub(item, "title", e.title)
        _sub(item, "link", e.url or meta.home_url)
        _sub(item, "description", e.html)
        _sub(item, "guid", e.id, isPermaLink="false")
        _sub(item, "pubDate", format_datetime(e.published.astimezone(UTC), usegmt=True))
        for category in e.categories:
            _sub(item, "category", category)
        _sub(item, f"{{{DC_NS}}}creator", e.author)
    return _document(root)


def atom(meta: FeedMeta, found: Sequence[Entry]) -> str:
    """Atom 1.0: the feed's author is the area, each entry's the publishing member."""
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})  # type: ignore[dict-item]
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "ja")
    a = f"{{{ATOM_NS}}}"
    _sub(root, a + "id", meta.self_url)
    _sub(root, a + "title", meta.title)
    _sub(root, a + "subtitle", meta.description)
    _sub(root, a + "updated", meta.updated.isoformat())
    _sub(root, a + "link", href=meta.self_url, rel="self", type="application/atom+xml")
    _sub(root, a + "link", href=meta.home_url, rel="alternate", type="text/html")
    _sub(_sub(root, a + "author"), a + "name", meta.title)
    _sub(root, a + "generator", GENERATOR)
    for e in found:
        entry = _sub(root, a + "entry")
        _sub(entry, a + "id", e.id)
        _sub(entry, a + "title", e.title)
        _sub(entry, a + "updated", e.published.isoformat())
        _sub(entry, a + "published", e.published.isoformat())
        _sub(entry, a + "link", href=e.url or meta.home_url, rel="alternate", type="text/html")
        _sub(entry, a + "summary", e.html, type="html")
        _sub(_sub(entry, a + "author"), a + "name", e.author)
        for category in e.categories:
            _sub(entry, a + "category", term=category)
    return _document(root)


def json_feed(meta: FeedMeta, found: Sequence[Entry]) -> str:
    """JSON Feed 1.1."""
    document = {
        "version": JSON_FEED,
        "title": meta.title,
        "description": meta.description,
        "home_page_url": meta.home_url,
        "feed_url": meta.self_url,
        "language": "ja",
        "items": [
            {
                "id": e.id,
                "url": e.url or meta.home_url,
                "title": e.title,
                "content_html": e.html,
                "summary": e.text,
                "date_published": e.published.isoformat(),
                "tags": list(e.categories),
                "authors": [{"name": e.author}],
            }
            for e in found
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _all_day(start: datetime, end: datetime | None) -> bool:
    return end is None and start.hour == 0 and start.minute == 0 and start.second == 0


def ical(title: str, notices: Sequence[Row], events: Sequence[Row], now: datetime) -> str:
    """iCalendar (RFC 5545): pinned notices at their issue time, then the events."""
    calendar = Calendar()
    for name, value in (
        ("prodid", "-//toshiken//hub//JA"), ("version", "2.0"), ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"), ("x-wr-calname", title), ("x-wr-timezone", "Asia/Tokyo"),
    ):  # fmt: skip
        calendar.add(name, value)
    for e in entries(notices, [], now):
        calendar.add_component(_event(e.id, e.title, e.text, e.url, e.published, None, "", now))
    for row in events:
        event = row["event"] or {}
        starts = datetime.fromisoformat(event.get("starts") or row["published"])
        ends = datetime.fromisoformat(event["ends"]) if event.get("ends") else None
        text = row["lead"] + (f"\n{row['url']}" if row["url"] else "")
        summary = f"{row['title']}（{row['municipality']['name']}）"
        calendar.add_component(
            _event(
                f"hub-item-{row['id']}@toshiken", summary, text, safe_url(row["url"]), starts,
                ends, event.get("location", ""), now, (row["topic"],),
            )
        )  # fmt: skip
    return cast(bytes, calendar.to_ical()).decode("utf-8")


def _event(
    uid: str,
    summary: str,
    text: str,
    url: str,
    starts: datetime,
    ends: datetime | None,
    location: str,
    now: datetime,
    categories: tuple[str, ...] = ("防災",),
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    if _all_day(starts, ends):
        event.add("dtstart", starts.date())
        event.add("dtend", starts.date() + timedelta(days=1))
    else:
        event.add("dtstart", starts.astimezone(UTC))
        if ends is not None and ends > starts:
            event.add("dtend", ends.astimezone(UTC))
    event.add("summary", summary)
    if text:
        event.add("description", text)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("categories", list(categories))
    return event
