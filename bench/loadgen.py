"""The load generator the HTTP benches share: start a server, drive it closed-loop, compare runs.

Keep-alive HTTP/1.1 over asyncio streams, one request in flight per connection; `interleaved`
alternates the two servers round by round so drifts in the machine's load cancel out.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


def datasette_url(sql: str, **params: str) -> str:
    query = urllib.parse.urlencode({"sql": sql.strip(), **params, "_shape": "array"})
    return f"/data.json?{query}"


def start(
    command: list[str], env: dict[str, str], port: int, probe: str, log: Path
) -> subprocess.Popen[bytes]:
    """A server whose output goes to a file (a pipe nobody reads would stall its access log)."""
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{probe}", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{command[0]} did not start: {log.read_text()[-2000:]}")


async def _one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    lines = head.decode("latin-1").lower().split("\r\n")
    length = next((int(h.split(":", 1)[1]) for h in lines if h.startswith("content-length:")), -1)
    if length >= 0:
        await reader.readexactly(length)
        return status
    while True:  # chunked
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return status


async def _worker(port: int, path: str, deadline: float, latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode()
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        if await _one(reader, writer, request) != 200:
            raise RuntimeError(f"{path} on port {port} did not answer 200")
        latencies.append(time.perf_counter() - started)
    writer.close()


@dataclass
class Run:
    requests: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def __add__(self, other: Run) -> Run:
        return Run(self.requests + other.requests, self.seconds + other.seconds,
                   self.latencies + other.latencies)  # fmt: skip

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def pooled(runs: list[Run]) -> Run:
    """All rounds as one run (for the latency percentiles)."""
    return Run(sum(r.requests for r in runs), sum(r.seconds for r in runs),
               [t for r in runs for t in r.latencies])  # fmt: skip


def drive(port: int, path: str, seconds: float, concurrency: int) -> Run:
    """Closed loop: `concurrency` keep-alive connections, each sending the next request at once."""
    latencies: list[float] = []

    async def main() -> None:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            *(_worker(port, path, deadline, latencies) for _ in range(concurrency))
        )

    started = time.perf_counter()
    asyncio.run(main())
    return Run(len(latencies), time.perf_counter() - started, latencies)


def interleaved(
    ours: tuple[int, str], peer: tuple[int, str], rounds: int, seconds: float, concurrency: int
) -> tuple[list[Run], list[Run]]:
    """`rounds` rounds of both servers, A B then B A, so slow drifts in load cancel out."""
    mine: list[Run] = []
    theirs: list[Run] = []
    for n in range(rounds):
        order = [(ours, mine), (peer, theirs)]
        for (port, path), runs in order if n % 2 == 0 else reversed(order):
            runs.append(drive(port, path, seconds, concurrency))
    return mine, theirs


def fetch(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=10) as response:
        body: bytes = response.read()
        return body
