"""The simulator's hostile paths, fetched through the real fetcher."""

import asyncio

import httpx

from toshiken.hub.fetch import Fetcher, FetchPolicy, FetchResult
from toshiken.hub.parse import ParseError, parse_body
from toshiken.hub.simhttp import SimOptions
from toshiken.hub.simulator import Simulator
from toshiken.hub.sources import HubConfig

UA = "toshiken-hub/0.1 (test)"


def test_hostile_paths(config: HubConfig) -> None:
    with Simulator(config, SimOptions(huge_bytes=3_000_000)) as sim:
        site = sim.site("434035")

        async def run() -> dict[str, FetchResult]:
            policy = FetchPolicy(UA, min_gap=0, max_bytes=1_000_000, allow_private=True)
            async with Fetcher(policy, sim.hosts()) as fetcher:
                paths = ["huge.xml", "huge-declared.xml", "loop-a", "out", "moved.xml", "bomb.xml"]
                return {p: await fetcher.fetch(f"{site.base}/test/{p}") for p in paths}

        results = asyncio.run(run())
        source = sim.sources()[0]
    assert results["huge.xml"].status == "error" and "cut off" in results["huge.xml"].error
    assert (
        results["huge-declared.xml"].status == "error"
        and "not read" in results["huge-declared.xml"].error
    )
    assert "loop" in results["loop-a"].error
    assert results["out"].status == "refused"
    assert results["moved.xml"].permanent_url is not None
    bomb = results["bomb.xml"]
    assert bomb.status == "ok"
    feed = source.model_copy(update={"kind": "rss", "list": None})
    try:
        parse_body(feed, bomb.body, bomb.url, sim.options.now)
    except ParseError as exc:
        assert "entities" in str(exc)
    else:
        raise AssertionError("the entity bomb was parsed")


def test_shift_jis_page_served_and_validators(config: HubConfig) -> None:
    with Simulator(config) as sim:
        site = sim.site("432041")  # Shift_JIS in the default options
        path = next(p for p, s in site.sources.items() if s.kind == "html")
        response = httpx.get(site.base + path)
        assert response.status_code == 200 and b'charset="Shift_JIS"' in response.content
        again = httpx.get(site.base + path, headers={"if-none-match": response.headers["etag"]})
        assert again.status_code == 304
