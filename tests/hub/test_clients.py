"""Per-host HTTP clients: one client per host, a stale kept-alive connection retried once."""

import asyncio

import httpx
import pytest

from toshiken.hub.clients import HostClients


def test_a_closed_keep_alive_connection_is_retried_once() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        if len(calls) == 1:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        return httpx.Response(200, content=b"ok")

    async def run() -> httpx.Response:
        clients = HostClients("ua/1", 5.0, httpx.MockTransport(handler))
        try:
            response = await clients.send("h", "http://h/feed.xml", {"If-None-Match": '"x"'})
            await response.aread()
            return response
        finally:
            await clients.aclose()

    response = asyncio.run(run())
    assert response.status_code == 200 and calls == ["http://h/feed.xml"] * 2
    assert response.request.headers["if-none-match"] == '"x"'
    assert response.request.headers["user-agent"] == "ua/1"


def test_a_second_failure_is_raised() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("gone")

    async def run() -> None:
        clients = HostClients("ua/1", 5.0, httpx.MockTransport(handler))
        try:
            await clients.send("h", "http://h/")
        finally:
            await clients.aclose()

    with pytest.raises(httpx.RemoteProtocolError):
        asyncio.run(run())


def test_one_small_client_per_host() -> None:
    async def run() -> tuple[bool, bool, int]:
        clients = HostClients("ua/1", 5.0)
        a, b = clients.client("a.example:80"), clients.client("b.example:80")
        same = clients.client("a.example:80") is a
        await clients.aclose()
        return a is not b, same, len(clients._clients)

    assert asyncio.run(run()) == (True, True, 0)


def test_idle_clients_beyond_the_cap_are_closed_busy_ones_never(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from toshiken.hub import clients as module

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"ok")

    monkeypatch.setattr(module, "MAX_CLIENTS", 4)
    monkeypatch.setattr(
        module.httpx, "AsyncHTTPTransport", lambda **_: httpx.MockTransport(handler)
    )

    async def run() -> tuple[list[int], bool]:
        pool = HostClients("ua/1", 5.0)
        busy = await pool.send("busy:80", "http://busy/")  # not done: still in flight
        sizes = []
        for n in range(8):
            await (await pool.send(f"h{n}:80", f"http://h{n}/")).aclose()
            await pool.done(f"h{n}:80")
            sizes.append(len(pool._clients))
        kept = "busy:80" in pool._clients
        await busy.aclose()
        await pool.done("busy:80")
        await pool.aclose()
        return sizes, kept

    sizes, kept = asyncio.run(run())
    assert max(sizes) <= 5 and kept


def test_many_hosts_at_once_beyond_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests finishing together evict concurrently: no client is closed twice or in use."""
    from toshiken.hub import clients as module

    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.001)
        return httpx.Response(200, content=b"ok")

    monkeypatch.setattr(module, "MAX_CLIENTS", 8)
    monkeypatch.setattr(
        module.httpx, "AsyncHTTPTransport", lambda **_: httpx.MockTransport(handler)
    )

    async def run() -> int:
        pool = HostClients("ua/1", 5.0)

        async def one(n: int) -> int:
            host = f"h{n % 40}:80"
            try:
                response = await pool.send(host, f"http://{host}/")
                await response.aread()
                return response.status_code
            finally:
                await pool.done(host)

        codes = await asyncio.gather(*(one(n) for n in range(400)))
        left = len(pool._clients)
        await pool.aclose()
        assert set(codes) == {200}
        return left

    assert asyncio.run(run()) <= 8
