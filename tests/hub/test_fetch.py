import asyncio
from collections.abc import Callable

import httpx
import pytest

from toshiken.hub.fetch import Fetcher, FetchPolicy, FetchResult, retry_after_seconds
from toshiken.hub.model import Validators

UA = "toshiken-hub/0.1 (test; hub@example.jp)"
HOST = "www.town.ozu.kumamoto.jp"
FEED = f"https://{HOST}/rss/20/list1.xml"
Handler = Callable[[httpx.Request], httpx.Response]


def _fetch(
    handler: Handler, url: str = FEED, validators: Validators | None = None, **policy: object
) -> FetchResult:
    async def run() -> FetchResult:
        settings = {"min_gap": 0.0, "allow_private": True, "obey_robots": False} | policy
        fetcher = Fetcher(FetchPolicy(UA, **settings), [HOST], httpx.MockTransport(handler))  # type: ignore[arg-type]
        async with fetcher:
            return await fetcher.fetch(url, validators)

    return asyncio.run(run())


def test_conditional_get_sends_validators_and_reads_304() -> None:
    seen: list[httpx.Headers] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return httpx.Response(304)

    validators = Validators('"v1"', "Mon, 30 Jun 2025 00:00:00 GMT", "abc")
    result = _fetch(handler, validators=validators)
    assert result.status == "not_modified" and result.validators == validators
    assert seen[0]["if-none-match"] == '"v1"'
    assert seen[0]["if-modified-since"] == "Mon, 30 Jun 2025 00:00:00 GMT"
    assert seen[0]["user-agent"] == UA


def test_same_body_is_unchanged_by_hash() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<rss/>", headers={"etag": '"e"'})

    first = _fetch(handler)
    assert first.status == "ok" and first.validators.etag == '"e"'
    assert _fetch(handler, validators=first.validators).status == "unchanged"


def test_oversized_bodies_are_rejected_or_cut() -> None:
    declared = _fetch(lambda r: httpx.Response(200, content=b"x" * 5000), max_bytes=1000)
    assert declared.status == "error" and "cap" in declared.error and declared.body == b""

    def streamed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=httpx.ByteStream(b"y" * 5000), headers={})

    cut = _fetch(streamed, max_bytes=1000)
    assert cut.status == "error" and "cut off" in cut.error

    async def run() -> FetchResult:
        policy = FetchPolicy(UA, min_gap=0, max_bytes=1000, allow_private=True, obey_robots=False)
        async with Fetcher(policy, [HOST], httpx.MockTransport(streamed)) as fetcher:
            return await fetcher.fetch(FEED, allow_truncated=True)

    kept = asyncio.run(run())
    assert kept.status == "ok" and kept.truncated and len(kept.body) == 1000


def test_redirects_only_to_registered_hosts_and_never_in_loops() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        targets = {
            "/out": "https://evil.example/feed.xml",
            "/a": "/b",
            "/b": "/a",
            "/moved": "/rss/20/list1.xml",
        }
        if request.url.path in targets:
            code = 301 if request.url.path == "/moved" else 302
            return httpx.Response(code, headers={"location": targets[request.url.path]})
        return httpx.Response(200, content=b"<rss/>")

    refused = _fetch(handler, f"https://{HOST}/out")
    assert refused.status == "refused" and "evil.example" in refused.error
    loop = _fetch(handler, f"https://{HOST}/a")
    assert loop.status == "error" and "loop" in loop.error
    moved = _fetch(handler, f"https://{HOST}/moved")
    assert moved.status == "ok" and moved.permanent_url == FEED
    assert _fetch(handler, "https://unknown.example/x").status == "refused"


def test_private_addresses_refused_outside_test_mode() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200)

    for host in ("127.0.0.1:8080", "10.1.2.3", "192.168.0.1", "[::1]", "169.254.169.254"):

        async def run(host: str = host) -> FetchResult:
            policy = FetchPolicy(UA, min_gap=0, obey_robots=False, allow_private=False)
            async with Fetcher(policy, [host], httpx.MockTransport(handler)) as fetcher:
                return await fetcher.fetch(f"http://{host}/feed.xml")

        result = asyncio.run(run())
        assert result.status == "refused", host
    assert calls == []


def test_retry_after_defers_the_host() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"retry-after": "120"})

    async def run() -> tuple[FetchResult, FetchResult]:
        policy = FetchPolicy(UA, min_gap=0, max_wait=5, allow_private=True, obey_robots=False)
        async with Fetcher(policy, [HOST], httpx.MockTransport(handler)) as fetcher:
            return await fetcher.fetch(FEED), await fetcher.fetch(FEED)

    first, second = asyncio.run(run())
    assert first.status == "error" and first.retry_after == 120
    assert second.status == "deferred" and second.retry_after is not None
    assert 110 < second.retry_after <= 120


def test_robots_txt_rules_and_crawl_delay() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(
                200, text="User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n"
            )
        return httpx.Response(200, content=b"ok")

    async def run() -> tuple[FetchResult, FetchResult, float]:
        policy = FetchPolicy(UA, min_gap=0, max_wait=10, allow_private=True)
        async with Fetcher(policy, [HOST], httpx.MockTransport(handler)) as fetcher:
            blocked = await fetcher.fetch(f"https://{HOST}/private/x.xml")
            allowed = await fetcher.fetch(FEED)
            return blocked, allowed, fetcher.gate.gap(HOST)

    blocked, allowed, gap = asyncio.run(run())
    assert blocked.status == "disallowed" and allowed.status == "ok" and gap == 0.2


@pytest.mark.parametrize(("status", "expected"), [(404, "ok"), (500, "disallowed")])
def test_missing_robots_allows_unreachable_robots_keeps_out(status: int, expected: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(status)
        return httpx.Response(200, content=b"ok")

    assert _fetch(handler, obey_robots=True).status == expected


def test_one_request_in_flight_per_host() -> None:
    active: dict[str, int] = {}
    peak: dict[str, int] = {}

    async def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        active[host] = active.get(host, 0) + 1
        peak[host] = max(peak.get(host, 0), active[host])
        await asyncio.sleep(0.02)
        active[host] -= 1
        return httpx.Response(200, content=request.url.path.encode())

    hosts = ["a.example.jp", "b.example.jp", "c.example.jp"]

    async def run() -> list[FetchResult]:
        policy = FetchPolicy(UA, min_gap=0.01, allow_private=True, obey_robots=False)
        async with Fetcher(policy, hosts, httpx.MockTransport(handler)) as fetcher:
            jobs = [fetcher.fetch(f"https://{h}/{n}.xml") for h in hosts for n in range(4)]
            return await asyncio.gather(*jobs)

    results = asyncio.run(run())
    assert all(r.status == "ok" for r in results)
    assert peak == {h: 1 for h in hosts}


def test_retry_after_formats() -> None:
    from datetime import UTC, datetime

    now = datetime(2025, 6, 30, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("30", now) == 30
    assert retry_after_seconds("Mon, 30 Jun 2025 00:02:00 GMT", now) == 120
    assert retry_after_seconds("soon", now) is None


def test_freshness_from_cache_control_and_expires() -> None:
    date = "Mon, 30 Jun 2025 00:00:00 GMT"

    def fresh(headers: dict[str, str], status: int = 200) -> float | None:
        return _fetch(lambda r: httpx.Response(status, content=b"<rss/>", headers=headers)).max_age

    assert fresh({"cache-control": "public, max-age=1800"}) == 1800
    assert fresh({"cache-control": "max-age=600"}, status=304) == 600
    assert fresh({"cache-control": "s-maxage=900"}) is None  # for shared caches, not us
    assert fresh({"cache-control": "no-cache, max-age=600"}) is None
    assert fresh({"cache-control": "max-age=0"}) is None
    assert fresh({"expires": "Mon, 30 Jun 2025 00:30:00 GMT", "date": date}) == 1800
    assert fresh({"cache-control": "max-age=60", "expires": "Tue, 01 Jul 2025 00:00:00 GMT"}) == 60
    assert fresh({"expires": "Thu, 19 Nov 1981 08:52:00 GMT", "date": date}) is None  # PHP's
    assert fresh({"expires": "0", "date": date}) is None
    assert fresh({}) is None
