"""Integration: the crawler against the simulator on 127.0.0.1 (one port per member host)."""

import asyncio
import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from toshiken.hub.crawl import Crawler, CrawlReport
from toshiken.hub.fetch import Fetcher, FetchPolicy
from toshiken.hub.model import DisasterNotice, Item, MergedItem, SourceState
from toshiken.hub.simhttp import Hit, SimOptions
from toshiken.hub.simulator import Simulator
from toshiken.hub.sources import HubConfig, Source

UA = "toshiken-hub/0.1 (test; hub@example.jp)"


class MemorySink:
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.notices: list[DisasterNotice] = []
        self.states: dict[str, SourceState] = {}

    async def save_items(
        self, source: Source, new: Sequence[Item], merged: Sequence[MergedItem]
    ) -> None:
        self.items.extend(new)

    async def save_notices(self, notices: Sequence[DisasterNotice]) -> None:
        self.notices.extend(notices)

    async def save_state(self, state: SourceState) -> None:
        self.states[state.source_id] = state


def _sweeps(
    config: HubConfig,
    options: SimOptions,
    times: int = 1,
    gap: float = 0.02,
    only: tuple[str, ...] = (),
    **policy: object,
) -> tuple[Simulator, list[CrawlReport], MemorySink]:
    """Sweeps of the simulator (only the sources of the `only` members when given: faster)."""
    sink = MemorySink()
    options.items_per_source = min(options.items_per_source, 4)  # keeps the suite fast
    with Simulator(config, options) as sim:

        async def run() -> list[CrawlReport]:
            settings = {"min_gap": gap, "allow_private": True, "max_wait": 10.0} | policy
            async with Fetcher(FetchPolicy(UA, **settings), sim.hosts()) as fetcher:  # type: ignore[arg-type]
                chosen = [s for s in sim.sources() if not only or s.municipality in only]
                crawler = Crawler(config, fetcher, sink, sources=chosen)
                reports = []
                for _ in range(times):
                    reports.append(await crawler.sweep(crawler.sources, options.now))
                    sim.marks.append(len(sim.hits))
                return reports

        return sim, asyncio.run(run()), sink


def _by_port(hits: list[Hit]) -> dict[int, list[Hit]]:
    ports: defaultdict[int, list[Hit]] = defaultdict(list)
    for hit in sorted(hits, key=lambda h: h.started):
        ports[hit.port].append(hit)
    return ports


def test_full_sweep_politely_merges_and_pins(config: HubConfig) -> None:
    sim, (report,), sink = _sweeps(config, SimOptions(), gap=0.03)
    assert {r.status for r in report.results} == {"ok"}
    assert max(sim.max_in_flight.values()) == 1  # never two requests at once on one host
    for hits in _by_port(sim.hits).values():
        assert hits[0].path == "/robots.txt"
        assert all(b.started - a.ended >= 0.025 for a, b in itertools.pairwise(hits))
        assert all(h.user_agent == UA for h in hits)
    shared = [m for m in report.merged if len(m.members) > 1]
    assert len(shared) == 6 and all(len(m.municipalities) == 3 for m in shared)
    assert all(h.ok for h in report.health)
    assert [n.level for n in report.notices] == ["warning", "emergency"] or [
        n.level for n in report.notices
    ] == ["emergency", "warning"]
    assert sink.notices and sink.items and len(sink.states) == len(sim.sources())


def test_repeat_sweep_is_conditional(config: HubConfig) -> None:
    options = SimOptions(validators={"432041": "none", "432067": "etag", "432083": "last_modified"})
    only = ("432041", "432067", "432083")
    sim, (_, again, third), sink = _sweeps(config, options, times=3, only=only)
    by_id = {r.source_id: r for r in again.results}
    assert {r.status for r in again.results} <= {"not_modified", "unchanged"}
    assert all(by_id[s].status == "unchanged" for s in by_id if s.startswith("arao-"))
    assert all(
        by_id[s].status == "not_modified" for s in by_id if s.startswith(("tamana-", "yamaga-"))
    )
    second = sim.hits[sim.marks[0] :]
    capable = [h for h in second if h.port != sim.site("432041").port]
    assert capable and all(h.if_none_match or h.if_modified_since for h in capable)
    assert all(h.bytes == 0 for h in capable)
    assert not again.merged  # nothing new
    # adaptive interval: a body without validators that keeps repeating is asked less often
    assert {r.status for r in third.results if r.source_id.startswith("arao-")} == {"unchanged"}
    assert sink.states["arao-news"].repeats == 2
    assert sink.states["arao-news"].next_due == options.now + timedelta(hours=2)  # slow poster
    assert sink.states["tamana-news"].next_due == options.now + timedelta(minutes=15)


def test_robots_disallow_crawl_delay_and_retry_after(config: HubConfig) -> None:
    options = SimOptions(
        disallow={"434035": ("/docs/",)},
        crawl_delay={"434043": 0.3},
        throttle={"432105": (1, 1)},
    )
    sim, (report,), _ = _sweeps(config, options, only=("434035", "434043", "432105"))
    results = {r.source_id: r for r in report.results}
    assert results["ozu-news"].status == "disallowed"
    assert not [
        h for h in sim.hits if h.port == sim.site("434035").port and h.path.startswith("/docs/")
    ]
    kikuyo = _by_port(sim.hits)[sim.site("434043").port]
    assert all(b.started - a.ended >= 0.29 for a, b in itertools.pairwise(kikuyo))
    kikuchi = _by_port(sim.hits)[sim.site("432105").port]
    throttled = next(i for i, h in enumerate(kikuchi) if h.status == 429)
    assert kikuchi[throttled + 1].started - kikuchi[throttled].ended >= 0.95
    failed = [r for r in report.results if r.http_status == 429]
    assert len(failed) == 1 and failed[0].source_id.startswith("kikuchi-")


def test_test_mode_off_refuses_the_simulator(config: HubConfig) -> None:
    options = SimOptions()
    sim, (report,), _ = _sweeps(
        config, options, only=("431001",), allow_private=False
    )  # test mode off
    assert {r.status for r in report.results} == {"refused"}
    assert sim.hits == []


def test_failures_back_off_and_show_in_health(config: HubConfig) -> None:
    options = SimOptions(throttle={"431001": (99, 0)}, throttle_status=503)
    _sim, (report,), sink = _sweeps(config, options, only=("431001", "432041"))
    health = {h.source_id: h for h in report.health}
    assert not health["kumamoto-news"].ok and health["kumamoto-news"].failures == 1
    state = sink.states["kumamoto-news"]
    assert state.next_due == options.now + timedelta(minutes=15)
    assert health["arao-news"].ok and health["arao-news"].freshness is not None


def test_scheduled_polls_back_off_when_nothing_changes(config: HubConfig) -> None:
    """Two hours of the scheduler every 15 minutes (simulated clock). Sources without
    validators whose entries come every few days (one site stamping its pages with the time)
    are asked every 2 hours from the start, not every 15 minutes; a server's max-age is
    honoured; something new resets the count of empty polls. (Doubling: test_schedule.)"""
    from toshiken.hub.samples import SampleItem

    options = SimOptions(
        items_per_source=3,
        validators={"432041": "none", "432067": "none", "434043": "none"},
        stamped=("432067",),
        cache_headers={"432083": (("cache-control", "max-age=3600"),)},
    )
    only = ("432041", "432067", "432083", "434043", "434035")
    polls: defaultdict[str, list[int]] = defaultdict(list)
    with Simulator(config, options) as sim:
        chosen = [s for s in sim.sources() if s.municipality in only]

        async def run() -> Crawler:
            policy = FetchPolicy(UA, min_gap=0.01, allow_private=True)
            async with Fetcher(policy, sim.hosts()) as fetcher:
                crawler = Crawler(config, fetcher, sources=chosen)
                for minute in range(0, 121, 15):
                    report = await crawler.run_due(options.now + timedelta(minutes=minute))
                    for result in report.results:
                        assert result.status in ("ok", "unchanged", "not_modified")
                        polls[result.source_id].append(minute)
                starts = options.now + timedelta(days=3)
                fresh = SampleItem("星空観望会", "/event/new.html", starts, location="公民館")
                sim.publish("kikuyo-event", fresh, options.now + timedelta(minutes=121))
                report = await crawler.run_due(options.now + timedelta(minutes=240))
                event = next(r for r in report.results if r.source_id == "kikuyo-event")
                assert [i.title for i in event.new_items] == ["星空観望会"]
                return crawler

        crawler = asyncio.run(run())
    assert polls["arao-news"] == [0, 120]  # entries every two days: no need to ask sooner
    assert all(polls[s.id] == [0, 120] for s in chosen if s.municipality == "432067")
    assert polls["kikuyo-event"] == [0, 120]
    assert polls["yamaga-news"] == [0, 60, 120]  # max-age=3600
    assert polls["tamana-news"] == [0, 120]  # new bodies each time, but no new entry
    assert polls["ozu-news"] == list(range(0, 121, 15))  # validators: a 304 every 15 min
    state = crawler.states["kikuyo-event"]  # something new: the count of empty polls resets
    assert state.repeats == 0 and crawler.states["kikuyo-news"].repeats == 2
