"""HTTP clients per host: small pools, the CA bundle loaded once, stale keep-alive retried once.

One pool shared by thousands of hosts is scanned on every request (httpx #3215), so each host
gets its own client with one kept-alive connection, dropped after 4 s idle (below the 5 s
keep-alive timeout common on servers). A GET that meets a kept-alive connection the server
closed meanwhile is sent once more on a fresh one, as browsers do; nothing was answered.
A host's client is closed once more than MAX_CLIENTS are open and it has nothing in flight
(a nationwide sweep would otherwise keep 1,741 idle connections to the end).
"""

from __future__ import annotations

import ssl
from collections import Counter, OrderedDict

import certifi
import httpx

KEEPALIVE_EXPIRY = 4.0
MAX_CLIENTS = 128


class HostClients:
    """A client per host (or one client over a given transport, in tests)."""

    def __init__(
        self, user_agent: str, timeout: float, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.user_agent, self.timeout, self.transport = user_agent, timeout, transport
        self._ssl = None if transport else ssl.create_default_context(cafile=certifi.where())
        self._clients: OrderedDict[str, httpx.AsyncClient] = OrderedDict()  # least recent first
        self._busy: Counter[str] = Counter()  # requests sent and not yet `done`

    def _key(self, host: str) -> str:
        return "" if self.transport is not None else host

    def client(self, host: str) -> httpx.AsyncClient:
        key = self._key(host)
        found = self._clients.get(key)
        if found is not None:
            self._clients.move_to_end(key)
        else:
            transport = self.transport or httpx.AsyncHTTPTransport(
                verify=self._ssl or True,
                limits=httpx.Limits(
                    max_connections=2,
                    max_keepalive_connections=1,
                    keepalive_expiry=KEEPALIVE_EXPIRY,
                ),
            )
            found = self._clients[key] = httpx.AsyncClient(
                transport=transport,
                follow_redirects=False,
                timeout=self.timeout,
                headers={"User-Agent": self.user_agent},
            )
        return found

    async def send(
        self, host: str, url: str, headers: dict[str, str] | None = None, stream: bool = True
    ) -> httpx.Response:
        """GET `url`; once more if a kept-alive connection turned out closed. Call `done(host)`
        once the response is read or closed (whether or not this raised)."""
        client = self.client(host)
        self._busy[self._key(host)] += 1
        request = client.build_request("GET", url, headers=headers)
        try:
            return await client.send(request, stream=stream)
        except httpx.RemoteProtocolError:
            return await client.send(
                client.build_request("GET", url, headers=headers), stream=stream
            )

    async def done(self, host: str) -> None:
        """The request to `host` is over; close the least recent idle clients beyond the cap."""
        key = self._key(host)
        self._busy[key] -= 1
        if self._busy[key] <= 0:
            del self._busy[key]
        if len(self._clients) <= MAX_CLIENTS:
            return
        closing = []  # taken out before any await: other requests go on meanwhile
        for idle in [k for k in self._clients if k not in self._busy]:
            if len(self._clients) <= MAX_CLIENTS // 2:
                break
            closing.append(self._clients.pop(idle))
        for client in closing:
            await client.aclose()

    async def aclose(self) -> None:
        closing = list(self._clients.values())
        self._clients.clear()
        self._busy.clear()
        for found in closing:
            await found.aclose()
