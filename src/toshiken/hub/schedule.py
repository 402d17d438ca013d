"""When each source is due: intervals per tier, conditional hints, bounded exponential backoff."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from toshiken.hub.model import SourceState, Validators
from toshiken.hub.sources import Defaults, Source

BACKOFF_CAP = timedelta(hours=24)
HINT_CAP = timedelta(hours=2)  # a server's max-age or <ttl> may slow a normal source this much
STRETCH_CEILING = timedelta(hours=2)  # an unchanged source is asked at least this often
RATE_WINDOW = timedelta(days=7)


def interval_for(source: Source, defaults: Defaults, disaster_mode: bool = False) -> timedelta:
    """The source's own interval, else its tier's: JMA each minute, 防災 faster in disaster mode."""
    if source.kind == "jma":
        return timedelta(minutes=source.interval_minutes or defaults.jma_interval_minutes)
    if source.tier == "disaster" and disaster_mode:
        return timedelta(minutes=defaults.disaster_interval_minutes)
    return timedelta(minutes=source.interval_minutes or defaults.interval_minutes)


def backoff(failures: int, interval: timedelta) -> timedelta:
    """interval × 2^(failures-1), never more than 24 hours; a source is never abandoned."""
    if failures <= 0:
        return interval
    exponent = min(failures - 1, 20)  # 2**20 intervals of a second are already 12 days
    cap = max(BACKOFF_CAP, interval)
    return min(timedelta(seconds=interval.total_seconds() * 2**exponent), cap)


def urgent(source: Source, disaster_mode: bool = False) -> bool:
    """JMA, and the disaster tier in disaster mode: never slowed by backoff of any kind."""
    return source.kind == "jma" or (source.tier == "disaster" and disaster_mode)


def stretch(
    source: Source, interval: timedelta, repeats: int, disaster_mode: bool = False
) -> timedelta:
    """Adaptive interval, as feed readers do: each poll that brought nothing new (the same
    body, or a body with no new entry) doubles the wait, up to STRETCH_CEILING (2 h; never
    below the source's own interval); anything new resets it to the interval. Never for JMA or
    the disaster tier in disaster mode (and `due` brings a stretched disaster-tier source back
    as soon as disaster mode starts)."""
    if urgent(source, disaster_mode) or repeats <= 0:
        return interval
    ceiling = max(interval, STRETCH_CEILING)
    factor: int = 2 ** min(repeats, 16)
    return min(interval * factor, ceiling)


def rate_wait(
    published: Iterable[datetime | None], now: datetime, interval: timedelta
) -> timedelta | None:
    """Entry-frequency polling (Miniflux's rule, halved): half the mean gap between the entries
    of the last 7 days (or of the span the body lists, when shorter), within [interval,
    STRETCH_CEILING]. None when no entry is dated; the ceiling when none is recent."""
    dated = sorted(d for d in published if d is not None and d.tzinfo is not None and d <= now)
    if not dated:
        return None
    window = min(RATE_WINDOW, now - dated[0])
    recent = [d for d in dated if now - d <= window]
    ceiling = max(interval, STRETCH_CEILING)
    if window <= timedelta(0) or not recent:
        return interval if recent else ceiling
    return min(max(window / len(recent) / 2, interval), ceiling)


def last_wait(state: SourceState) -> timedelta | None:
    """The wait the last good fetch set (None after a failure or before any success)."""
    if state.next_due and state.last_success and state.last_success == state.last_attempt:
        return state.next_due - state.last_success
    return None


def next_wait(
    source: Source,
    interval: timedelta,
    repeats: int = 0,
    hint: timedelta | None = None,
    disaster_mode: bool = False,
    floor: timedelta | None = None,
) -> timedelta:
    """The wait after a good fetch: the stretched interval, at least `floor` (the last wait
    while nothing changes, or `rate_wait` for a source without validators) up to
    STRETCH_CEILING, or longer when the server said its answer stays fresh (Cache-Control
    max-age, Expires, RSS <ttl>), up to HINT_CAP. Urgent sources keep their interval."""
    if urgent(source, disaster_mode):
        return interval
    wait = stretch(source, interval, repeats, disaster_mode)
    if floor is not None:
        wait = max(wait, min(floor, max(interval, STRETCH_CEILING)))
    if hint is None:
        return wait
    return max(wait, min(hint, HINT_CAP))


def is_due(state: SourceState | None, now: datetime) -> bool:
    return state is None or state.next_due is None or state.next_due <= now


def due(
    sources: Iterable[Source],
    states: Mapping[str, SourceState],
    now: datetime,
    disaster_every: timedelta | None = None,
) -> list[Source]:
    """Sources due at `now`: JMA and disaster tier first, then the longest overdue.

    In disaster mode (`disaster_every` given) a healthy disaster-tier source is also due once
    its last attempt is that old, whatever interval it was last given."""
    ready = [
        s
        for s in sources
        if is_due(states.get(s.id), now) or _disaster_due(s, states, now, disaster_every)
    ]

    def order(source: Source) -> tuple[int, datetime]:
        state = states.get(source.id)
        rank = 0 if source.kind == "jma" else 1 if source.tier == "disaster" else 2
        return rank, (
            state.next_due if state and state.next_due else datetime.min.replace(tzinfo=now.tzinfo)
        )

    return sorted(ready, key=order)


def _disaster_due(
    source: Source, states: Mapping[str, SourceState], now: datetime, every: timedelta | None
) -> bool:
    state = states.get(source.id)
    if every is None or source.tier != "disaster" or state is None or state.failures:
        return False
    return state.last_attempt is None or state.last_attempt + every <= now


def after_success(
    state: SourceState,
    now: datetime,
    interval: timedelta,
    validators: Validators,
    items: int | None = None,
    newest: datetime | None = None,
    hint: timedelta | None = None,
    repeats: int = 0,
) -> SourceState:
    """The state after a good fetch (200, 304 or an unchanged body): due again after one interval.

    `items` None means the body was not parsed (304 or same hash): the last count stands.
    `repeats` counts consecutive polls that brought nothing new (see `stretch`).
    """
    wait = interval if hint is None else max(interval, min(hint, HINT_CAP))
    return replace(
        state,
        next_due=now + wait,
        failures=0,
        last_attempt=now,
        last_success=now,
        validators=validators,
        repeats=repeats,
        items=state.items if items is None else items,
        newest=max((d for d in (state.newest, newest) if d is not None), default=None),
    )


def after_failure(
    state: SourceState,
    now: datetime,
    interval: timedelta,
    message: str,
    retry_after: timedelta | None = None,
) -> SourceState:
    """The state after an error: backoff doubles per failure; a later Retry-After wins."""
    failures = state.failures + 1
    wait = backoff(failures, interval)
    if retry_after is not None:
        wait = max(wait, min(retry_after, BACKOFF_CAP))
    return replace(
        state,
        next_due=now + wait,
        failures=failures,
        last_attempt=now,
        last_error=now,
        last_error_message=message,
    )
