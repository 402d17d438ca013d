"""Entries made sense of: canonical key, plain lead, topics and initiatives, per source."""

from __future__ import annotations

from collections.abc import Sequence

from toshiken.hub.canonical import UrlRule, canonicalize, url_key
from toshiken.hub.classify import Lexicon, classify, link_initiatives
from toshiken.hub.model import Entry, Item, ParsedDocument
from toshiken.hub.normalize import normalize_text
from toshiken.hub.sanitize import to_text
from toshiken.hub.sources import Source

LEAD_CHARS = 200


def make_item(
    entry: Entry, source: Source, lexicon: Lexicon, rules: Sequence[UrlRule] = ()
) -> Item:
    """An Item for one entry of `source`; entries without a link are keyed by source and guid."""
    title = normalize_text(entry.title) if entry.title else "(無題)"
    if entry.link:
        url, key = canonicalize(entry.link), url_key(entry.link, rules)
    else:
        url, key = source.url, f"{source.id}#{entry.guid or title}"
    lead = to_text(entry.summary, LEAD_CHARS)
    return Item(
        key=key,
        url=url,
        title=title,
        lead=lead,
        summary_html=entry.summary,
        published=entry.published or entry.starts,
        source_id=source.id,
        municipality=source.municipality,
        topics=classify(lexicon, title, lead, url, source.category, entry.categories),
        initiatives=link_initiatives(lexicon, title, lead),
        starts=entry.starts,
        ends=entry.ends,
        location=entry.location,
    )


def make_items(
    document: ParsedDocument, source: Source, lexicon: Lexicon, rules: Sequence[UrlRule] = ()
) -> list[Item]:
    """Items of one parsed body, first occurrence of each key kept."""
    seen: dict[str, Item] = {}
    for entry in document.entries:
        item = make_item(entry, source, lexicon, rules)
        seen.setdefault(item.key, item)
    return list(seen.values())
