"""The CLI prints the document's figures in table, JSON and CSV, and refuses bad input clearly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toshiken.cli import app

runner = CliRunner()


@pytest.fixture
def db(database_url: str) -> str:
    result = runner.invoke(app, ["--database-url", database_url, "load"])
    assert result.exit_code == 0, result.output
    return database_url


def run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--database-url", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_load_prints_the_report(database_url: str) -> None:
    first = runner.invoke(app, ["--database-url", database_url, "load"])
    assert "24 municipalities, 1,344,725 people" in first.output
    assert "69 initiatives, 13 KPIs" in first.output
    assert "repair: line 1841" in first.output
    assert first.output.rstrip().endswith("stored")
    again = runner.invoke(app, ["--database-url", database_url, "load"])
    assert "unchanged" in again.output


def test_load_rejects_a_damaged_document(
    database_url: str, tmp_path: Path, vision_text: str
) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(vision_text.replace("\t5,334\t", "\t5,336\t", 1), encoding="utf-8")
    result = runner.invoke(app, ["--database-url", database_url, "load", "--source", str(damaged)])
    assert result.exit_code == 2
    assert "damaged.txt:811" in result.output and "Nothing was written." in result.output
    listing = runner.invoke(app, ["--database-url", database_url, "municipalities"])
    assert "toshiken load" in listing.output and listing.exit_code == 1


def test_municipalities_json(db: str) -> None:
    rows = json.loads(run(db, "municipalities", "--format", "json"))
    assert len(rows) == 24
    assert sum(r["population"] for r in rows) == 1_344_725
    assert sum(r["households"] for r in rows) == 592_158
    assert rows[0] == rows[0] | {"name": "熊本市", "code": "431001", "hub": True, "initiatives": 69}


def test_initiatives_by_name_or_code(db: str) -> None:
    by_name = json.loads(run(db, "initiatives", "--municipality", "合志市", "--format", "json"))
    by_code = json.loads(run(db, "initiatives", "--municipality", "432164", "--format", "json"))
    assert by_name == by_code
    assert all("合志市" in r["participants"] for r in by_name)
    assert len(by_name) == 51  # grep -P "^関係市町村\t" … | grep -cE "合志市|全市町村"


def test_initiatives_filters(db: str) -> None:
    pillar1 = json.loads(run(db, "initiatives", "--pillar", "1", "--format", "json"))
    assert [r["id"] for r in pillar1] == ["1-1-1", "1-1-2", "1-1-3", "1-2-1", "1-2-2", "1-3-1"]
    ict = json.loads(run(db, "initiatives", "--pillar", "3", "--policy", "16", "--format", "json"))
    assert [r["title"] for r in ict][1] == "ホームページ情報の広域的な発信"
    fy2021 = json.loads(run(db, "initiatives", "--year", "2021", "--format", "json"))
    assert "SDGsパートナー事業" not in {r["title"] for r in fy2021}
    assert len(fy2021) == 69 - 5


def test_unknown_municipality_is_an_error(db: str) -> None:
    result = runner.invoke(app, ["--database-url", db, "initiatives", "--municipality", "八代市"])
    assert result.exit_code == 2
    assert "--municipality: '八代市' is not a member's name or code" in result.output


def test_budget_totals(db: str) -> None:
    by_year = json.loads(run(db, "budget", "--by", "year", "--format", "json"))
    assert sum(r["total"] for r in by_year) == 15_646_448
    for axis in ("pillar", "policy"):
        rows = json.loads(run(db, "budget", "--by", axis, "--format", "json"))
        assert sum(r["total"] for r in rows) == 15_646_448
        for fy in ("2021", "2022", "2023", "2024", "2025"):
            assert sum(r[fy] for r in rows) == next(r["total"] for r in by_year if r["key"] == fy)
    kumamoto = json.loads(run(db, "budget", "--by", "municipality", "--format", "json"))[0]
    assert kumamoto["label"] == "熊本市" and kumamoto["total"] == 15_646_448


def test_csv_opens_in_excel(db: str) -> None:
    text = run(db, "kpis", "--format", "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 13
    assert rows[9]["name"] == "圏域出生数" and rows[9]["target_kind"] == "maintain"


def test_table_output(db: str) -> None:
    out = run(db, "budget", "--by", "pillar")
    assert "圏域全体の経済成長のけん引" in out and "711,750" in out
