"""Values the hub passes between its layers: entries, items, merged items, notices and health."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

Topic = Literal[
    "子育て", "防災", "観光・イベント", "健康・福祉", "募集・採用", "入札・契約", "くらし", "行政"
]
TOPICS: tuple[Topic, ...] = (
    "子育て",
    "防災",
    "観光・イベント",
    "健康・福祉",
    "募集・採用",
    "入札・契約",
    "くらし",
    "行政",
)


@dataclass(frozen=True)
class Entry:
    """One entry as a parser returns it: text already sanitised, link absolute."""

    title: str
    link: str
    published: datetime | None = None
    summary: str = ""  # sanitised HTML
    categories: tuple[str, ...] = ()
    guid: str | None = None
    starts: datetime | None = None  # events (iCalendar, list pages with a date column)
    ends: datetime | None = None
    location: str = ""


@dataclass(frozen=True)
class ParsedDocument:
    """What a parser made of one response body."""

    title: str
    entries: tuple[Entry, ...]
    warnings: tuple[str, ...] = ()  # e.g. a feed that was not well-formed but still read
    ttl_minutes: int | None = None  # RSS <ttl> or syn:updatePeriod, when given


@dataclass(frozen=True)
class Item:
    """An entry made sense of: normalised, keyed, classified and tied to its source."""

    key: str  # canonical URL key: the identity of the page across sources and runs
    url: str  # canonical URL
    title: str  # as published (sanitised text)
    lead: str  # plain text, first 200 characters of the summary
    summary_html: str
    published: datetime | None
    source_id: str
    municipality: str  # local government code of the publishing member
    topics: tuple[Topic, ...]  # best first; never empty
    initiatives: tuple[str, ...]  # vision initiative ids, e.g. "3-20-2"
    starts: datetime | None = None
    ends: datetime | None = None
    location: str = ""

    @property
    def topic(self) -> Topic:
        return self.topics[0]


@dataclass(frozen=True)
class MergedItem:
    """One story as residents should see it: the first item seen plus every copy."""

    id: str  # the key of the first item seen
    primary: Item
    members: tuple[Item, ...]  # every copy, primary first

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source_id for m in self.members))

    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.municipality for m in self.members))


Level = Literal["emergency", "warning", "advisory", "information"]


@dataclass(frozen=True)
class DisasterNotice:
    """A JMA telegram that concerns the partnership: pinned when its level is warning or above."""

    id: str  # the telegram's URL (stable per telegram)
    title: str  # Head/Title, e.g. 熊本県気象警報・注意報
    info_type: str  # 発表, 訂正, 取消 …
    headline: str
    issued: datetime | None
    office: str  # 熊本地方気象台, 気象庁 …
    level: Level
    kinds: tuple[str, ...]  # 大雨警報, 震度５弱 …
    municipalities: tuple[str, ...]  # member codes the telegram names
    link: str

    @property
    def pinned(self) -> bool:
        return self.level in ("emergency", "warning") and self.info_type != "取消"


@dataclass(frozen=True)
class Validators:
    """What lets the next fetch of a URL be conditional, and the hash of the last body read."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass
class SourceState:
    """What the scheduler and the fetcher remember about one source between runs."""

    source_id: str
    next_due: datetime | None = None  # None: due now
    failures: int = 0  # consecutive
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: datetime | None = None
    last_error_message: str = ""
    validators: Validators = field(default_factory=Validators)
    items: int = 0  # entries in the last body parsed
    newest: datetime | None = None  # newest entry date seen
    url: str | None = None  # the address to use, after a permanent redirect
    repeats: int = 0  # consecutive good polls that brought nothing new (see schedule.stretch)


@dataclass(frozen=True)
class SourceHealth:
    """A source's health as staff see it."""

    source_id: str
    municipality: str
    ok: bool
    last_success: datetime | None
    last_error: datetime | None
    last_error_message: str
    failures: int
    items: int
    freshness: timedelta | None  # now - newest entry date
    alerts: tuple[str, ...]  # e.g. "selector returned 0 items"
