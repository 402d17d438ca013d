"""robots.txt rules per host, read with protego and kept for a day."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from protego import Protego

DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
ALLOW_ALL = ""


@dataclass(frozen=True)
class RobotsRules:
    """One host's rules, how long they hold, and why (for health messages)."""

    parser: Protego
    expires: float  # monotonic clock
    note: str = ""

    def allows(self, url: str, agent: str) -> bool:
        return bool(self.parser.can_fetch(url, agent))

    def delay(self, agent: str) -> float | None:
        """Crawl-delay, or the interval a Request-rate implies, in seconds."""
        delay = self.parser.crawl_delay(agent)
        rate = self.parser.request_rate(agent)
        from_rate = rate.seconds / rate.requests if rate and rate.requests else None
        candidates = [float(d) for d in (delay, from_rate) if d]
        return max(candidates) if candidates else None


def rules_from_response(
    status: int | None, text: str, now: float, ttl: float = 86400.0, retry: float = 3600.0
) -> RobotsRules:
    """RFC 9309: 2xx rules apply; 4xx means no rules; 5xx or silence: keep out a while."""
    if status is not None and 200 <= status < 300:
        return RobotsRules(Protego.parse(text), now + ttl)
    if status is not None and 300 <= status < 500:
        return RobotsRules(
            Protego.parse(ALLOW_ALL), now + ttl, f"robots.txt HTTP {status}: no rules"
        )
    note = f"robots.txt unreachable ({status or 'no answer'}): keeping out"
    return RobotsRules(Protego.parse(DISALLOW_ALL), now + retry, note)


class RobotsCache:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._rules: dict[str, RobotsRules] = {}

    def get(self, host: str) -> RobotsRules | None:
        rules = self._rules.get(host)
        return rules if rules is not None and rules.expires > self.clock() else None

    def put(self, host: str, rules: RobotsRules) -> None:
        self._rules[host] = rules
