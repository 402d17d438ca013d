"""Cost rules in the catalog: every initiative's rule by component, and the population sets."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import DATA
from tests.opendata.conftest import LOADED_AT, SOURCE
from toshiken.core.runtime import Runtime
from toshiken.costs.catalog import RULES_FILE, load_catalog
from toshiken.costs.opendata import provide
from toshiken.costs.store import seed_vision_set
from toshiken.opendata.store import Publisher
from toshiken.vision.load import load_document
from toshiken.vision.store import load_vision

SEEDED = datetime(2025, 4, 2, tzinfo=UTC)


def _published(runtime: Runtime, data_dir: Path = DATA) -> Publisher:
    settings = runtime.settings.model_copy(update={"data_dir": data_dir})
    return Publisher(settings, providers=[provide])


def test_every_rule_component_is_a_row(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    published = _published(runtime).current(runtime.sessions)
    assert published is not None
    rules = published.catalog.dataset("kumamoto-renkei_cost_rules")
    assert rules is not None and "budget" in rules.groups
    with runtime.sessions() as session:
        vision = load_vision(session)
    assert vision is not None
    expected = load_catalog(DATA, vision)
    records = rules.table.records()
    assert len(records) == sum(len(r.components) for r in expected.rules)
    assert {r["initiativeId"] for r in records} == {i.id for i in vision.initiatives}
    rist = [r for r in records if r["initiativeId"] == "1-1-2"]
    assert [(r["componentNumber"], r["kind"]) for r in rist] == [(1, "prefecture_shares"),
                                                                 (2, "hub_pays")]  # fmt: skip
    assert rist[0]["payers"] == "熊本市;熊本県" and rist[0]["kindLabel"] == "熊本市及び熊本県が負担"
    mtime = datetime.fromtimestamp((DATA / RULES_FILE).stat().st_mtime, UTC).replace(microsecond=0)
    assert rules.modified == mtime


def test_the_population_sets_allocations_use(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    publisher = _published(runtime)
    first = publisher.current(runtime.sessions)
    assert first is not None and first.catalog.dataset("kumamoto-renkei_cost_populations") is None
    with runtime.sessions() as session:
        vision = load_vision(session)
    assert vision is not None
    seed_vision_set(runtime.sessions, vision, SEEDED)
    second = publisher.current(runtime.sessions)
    assert second is not None and second is not first
    populations = second.catalog.dataset("kumamoto-renkei_cost_populations")
    assert populations is not None and populations.modified == SEEDED
    records = populations.table.records()
    assert len(records) == 24 and sum(int(r["population"]) for r in records) == 1_344_725  # type: ignore[call-overload]
    assert {r["asOf"] for r in records} == {vision.population_as_of.isoformat()}


def test_rules_that_disagree_with_the_vision_are_left_out(runtime: Runtime, tmp_path: Path) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    shutil.copy(DATA / "municipalities.csv", tmp_path)
    text = (DATA / RULES_FILE).read_text(encoding="utf-8")
    (tmp_path / RULES_FILE).write_text(text.replace("熊本市が負担する。", "県が負担する。", 1))
    published = _published(runtime, tmp_path).current(runtime.sessions)
    assert published is not None  # the rest of the catalog is still served
    assert published.catalog.dataset("kumamoto-renkei_cost_rules") is None
    assert published.catalog.dataset("kumamoto-renkei_initiatives") is not None
