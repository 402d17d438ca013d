"""The catalog: who publishes what, names by the standard's convention, providers' datasets."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from tests.opendata.conftest import LOADED_AT
from toshiken.opendata.catalog import build_catalog, member_name, partnership_name
from toshiken.opendata.model import Catalog, Dataset, Field, License, Table
from toshiken.opendata.standard import (
    EVENT_FIELDS,
    EVENT_SUFFIX,
    file_stem,
    local_government_name,
)
from toshiken.vision.model import Vision


def test_organisations_are_the_partnership_and_each_member(catalog: Catalog) -> None:
    names = [o.name for o in catalog.organizations]
    assert names[0] == "kumamoto-renkei"
    assert names[1:4] == ["431001-kumamoto-shi", "432041-arao-shi", "432067-tamana-shi"]
    assert "433489-misato-machi" in names and "434337-minamiaso-mura" in names
    assert names[-1] == "434477-yamato-cho"  # 山都町 reads ヤマトチョウ
    assert catalog.organization("431001-kumamoto-shi").code == "431001"  # type: ignore[union-attr]


def test_every_member_publishes_its_own_participation_and_budget(
    catalog: Catalog, vision: Vision
) -> None:
    for m in vision.municipalities:
        mine = {d.name for d in catalog.published_by(member_name(m))}
        assert mine == {f"{m.code}_participation", f"{m.code}_budget"}


def test_partnership_datasets_include_each_statistics_table(
    catalog: Catalog, vision: Vision
) -> None:
    shared = {d.name for d in catalog.published_by(partnership_name(vision))}
    for suffix in ("municipalities", "policies", "initiatives", "schedules", "participation",
                   "budgets", "kpis", *(t.key for t in vision.tables)):  # fmt: skip
        assert f"kumamoto-renkei_{suffix}" in shared


def test_modified_is_the_load_time_not_now(catalog: Catalog) -> None:
    assert {d.modified for d in catalog.datasets} == {LOADED_AT}
    assert catalog.modified == LOADED_AT


def _event_dataset(vision: Vision, modified: datetime = LOADED_AT) -> Dataset:
    hub = vision.hub
    row = (hub.code, "e1", local_government_name(hub.code, hub.name), "こどもまつり",
           *([None] * (len(EVENT_FIELDS) - 4)))  # fmt: skip
    return Dataset(
        file_stem(hub.code, EVENT_SUFFIX), "イベント一覧", "", member_name(hub),
        Table(EVENT_FIELDS, (row,)), modified, groups=("vision",),
    )  # fmt: skip


def test_a_provider_dataset_joins_under_its_organisation(vision: Vision) -> None:
    catalog = build_catalog(vision, LOADED_AT, extra=[_event_dataset(vision)])
    event = catalog.dataset("431001_event")
    assert event is not None and event.file_name("CSV") == "431001_event.csv"
    assert "431001_event" in {d.name for d in catalog.published_by("431001-kumamoto-shi")}


def test_bad_provider_datasets_are_refused_with_the_reason(vision: Vision) -> None:
    good = _event_dataset(vision)
    cases = {
        "published twice": [good, good],
        "unknown organisation": [replace(good, organization="nobody")],
        "unknown group": [replace(good, groups=("sports",))],
        "names use": [replace(good, name="431001 イベント")],
        "without a time zone": [replace(good, modified=datetime(2025, 4, 1))],
    }
    for reason, extra in cases.items():
        with pytest.raises(ValueError, match=reason):
            build_catalog(vision, LOADED_AT, extra=extra)


def test_licence_is_configurable(vision: Vision) -> None:
    cc0 = License("CC0-1.0", "CC0", "https://creativecommons.org/publicdomain/zero/1.0/")
    assert build_catalog(vision, LOADED_AT, license=cc0).license == cc0


def test_a_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="row 1 has 2 cells for 1 fields"):
        Table((Field("a", "a"),), (("x", "y"),))
