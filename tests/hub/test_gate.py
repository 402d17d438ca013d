import asyncio
import itertools
import time

import pytest

from toshiken.hub.gate import HostDeferred, HostGate


def test_minimum_gap_between_requests() -> None:
    async def run() -> list[float]:
        gate, starts = HostGate(min_gap=0.05, max_wait=1), []
        for _ in range(3):
            async with gate.slot("h"):
                starts.append(time.monotonic())
        return starts

    starts = asyncio.run(run())
    assert all(b - a >= 0.045 for a, b in itertools.pairwise(starts))


def test_long_deferral_is_reported_not_slept() -> None:
    async def run() -> None:
        gate = HostGate(min_gap=0, max_wait=1)
        gate.defer("h", 60)
        async with gate.slot("h"):
            pass

    with pytest.raises(HostDeferred):
        asyncio.run(run())
