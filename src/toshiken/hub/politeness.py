"""Politeness checked from an access log (the simulator's hits): pure, for tests and benchmarks."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from toshiken.hub.simhttp import Hit


@dataclass(frozen=True)
class Politeness:
    """What the log shows across hosts (ports)."""

    hosts: int
    requests: int
    robots_first: int  # hosts whose first request was /robots.txt
    overlaps: int  # requests that started before the previous one on the host ended
    short_gaps: int  # requests closer than the gap to the previous one on the host
    min_gap: float | None  # smallest pause seen between two requests to one host (s)
    user_agents: frozenset[str]

    @property
    def ok(self) -> bool:
        return self.robots_first == self.hosts and not self.overlaps and not self.short_gaps


def check(hits: Iterable[Hit], gap: float, slack: float = 0.005) -> Politeness:
    """One request in flight per host, robots.txt first, at least `gap` seconds between two."""
    by_port: defaultdict[int, list[Hit]] = defaultdict(list)
    agents: set[str] = set()
    for hit in hits:
        by_port[hit.port].append(hit)
        agents.add(hit.user_agent)
    robots_first = overlaps = short = 0
    smallest: float | None = None
    for port_hits in by_port.values():
        port_hits.sort(key=lambda h: h.started)
        robots_first += port_hits[0].path == "/robots.txt"
        for a, b in itertools.pairwise(port_hits):
            pause = b.started - a.ended
            smallest = pause if smallest is None else min(smallest, pause)
            overlaps += pause < 0
            short += 0 <= pause < gap - slack
    return Politeness(
        hosts=len(by_port),
        requests=sum(len(v) for v in by_port.values()),
        robots_first=robots_first,
        overlaps=overlaps,
        short_gaps=short,
        min_gap=smallest,
        user_agents=frozenset(agents),
    )
