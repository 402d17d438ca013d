"""The simulator's HTTP behaviours: validators, robots.txt, throttling, latency and test paths."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from toshiken.hub.dates import JST
from toshiken.hub.samples import SampleItem
from toshiken.hub.sources import Source

if TYPE_CHECKING:
    from toshiken.hub.simulator import Simulator

Reply = tuple[int, list[tuple[str, str]], Iterator[bytes]]
CHUNK = 64 * 1024
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10))
    + ']><rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
).replace("&lol1;", "&lol;")
BROKEN = '<?xml version="1.0"?><rss version="2.0"><channel><title>壊れ<item><title>x</ti'


@dataclass
class SimOptions:
    """Behaviours, keyed by municipality code; everything off by default."""

    now: datetime = field(default_factory=lambda: datetime(2025, 6, 30, 9, 0, tzinfo=JST))
    items_per_source: int = 10
    latency: dict[str, float] = field(default_factory=dict)  # seconds per response
    validators: dict[str, str] = field(default_factory=dict)  # both | etag | last_modified | none
    crawl_delay: dict[str, float] = field(default_factory=dict)
    disallow: dict[str, tuple[str, ...]] = field(default_factory=dict)  # robots.txt path prefixes
    throttle: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # first N requests, Retry-After
    throttle_status: int = 429
    shift_jis: tuple[str, ...] = ("432041", "432113", "433675", "434043", "434337", "434442")
    euc_jp: tuple[str, ...] = ("433683",)
    huge_bytes: int = 8 * 1024 * 1024
    shared_posts: int = 3  # how many towns post each shared story
    # Freshness headers per site instead of "Cache-Control: no-cache" (max-age, Expires …)
    cache_headers: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    stamped: tuple[str, ...] = ()  # sites whose pages carry the time they were generated


@dataclass
class Document:
    body: bytes
    content_type: str
    modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass(frozen=True)
class Hit:
    """One request as the simulator saw it."""

    port: int
    path: str
    started: float
    ended: float
    status: int
    bytes: int
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str
    header_bytes: int = 0  # status line and headers (the app's, plus uvicorn's date and server)

    @property
    def wire(self) -> int:
        """Bytes of the response on the wire: headers and body."""
        return self.bytes + self.header_bytes


@dataclass
class Site:
    code: str
    name: str
    port: int
    documents: dict[str, Document] = field(default_factory=dict)
    items: dict[str, list[SampleItem]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)  # path -> source (original address)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def http_date(day: datetime) -> str:
    return format_datetime(day.astimezone(UTC), usegmt=True)


def is_current(header: str | None, modified: datetime) -> bool:
    """If-Modified-Since says the client's copy is as new as ours."""
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    return modified.replace(microsecond=0) <= since


def _once(body: bytes) -> Iterator[bytes]:
    yield body


def _text(status: int, text: str, headers: list[tuple[str, str]] | None = None) -> Reply:
    body = text.encode()
    base = [("content-type", "text/plain; charset=utf-8"), ("content-length", str(len(body)))]
    return status, base + (headers or []), _once(body)


def robots(sim: Simulator, site: Site) -> str:
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: {p}" for p in sim.options.disallow.get(site.code, ())]
    if site.code in sim.options.crawl_delay:
        lines.append(f"Crawl-delay: {sim.options.crawl_delay[site.code]:g}")
    return "\n".join(lines) + "\n"


def _document(sim: Simulator, site: Site, doc: Document, headers: dict[str, str]) -> Reply:
    mode = sim.options.validators.get(site.code, "both")
    cache = sim.options.cache_headers.get(site.code) or (("cache-control", "no-cache"),)
    out = [("content-type", doc.content_type), *cache]
    if mode in ("both", "etag"):
        out.append(("etag", doc.etag))
        if headers.get("if-none-match") == doc.etag:
            return 304, out, _once(b"")
    if mode in ("both", "last_modified"):
        out.append(("last-modified", http_date(doc.modified)))
        etag_asked = "if-none-match" in headers and mode != "last_modified"
        if not etag_asked and is_current(headers.get("if-modified-since"), doc.modified):
            return 304, out, _once(b"")
    body = doc.body
    if site.code in sim.options.stamped and "calendar" not in doc.content_type:
        body += f"<!-- generated {time.time_ns()} -->".encode()  # a new hash every time
    out.append(("content-length", str(len(body))))
    return 200, out, _once(body)


def _huge(size: int) -> Iterator[bytes]:
    yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>'
    sent = 0
    while sent < size:
        yield b"<!-- padding -->" * (CHUNK // 16)
        sent += CHUNK


def _test_path(sim: Simulator, site: Site, path: str) -> Reply | None:
    first = next(iter(site.sources), "/")
    if path == "/test/broken.xml":
        return 200, [("content-type", "application/rss+xml")], _once(BROKEN.encode())
    if path == "/test/bomb.xml":
        return 200, [("content-type", "application/rss+xml")], _once(BOMB.encode())
    if path == "/test/huge.xml":
        return 200, [("content-type", "application/rss+xml")], _huge(sim.options.huge_bytes)
    if path == "/test/huge-declared.xml":
        size = str(sim.options.huge_bytes)
        return 200, [("content-type", "application/rss+xml"), ("content-length", size)], iter(())
    if path in ("/test/loop-a", "/test/loop-b"):
        other = "/test/loop-b" if path.endswith("a") else "/test/loop-a"
        return _text(302, "", [("location", other)])
    if path == "/test/out":
        return _text(302, "", [("location", "http://203.0.113.7/feed.xml")])
    if path == "/test/moved.xml":
        return _text(301, "", [("location", first)])
    return None


async def _route(sim: Simulator, site: Site, path: str, headers: dict[str, str]) -> Reply:
    if path == "/robots.txt":
        return _text(200, robots(sim, site))
    port = site.port
    sim._served[port] += 1
    limit, retry_after = sim.options.throttle.get(site.code, (0, 0))
    if sim._served[port] <= limit:
        return _text(sim.options.throttle_status, "busy", [("retry-after", str(retry_after))])
    if path == "/test/slow.xml":
        await asyncio.sleep(1.0)
        path = first if (first := next(iter(site.sources), None)) else path
    special = _test_path(sim, site, path)
    if special is not None:
        return special
    doc = site.documents.get(path)
    if doc is None:
        return _text(404, "not found")
    return _document(sim, site, doc, headers)


async def respond(sim: Simulator, scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Serve one ASGI request, recording concurrency per port and every hit."""
    if scope["type"] != "http":
        return
    port = scope["server"][1]
    site = sim.by_port[port]
    query = scope.get("query_string", b"").decode()
    path = scope["path"] + (f"?{query}" if query else "")
    headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
    sim.in_flight[port] += 1
    sim.max_in_flight[port] = max(sim.max_in_flight[port], sim.in_flight[port])
    started, status, sent, head = time.monotonic(), 500, 0, 0
    try:
        await asyncio.sleep(sim.options.latency.get(site.code, 0.0))
        status, out, chunks = await _route(sim, site, path, headers)
        raw = [(k.encode(), v.encode("latin-1", "replace")) for k, v in out]
        head = len(f"HTTP/1.1 {status} OK\r\n\r\n") + sum(len(k) + len(v) + 4 for k, v in raw)
        head += len("date: Sun, 29 Nov 2026 20:00:00 GMT\r\nserver: uvicorn\r\n")
        await send({"type": "http.response.start", "status": status, "headers": raw})
        for chunk in chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            sent += len(chunk)
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    finally:
        sim.in_flight[port] -= 1
        sim.hits.append(
            Hit(port, path, started, time.monotonic(), status, sent, headers.get("if-none-match"),
                headers.get("if-modified-since"), headers.get("user-agent", ""), head)
        )  # fmt: skip
