import asyncio

import pytest

from toshiken.hub.guard import AddressRefused, check_host, is_public


def test_public_and_private_addresses() -> None:
    assert is_public("8.8.8.8") and is_public("2001:4860:4860::8888")
    for address in ("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "::1",
                    "fc00::1", "::ffff:127.0.0.1", "0.0.0.0", "224.0.0.1"):  # fmt: skip
        assert not is_public(address), address


def test_check_host_refuses_loopback_unless_test_mode() -> None:
    with pytest.raises(AddressRefused):
        asyncio.run(check_host("127.0.0.1", 80))
    with pytest.raises(AddressRefused):
        asyncio.run(check_host("localhost", 80))
    asyncio.run(check_host("127.0.0.1", 80, allow_private=True))
