"""`toshiken services`: the finder, the list and the reverse view in table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.services.expected import expected
from toshiken.cli import app

runner = CliRunner()


@pytest.fixture
def db(database_url: str) -> str:
    result = runner.invoke(app, ["--database-url", database_url, "load"])
    assert result.exit_code == 0, result.output
    return database_url


def run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--database-url", db, "services", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_for_a_municipality_by_name_or_code(db: str, title_lines: dict[str, int]) -> None:
    by_name = json.loads(run(db, "--for", "合志市", "--format", "json"))
    by_code = json.loads(run(db, "--for", "432164", "-f", "json"))
    assert by_name == by_code
    assert by_name["home"] == {"code": "432164", "name": "合志市"}
    assert {s["id"] for s in by_name["services"]} == set(expected(title_lines, "合志市"))
    table = run(db, "--for", "合志市")
    assert "病児・病後児保育" in table and "熊本市（8か所）" in table


def test_work_adds_the_commuter_service(db: str) -> None:
    output = run(db, "--for", "合志市", "--work", "熊本市", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(output.lstrip("\ufeff"))))
    assert [(r["id"], r["via"]) for r in rows if r["via"] == "commute"] == [
        ("health-points", "commute")
    ]


def test_the_list_and_the_reverse_view(db: str) -> None:
    listing = json.loads(run(db, "-f", "json"))
    assert {r["id"] for r in listing} >= {"library", "sick-child-care", "health-points"}
    reverse = json.loads(run(db, "--service", "special-school-care", "-f", "json"))
    assert [r["name"] for r in reverse["reach"]] == ["宇城市"]
    residents = [m["name"] for m in reverse["reach"][0]["residents_of"]]
    assert residents == ["熊本市", "宇土市", "美里町", "南阿蘇村", "甲佐町"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--for", "八代市"], "--for: '八代市' is not a member"),
        (["--for", "合志市", "--work", "東京"], "--work: '東京' is not a member"),
        (["--work", "熊本市"], "--work needs --for"),
        (["--service", "pool"], "--service: no service 'pool'"),
    ],
)
def test_bad_input_is_named(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["--database-url", db, "services", *args])
    assert result.exit_code == 2 and message in result.output


def test_nothing_loaded_yet(database_url: str) -> None:
    result = runner.invoke(app, ["--database-url", database_url, "services", "--for", "合志市"])
    assert result.exit_code == 1 and "toshiken load" in result.output
