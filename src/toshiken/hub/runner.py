"""Running the crawler against storage: one pass, or the long-running collector loop.

The loop fetches what is due, then sleeps until the next source is due (at most `max_sleep`).
A stop event (set by SIGINT/SIGTERM in `hub run`) ends it at once: a sweep in progress is
cancelled between requests, and every source already written stays written (each source's
items and state are one transaction), so the next start continues where this one stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from toshiken.hub.crawl import Crawler, CrawlReport
from toshiken.hub.fetch import Fetcher, FetchPolicy
from toshiken.hub.model import DisasterNotice, Item, MergedItem, SourceState
from toshiken.hub.schedule import due
from toshiken.hub.sources import HubConfig, Source
from toshiken.hub.store import HubStore, memory

Clock = Callable[[], datetime]


BATCH = 32  # sources whose results are written in one transaction (HubStore.batch)
RENEW_EVERY = timedelta(days=1)  # how often `hub run` reads its dedup memory back from storage


class ProgressSink:
    """Forwards to the store and calls `advance` once per source done (for progress bars)."""

    def __init__(self, store: HubStore, advance: Callable[[str], None]) -> None:
        self.store, self.advance = store, advance

    async def save_items(
        self, source: Source, new: Sequence[Item], merged: Sequence[MergedItem]
    ) -> None:
        await self.store.save_items(source, new, merged)

    async def save_notices(self, notices: Sequence[DisasterNotice]) -> None:
        await self.store.save_notices(notices)

    async def save_state(self, state: SourceState) -> None:
        await self.store.save_state(state)
        self.advance(state.source_id)


@contextlib.asynccontextmanager
async def open_crawler(
    sessions: sessionmaker[Session],
    config: HubConfig,
    sources: Sequence[Source],
    policy: FetchPolicy,
    now: datetime,
    advance: Callable[[str], None] | None = None,
) -> AsyncIterator[Crawler]:
    """A crawler over `sources`, restored from storage, writing to it; flushed and closed on
    exit (call `flushed` after each sweep when it runs on)."""
    store = HubStore(sessions, batch=BATCH)
    hosts = {s.host for s in config.all_sources} | {s.host for s in sources}
    async with Fetcher(policy, hosts) as fetcher:
        sink = ProgressSink(store, advance) if advance else store
        crawler = Crawler(config, fetcher, sink, sources=sources)
        crawler.restore(memory(sessions, now))
        store.attach(crawler.index)
        try:
            yield crawler
        finally:
            await store.flush()


def _store(crawler: Crawler) -> HubStore | None:
    sink = crawler.sink
    store = sink.store if isinstance(sink, ProgressSink) else sink
    return store if isinstance(store, HubStore) else None


async def flushed(crawler: Crawler) -> None:
    """Write what the crawler's store still holds (after a sweep)."""
    store = _store(crawler)
    if store is not None:
        await store.flush()


async def renewed(crawler: Crawler, sessions: sessionmaker[Session], now: datetime) -> None:
    """Forget the crawler's dedup memory and read it back from storage (the items of the last
    120 days, slim): what a restart does, without one. Everything held is written first."""
    await flushed(crawler)
    crawler.forget()
    crawler.restore(memory(sessions, now))
    store = _store(crawler)
    if store is not None:
        store.attach(crawler.index)


def selected(crawler: Crawler, now: datetime, everything: bool) -> list[Source]:
    """What one pass fetches: every source, or those due now (all of them the first time)."""
    return list(crawler.sources) if everything else due(crawler.sources, crawler.states, now)


def next_wake(crawler: Crawler, now: datetime, max_sleep: float) -> float:
    """Seconds until the next source is due, between 1 s and `max_sleep`."""
    times = [s.next_due for s in crawler.states.values() if s.next_due is not None]
    known = {s.id for s in crawler.sources}
    if len([k for k in crawler.states if k in known]) < len(known) or not times:
        return 1.0
    wait = (min(times) - now).total_seconds()
    return min(max(wait, 1.0), max_sleep)


@dataclass(frozen=True)
class Summary:
    """One pass in numbers, for the command's output."""

    sources: int
    statuses: dict[str, int]
    new_items: int
    stories: int
    notices: int
    errors: tuple[tuple[str, str], ...]  # (source id, message)

    @classmethod
    def of(cls, report: CrawlReport) -> Summary:
        statuses: dict[str, int] = {}
        for r in report.results:
            statuses[r.status] = statuses.get(r.status, 0) + 1
        return cls(
            sources=len(report.results),
            statuses=dict(sorted(statuses.items())),
            new_items=sum(len(r.new_items) for r in report.results),
            stories=len(report.merged),
            notices=len(report.notices),
            errors=tuple((r.source_id, r.error) for r in report.results if r.error),
        )

    def line(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in self.statuses.items()) or "nothing due"
        return (
            f"{self.sources} sources ({counts}); {self.new_items} new items, "
            f"{self.stories} stories touched, {self.notices} disaster notices"
        )


async def run_loop(
    crawler: Crawler,
    stop: asyncio.Event,
    clock: Clock,
    on_report: Callable[[CrawlReport], None],
    max_sleep: float = 60.0,
    renew: Callable[[datetime], Awaitable[None]] | None = None,
) -> int:
    """Sweep what is due, sleep, repeat until `stop` is set; returns the sweeps completed.
    `renew(now)` runs between sweeps once every RENEW_EVERY (see `renewed`)."""
    sweeps = 0
    renewed_at = clock()
    while not stop.is_set():
        now = clock()
        if renew is not None and now - renewed_at >= RENEW_EVERY:
            await renew(now)
            renewed_at = now
        sweep = asyncio.create_task(crawler.run_due(now))
        waiter = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({sweep, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if sweep not in done:
            sweep.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweep
            break
        waiter.cancel()
        await flushed(crawler)
        sweeps += 1
        on_report(sweep.result())
        pause = next_wake(crawler, clock(), max_sleep)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=pause)
    return sweeps
