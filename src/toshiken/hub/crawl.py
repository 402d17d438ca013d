"""The orchestrator: due sources → fetch → parse → items, merged stories, notices, health → sink."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from toshiken.hub.classify import Lexicon
from toshiken.hub.dedup import DedupIndex
from toshiken.hub.disaster import AreaMap, parse_jma_feed, parse_telegram, telegrams_to_fetch
from toshiken.hub.fetch import Fetcher, FetchResult
from toshiken.hub.model import DisasterNotice, Item, MergedItem, SourceHealth, SourceState
from toshiken.hub.parse import ParseError, parse_body
from toshiken.hub.process import make_items
from toshiken.hub.schedule import (
    after_failure,
    after_success,
    due,
    interval_for,
    last_wait,
    next_wait,
    rate_wait,
)
from toshiken.hub.sources import HubConfig, Source
from toshiken.hub.xmlguard import EntityRefused

STALE_AFTER = timedelta(days=60)
PIN_FOR = timedelta(hours=24)  # a pinned notice keeps disaster mode on this long after issue


class HubSink(Protocol):
    """Where a crawl's output goes; storage implements this (every method may be a no-op)."""

    async def save_items(
        self, source: Source, new: Sequence[Item], merged: Sequence[MergedItem]
    ) -> None:
        """New items of one source, and the merged stories they joined or started."""

    async def save_notices(self, notices: Sequence[DisasterNotice]) -> None:
        """Disaster notices concerning the partnership (pinned ones first)."""

    async def save_state(self, state: SourceState) -> None:
        """A source's scheduling and validator state after its fetch."""


@dataclass(frozen=True)
class HubMemory:
    """What a crawler needs from storage to go on after a restart."""

    states: dict[str, SourceState]
    seen: dict[str, set[str]]  # source id -> keys it listed
    # merged id -> members, each with its MinHash signature as stored (packed) if any
    groups: list[tuple[str, list[tuple[Item, bytes | tuple[int, ...] | None]]]]
    notices: list[DisasterNotice]
    telegrams: set[str]  # telegram addresses already read


@dataclass(frozen=True)
class SourceResult:
    source_id: str
    status: str  # FetchResult.status, or "parse_error"
    items: tuple[Item, ...] = ()  # everything the body listed (empty when not parsed)
    new_items: tuple[Item, ...] = ()  # keys this source had not listed before
    error: str = ""
    warnings: tuple[str, ...] = ()
    bytes_read: int = 0
    http_status: int | None = None


@dataclass(frozen=True)
class CrawlReport:
    now: datetime
    results: tuple[SourceResult, ...]
    merged: tuple[MergedItem, ...]  # stories touched by this run
    notices: tuple[DisasterNotice, ...]  # new this run
    health: tuple[SourceHealth, ...]


class Crawler:
    """Keeps state between runs (source states, seen keys, dedup index, notices) in memory."""

    def __init__(
        self,
        config: HubConfig,
        fetcher: Fetcher,
        sink: HubSink | None = None,
        states: dict[str, SourceState] | None = None,
        sources: Sequence[Source] | None = None,
        concurrency: int = 64,
    ) -> None:
        self.config, self.fetcher, self.sink = config, fetcher, sink
        self.sources = tuple(sources) if sources is not None else config.all_sources
        self.states: dict[str, SourceState] = states if states is not None else {}
        self.lexicon = Lexicon.from_config(config)
        self.rules = config.url_rules_compiled
        self.index = DedupIndex(config.names())
        self.areas = AreaMap.from_config(config)
        self.seen: defaultdict[str, set[str]] = defaultdict(set)
        self.telegrams_seen: set[str] = set()
        self.notices: dict[str, DisasterNotice] = {}
        self._limit = asyncio.Semaphore(concurrency)

    def forget(self) -> None:
        """Drop the items matched against and the keys seen (before `restore` reads them again
        from storage, within its window): a long-running collector's index would grow forever."""
        self.index = DedupIndex(self.config.names())
        self.seen.clear()

    def restore(self, memory: HubMemory) -> None:
        """Continue from stored state: schedules, seen keys, merged items, notices."""
        self.states.update(memory.states)
        for source_id, keys in memory.seen.items():
            self.seen[source_id].update(keys)
        for group_id, members in memory.groups:
            self.index.restore(group_id, members)
        self.notices.update({n.id: n for n in memory.notices})
        self.telegrams_seen.update(memory.telegrams)

    def disaster_mode(self, now: datetime) -> bool:
        """On while a pinned notice issued in the last 24 hours stands."""
        return any(
            n.pinned and (n.issued is None or now - n.issued < PIN_FOR)
            for n in self.notices.values()
        )

    async def run_due(self, now: datetime) -> CrawlReport:
        """Fetch every source due at `now` (JMA and disaster tier first)."""
        every = None
        if self.disaster_mode(now):
            every = timedelta(minutes=self.config.defaults.disaster_interval_minutes)
        return await self.sweep(due(self.sources, self.states, now, every), now)

    async def sweep(self, sources: Sequence[Source], now: datetime) -> CrawlReport:
        """Fetch the given sources concurrently; politeness is per host inside the fetcher."""
        touched: dict[str, MergedItem] = {}
        notices: list[DisasterNotice] = []

        async def one(source: Source) -> SourceResult:
            async with self._limit:
                return await self._one(source, now, touched, notices)

        results = await asyncio.gather(*(one(s) for s in sources))
        if notices and self.sink is not None:
            await self.sink.save_notices(sorted(notices, key=lambda n: not n.pinned))
        return CrawlReport(
            now, tuple(results), tuple(touched.values()), tuple(notices), self.health(now)
        )

    async def _one(
        self,
        source: Source,
        now: datetime,
        touched: dict[str, MergedItem],
        notices: list[DisasterNotice],
    ) -> SourceResult:
        state = self.states.get(source.id) or SourceState(source.id)
        disaster = self.disaster_mode(now)
        interval = interval_for(source, self.config.defaults, disaster)
        fetched = await self.fetcher.fetch(
            state.url or source.url, state.validators, allow_truncated=source.kind == "html"
        )
        result = SourceResult(
            source.id,
            fetched.status,
            bytes_read=fetched.bytes_read,
            http_status=fetched.http_status,
        )
        if fetched.status in ("not_modified", "unchanged"):
            repeats = state.repeats + 1 if fetched.status == "unchanged" else 0
            floor = last_wait(state) if repeats else None  # never sooner while unchanged
            wait = next_wait(source, interval, repeats, _hint(fetched), disaster, floor)
            state = after_success(state, now, wait, fetched.validators, repeats=repeats)
        elif fetched.status == "deferred":
            state = replace(state, next_due=now + timedelta(seconds=fetched.retry_after or 0))
        elif fetched.status != "ok":
            retry = timedelta(seconds=fetched.retry_after) if fetched.retry_after else None
            state = after_failure(state, now, interval, fetched.error, retry)
            result = replace(result, error=fetched.error)
        else:
            state, result = await self._digest(
                source, state, fetched, now, (interval, disaster), result, notices
            )
            if source.kind != "jma" and result.new_items:
                ids = []
                for item in result.new_items:
                    merged = self.index.add(item)
                    touched[merged.id] = merged
                    ids.append(merged.id)
                if self.sink is not None:
                    stories = [touched[i] for i in dict.fromkeys(ids)]
                    await self.sink.save_items(source, result.new_items, stories)
        if fetched.permanent_url:
            state = replace(state, url=fetched.permanent_url)
        self.states[source.id] = state
        if self.sink is not None:
            await self.sink.save_state(state)
        return result

    async def _digest(
        self,
        source: Source,
        state: SourceState,
        fetched: FetchResult,
        now: datetime,
        timing: tuple[timedelta, bool],
        result: SourceResult,
        notices: list[DisasterNotice],
    ) -> tuple[SourceState, SourceResult]:
        interval, disaster = timing
        if source.kind == "jma":
            return await self._digest_jma(state, fetched, now, interval, result, notices)
        try:
            document = parse_body(source, fetched.body, fetched.url, now, fetched.content_type)
        except ParseError as exc:
            # Forget the hash so that a repaired body is read even if it comes back identical.
            failed = replace(state, validators=replace(fetched.validators, body_hash=None))
            message = f"parse: {exc}"
            state = after_failure(failed, now, interval, message)
            return state, replace(result, status="parse_error", error=message)
        items = make_items(document, source, self.lexicon, self.rules)
        new = [i for i in items if i.key not in self.seen[source.id]]
        self.seen[source.id].update(i.key for i in items)
        newest = max((i.published for i in items if i.published), default=None)
        ttl = timedelta(minutes=document.ttl_minutes) if document.ttl_minutes else None
        hint = max((h for h in (ttl, _hint(fetched)) if h is not None), default=None)
        # A new body with no new entry (a page stamped with the time, a changed lastBuildDate)
        # counts as nothing new, like an identical one: the interval stretches.
        repeats = state.repeats + 1 if not new and state.last_success else 0
        floors = [last_wait(state) if repeats else None]
        if not (fetched.validators.etag or fetched.validators.last_modified):
            # Each poll costs the whole body: ask as often as the source posts, not more.
            floors.append(rate_wait((i.published for i in items), now, interval))
        floor = max((f for f in floors if f is not None), default=None)
        wait = next_wait(source, interval, repeats, hint, disaster, floor)
        state = after_success(
            state, now, wait, fetched.validators, len(items), newest, repeats=repeats
        )
        warnings = document.warnings + (("body cut at the size cap",) if fetched.truncated else ())
        return state, replace(result, items=tuple(items), new_items=tuple(new), warnings=warnings)

    async def _digest_jma(
        self,
        state: SourceState,
        fetched: FetchResult,
        now: datetime,
        interval: timedelta,
        result: SourceResult,
        notices: list[DisasterNotice],
    ) -> tuple[SourceState, SourceResult]:
        try:
            entries = parse_jma_feed(fetched.body)
        except (EntityRefused, ValueError) as exc:
            message = f"parse: {exc}"
            state = after_failure(state, now, interval, message)
            return state, replace(result, status="parse_error", error=message)
        problems = []
        for link in telegrams_to_fetch(entries, self.areas, self.telegrams_seen):
            telegram = await self.fetcher.fetch(link)
            if telegram.status != "ok":
                problems.append(f"{link}: {telegram.error or telegram.status}")
                continue
            if link in self.telegrams_seen:  # another JMA feed listed it and read it meanwhile
                continue
            self.telegrams_seen.add(link)
            try:
                notice = parse_telegram(telegram.body, link, self.areas)
            except (EntityRefused, ValueError) as exc:
                problems.append(f"{link}: {exc}")
                continue
            if notice is not None:
                self.notices[notice.id] = notice
                notices.append(notice)
        state = after_success(state, now, interval, fetched.validators, len(entries))
        return state, replace(result, warnings=tuple(problems))

    def health(self, now: datetime) -> tuple[SourceHealth, ...]:
        """Every source's health from its state."""
        return tuple(source_health(s, self.states.get(s.id), now) for s in self.sources)


def _hint(fetched: FetchResult) -> timedelta | None:
    return timedelta(seconds=fetched.max_age) if fetched.max_age else None


def source_health(source: Source, state: SourceState | None, now: datetime) -> SourceHealth:
    """What staff see: last success and error, items, freshness and alerts."""
    state = state or SourceState(source.id)
    alerts = []
    if state.last_success is None:
        alerts.append("never fetched successfully")
    elif source.kind == "html" and state.items == 0:
        alerts.append("selector returned 0 items: check the list rule")
    if state.failures:
        alerts.append(f"{state.failures} consecutive failures: {state.last_error_message}")
    freshness = now - state.newest if state.newest else None
    if freshness is not None and freshness > STALE_AFTER and source.kind != "jma":
        alerts.append(f"no new entry for {freshness.days} days")
    return SourceHealth(
        source_id=source.id,
        municipality=source.municipality,
        ok=state.failures == 0 and state.last_success is not None,
        last_success=state.last_success,
        last_error=state.last_error,
        last_error_message=state.last_error_message,
        failures=state.failures,
        items=state.items,
        freshness=freshness,
        alerts=tuple(alerts),
    )
