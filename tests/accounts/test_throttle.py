"""Throttling: a name is locked after 5 failures in 15 minutes, an address after 20."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from toshiken.accounts.throttle import DEFAULT_POLICY, locked_until, login_locked_until

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
WINDOW = DEFAULT_POLICY.window


def minutes_ago(*minutes: float) -> list[datetime]:
    return [NOW - timedelta(minutes=m) for m in minutes]


def test_four_failures_do_not_lock_five_do() -> None:
    assert login_locked_until(minutes_ago(1, 2, 3, 4), [], NOW) is None
    lock = login_locked_until(minutes_ago(1, 2, 3, 4, 5), [], NOW)
    assert lock == NOW - timedelta(minutes=5) + WINDOW


def test_old_failures_are_forgotten() -> None:
    assert login_locked_until(minutes_ago(1, 2, 3, 4, 16), [], NOW) is None


def test_address_limit() -> None:
    assert login_locked_until([], minutes_ago(*(m / 2 for m in range(19))), NOW) is None
    assert login_locked_until([], minutes_ago(*(m / 2 for m in range(20))), NOW) is not None


@given(st.lists(st.floats(min_value=0, max_value=60), max_size=30))
def test_lock_ends_in_the_future_and_within_a_window(ages: list[float]) -> None:
    lock = locked_until(minutes_ago(*ages), 5, NOW, WINDOW)
    recent = [a for a in ages if a < WINDOW.total_seconds() / 60]
    assert (lock is not None) == (len(recent) >= 5)
    if lock is not None:
        assert NOW < lock <= NOW + WINDOW
