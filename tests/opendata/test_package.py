"""The exported data package: frictionless validates it, and the ZIP holds everything."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from frictionless import Package, validate

from toshiken.opendata.model import Catalog
from toshiken.opendata.package import DESCRIPTOR, bulk_zip, datapackage, export, zip_name
from toshiken.vision.model import Vision
from toshiken.vision.queries import budget_grand_total


@pytest.fixture(scope="module")
def exported(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    export(catalog, folder)
    return folder


def test_frictionless_validates_the_package(exported: Path) -> None:
    report = validate(exported / DESCRIPTOR)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_file(exported: Path, tmp_path: Path) -> None:
    wanted = ("kumamoto-renkei_participation", "kumamoto-renkei_initiatives",
              "kumamoto-renkei_policies", "kumamoto-renkei_municipalities")  # fmt: skip
    descriptor = json.loads((exported / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in wanted]
    (tmp_path / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    for name in wanted:
        (tmp_path / f"{name}.csv").write_bytes((exported / f"{name}.csv").read_bytes())
    assert validate(tmp_path / DESCRIPTOR).valid
    broken = tmp_path / "kumamoto-renkei_participation.csv"
    broken.write_bytes(broken.read_bytes().replace(b"\r\n1-1-1,", b"\r\n9-9-9,", 1))
    report = validate(tmp_path / DESCRIPTOR)
    kinds = {error.type for task in report.tasks for error in task.errors}
    assert kinds == {"foreign-key", "hash-count"}


def test_files_are_named_by_the_standards_convention(exported: Path, catalog: Catalog) -> None:
    names = {p.name for p in exported.iterdir()}
    assert {
        "431001_participation.csv",
        "431001_budget.json",
        DESCRIPTOR,
        zip_name(catalog),
    } <= names
    assert len(names) == 2 * len(catalog.datasets) + 2


def test_the_exported_csv_opens_with_the_expected_headers(exported: Path, vision: Vision) -> None:
    with (exported / "kumamoto-renkei_budgets.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:3] == ["具体的取組ID", "具体的取組名", "事業費_2021年度"]
    assert sum(int(r["事業費_合計"]) for r in rows) == budget_grand_total(vision)
    package = Package(exported / DESCRIPTOR)
    resource = package.get_resource("kumamoto-renkei_municipalities")
    assert sum(row["人口"] for row in resource.read_rows()) == 1_344_725


def test_licence_and_time_are_in_the_descriptor(catalog: Catalog) -> None:
    descriptor = datapackage(catalog)
    assert descriptor["licenses"] == [{
        "name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/deed.ja",
        "title": catalog.license.title,
    }]  # fmt: skip
    assert descriptor["created"] == "2025-04-01T00:30:00Z"


def test_the_bulk_zip_holds_every_file_and_the_descriptor(catalog: Catalog, exported: Path) -> None:
    content = bulk_zip(catalog)
    assert content == (exported / zip_name(catalog)).read_bytes()  # the same data, the same bytes
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    assert names[0] == DESCRIPTOR and len(names) == 2 * len(catalog.datasets) + 1
    inner = json.loads(archive.read(DESCRIPTOR))
    assert [r["path"] for r in inner["resources"]] == [d.file_name("CSV") for d in catalog.datasets]
