"""Progress in the catalog: nothing before a year is published, then its actuals and reports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from frictionless import validate

from tests.conftest import DATA
from tests.opendata.conftest import LOADED_AT, SOURCE
from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.core.runtime import Runtime
from toshiken.opendata.package import DESCRIPTOR, export
from toshiken.opendata.store import Publisher
from toshiken.progress import store
from toshiken.progress.model import Implementation, InitiativeReport, KpiActual
from toshiken.progress.opendata import provide, public_actuals
from toshiken.progress.snapshot import Snapshot, digest, freeze
from toshiken.vision.load import load_document

SECRETARIAT = Actor(None, "secretariat")
ENTERED = datetime(2025, 5, 10, 3, 0, tzinfo=UTC)
PUBLISHED = datetime(2025, 6, 1, 0, 0, tzinfo=UTC)


def _enter(runtime: Runtime) -> None:
    actuals = [KpiActual(1, 2023, Decimal("12.5"), "統計", "速報"), KpiActual(1, 2024, Decimal(14)),
               KpiActual(10, 2025, Decimal(9000))]  # fmt: skip
    report = InitiativeReport("3-2-2", 2024, "432164", Implementation.done, 1234, "病児保育を実施")
    unpublished = InitiativeReport("3-2-2", 2025, "432164", Implementation.in_progress, None)
    with transaction(runtime.sessions) as session:
        store.save_actuals(session, actuals, SECRETARIAT, ENTERED)
        store.save_report(session, report, SECRETARIAT, ENTERED)
        store.save_report(session, unpublished, SECRETARIAT, ENTERED)


def test_only_actuals_up_to_the_latest_published_year() -> None:
    actuals = [KpiActual(1, year, Decimal(year)) for year in (2022, 2024, 2025)]
    assert public_actuals(actuals, []) == []
    assert [a.period for a in public_actuals(actuals, [2023, 2024])] == [2022, 2024]


def test_nothing_is_published_before_the_secretariat_publishes(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    _enter(runtime)
    publisher = Publisher(runtime.settings, providers=[provide])
    published = publisher.current(runtime.sessions)
    assert published is not None
    assert published.catalog.dataset("kumamoto-renkei_kpi_actuals") is None


def test_published_years_figures_equal_what_was_entered(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    _enter(runtime)
    with transaction(runtime.sessions) as session:
        store.set_published(session, 2024, True, SECRETARIAT, PUBLISHED)
    published = Publisher(runtime.settings, providers=[provide]).current(runtime.sessions)
    assert published is not None
    catalog = published.catalog
    actuals = catalog.dataset("kumamoto-renkei_kpi_actuals")
    reports = catalog.dataset("kumamoto-renkei_initiative_reports")
    assert actuals is not None and reports is not None
    assert actuals.modified == PUBLISHED and actuals.organization == "kumamoto-renkei"
    content = published.file(actuals.file_name("CSV"))
    assert content is not None and content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [(r["KPI番号"], r["期間"], r["実績値"]) for r in rows] == [("1", "2023", "12.5"),
                                                                 ("1", "2024", "14")]  # fmt: skip
    assert rows[0]["出典"] == "統計" and rows[0]["備考"] == "速報" and rows[0]["単位"]
    lines = reports.table.records()
    assert len(lines) == 1  # 2025 is not published
    assert lines[0]["fiscalYearJa"] == "令和6年度" and lines[0]["status"] == "実施済"
    assert lines[0]["spentThousandYen"] == 1234
    assert lines[0]["localGovernmentName"] == "熊本県合志市"


def test_the_exported_package_with_progress_validates(runtime: Runtime, tmp_path: Path) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    _enter(runtime)
    with transaction(runtime.sessions) as session:
        store.set_published(session, 2025, True, SECRETARIAT, PUBLISHED)
    published = Publisher(runtime.settings, providers=[provide]).current(runtime.sessions)
    assert published is not None
    export(published.catalog, tmp_path)
    report = validate(tmp_path / DESCRIPTOR)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert {"kumamoto-renkei_kpi_actuals", "kumamoto-renkei_initiative_reports"} <= {
        task.name for task in report.tasks
    }


def test_a_published_years_frozen_report_is_what_is_published(runtime: Runtime) -> None:
    """Corrections after publication change the live dashboard, not the published figures."""
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    _enter(runtime)
    with transaction(runtime.sessions) as session:
        inputs = freeze(2024, store.kpi_actuals(session), store.initiative_reports(session))
        frozen = Snapshot(2024, PUBLISHED, "secretariat", inputs, digest(inputs), {}, "")
        store.set_published(session, 2024, True, SECRETARIAT, PUBLISHED, frozen)
    later = datetime(2025, 7, 1, tzinfo=UTC)
    corrected = [KpiActual(1, 2024, Decimal(99))]
    with transaction(runtime.sessions) as session:
        store.save_actuals(session, corrected, SECRETARIAT, later)
    published = Publisher(runtime.settings, providers=[provide]).current(runtime.sessions)
    assert published is not None
    actuals = published.catalog.dataset("kumamoto-renkei_kpi_actuals")
    reports = published.catalog.dataset("kumamoto-renkei_initiative_reports")
    assert actuals is not None and reports is not None
    values = {(r["kpiNumber"], r["period"]): r["value"] for r in actuals.table.records()}
    assert values == {(1, 2023): Decimal("12.5"), (1, 2024): Decimal(14)}  # not 99
    assert actuals.modified == PUBLISHED  # the correction is not published
    assert [r["spentThousandYen"] for r in reports.table.records()] == [1234]
