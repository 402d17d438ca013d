from datetime import datetime, timedelta

from toshiken.hub.dates import JST
from toshiken.hub.model import SourceState, Validators
from toshiken.hub.schedule import (
    BACKOFF_CAP,
    after_failure,
    after_success,
    backoff,
    due,
    interval_for,
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
    assert [stretch(normal, i, n) for n in range(6)] == [i, i, 2 * i, 4 * i, 4 * i, 4 * i]
    assert stretch(bousai, i, 50) == 4 * i and stretch(bousai, i, 50, disaster_mode=True) == i
    assert stretch(jma, timedelta(minutes=1), 50) == timedelta(minutes=1)
    state = after_success(SourceState("s"), NOW, 4 * i, Validators(body_hash="h"), repeats=3)
    assert state.repeats == 3 and state.next_due == NOW + timedelta(hours=1)
    assert after_success(state, NOW, i, Validators(body_hash="x")).repeats == 0


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
