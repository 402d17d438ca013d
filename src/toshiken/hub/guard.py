"""The address guard: no fetch reaches a private or loopback address outside test mode."""

from __future__ import annotations

import asyncio
import ipaddress
import socket


class AddressRefused(Exception):
    """The host is, or resolves to, an address the hub must not reach."""


def is_public(address: str) -> bool:
    """True for a global unicast address (not private, loopback, link-local, multicast)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def check_host(host: str, port: int, allow_private: bool = False) -> None:
    """Raise AddressRefused unless every address of `host` is public (or `allow_private` is set).

    The check resolves the name itself; a name that resolves differently at connect time (DNS
    rebinding) is not covered: pinning the address in the transport would close that gap.
    """
    if allow_private:
        return
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise AddressRefused(f"{host}: cannot resolve ({exc})") from exc
        addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        if not is_public(address):
            raise AddressRefused(f"{host} resolves to non-public address {address}")
