"""One entry point for every source kind: (source, body) -> ParsedDocument, or ParseError."""

from __future__ import annotations

from datetime import datetime

from toshiken.hub.feeds import FeedError, parse_feed
from toshiken.hub.ical import CalendarError, parse_ical
from toshiken.hub.listpage import ListPageError, parse_list
from toshiken.hub.model import ParsedDocument
from toshiken.hub.sources import Source
from toshiken.hub.xmlguard import EntityRefused


class ParseError(ValueError):
    """The body could not be read as the source's kind; the message says why."""


def parse_body(
    source: Source, body: bytes, url: str, now: datetime, content_type: str | None = None
) -> ParsedDocument:
    """Parse a body fetched from `url` (the final address, for relative links) as `source.kind`."""
    try:
        if source.kind in ("rss", "atom", "jma"):
            return parse_feed(body, url, content_type)
        if source.kind == "ical":
            return parse_ical(body, url, content_type)
        assert source.list is not None  # the registry guarantees it for html sources
        return parse_list(body, url, source.list.rule(), now, content_type)
    except EntityRefused as exc:
        raise ParseError(str(exc)) from exc
    except (FeedError, CalendarError, ListPageError) as exc:
        raise ParseError(str(exc)) from exc
