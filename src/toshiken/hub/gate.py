"""Per-host politeness: one request in flight, a minimum gap, Crawl-delay and Retry-After."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


class HostDeferred(Exception):
    """The host may not be asked again for `seconds`: longer than a request may wait."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(f"{host}: not before {seconds:.1f} s")
        self.host, self.seconds = host, seconds


class HostGate:
    """Serialises requests per host and spaces them by max(min_gap, the host's own delay)."""

    def __init__(
        self, min_gap: float, max_wait: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.min_gap, self.max_wait, self.clock = min_gap, max_wait, clock
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._next_at: dict[str, float] = {}
        self._delay: dict[str, float] = {}

    def gap(self, host: str) -> float:
        return max(self.min_gap, self._delay.get(host, 0.0))

    def set_delay(self, host: str, seconds: float | None) -> None:
        """The host's robots.txt Crawl-delay (or Request-rate), when it asks for one."""
        if seconds is not None and seconds > 0:
            self._delay[host] = float(seconds)

    def defer(self, host: str, seconds: float) -> None:
        """Retry-After: no request to `host` for `seconds` from now."""
        self._next_at[host] = max(self._next_at.get(host, 0.0), self.clock() + seconds)

    def wait_for(self, host: str) -> float:
        return max(0.0, self._next_at.get(host, 0.0) - self.clock())

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold the host's only slot; the next slot opens `gap` seconds after this one closes."""
        async with self._locks[host]:
            wait = self.wait_for(host)
            if wait > self.max_wait:
                raise HostDeferred(host, wait)
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self._next_at[host] = max(
                    self._next_at.get(host, 0.0), self.clock() + self.gap(host)
                )
