"""Throttling of failed logins: pure rules over the recent failures of a name and an address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    """At most `per_name` failures per user name and `per_address` per address in a window."""

    per_name: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)


DEFAULT_POLICY = ThrottlePolicy()


def locked_until(
    failures: Sequence[datetime], limit: int, now: datetime, window: timedelta
) -> datetime | None:
    """When the lock ends, if `limit` failures fall inside the window ending now; else None.

    The lock lasts until the oldest of the last `limit` failures leaves the window.
    """
    recent = sorted(f for f in failures if now - window < f <= now)
    if len(recent) < limit:
        return None
    return recent[-limit] + window


def login_locked_until(
    name_failures: Sequence[datetime],
    address_failures: Sequence[datetime],
    now: datetime,
    policy: ThrottlePolicy = DEFAULT_POLICY,
) -> datetime | None:
    """The later of the user name's and the address's locks, or None when a try is allowed."""
    locks = [
        locked_until(name_failures, policy.per_name, now, policy.window),
        locked_until(address_failures, policy.per_address, now, policy.window),
    ]
    found = [lock for lock in locks if lock is not None]
    return max(found) if found else None
