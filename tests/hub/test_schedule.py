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
