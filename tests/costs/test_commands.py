"""`toshiken costs …` prints the hand-computed figures and refuses bad input by name."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from math import floor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.costs.conftest import CODE, HUB, MEMBERS
from tests.costs.samples import SICK_CHILD
from toshiken.cli import app
from toshiken.core.runtime import Runtime
from toshiken.costs import store

runner = CliRunner()
POPULATION = {code: people for code, _, people in MEMBERS}


def run(runtime: Runtime, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--database-url", runtime.settings.database_url, *args])
    assert result.exit_code == code, result.output
    return result.output


def allocation(runtime: Runtime, *args: str) -> dict[str, object]:
    return json.loads(run(runtime, "costs", "allocate", *args, "--format", "json"))  # type: ignore[no-any-return]


def by_code(result: dict[str, object]) -> dict[str, int]:
    return {c["code"]: c["yen"] for c in result["contributions"]}  # type: ignore[attr-defined]


def test_population_ratio_of_the_fiscal_years_budget(loaded: Runtime) -> None:
    out = run(loaded, "costs", "allocate", "--initiative", "3-3-5", "--fy", "2024")
    assert "amount: 68,180,000円 (令和6年度 (2024年度))" in out
    named = "population set: ビジョン基礎データ（2024-10-01） (as of 2024-10-01; source: 熊本県"
    assert named in out
    assert "42,847,588" in out  # 68,180,000 × 737,409 / 1,173,381 = 42,847,587.9…
    assert "人口 61,464 / 1,173,381 × 68,180,000円 = 3,571,402.2…円 → 3,571,402円" in out
    assert "total: 68,180,000円" in out


def test_equal_plus_population_with_the_remainder_to_the_hub(loaded: Runtime) -> None:
    result = allocation(loaded, "-i", "3-3-2", "--amount", "1000000", "--weights", "3:7",
                        "--rounding", "hub")  # fmt: skip
    participants = list(by_code(result))
    pops = [POPULATION[c] for c in participants]
    exact = {
        c: Fraction(1_000_000 * 3, 10 * len(pops)) + Fraction(1_000_000 * 7 * p, 10 * sum(pops))
        for c, p in zip(participants, pops, strict=True)
    }
    floors = {c: floor(v) for c, v in exact.items()}
    expected = dict(floors, **{HUB: floors[HUB] + 1_000_000 - sum(floors.values())})
    assert by_code(result) == expected
    assert result["rounding"] == "hub" and sum(expected.values()) == 1_000_000


def test_hub_pays_and_no_transfer(loaded: Runtime) -> None:
    hub = by_code(allocation(loaded, "-i", "1-1-1", "--amount", "500000"))
    assert hub[HUB] == 500_000 and sum(hub.values()) == 500_000
    each = allocation(loaded, "-i", "3-2-2", "--amount", "900", "--component", "2")
    assert set(by_code(each).values()) == {0} and each["unassigned_yen"] == 900


def test_bad_options_are_named(loaded: Runtime) -> None:
    out = run(loaded, "costs", "allocate", "-i", "3-3-5", "--amount", "x", "--fy", "1999", code=2)
    assert "--amount:" in out and "--fy:" in out
    out = run(loaded, "costs", "allocate", "-i", "9-9-9", "--amount", "1", code=2)
    assert "--initiative: 9-9-9" in out
    out = run(loaded, "costs", "allocate", "-i", "3-2-2", "--fy", "2024", code=2)
    assert "--fy: この年度の利用実績が登録されていません" in out
    out = run(loaded, "costs", "allocate", "-i", "3-3-5", "--fy", "2024", "--population", "99",
              code=2)  # fmt: skip
    assert "--population: その人口データはありません" in out


def test_rules_in_every_format(loaded: Runtime) -> None:
    rows = json.loads(run(loaded, "costs", "rules", "--format", "json"))
    assert len(rows) == 69 and rows[0]["id"] == "1-1-1"
    assert rows[0]["text"] == "小規模マッチング会の開催に要する費用は、熊本市が負担する。"
    csv = run(loaded, "costs", "rules", "--format", "csv")
    assert csv.startswith("\ufeffid,label,title,kinds,text")
    assert '3-3-5,3-③-オ,健康ポイント事業,"population_ratio,each_pays_own"' in csv


def test_what_if_with_other_members(loaded: Runtime) -> None:
    out = run(loaded, "costs", "what-if", "-i", "3-3-5", "--amount", "1000000",
              "--with-members", "熊本市,玉名市", "--format", "json")  # fmt: skip
    changes = {c["code"]: c for c in json.loads(out)["changes"]}
    tamana = CODE["玉名市"]
    # after: 1,000,000 × 61,464 / (737,409 + 61,464) = 76,937.9… → 76,938
    assert changes[tamana]["after_yen"] == 76_938
    assert changes[CODE["山鹿市"]]["after_yen"] == 0
    assert changes[HUB]["after_yen"] == 1_000_000 - 76_938


def usage_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "usage.csv"
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


SICK_CHILD_PRICES = ["--basic-cost", "7000000", "--addition", "100:500000"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # files do not need both
def test_settle_writes_the_statements(loaded: Runtime, tmp_path: Path) -> None:
    good = usage_file(tmp_path, SICK_CHILD)
    outputs = ["--xlsx", str(tmp_path / "s.xlsx"), "--pdf", str(tmp_path / "s.pdf")]
    out = run(loaded, "costs", "settle", "sick-child", "--fy", "2024", "--usage", good,
              *SICK_CHILD_PRICES, *outputs)  # fmt: skip
    assert "total: 1,365,025円 (3 statements)" in out
    assert (tmp_path / "s.xlsx").read_bytes().startswith(b"PK")
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


def test_settle_saves_all_or_nothing(loaded: Runtime, tmp_path: Path) -> None:
    good = usage_file(tmp_path, SICK_CHILD)
    out = run(loaded, "costs", "settle", "sick-child", "--fy", "2024", "--usage", good,
              *SICK_CHILD_PRICES, "--save")  # fmt: skip
    assert "荒尾市 │ 熊本市 │ 病児保育室A" in out and "110,838" in out
    bad = usage_file(tmp_path, SICK_CHILD.replace(",15\n", ",-15\n").replace("荒尾市", "東京都"))
    out = run(loaded, "costs", "settle", "sick-child", "--fy", "2024", "--usage", bad,
              *SICK_CHILD_PRICES, "--save", code=2)  # fmt: skip
    assert "2行目 利用児童数: 負の値です: -15" in out
    assert "4行目 利用自治体: 市町村名・団体コードとして知られていません: '東京都'" in out
    assert "Nothing was saved." in out
    with loaded.sessions() as session:
        kept = store.usage_totals(session, "sick-child", 2024)
    assert kept == {CODE["合志市"]: Decimal(51), HUB: Decimal(189), CODE["荒尾市"]: Decimal(3)}
    stored = run(loaded, "costs", "settle", "sick-child", "--fy", "2024", *SICK_CHILD_PRICES,
                 "-f", "json")  # fmt: skip
    assert sum(s["total_yen"] for s in json.loads(stored)) == 1_365_025


def test_population_sets_are_added_whole_or_not_at_all(loaded: Runtime, tmp_path: Path) -> None:
    lines = ["市町村,人口", *(f"{name},{people + 10}" for _, name, people in MEMBERS)]
    good = tmp_path / "pop.csv"
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["--name", "R7推計", "--as-of", "2025-10-01", "--source", "熊本県推計人口調査"]
    assert "stored population set" in run(loaded, "costs", "population-add", str(good), *args)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([*lines[:3], "荒尾市,", *lines[4:]]) + "\n", encoding="utf-8")
    out = run(loaded, "costs", "population-add", str(bad), "--name", "壊れた", "--as-of",
              "2025-10-01", "--source", "x", code=2)  # fmt: skip
    assert "4行目 人口: 人口がありません" in out and "Nothing was saved." in out
    listed = json.loads(run(loaded, "costs", "population-sets", "--format", "json"))
    assert [s["name"] for s in listed] == ["ビジョン基礎データ（2024-10-01）", "R7推計"]
    assert listed[1]["total"] == 1_344_725 + 240
    result = allocation(loaded, "-i", "3-3-5", "--amount", "1000", "--population", "R7推計")
    assert result["population_set"]["name"] == "R7推計"  # type: ignore[index]


@pytest.mark.parametrize("kind", ["waste", "support-school"])
def test_settle_without_prices_is_refused(loaded: Runtime, tmp_path: Path, kind: str) -> None:
    path = usage_file(tmp_path, "年度,利用自治体,ごみ量(t),利用回数\n2024,御船町,1,1\n")
    out = run(loaded, "costs", "settle", kind, "--fy", "2024", "--usage", path, code=2)
    assert "error:" in out and "Nothing was saved." in out
