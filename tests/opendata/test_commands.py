"""`toshiken opendata export DIR` and `toshiken opendata datasets`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import DATA
from tests.opendata.conftest import LOADED_AT, SOURCE
from toshiken.cli import app
from toshiken.core.runtime import Runtime
from toshiken.opendata.store import Publisher
from toshiken.vision.load import load_document


def test_export_writes_the_files_the_package_and_the_zip(runtime: Runtime, tmp_path: Path) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    target = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["--database-url", runtime.settings.database_url, "opendata", "export", str(target)]
    )
    assert result.exit_code == 0, result.output
    published = Publisher(runtime.settings).current(runtime.sessions)
    assert published is not None  # the vision's 61 datasets and every provider's
    count = len(published.catalog.datasets)
    assert count >= 61
    assert f"{count} datasets from 25 organisations: {2 * count + 2} files" in result.output
    assert (target / "431001_participation.csv").exists()
    assert (target / "kumamoto-renkei-opendata.zip").exists()
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert len(descriptor["resources"]) == count
    assert len(list(target.iterdir())) == 2 * count + 2


def test_datasets_lists_names_and_times(runtime: Runtime) -> None:
    load_document(runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    result = CliRunner().invoke(
        app, ["--database-url", runtime.settings.database_url, "opendata", "datasets", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["name"] == "kumamoto-renkei_municipalities"
    assert rows[0]["modified"] == "2025-04-01T00:30:00.000000"


def test_export_before_a_load_says_what_to_do(runtime: Runtime, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--database-url", runtime.settings.database_url, "opendata", "export", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "toshiken load" in result.output


def test_an_unknown_licence_without_its_title_is_refused(
    runtime: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOSHIKEN_OPENDATA_LICENSE_ID", "MY-LICENCE")
    result = CliRunner().invoke(
        app, ["--database-url", runtime.settings.database_url, "opendata", "export", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "TOSHIKEN_OPENDATA_LICENSE_TITLE" in result.output
