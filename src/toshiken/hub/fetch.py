"""Polite, safe HTTP fetching: robots.txt, host gaps, conditional GET, size cap, redirects."""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urlsplit

import httpx

from toshiken.hub.canonical import host_of, resolve
from toshiken.hub.clients import HostClients
from toshiken.hub.gate import HostDeferred, HostGate
from toshiken.hub.guard import AddressRefused, check_host
from toshiken.hub.model import Validators
from toshiken.hub.robots import RobotsCache, RobotsRules, rules_from_response

FetchStatus = Literal[
    "ok", "not_modified", "unchanged", "error", "deferred", "disallowed", "refused"
]
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.I)
_NO_CACHE = re.compile(r"no-cache|no-store", re.I)


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    min_gap: float = 1.0  # seconds between two requests to one host
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    timeout: float = 30.0
    max_wait: float = 120.0  # a request waiting longer than this for its host is deferred instead
    allow_private: bool = False  # test mode: let 127.0.0.1 and other private addresses through
    obey_robots: bool = True
    robots_ttl: float = 86400.0

    @property
    def robots_agent(self) -> str:
        return self.user_agent.split("/", 1)[0].split()[0]


@dataclass(frozen=True)
class FetchResult:
    status: FetchStatus
    url: str  # the final address
    http_status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    validators: Validators = field(default_factory=Validators)
    retry_after: float | None = None  # seconds
    max_age: float | None = None  # how long the server says its answer stays fresh, seconds
    error: str = ""
    bytes_read: int = 0
    truncated: bool = False
    permanent_url: str | None = None  # where a 301/308 chain from the first address ends

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "not_modified", "unchanged")


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class Fetcher:
    """One per crawl process: shares politeness and robots.txt state across every source."""

    def __init__(
        self,
        policy: FetchPolicy,
        allowed_hosts: Iterable[str],
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.gate = HostGate(policy.min_gap, policy.max_wait, clock)
        self.robots = RobotsCache(clock)
        self._robots_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.clients = HostClients(policy.user_agent, policy.timeout, transport)
        self.clock = clock

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.clients.aclose()

    async def _robots_for(self, url: str) -> RobotsRules:
        host = host_of(url)
        async with self._robots_locks[host]:
            cached = self.robots.get(host)
            if cached is not None:
                return cached
            parts = urlsplit(url)
            status, text = None, ""
            async with self.gate.slot(host):
                try:
                    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
                    response = await self.clients.send(host, robots_url, stream=False)
                    status, text = response.status_code, response.text[:500_000]
                    if status in (429, 503):
                        wait = retry_after_seconds(response.headers.get("retry-after"), _utcnow())
                        self.gate.defer(host, wait or self.policy.min_gap)
                except httpx.HTTPError:
                    pass
                finally:
                    await self.clients.done(host)
                rules = rules_from_response(status, text, self.clock(), self.policy.robots_ttl)
                # Inside the slot, so that the gap after robots.txt already honours Crawl-delay.
                self.gate.set_delay(host, rules.delay(self.policy.robots_agent))
            self.robots.put(host, rules)
            return rules

    async def _read(
        self, response: httpx.Response, allow_truncated: bool
    ) -> tuple[bytes, bool, str]:
        """The body up to the cap: (body, truncated, error)."""
        cap = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap and not allow_truncated:
            return b"", True, f"body of {declared} bytes exceeds the {cap}-byte cap; not read"
        chunks, size = [], 0
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                body = b"".join(chunks)[:cap]
                if allow_truncated:
                    return body, True, ""
                return b"", True, f"body exceeds the {cap}-byte cap; cut off"
        return b"".join(chunks), False, ""

    async def fetch(
        self, url: str, validators: Validators | None = None, allow_truncated: bool = False
    ) -> FetchResult:
        """GET `url` politely; never raises for network or HTTP trouble (see FetchResult.status)."""
        validators = validators or Validators()
        current, seen, permanent = url, {url}, True
        for _hop in range(self.policy.max_redirects + 1):
            result = await self._hop(current, validators, allow_truncated)
            if isinstance(result, FetchResult):
                if permanent and current != url and result.ok:
                    return replace(result, permanent_url=current)
                return result
            code, location = result
            following = resolve(current, location)
            if following in seen:
                return FetchResult("error", current, code, error=f"redirect loop at {following}")
            seen.add(following)
            permanent = permanent and code in (301, 308)
            current = following
        return FetchResult(
            "error", current, error=f"more than {self.policy.max_redirects} redirects"
        )

    async def _hop(
        self, url: str, validators: Validators, allow_truncated: bool
    ) -> FetchResult | tuple[int, str]:
        """One request: a result, or (status, Location) of a redirect to follow."""
        host = host_of(url)
        parts = urlsplit(url)
        if host not in self.allowed_hosts:
            return FetchResult("refused", url, error=f"{host} is not a registered host")
        try:
            await check_host(parts.hostname or "", parts.port or 443, self.policy.allow_private)
        except AddressRefused as exc:
            return FetchResult("refused", url, error=str(exc))
        if self.policy.obey_robots:
            try:
                rules = await self._robots_for(url)
            except HostDeferred as exc:
                return FetchResult("deferred", url, retry_after=exc.seconds, error=str(exc))
            if not rules.allows(url, self.policy.robots_agent):
                note = rules.note or "robots.txt disallows it"
                return FetchResult("disallowed", url, error=note)
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        try:
            async with self.gate.slot(host):
                try:
                    response = await self.clients.send(host, url, headers)
                    try:
                        verdict = self._interpret(url, response, validators)
                        if verdict is not None:
                            return verdict
                        return await self._body(url, response, validators, allow_truncated)
                    finally:
                        await response.aclose()
                finally:
                    await self.clients.done(host)
        except HostDeferred as exc:
            return FetchResult("deferred", url, retry_after=exc.seconds, error=str(exc))
        except httpx.HTTPError as exc:
            return FetchResult("error", url, error=f"{type(exc).__name__}: {exc}")

    def _interpret(
        self, url: str, response: httpx.Response, validators: Validators
    ) -> FetchResult | tuple[int, str] | None:
        code = response.status_code
        if code in (301, 302, 303, 307, 308) and response.headers.get("location"):
            return code, response.headers["location"]
        if code == 304:
            return FetchResult(
                "not_modified", url, code, validators=validators, max_age=freshness(response)
            )
        if code in (429, 503):
            wait = retry_after_seconds(response.headers.get("retry-after"), _utcnow())
            self.gate.defer(host_of(url), wait if wait is not None else self.policy.min_gap)
            return FetchResult("error", url, code, retry_after=wait, error=f"HTTP {code}")
        if not 200 <= code < 300:
            return FetchResult("error", url, code, error=f"HTTP {code}")
        return None

    async def _body(
        self, url: str, response: httpx.Response, validators: Validators, allow_truncated: bool
    ) -> FetchResult:
        body, truncated, error = await self._read(response, allow_truncated)
        code = response.status_code
        if error:
            return FetchResult(
                "error", url, code, error=error, truncated=True, bytes_read=len(body)
            )
        fresh = Validators(
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            body_hash=body_hash(body),
        )
        status: FetchStatus = "unchanged" if fresh.body_hash == validators.body_hash else "ok"
        return FetchResult(
            status,
            url,
            code,
            body=body,
            content_type=response.headers.get("content-type"),
            validators=fresh,
            max_age=freshness(response),
            bytes_read=len(body),
            truncated=truncated,
        )


def freshness(response: httpx.Response) -> float | None:
    """Seconds the server says its answer stays fresh (RFC 9111): Cache-Control max-age, else
    Expires minus Date (or now); None when it asks for revalidation every time (no-cache,
    no-store) or says nothing."""
    control = response.headers.get("cache-control", "")
    if _NO_CACHE.search(control):
        return None
    match = _MAX_AGE.search(control)
    if match:
        return float(match.group(1)) or None
    expires = _http_date(response.headers.get("expires"))
    if expires is None:
        return None
    origin = _http_date(response.headers.get("date")) or _utcnow()
    seconds = (expires - origin).total_seconds()
    return seconds if seconds > 0 else None


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _utcnow() -> datetime:
    return datetime.now(UTC)
