"""The collector loop's dedup memory is read back from storage once a day (`runner.renewed`)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta

from tests.hub.seeding import NOW, _items, seed
from toshiken.core.runtime import Runtime
from toshiken.hub.classify import Lexicon
from toshiken.hub.crawl import CrawlReport
from toshiken.hub.fetch import FetchPolicy
from toshiken.hub.runner import RENEW_EVERY, open_crawler, renewed, run_loop
from toshiken.hub.sources import HubConfig

POLICY = FetchPolicy("toshiken-hub/0.1 (test)", allow_private=True)


def test_renewal_forgets_what_storage_does_not_hold(runtime: Runtime, config: HubConfig) -> None:
    stored = seed(runtime.sessions, config)
    extra = _items(config, Lexicon.from_config(config), NOW + timedelta(days=1))[0]
    extra = replace(extra, key="never-stored", source_id="koshi-news")

    async def go() -> None:
        async with open_crawler(runtime.sessions, config, [], POLICY, NOW) as crawler:
            stories = len(crawler.index)
            crawler.index.add(extra)  # matched in memory, never written
            crawler.seen["koshi-news"].add(extra.key)
            assert len(crawler.index._prints) == len(stored) + 1
            await renewed(crawler, runtime.sessions, NOW)
            assert len(crawler.index) == stories and len(crawler.index._prints) == len(stored)
            assert extra.key not in crawler.seen["koshi-news"]
            assert crawler.sink.index is crawler.index  # type: ignore[union-attr]
            # an item 121 days old falls out of the window
            await renewed(crawler, runtime.sessions, NOW + timedelta(days=200))
            assert len(crawler.index) == 0 and not crawler.seen

    asyncio.run(go())


def test_the_loop_renews_once_a_day(runtime: Runtime, config: HubConfig) -> None:
    times = iter([NOW, NOW, NOW + RENEW_EVERY, NOW + RENEW_EVERY, NOW + RENEW_EVERY])
    renewals: list[datetime] = []

    async def go() -> int:
        stop = asyncio.Event()

        def report(_: CrawlReport) -> None:
            if len(renewals) == 1:
                stop.set()

        async def renew(now: datetime) -> None:
            renewals.append(now)

        async with open_crawler(runtime.sessions, config, [], POLICY, NOW) as crawler:
            return await run_loop(crawler, stop, lambda: next(times), report, 1.0, renew)

    assert asyncio.run(go()) == 2 and renewals == [NOW + RENEW_EVERY]
