"""Feed discovery against the simulator's top pages on 127.0.0.1, and on pages of our own."""

import asyncio

from toshiken.hub.discover import Discovery, discover, feed_kind, feed_links
from toshiken.hub.fetch import Fetcher, FetchPolicy
from toshiken.hub.samples import atom, rss1, rss2
from toshiken.hub.simhttp import BOMB, BROKEN, SimOptions
from toshiken.hub.simulator import HOME_STYLES, Simulator
from toshiken.hub.sources import HubConfig

UA = "toshiken-hub/0.1 (test; hub@example.jp)"


def test_links_in_the_page_are_found_and_resolved() -> None:
    page = """<html><head><base href="/shisei/">
    <link rel="alternate" type="application/rss+xml" title="新着" href="news.rss">
    <link rel="Alternate Feed" type="application/atom+xml; charset=utf-8" href="/event/index.atom">
    <link rel="alternate" hreflang="en" href="/en/">
    <link rel="stylesheet" type="text/css" href="a.css">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><a href="/rss/10/list1.xml"><img alt="RSS">防災</a>
    <a href="news.rss">重複</a><a href="/kurashi/index.html">くらし</a>
    <a href="https://www.city.example.jp/feed/">フィード</a></body></html>""".encode()
    found = feed_links(page, "https://www.town.example.jp/")
    assert [(c.url, c.how) for c in found] == [
        ("https://www.town.example.jp/shisei/news.rss", "link"),
        ("https://www.town.example.jp/event/index.atom", "link"),
        ("https://www.town.example.jp/rss/10/list1.xml", "anchor"),
        ("https://www.city.example.jp/feed/", "anchor"),
    ]
    assert found[0].title == "新着" and found[2].title == "防災"


def test_shift_jis_page_and_nothing_to_find() -> None:
    page = (
        '<html><head><meta charset="Shift_JIS"><link rel="alternate" '
        'type="application/rss+xml" title="お知らせ" href="/index.rss"></head></html>'
    ).encode("cp932")
    assert [c.title for c in feed_links(page, "http://h/")] == ["お知らせ"]
    xhtml = (
        '<?xml version="1.0" encoding="Shift_JIS"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
        'Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><link rel="alternate" '
        'type="application/rss+xml" title="新着" href="/index.rss" /></head></html>'
    ).encode("cp932")
    assert [c.url for c in feed_links(xhtml, "http://h/")] == ["http://h/index.rss"]
    assert feed_links(b"", "http://h/") == []
    assert feed_links(b"<p>no feeds</p>", "http://h/") == []


def test_feed_kinds() -> None:
    from datetime import datetime

    from toshiken.hub.dates import JST
    from toshiken.hub.samples import SampleItem

    items = [SampleItem("t", "/a.html", datetime(2025, 6, 1, tzinfo=JST))]
    assert feed_kind(rss2("町の新着", "http://h", items).encode()) == ("rss", "町の新着")
    assert feed_kind(rss1("RDF版", "http://h", items).encode()) == ("rss", "RDF版")
    assert feed_kind(atom("アトム", "http://h", items).encode()) == ("atom", "アトム")
    assert feed_kind(b"<!DOCTYPE html><html><body>top</body></html>") is None
    assert feed_kind(BOMB.encode()) is None and feed_kind(BROKEN.encode()) is None


def _discover_all(config: HubConfig, options: SimOptions) -> tuple[Simulator, list[Discovery]]:
    members = [m.code for m in config.municipalities[:6]]
    with Simulator(config, options) as sim:

        async def run() -> list[Discovery]:
            policy = FetchPolicy(UA, min_gap=0.01, allow_private=True)
            async with Fetcher(policy, sim.hosts()) as fetcher:
                return list(
                    await asyncio.gather(
                        *(discover(fetcher, sim.site(c).base + "/") for c in members)
                    )
                )

        return sim, asyncio.run(run())


def test_discovers_each_members_feeds_from_its_top_page(config: HubConfig) -> None:
    options = SimOptions(disallow={config.municipalities[5].code: ("/docs/",)})
    sim, found = _discover_all(config, options)
    assert max(sim.max_in_flight.values()) == 1
    for n, (site, discovery) in enumerate(zip(sim.sites, found, strict=False)):
        style = HOME_STYLES[n % len(HOME_STYLES)]
        expected = {
            site.base + path: src.kind
            for path, src in site.sources.items()
            if src.kind in ("rss", "atom")
        }
        got = {f.url: f.kind for f in discovery.feeds}
        if style in ("link", "anchor"):
            assert got == expected, (site.code, style)
            assert {f.how for f in discovery.feeds} == ({style} if expected else set())
            assert all(f.title.startswith(site.name) for f in discovery.feeds)
        else:  # nothing on the page: only feeds at the usual paths are found
            assert {f.how for f in discovery.feeds} <= {"path"}
            assert set(got) <= set(expected)
            usual = {
                u: k
                for u, k in expected.items()
                if u.endswith(("/news/rss.xml", "/rss/10/list1.xml"))
            }
            assert set(usual) <= set(got)
        hits = [h for h in sim.hits if h.port == site.port]
        assert hits[0].path == "/robots.txt" and hits[1].path == "/"
    sixth = sim.sites[5]
    assert not [h for h in sim.hits if h.port == sixth.port and h.path.startswith("/docs/")]
    why = dict(found[5].rejected)[sixth.base + "/docs/index.rss"]
    assert "robots" in why  # a usual path robots.txt keeps us out of is not asked for


def test_unreachable_page_is_reported(config: HubConfig) -> None:
    with Simulator(config, SimOptions(throttle={"431001": (9, 0)}, throttle_status=503)) as sim:

        async def run() -> Discovery:
            policy = FetchPolicy(UA, min_gap=0.01, allow_private=True)
            async with Fetcher(policy, sim.hosts()) as fetcher:
                return await discover(fetcher, sim.site("431001").base + "/")

        result = asyncio.run(run())
    assert result.feeds == () and "503" in result.error
