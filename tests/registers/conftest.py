"""Fixtures for the registers: the declarations, the members, and the web site of the accounts."""

from __future__ import annotations

import pytest

from tests.accounts.conftest import site
from toshiken.core.settings import Settings
from toshiken.registers.access import declarations, members
from toshiken.registers.model import Register

__all__ = ["site"]
SENTINEL = "SENTINEL-INTERNAL-7f3a"
"""A value only ever put in internal fields: it must never reach the public."""


@pytest.fixture(scope="session")
def registers() -> dict[str, Register]:
    return declarations(Settings())


@pytest.fixture(scope="session")
def names() -> dict[str, str]:
    return members(Settings())
