"""One serializer per public shape: what the pages, the JSON API and the feeds all read."""

from __future__ import annotations

import re
from datetime import datetime

from toshiken.hub.dates import JST
from toshiken.hub.model import DisasterNotice
from toshiken.hub.queries import HealthRow, Listed, Listing
from toshiken.hub.records import safe_url
from toshiken.hub.registry import Directory
from toshiken.hub.sanitize import clean_html
from toshiken.hub.sources import Source

LEVEL_LABELS = {
    "emergency": "緊急",
    "warning": "警報",
    "advisory": "注意報",
    "information": "情報",
}
KIND_LABELS = {
    "rss": "RSS",
    "atom": "Atom",
    "ical": "iCalendar",
    "html": "HTML一覧",
    "jma": "気象庁XML",
}


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in Japan time, or None."""
    return moment.astimezone(JST).isoformat() if moment else None


def member(code: str, directory: Directory) -> dict[str, str]:
    return {"code": code, "name": directory.name(code)}


def item_row(listed: Listed, directory: Directory) -> dict[str, object]:
    """An item as every output shows it (addresses http(s) only, summary sanitised again)."""
    item = listed.item
    event = None
    if item.starts is not None:
        event = {"starts": iso(item.starts), "ends": iso(item.ends), "location": item.location}
    return {
        "id": listed.id,
        "story_id": listed.story_id,
        "title": item.title,
        "url": safe_url(item.url),
        "lead": item.lead,
        "summary_html": clean_html(item.summary_html),
        "published": iso(item.published),
        "first_seen": iso(listed.first_seen),
        "municipality": member(item.municipality, directory),
        "source_id": item.source_id,
        "topic": item.topic,
        "topics": list(item.topics),
        "initiatives": [
            {"id": i, "title": directory.initiatives.get(i, "")} for i in item.initiatives
        ],
        "event": event,
        "copies": [
            {
                "municipality": member(c.municipality, directory),
                "source_id": c.source_id,
                "url": safe_url(c.url),
                "title": c.title,
            }
            for c in listed.copies
        ],
    }


def listing_row(listing: Listing, directory: Directory) -> dict[str, object]:
    return {
        "page": listing.page,
        "per_page": listing.per_page,
        "more": listing.more,
        "items": [item_row(e, directory) for e in listing.entries],
    }


def notice_row(notice: DisasterNotice, directory: Directory) -> dict[str, object]:
    return {
        "id": notice.id,
        "title": notice.title,
        "headline": notice.headline,
        "info_type": notice.info_type,
        "issued": iso(notice.issued),
        "office": notice.office,
        "level": notice.level,
        "level_label": LEVEL_LABELS[notice.level],
        "kinds": list(notice.kinds),
        "municipalities": [member(c, directory) for c in notice.municipalities],
        "link": safe_url(notice.link),
        "pinned": notice.pinned,
    }


def source_row(source: Source, directory: Directory) -> dict[str, object]:
    return {
        "id": source.id,
        "municipality": member(source.municipality, directory),
        "kind": source.kind,
        "kind_label": KIND_LABELS[source.kind],
        "title": source.title,
        "url": source.url,
        "category": source.category,
        "tier": source.tier,
    }


def health_row(row: HealthRow, directory: Directory) -> dict[str, object]:
    h = row.health
    freshness = h.freshness
    freshness_days = round(freshness.total_seconds() / 86400, 1) if freshness is not None else None
    return {
        "source": source_row(row.source, directory),
        "ok": h.ok,
        "last_success": iso(h.last_success),
        "last_error": iso(h.last_error),
        "last_error_message": h.last_error_message,
        "failures": h.failures,
        "items_last_fetch": h.items,
        "items_per_day": round(row.per_day, 2),
        "freshness_days": freshness_days,
        "next_due": iso(row.next_due),
        "alerts": list(h.alerts),
        "alert_labels": [alert_label(a) for a in h.alerts],
    }


_ALERTS = (
    (re.compile(r"^never fetched successfully$"), "まだ一度も取得できていません"),
    (
        re.compile(r"^selector returned 0 items: check the list rule$"),
        "一覧から1件も取り出せません（抽出ルールを確認してください）",
    ),
    (re.compile(r"^(\d+) consecutive failures: (.*)$"), r"\1回続けて失敗しています：\2"),
    (re.compile(r"^no new entry for (\d+) days$"), r"\1日間、新しい記事がありません"),
)


def alert_label(alert: str) -> str:
    """A health alert (crawl.source_health, in English for logs) in Japanese for the page."""
    for pattern, label in _ALERTS:
        if pattern.match(alert):
            return pattern.sub(label, alert)
    return alert
