"""RSS 0.9x/1.0/2.0 and Atom: bytes in, a ParsedDocument out, through feedparser and nh3."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import feedparser

from toshiken.hub.canonical import resolve
from toshiken.hub.dates import JST
from toshiken.hub.model import Entry, ParsedDocument
from toshiken.hub.sanitize import clean_html, to_text
from toshiken.hub.xmlguard import refuse_entities

_SYN_MINUTES = {"hourly": 60, "daily": 1440, "weekly": 10080, "monthly": 43200, "yearly": 525600}


class FeedError(ValueError):
    """The body is not a feed we can read."""


def _when(value: Any) -> datetime | None:
    if isinstance(value, time.struct_time):
        try:
            return datetime(*value[:6], tzinfo=UTC).astimezone(JST)
        except (ValueError, OverflowError):
            return None
    return None


def _link(entry: Any, base_url: str) -> str:
    link = entry.get("link")
    if not link:
        for candidate in entry.get("links", []):
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate["href"]
                break
    if not link:
        guid = entry.get("id", "")
        link = guid if guid.startswith(("http://", "https://", "/")) else ""
    return resolve(base_url, link) if link else ""


def _summary(entry: Any) -> str:
    summary = entry.get("summary", "") or ""
    for content in entry.get("content", []):
        value = content.get("value", "")
        if len(value) > len(summary):
            summary = value
    return clean_html(summary)


def _ttl(feed: Any) -> int | None:
    ttl = feed.get("ttl")
    if ttl and str(ttl).strip().isdigit():
        return int(str(ttl).strip())
    period = _SYN_MINUTES.get(str(feed.get("sy_updateperiod", "")).strip().lower())
    if period is None:
        return None
    frequency = str(feed.get("sy_updatefrequency", "1")).strip()
    return max(1, period // max(1, int(frequency) if frequency.isdigit() else 1))


def entry_from(raw: Any, base_url: str) -> Entry | None:
    """One feedparser entry as an Entry, or None when it has neither title nor link."""
    title = to_text(raw.get("title", "") or "")
    link = _link(raw, base_url)
    if not title and not link:
        return None
    published = None
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        published = _when(raw.get(field))
        if published is not None:
            break
    return Entry(
        title=title,
        link=link,
        published=published,
        summary=_summary(raw),
        categories=tuple(t.get("term", "") for t in raw.get("tags", []) if t.get("term")),
        guid=raw.get("id") or None,
    )


def parse_feed(body: bytes, base_url: str, content_type: str | None = None) -> ParsedDocument:
    """Parse a feed body fetched from `base_url`; refuses entities, tolerates faults."""
    refuse_entities(body)
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(
        body, sanitize_html=False, resolve_relative_uris=False, response_headers=headers
    )
    warnings: tuple[str, ...] = ()
    if parsed.get("bozo"):
        problem = f"not well-formed: {parsed.get('bozo_exception')}"
        if not parsed.entries:
            raise FeedError(problem)
        warnings = (problem,)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not a feed")
    entries = tuple(e for e in (entry_from(raw, base_url) for raw in parsed.entries) if e)
    return ParsedDocument(
        title=to_text(parsed.feed.get("title", "") or ""),
        entries=entries,
        warnings=warnings,
        ttl_minutes=_ttl(parsed.feed),
    )
