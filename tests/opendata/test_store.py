"""The published catalog read from the database: load time, caching, providers' datasets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from tests.conftest import DATA
from tests.opendata.conftest import LOADED_AT, SOURCE
from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.opendata.catalog import GROUPS, member_name
from toshiken.opendata.model import Dataset, Field, Table
from toshiken.opendata.store import Publisher, loaded
from toshiken.vision.load import load_document
from toshiken.vision.model import Vision


def test_nothing_is_published_before_a_load(runtime: Runtime) -> None:
    assert Publisher(runtime.settings, providers=[]).current(runtime.sessions) is None


def test_last_modified_is_the_load_time_in_utc(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    with runtime.sessions() as session:
        stamp = loaded(session)
    assert stamp is not None and stamp[1] == LOADED_AT and stamp[1].tzinfo is not None
    published = Publisher(runtime.settings, providers=[]).current(runtime.sessions)
    assert published is not None
    assert {d.modified for d in published.catalog.datasets} == {LOADED_AT}


def test_the_catalog_is_reused_until_its_data_changes(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    publisher = Publisher(runtime.settings, providers=[])
    first = publisher.current(runtime.sessions)
    assert first is not None and publisher.current(runtime.sessions) is first
    assert first.file("432164_budget.csv") is first.file("432164_budget.csv")
    assert first.file("nothing.csv") is None


class Counting:
    """A provider as a feature would write one: its own organisation, group and time."""

    def __init__(self) -> None:
        self.rows = 1

    def __call__(self, session: Session, vision: Vision) -> Iterable[Dataset]:
        hub = vision.hub
        table = Table((Field("件数", "count", "integer"),), ((self.rows,),))
        modified = datetime(2025, 6, 1, tzinfo=UTC)
        yield Dataset(f"{hub.code}_counts", "件数", "", member_name(hub), table, modified,
                      groups=(GROUPS[0].name,))  # fmt: skip


def test_providers_datasets_are_published_and_followed(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    provider = Counting()
    publisher = Publisher(runtime.settings, providers=[provider])
    first = publisher.current(runtime.sessions)
    assert first is not None
    counts = first.catalog.dataset("431001_counts")
    assert counts is not None and counts.modified == datetime(2025, 6, 1, tzinfo=UTC)
    assert first.catalog.modified == datetime(2025, 6, 1, tzinfo=UTC)
    assert publisher.current(runtime.sessions) is first
    provider.rows = 2
    second = publisher.current(runtime.sessions)
    assert second is not first and second is not None
    assert second.file("431001_counts.csv") == "\ufeff件数\r\n2\r\n".encode()


def test_a_provider_asking_for_settings_gets_the_apps(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    seen: list[Settings] = []

    def provide(session: Session, vision: Vision, settings: Settings) -> Iterable[Dataset]:
        seen.append(settings)
        return ()

    Publisher(runtime.settings, providers=[provide]).current(runtime.sessions)
    assert seen == [runtime.settings]


def test_the_licence_comes_from_the_settings(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    settings = runtime.settings.model_copy(update={"opendata_license_id": "CC0-1.0"})
    published = Publisher(settings, providers=[]).current(runtime.sessions)
    assert published is not None and published.catalog.license.id == "CC0-1.0"


def test_within_fresh_for_the_checked_catalog_is_served_as_is(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    provider = Counting()
    now = [100.0]
    publisher = Publisher(runtime.settings, [provider], fresh_for=2.0, clock=lambda: now[0])
    first = publisher.current(runtime.sessions)
    provider.rows = 2
    now[0] += 1.5
    assert publisher.current(runtime.sessions) is first  # not asked again yet
    now[0] += 1.0
    second = publisher.current(runtime.sessions)
    assert second is not first and second is not None
    assert second.file("431001_counts.csv") == "\ufeff件数\r\n2\r\n".encode()
