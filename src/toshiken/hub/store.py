"""Storage of the crawl: HubStore implements crawl.HubSink; `memory` restores a crawler.

A source's new items are written in one transaction with its state (the crawler always saves the
state after the items), so a crash never leaves items without the state that saw them; rows are
made by `records.py`, which sanitises everything on the way in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.db import transaction
from toshiken.hub.crawl import HubMemory
from toshiken.hub.dedup import DedupIndex
from toshiken.hub.model import DisasterNotice, Item, MergedItem, SourceState
from toshiken.hub.orm import ItemRow, NoticeRow, SourceStateRow, StoryRow
from toshiken.hub.records import (
    item_values,
    jst_now,
    key_hash,
    pack_signature,
    plain,
    remembered_item,
    safe_url,
    state_values,
    to_notice,
    to_state,
)
from toshiken.hub.sources import Source

MEMORY_WINDOW = timedelta(days=120)  # items first seen this recently are matched against
# The columns a restarted crawler reads of each item (not the summary or search text).
REMEMBERED = (
    ItemRow.key, ItemRow.url, ItemRow.title, ItemRow.lead, ItemRow.published, ItemRow.source_id,
    ItemRow.municipality, ItemRow.topic, ItemRow.topics, ItemRow.initiatives, ItemRow.signature,
)  # fmt: skip


class HubStore:
    """The crawl's sink: items with their stories and the source's state in one transaction.

    With `batch` > 1 the states (and their sources' items) of that many sources are written in
    one transaction (one commit, one fsync, instead of one per source): call `flush` after a
    sweep. A crash loses at most the last batch, whose sources are simply fetched again."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Callable[[], datetime] = jst_now,
        batch: int = 1,
    ) -> None:
        self.sessions, self.clock, self.batch = sessions, clock, batch
        self.index: DedupIndex | None = None  # the crawler's, to keep MinHash signatures
        self._items: dict[str, list[tuple[Sequence[Item], Sequence[MergedItem]]]] = {}
        self._states: dict[str, SourceState] = {}

    def attach(self, index: DedupIndex) -> None:
        """Keep the signatures the crawler's dedup index computed beside each item."""
        self.index = index

    async def save_items(
        self, source: Source, new: Sequence[Item], merged: Sequence[MergedItem]
    ) -> None:
        """Held until the source's state is saved (or `flush`), then written with it."""
        self._items.setdefault(source.id, []).append((new, merged))

    async def save_state(self, state: SourceState) -> None:
        self._states[state.source_id] = state
        if len(self._states) >= self.batch:
            await self.flush()

    async def flush(self) -> None:
        """Write every held item and state in one transaction."""
        if not self._items and not self._states:
            return
        with transaction(self.sessions) as session:
            for batches in self._items.values():
                for new, merged in batches:
                    self._write_items(session, new, merged)
            for state in self._states.values():
                row = session.get(SourceStateRow, state.source_id)
                if row is None:
                    row = SourceStateRow(source_id=state.source_id)
                    session.add(row)
                for name, value in state_values(state).items():
                    setattr(row, name, value)
        self._items.clear()
        self._states.clear()

    def _write_items(
        self, session: Session, new: Sequence[Item], merged: Sequence[MergedItem]
    ) -> None:
        """Insert the items not stored yet, each in the story the dedup index put it in."""
        if not new:
            return
        now = self.clock()
        story_of = {(m.source_id, m.key): g.id for g in merged for m in g.members}
        query = select(ItemRow.source_id, ItemRow.key_hash).where(
            ItemRow.source_id.in_({i.source_id for i in new}),
            ItemRow.key_hash.in_([key_hash(i.key) for i in new]),
        )
        stored = {(source_id, hashed) for source_id, hashed in session.execute(query)}
        fresh = [i for i in new if (i.source_id, key_hash(i.key)) not in stored]
        group = {i: story_of.get((i.source_id, i.key), i.key) for i in fresh}
        stories = _stories(session, set(group.values()), now)
        signatures = {i.key: self.index.take_signature(i.key) if self.index else None for i in new}
        rows = []
        for item in fresh:
            story = stories[group[item]]
            primary, story.copies, story.updated = story.copies == 0, story.copies + 1, now
            signature = signatures[item.key]
            rows.append(item_values(item, story.id, primary, now, pack_signature(signature)))
        if rows:
            session.execute(insert(ItemRow), rows)

    async def save_notices(self, notices: Sequence[DisasterNotice]) -> None:
        now = self.clock()
        with transaction(self.sessions) as session:
            for notice in notices:
                link = safe_url(notice.link)
                if not link:
                    continue
                row = session.scalar(select(NoticeRow).where(NoticeRow.link_hash == key_hash(link)))
                if row is None:
                    row = NoticeRow(link_hash=key_hash(link), link=link, first_seen=now)
                    session.add(row)
                row.title, row.info_type = plain(notice.title), plain(notice.info_type)[:20]
                row.headline, row.issued = plain(notice.headline), notice.issued
                row.office, row.level = plain(notice.office)[:100], notice.level
                row.kinds, row.municipalities = list(notice.kinds), list(notice.municipalities)
                row.pinned = notice.pinned


def _stories(session: Session, keys: set[str], now: datetime) -> dict[str, StoryRow]:
    """The stories of these merged-item keys, created when new (ids assigned)."""
    hashed = {key_hash(k): k for k in keys}
    found = {
        r.key_hash: r
        for r in session.scalars(select(StoryRow).where(StoryRow.key_hash.in_(hashed)))
    }
    for h, key in hashed.items():
        if h not in found:
            found[h] = StoryRow(key_hash=h, key=key, first_seen=now, updated=now, copies=0)
            session.add(found[h])
    session.flush()
    return {key: found[h] for h, key in hashed.items()}


def load_states(sessions: sessionmaker[Session]) -> dict[str, SourceState]:
    with sessions() as session:
        return {r.source_id: to_state(r) for r in session.scalars(select(SourceStateRow))}


def memory(sessions: sessionmaker[Session], now: datetime) -> HubMemory:
    """Source states, seen keys and merged items of the last 120 days, and every notice.

    Items are read a thousand rows at a time, only the columns matching needs (`REMEMBERED`):
    not whole rows at once, which held ~3 KB an item while a nationwide crawler started."""
    since = now - MEMORY_WINDOW
    seen: dict[str, set[str]] = {}
    groups: dict[str, list[tuple[Item, bytes | tuple[int, ...] | None]]] = {}
    with sessions() as session:
        states = {r.source_id: to_state(r) for r in session.scalars(select(SourceStateRow))}
        rows = session.execute(
            select(*REMEMBERED, StoryRow.key.label("story_key"))
            .join(StoryRow, StoryRow.id == ItemRow.story_id)
            .where(ItemRow.first_seen >= since)
            .order_by(ItemRow.id)
            .execution_options(yield_per=1000)
        )
        for row in rows:
            seen.setdefault(row.source_id, set()).add(row.key)
            item = remembered_item(row)
            groups.setdefault(row.story_key, []).append((item, row.signature))  # packed
        notices = [to_notice(r) for r in session.scalars(select(NoticeRow))]
    return HubMemory(
        states=states,
        seen=seen,
        groups=list(groups.items()),
        notices=notices,
        telegrams={n.id for n in notices},
    )


def stored_counts(sessions: sessionmaker[Session]) -> dict[str, int]:
    """How many items, stories and notices are stored."""
    with sessions() as session:
        return {
            "items": session.scalar(select(func.count()).select_from(ItemRow)) or 0,
            "stories": session.scalar(select(func.count()).select_from(StoryRow)) or 0,
            "notices": session.scalar(select(func.count()).select_from(NoticeRow)) or 0,
        }
