"""The revisions tests use the same site fixture as the accounts tests."""

from tests.accounts.conftest import site

__all__ = ["site"]
