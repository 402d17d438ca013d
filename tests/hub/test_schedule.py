from datetime import datetime, timedelta

from toshiken.hub.dates import JST
from toshiken.hub.model import SourceState, Validators
from toshiken.hub.schedule import (
    BACKOFF_CAP,
    HINT_CAP,
    STRETCH_CEILING,
    after_failure,
    after_success,
    backoff,
    due,
    interval_for,
    last_wait,
    next_wait,
    rate_wait,
    stretch,
)
from toshiken.hub.sources import HubConfig

NOW = datetime(2025, 6, 30, 9, 0, tzinfo=JST)


def test_backoff_doubles_and_caps_at_24_hours() -> None:
    interval = timedelta(minutes=15)
    assert [backoff(n, interval) for n in (1, 2, 3)] == [interval, interval * 2, interval * 4]
    assert backoff(7, interval) == timedelta(hours=16)
    assert backoff(8, interval) == BACKOFF_CAP == backoff(10_000, interval)


def test_a_failing_source_is_never_abandoned() -> None:
    state = SourceState("s")
    for _ in range(50):
        state = after_failure(state, NOW, timedelta(minutes=15), "HTTP 500")
    assert state.failures == 50 and state.next_due == NOW + BACKOFF_CAP


def test_retry_after_wins_when_later_and_success_resets() -> None:
    state = after_failure(SourceState("s"), NOW, timedelta(minutes=15), "429", timedelta(hours=2))
    assert state.next_due == NOW + timedelta(hours=2)
    state = after_success(state, NOW, timedelta(minutes=15), Validators(etag='"a"'), 10)
    assert state.failures == 0 and state.next_due == NOW + timedelta(minutes=15)
    assert state.validators.etag == '"a"' and state.items == 10


def test_tiers_and_due_order(config: HubConfig) -> None:
    sources = [*config.sources[:4], *config.jma_sources]
    bousai = next(s for s in sources if s.tier == "disaster" and s.kind != "jma")
    defaults = config.defaults
    assert interval_for(bousai, defaults) == timedelta(minutes=15)
    assert interval_for(bousai, defaults, disaster_mode=True) == timedelta(minutes=2)
    assert interval_for(config.jma_sources[0], defaults) == timedelta(minutes=1)
    states = {sources[0].id: SourceState(sources[0].id, next_due=NOW + timedelta(minutes=5))}
    ready = due(sources, states, NOW)
    assert sources[0] not in ready
    assert ready[0].kind == "jma" and ready[2] == bousai


def test_repeating_bodies_stretch_the_interval_within_bounds(config: HubConfig) -> None:
    normal = next(s for s in config.sources if s.tier == "normal")
    bousai = next(s for s in config.sources if s.tier == "disaster")
    jma = config.jma_sources[0]
    i = timedelta(minutes=15)
    assert [stretch(normal, i, n) for n in range(6)] == [i, 2 * i, 4 * i, 8 * i, 8 * i, 8 * i]
    assert 8 * i == STRETCH_CEILING
    hourly = timedelta(hours=1)
    assert [stretch(normal, hourly, n) for n in range(3)] == [hourly, 2 * hourly, 2 * hourly]
    assert stretch(normal, timedelta(hours=3), 5) == timedelta(hours=3)  # never below its own
    assert stretch(bousai, i, 50) == 8 * i and stretch(bousai, i, 50, disaster_mode=True) == i
    assert stretch(jma, timedelta(minutes=1), 50) == timedelta(minutes=1)
    state = after_success(SourceState("s"), NOW, 4 * i, Validators(body_hash="h"), repeats=2)
    assert state.repeats == 2 and state.next_due == NOW + timedelta(hours=1)
    assert after_success(state, NOW, i, Validators(body_hash="x")).repeats == 0


def test_server_freshness_slows_normal_sources_only(config: HubConfig) -> None:
    normal = next(s for s in config.sources if s.tier == "normal")
    bousai = next(s for s in config.sources if s.tier == "disaster")
    jma = config.jma_sources[0]
    i = timedelta(minutes=15)
    assert next_wait(normal, i) == i
    assert next_wait(normal, i, hint=timedelta(minutes=40)) == timedelta(minutes=40)
    assert next_wait(normal, i, hint=timedelta(minutes=5)) == i  # never faster than the tier
    assert next_wait(normal, i, hint=timedelta(days=1)) == HINT_CAP
    assert next_wait(normal, i, repeats=2, hint=timedelta(minutes=40)) == 4 * i
    assert next_wait(bousai, i, hint=timedelta(hours=1)) == timedelta(hours=1)
    two = timedelta(minutes=2)
    assert next_wait(bousai, two, 3, timedelta(hours=1), disaster_mode=True) == two
    assert next_wait(jma, timedelta(minutes=1), 9, timedelta(hours=1)) == timedelta(minutes=1)
    assert next_wait(normal, i, floor=timedelta(minutes=50)) == timedelta(minutes=50)
    assert next_wait(normal, i, floor=timedelta(days=2)) == STRETCH_CEILING
    assert next_wait(jma, timedelta(minutes=1), floor=timedelta(hours=1)) == timedelta(minutes=1)


def test_disaster_mode_brings_stretched_disaster_sources_back(config: HubConfig) -> None:
    bousai = next(s for s in config.sources if s.tier == "disaster")
    normal = next(s for s in config.sources if s.tier == "normal")
    asked = NOW - timedelta(minutes=3)
    states = {
        s.id: SourceState(s.id, next_due=NOW + timedelta(minutes=57), last_attempt=asked)
        for s in (bousai, normal)
    }
    assert due([bousai, normal], states, NOW) == []
    assert due([bousai, normal], states, NOW, timedelta(minutes=2)) == [bousai]
    failing = {bousai.id: SourceState(bousai.id, next_due=NOW + timedelta(hours=1), failures=3)}
    assert due([bousai], failing, NOW, timedelta(minutes=2)) == []  # backoff still holds


def test_entry_frequency_and_the_last_wait() -> None:
    i = timedelta(minutes=15)
    hourly = [NOW - timedelta(hours=h) for h in range(10)]
    assert rate_wait(hourly, NOW, i) == timedelta(minutes=27)  # 9 h / 10 entries / 2
    slow = [NOW - timedelta(days=d) for d in (1, 3, 5, 9)]
    assert rate_wait(slow, NOW, i) == STRETCH_CEILING
    assert rate_wait([NOW - timedelta(days=30)], NOW, i) == STRETCH_CEILING  # none recent
    busy = [NOW - timedelta(minutes=m) for m in range(0, 100, 10)]
    assert rate_wait(busy, NOW, i) == i  # never sooner than the tier
    assert rate_wait([None, NOW + timedelta(days=3)], NOW, i) is None  # future events only
    assert rate_wait([datetime(2025, 6, 1)], NOW, i) is None  # naive dates are not trusted
    state = after_success(SourceState("s"), NOW, timedelta(minutes=45), Validators())
    assert last_wait(state) == timedelta(minutes=45)
    failed = after_failure(state, NOW + timedelta(hours=1), i, "HTTP 500")
    assert last_wait(failed) is None and last_wait(SourceState("s")) is None
