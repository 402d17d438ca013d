"""A small stored hub for store, route, feed and browser tests: items, a cross-posted story,
events, a hostile item, notices and source states, written through HubStore as a crawl would."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from toshiken.hub.classify import Lexicon
from toshiken.hub.dates import JST
from toshiken.hub.dedup import DedupIndex
from toshiken.hub.model import DisasterNotice, Entry, Item, SourceState, Validators
from toshiken.hub.process import make_item
from toshiken.hub.sources import HubConfig, Source
from toshiken.hub.specimens import SHARED_EVENTS, items_for
from toshiken.hub.store import HubStore

NOW = datetime(2025, 6, 30, 9, 0, tzinfo=JST)
HOSTILE_TITLE = '<script>alert("t")</script>危険なお知らせ<img src=x onerror=alert(0)>'
HOSTILE_SUMMARY = (
    '<p onclick="steal()">本文<script>alert(2)</script><a href="javascript:alert(3)">リンク</a>'
    '<img src="x.png" onerror="alert(4)"><a href="https://ok.example/">正しいリンク</a></p>'
)
SOURCES = ("kumamoto-news", "kikuyo-news", "ozu-event", "mashiki-news", "koshi-news", "ozu-news")
EVENT_SOURCE = "kumamoto-event"


def _source(config: HubConfig, source_id: str) -> Source:
    return next(s for s in config.sources if s.id == source_id)


def _base(source: Source) -> str:
    return source.url.split("/", 3)[0] + "//" + source.host


def _items(config: HubConfig, lexicon: Lexicon, now: datetime) -> list[Item]:
    names = config.names()
    items = []
    for n, source_id in enumerate(SOURCES):
        source = _source(config, source_id)
        for sample in items_for(source, names[source.municipality], n, 6, now):
            entry = Entry(
                sample.title, _base(source) + sample.path, sample.published,
                f"<p>{sample.summary}</p>", (sample.category,) if sample.category else (),
            )  # fmt: skip
            items.append(make_item(entry, source, lexicon))
    for n, source_id in enumerate(("kumamoto-news", "kikuyo-news", "ozu-event")):
        source = _source(config, source_id)
        title = SHARED_EVENTS[1][n]
        link = f"{_base(source)}/kiji/shared-{n}.html"
        lead = "<p>熊本連携中枢都市圏の市町村が共同で実施します。会場：熊本城ホール</p>"
        items.append(make_item(Entry(title, link, now - timedelta(hours=n), lead), source, lexicon))
    events = _source(config, EVENT_SOURCE)
    for day in (5, 12, 12, 26):
        starts = datetime(2025, 7, day, 13, 30, tzinfo=JST)
        entry = Entry(
            f"夏の星空観望会（7月{day}日）", f"{_base(events)}/event/{day}-{len(items)}.html",
            now - timedelta(days=1), "<p>申込不要</p>", starts=starts,
            ends=starts + timedelta(hours=2), location="熊本博物館",
        )  # fmt: skip
        items.append(make_item(entry, events, lexicon))
    hostile = make_item(
        Entry(HOSTILE_TITLE, f"{_base(events)}/x.html", now, HOSTILE_SUMMARY), events, lexicon
    )
    items.append(replace(hostile, url="javascript:alert(1)", key="hostile"))
    return items


def notices(now: datetime) -> list[DisasterNotice]:
    def notice(n: int, level: str, hours: float) -> DisasterNotice:
        link = f"https://www.data.jma.go.jp/developer/xml/data/{n}.xml"
        return DisasterNotice(
            id=link, title="熊本県気象警報・注意報", info_type="発表",
            headline="大雨に警戒してください。", issued=now - timedelta(hours=hours),
            office="熊本地方気象台", level=level, kinds=("大雨警報",),  # type: ignore[arg-type]
            municipalities=("431001", "434418"), link=link,
        )  # fmt: skip

    return [notice(1, "warning", 1), notice(2, "advisory", 2), notice(3, "warning", 72)]


def seed(sessions: sessionmaker[Session], config: HubConfig, now: datetime = NOW) -> list[Item]:
    """Store the sample hub as a crawl would; returns the items given to the store."""
    store = HubStore(sessions, clock=lambda: now)
    index = DedupIndex(config.names())
    store.attach(index)
    items = _items(config, Lexicon.from_config(config), now)

    async def write() -> None:
        for source_id in dict.fromkeys(i.source_id for i in items):
            mine = [i for i in items if i.source_id == source_id]
            merged = [index.add(i) for i in mine]
            await store.save_items(_source(config, source_id), mine, merged)
        await store.flush()
        await store.save_notices(notices(now))
        await store.save_state(
            SourceState("kumamoto-news", next_due=now + timedelta(minutes=15), last_success=now,
                        validators=Validators('"e"', None, "h"), items=6, newest=now)
        )  # fmt: skip
        await store.save_state(
            SourceState("ozu-news", failures=2, last_error=now, last_error_message="HTTP 503",
                        next_due=now + timedelta(minutes=30))
        )  # fmt: skip

    with ThreadPoolExecutor(1) as pool:  # its own thread: a browser test's loop may be running
        pool.submit(asyncio.run, write()).result()
    return items
