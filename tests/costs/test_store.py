"""Population sets and usage records on SQLite and PostgreSQL: exact, and whole or not at all."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tests.costs.conftest import CODE, HUB
from toshiken.core.db import transaction
from toshiken.core.runtime import Runtime
from toshiken.costs import store
from toshiken.costs.model import PopulationSet, UsageRecord
from toshiken.costs.populations import FILE_ORIGIN, VISION_ORIGIN
from toshiken.vision.model import Vision

NOW = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)
NISHIHARA, MIFUNE = CODE["西原村"], CODE["御船町"]


def waste(fiscal_year: int, *rows: tuple[str, str]) -> list[UsageRecord]:
    return [
        UsageRecord(fiscal_year, code, Decimal(tonnes), None, None, None, row)
        for row, (code, tonnes) in enumerate(rows, start=2)
    ]


def test_the_vision_set_is_seeded_once(loaded: Runtime, vision: Vision) -> None:
    store.seed_vision_set(loaded.sessions, vision, NOW)
    store.seed_vision_set(loaded.sessions, vision, NOW)
    with loaded.sessions() as session:
        [listed] = store.population_sets(session)
        found = store.population_set(session, listed.id)
    assert (listed.origin, listed.municipalities, listed.total) == (VISION_ORIGIN, 24, 1_344_725)
    assert listed.as_of == date(2024, 10, 1)
    assert found is not None and found[1].populations[HUB] == 737_409


def test_sets_are_found_by_id_or_name_and_names_are_unique(
    loaded: Runtime, population: PopulationSet, vision: Vision
) -> None:
    store.seed_vision_set(loaded.sessions, vision, NOW)
    other = PopulationSet("令和2年国勢調査", date(2020, 10, 1), "国勢調査", {HUB: 738_865})
    with transaction(loaded.sessions) as session:
        set_id = store.save_population_set(session, other, FILE_ORIGIN, "test", NOW)
    with loaded.sessions() as session:
        assert store.population_set(session, "令和2年国勢調査") is not None
        by_id = store.population_set(session, str(set_id))
        assert by_id is not None and by_id[1].populations == {HUB: 738_865}
        assert store.population_set(session, "ない") is None
        assert [s.origin for s in store.population_sets(session)] == [VISION_ORIGIN, FILE_ORIGIN]
    with pytest.raises(store.StoreError), transaction(loaded.sessions) as session:
        store.save_population_set(session, other, FILE_ORIGIN, "test", NOW)


def test_usage_is_exact_and_an_upload_replaces_its_year(loaded: Runtime) -> None:
    with transaction(loaded.sessions) as session:
        store.save_usage(session, "waste", 2024, waste(2024, (NISHIHARA, "1234.567")), "a.csv",
                         "test", NOW)  # fmt: skip
        store.save_usage(session, "waste", 2023, waste(2023, (MIFUNE, "10")), "b.csv", "test", NOW)
    with transaction(loaded.sessions) as session:
        rows = waste(2024, (NISHIHARA, "0.001"), (MIFUNE, "2000.1"))
        store.save_usage(session, "waste", 2024, rows, "c.csv", "test", NOW)
    with loaded.sessions() as session:
        assert store.usage_totals(session, "waste", 2024) == {
            NISHIHARA: Decimal("0.001"),
            MIFUNE: Decimal("2000.1"),
        }
        assert store.usage_totals(session, "waste", 2023) == {MIFUNE: Decimal(10)}
        assert store.usage_records(session, "waste", 2024)[1].row == 3
        assert sorted(u.file_name for u in store.uploads(session)) == ["b.csv", "c.csv"]


def test_a_failed_save_changes_nothing(loaded: Runtime) -> None:
    with transaction(loaded.sessions) as session:
        store.save_usage(session, "waste", 2024, waste(2024, (NISHIHARA, "5")), "a.csv", "t", NOW)
    mixed = waste(2024, (NISHIHARA, "7")) + waste(2023, (MIFUNE, "1"))
    with pytest.raises(store.StoreError), transaction(loaded.sessions) as session:
        store.save_usage(session, "waste", 2024, mixed, "bad.csv", "t", NOW)
    twice = waste(2024, (NISHIHARA, "7"), (NISHIHARA, "8"))  # the unique key refuses it
    with pytest.raises(Exception), transaction(loaded.sessions) as session:  # noqa: B017
        store.save_usage(session, "waste", 2024, twice, "dup.csv", "t", NOW)
    with loaded.sessions() as session:
        assert store.usage_totals(session, "waste", 2024) == {NISHIHARA: Decimal(5)}
        assert [u.file_name for u in store.uploads(session)] == ["a.csv"]
