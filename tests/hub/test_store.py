"""Storage on SQLite and PostgreSQL: items with stories, notices, states, restarts and search."""

from __future__ import annotations

import asyncio
import random
import re

import pytest
from sqlalchemy import func, select, text

from tests.hub.seeding import NOW, SOURCES, _items, seed
from toshiken.core.runtime import Runtime
from toshiken.hub import search
from toshiken.hub.classify import Lexicon
from toshiken.hub.crawl import Crawler
from toshiken.hub.dedup import DedupIndex
from toshiken.hub.fetch import Fetcher, FetchPolicy
from toshiken.hub.model import SourceState
from toshiken.hub.orm import ItemRow, NoticeRow, SourceStateRow, StoryRow
from toshiken.hub.queries import Filters, list_items, pinned_notices
from toshiken.hub.sources import HubConfig
from toshiken.hub.store import HubStore, load_states, memory

UNSAFE = re.compile(r"<script|\son\w+\s*=|javascript:", re.I)


def test_items_stories_notices_and_states_are_stored_safely(
    runtime: Runtime, config: HubConfig
) -> None:
    items = seed(runtime.sessions, config)
    with runtime.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ItemRow)) == len(items)
        copies = session.scalars(select(StoryRow.copies).where(StoryRow.copies > 1)).all()
        assert copies == [3]  # the story three members posted in their own words
        primaries = session.scalar(select(func.count()).where(ItemRow.is_primary.is_(True)))
        assert primaries == session.scalar(select(func.count()).select_from(StoryRow))
        assert session.scalar(select(func.count()).select_from(NoticeRow)) == 3
        assert [n.level for n in pinned_notices(session, NOW)] == ["warning"]
        assert pinned_notices(session, NOW, "432041") == []  # names 熊本市 and 御船町 only
        assert session.scalar(select(func.count()).select_from(SourceStateRow)) == 2
    states = load_states(runtime.sessions)
    assert states["ozu-news"].failures == 2 and states["kumamoto-news"].validators.etag == '"e"'
    assert states["kumamoto-news"].next_due is not None
    assert states["kumamoto-news"].next_due.utcoffset() is not None  # aware on SQLite too
    # nothing unsafe is stored: no script, no handler, no javascript: address
    with runtime.sessions() as session:
        rows = session.scalars(select(ItemRow)).all()
    hostile = next(r for r in rows if r.key == "hostile")
    assert hostile.url == "" and "<" not in hostile.title and "危険なお知らせ" in hostile.title
    for row in rows:
        for value in (row.title, row.lead, row.summary_html, row.url, row.location):
            assert not UNSAFE.search(value), value
    assert 'href="https://ok.example/"' in hostile.summary_html


def test_a_restarted_crawler_remembers(runtime: Runtime, config: HubConfig) -> None:
    items = seed(runtime.sessions, config)
    remembered = memory(runtime.sessions, NOW)
    assert remembered.states["ozu-news"].failures == 2
    kept = [item for _, members in remembered.groups for item, _ in members]
    assert len(kept) == len(items) and all(item.summary_html == "" for item in kept)  # slim
    assert all(
        signature is not None for _, members in remembered.groups for _, signature in members
    )
    assert "https://www.data.jma.go.jp/developer/xml/data/1.xml" in remembered.telegrams

    async def again() -> int:
        policy = FetchPolicy("toshiken-hub/0.1 (test)", allow_private=True)
        async with Fetcher(policy, []) as fetcher:
            store = HubStore(runtime.sessions, clock=lambda: NOW)
            crawler = Crawler(config, fetcher, store)
            crawler.restore(remembered)
            store.attach(crawler.index)
            stories = len(crawler.index)
            for item in items:  # every item comes back: each joins its stored story
                crawler.index.add(item)
            assert len(crawler.index) == stories
            assert crawler.disaster_mode(NOW)  # the pinned warning was restored
            assert {i.key for i in items if i.source_id == "ozu-news"} <= crawler.seen["ozu-news"]
            by_source = [i for i in items if i.source_id == "kikuyo-news"]
            merged = [crawler.index.add(i) for i in by_source]
            await store.save_items(config.sources[0], by_source, merged)
            await store.flush()  # nothing new to write
            return stories

    stories = asyncio.run(again())
    with runtime.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ItemRow)) == len(items)
        assert session.scalar(select(func.count()).select_from(StoryRow)) == stories
        signatures = session.scalars(select(ItemRow.signature)).all()
        assert all(s is not None and len(s) == 64 * 8 for s in signatures)


def _queries(texts: list[str]) -> list[str]:
    rng = random.Random(7)
    found = ["募集", "祭", "の", "婚活", "婚活セミナー", "都市圏 募集", "熊本市 お知らせ", "鰻",
             "zz", "100%", "a_b", '"', "ー", "7月", "危険", "ＡＢＣ", "ﾏﾙｼｪ"]  # fmt: skip
    for _ in range(40):
        t = rng.choice(texts).rstrip(search.SENTINEL)
        start = rng.randrange(len(t))
        found.append(t[start : start + rng.choice((1, 2, 3, 5))])
    return [q for q in found if q.strip()]


def test_search_finds_exactly_the_substring_matches(
    runtime: Runtime, config: HubConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(runtime.sessions, config)
    with runtime.sessions() as session:
        stored = {i: t for i, t in session.execute(select(ItemRow.id, ItemRow.search_text))}
    queries = _queries(list(stored.values()))
    for budget in (1, 10**9):  # short words by vocabulary expansion, then by the newest-first walk
        monkeypatch.setattr(search, "SCAN_BUDGET", budget)
        with runtime.sessions() as session:
            for query in queries:
                words = search.words(query)
                truth = [
                    i for i in sorted(stored, reverse=True) if search.matches(words, stored[i])
                ]
                assert search.search_ids(session, query, limit=1000) == truth, (budget, query)
                assert search.like_ids(session, query, limit=1000) == truth, query


def test_search_with_filters_and_pages(runtime: Runtime, config: HubConfig) -> None:
    seed(runtime.sessions, config)
    with runtime.sessions() as session:
        everything = search.search_ids(session, "お知らせ", limit=1000)
        first = search.search_ids(session, "お知らせ", limit=3)
        second = search.search_ids(session, "お知らせ", limit=3, offset=3)
        assert first + second == everything[:6]
        koshi = search.search_ids(session, "お知らせ", [ItemRow.municipality == "432164"], 1000)
        assert koshi and set(koshi) < set(everything)
        listing = list_items(session, Filters(q="婚活セミナー"))
        assert len(listing.entries) == 1 and len(listing.entries[0].copies) == 2  # one story


def test_sqlite_search_index_follows_the_table(tmp_path: object, config: HubConfig) -> None:
    from toshiken.core.settings import Settings

    rt = Runtime(Settings(database_url=f"sqlite:///{tmp_path}/fts.sqlite3"))
    seed(rt.sessions, config)
    with rt.sessions() as session, session.begin():
        session.execute(text("DELETE FROM hub_item WHERE key = 'hostile'"))
        assert search.search_ids(session, "危険") == []
        hits = session.scalar(
            text("SELECT count(*) FROM hub_item_fts WHERE hub_item_fts MATCH '\"星空観\"'")
        )
        assert hits == 4
    rt.engine.dispose()


def test_batched_store_writes_states_and_items_together(
    runtime: Runtime, config: HubConfig, lexicon: Lexicon
) -> None:
    sources = [next(s for s in config.sources if s.id == i) for i in SOURCES[:5]]
    items = [i for i in _items(config, lexicon, NOW) if i.source_id in SOURCES[:5]]

    def count(table: type) -> int:
        with runtime.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(table)) or 0)

    async def run() -> list[tuple[int, int]]:
        store, index = HubStore(runtime.sessions, clock=lambda: NOW, batch=3), DedupIndex()
        store.attach(index)
        seen = []
        for source in sources:
            mine = [i for i in items if i.source_id == source.id]
            await store.save_items(source, mine, [index.add(i) for i in mine])
            await store.save_state(SourceState(source.id, next_due=NOW, items=len(mine)))
            seen.append((count(SourceStateRow), count(ItemRow)))
        await store.flush()
        seen.append((count(SourceStateRow), count(ItemRow)))
        return seen

    seen = asyncio.run(run())
    assert [s for s, _ in seen] == [0, 0, 3, 3, 3, 5]  # one transaction per 3 sources, then flush
    first_three = {s.id for s in sources[:3]}
    assert seen[2][1] == len([i for i in items if i.source_id in first_three]) > 0
    assert seen[-1][1] == len(items)
    assert load_states(runtime.sessions)[sources[4].id].items == len(
        [i for i in items if i.source_id == sources[4].id]
    )
