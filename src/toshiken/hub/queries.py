"""Reads behind every output: item listings, events of a month, pinned notices, source health."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from toshiken.hub.crawl import PIN_FOR, source_health
from toshiken.hub.dates import JST
from toshiken.hub.model import DisasterNotice, Item, SourceHealth
from toshiken.hub.orm import ItemRow, NoticeRow, SourceStateRow
from toshiken.hub.records import to_item, to_notice, to_state
from toshiken.hub.search import search_ids
from toshiken.hub.sources import Source

LEVEL_ORDER = {"emergency": 0, "warning": 1, "advisory": 2, "information": 3}
HEALTH_DAYS = 30


@dataclass(frozen=True)
class Filters:
    """What a listing asks for: a member, a topic, a date range of publication and words."""

    municipality: str | None = None
    topic: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    q: str = ""

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.municipality:
            found.append(ItemRow.municipality == self.municipality)
        if self.topic:
            found.append(ItemRow.topic == self.topic)
        if self.since:
            found.append(ItemRow.published >= datetime.combine(self.since, time(), JST))
        if self.until:
            end = datetime.combine(self.until + timedelta(days=1), time(), JST)
            found.append(ItemRow.published < end)
        return found


@dataclass(frozen=True)
class Copy:
    """Another member's copy of the same story."""

    municipality: str
    source_id: str
    url: str
    title: str


@dataclass(frozen=True)
class Listed:
    """One story in a listing: the item shown and the other copies of its story."""

    id: int
    story_id: int
    item: Item
    first_seen: datetime
    copies: tuple[Copy, ...]


@dataclass(frozen=True)
class Listing:
    entries: tuple[Listed, ...]
    page: int
    per_page: int
    more: bool


def _rows_by_ids(session: Session, ids: Sequence[int]) -> list[ItemRow]:
    if not ids:
        return []
    rows = {r.id: r for r in session.scalars(select(ItemRow).where(ItemRow.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def _collapse(session: Session, rows: Sequence[ItemRow]) -> tuple[Listed, ...]:
    """One entry per story (the first row of it), with the story's other copies."""
    firsts: dict[int, ItemRow] = {}
    for row in rows:
        firsts.setdefault(row.story_id, row)
    others: dict[int, list[Copy]] = {}
    if firsts:
        members = session.scalars(
            select(ItemRow).where(ItemRow.story_id.in_(firsts)).order_by(ItemRow.id)
        )
        for member in members:
            if member.id != firsts[member.story_id].id:
                copy = Copy(member.municipality, member.source_id, member.url, member.title)
                others.setdefault(member.story_id, []).append(copy)
    return tuple(
        Listed(r.id, r.story_id, to_item(r), r.first_seen, tuple(others.get(r.story_id, ())))
        for r in firsts.values()
    )


def list_items(session: Session, filters: Filters, page: int = 1, per_page: int = 30) -> Listing:
    """Stories newest first (by publication; search results by collection), one per story."""
    offset = (page - 1) * per_page
    conditions = filters.conditions()
    if filters.q.strip():
        ids = search_ids(session, filters.q, conditions, per_page + 1, offset)
        rows = _rows_by_ids(session, ids)
    else:
        if not filters.municipality:
            conditions.append(ItemRow.is_primary.is_(True))
        statement = (
            select(ItemRow)
            .where(*conditions)
            .order_by(ItemRow.published.desc().nulls_last(), ItemRow.id.desc())
            .limit(per_page + 1)
            .offset(offset)
        )
        rows = list(session.scalars(statement))
    more = len(rows) > per_page
    return Listing(_collapse(session, rows[:per_page]), page, per_page, more)


def month_events(
    session: Session, year: int, month: int, filters: Filters, limit: int = 1000
) -> tuple[Listed, ...]:
    """Events starting in a month (JST), one per story, in order of start."""
    first = datetime(year, month, 1, tzinfo=JST)
    following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=JST)
    statement = (
        select(ItemRow)
        .where(ItemRow.starts >= first, ItemRow.starts < following, *filters.conditions())
        .order_by(ItemRow.starts, ItemRow.id)
        .limit(limit)
    )
    return _collapse(session, list(session.scalars(statement)))


def upcoming_events(session: Session, now: datetime, filters: Filters, limit: int = 200) -> tuple[
    Listed, ...
]:  # fmt: skip
    """Events from the last 30 days onwards (the iCalendar feed)."""
    statement = (
        select(ItemRow)
        .where(ItemRow.starts >= now - timedelta(days=30), *filters.conditions())
        .order_by(ItemRow.starts, ItemRow.id)
        .limit(limit)
    )
    return _collapse(session, list(session.scalars(statement)))


def pinned_notices(
    session: Session, now: datetime, municipality: str | None = None
) -> list[DisasterNotice]:
    """Warnings and emergencies of the last 24 hours (for one member, those naming it)."""
    rows = session.scalars(
        select(NoticeRow).where(NoticeRow.pinned.is_(True), NoticeRow.issued >= now - PIN_FOR)
    )
    notices = [to_notice(r) for r in rows]
    if municipality:
        notices = [n for n in notices if municipality in n.municipalities]
    return sorted(notices, key=lambda n: (LEVEL_ORDER[n.level], -(n.issued or now).timestamp()))


def recent_notices(session: Session, now: datetime, days: int = 7) -> list[DisasterNotice]:
    """Every stored notice of the last `days` days, newest first."""
    rows = session.scalars(
        select(NoticeRow)
        .where(NoticeRow.issued >= now - timedelta(days=days))
        .order_by(NoticeRow.issued.desc())
    )
    return [to_notice(r) for r in rows]


@dataclass(frozen=True)
class HealthRow:
    """A source's health with its publishing rate."""

    source: Source
    health: SourceHealth
    per_day: float  # items published per day over the last 30 days
    next_due: datetime | None


def health(session: Session, sources: Sequence[Source], now: datetime) -> list[HealthRow]:
    """Every configured source's health, from its stored state and items."""
    states = {r.source_id: to_state(r) for r in session.scalars(select(SourceStateRow))}
    counts = dict(
        session.execute(
            select(ItemRow.source_id, func.count())
            .where(ItemRow.published >= now - timedelta(days=HEALTH_DAYS))
            .group_by(ItemRow.source_id)
        ).all()
    )
    rows = []
    for source in sources:
        state = states.get(source.id)
        rows.append(
            HealthRow(
                source=source,
                health=source_health(source, state, now),
                per_day=int(counts.get(source.id, 0)) / HEALTH_DAYS,
                next_due=state.next_due if state else None,
            )
        )
    return rows
