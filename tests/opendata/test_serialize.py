"""Each dataset shape: Japanese headers, and numbers equal to the document's."""

from __future__ import annotations

from decimal import Decimal

from toshiken.opendata import serialize
from toshiken.opendata.model import Table
from toshiken.vision.model import FISCAL_YEARS, Vision
from toshiken.vision.queries import budget_by, budget_grand_total


def column(table: Table, name: str) -> list[object]:
    index = [f.name for f in table.fields].index(name)
    return [row[index] for row in table.rows]


def test_municipalities_carry_codes_and_the_base_data(vision: Vision) -> None:
    table = serialize.municipalities(vision)
    assert [f.name for f in table.fields[:5]] == [
        "全国地方公共団体コード", "地方公共団体名", "名称", "名称_カナ", "名称_英語",
    ]  # fmt: skip
    assert column(table, "全国地方公共団体コード")[:2] == ["431001", "432041"]
    assert column(table, "地方公共団体名")[0] == "熊本県熊本市"
    assert sum(column(table, "人口")) == 1_344_725  # type: ignore[arg-type]
    assert sum(column(table, "面積")) == Decimal("3534.88")  # type: ignore[arg-type]
    assert column(table, "連携中枢都市").count(True) == 1


def test_policy_tree_and_initiatives(vision: Vision) -> None:
    policies = serialize.policies(vision)
    assert len(policies.rows) == len(vision.policies)
    assert "3-16" in column(policies, "取組ID")
    initiatives = serialize.initiatives(vision, "p")
    assert column(initiatives, "ID")[0] == "1-1-1"
    assert len(initiatives.rows) == 69
    assert initiatives.foreign_keys[0].dataset == "p"
    sick_child = vision.initiatives[[i.id for i in vision.initiatives].index("3-2-2")]
    row = initiatives.rows[column(initiatives, "ID").index("3-2-2")]
    assert row[-1] == sick_child.budget_total
    assert row[-2] == "、".join(vision.municipality(c).name for c in sick_child.participants)


def test_participation_has_one_row_per_pair(vision: Vision) -> None:
    table = serialize.participation(vision, "i", "m")
    assert len(table.rows) == sum(len(i.participants) for i in vision.initiatives)
    assert table.primary_key == ("具体的取組ID", "全国地方公共団体コード")


def test_budgets_equal_the_document(vision: Vision) -> None:
    table = serialize.budgets(vision)
    assert sum(column(table, "事業費_合計")) == budget_grand_total(vision)  # type: ignore[arg-type]
    for line in budget_by(vision, "year"):
        cells = column(table, f"事業費_{line.key}年度")
        assert sum(c or 0 for c in cells) == line.total  # type: ignore[misc]
    blanks = sum(c is None for fy in FISCAL_YEARS for c in column(table, f"事業費_{fy}年度"))
    assert blanks == 6  # blank cells stay blank, not 0


def test_a_members_budget_is_the_budget_of_what_it_joins(vision: Vision) -> None:
    lines = {line.key: line for line in budget_by(vision, "municipality")}
    for member in (vision.municipality("合志市"), vision.municipality("山都町")):
        table = serialize.budgets(vision, member)
        assert set(column(table, "全国地方公共団体コード")) == {member.code}
        assert sum(column(table, "事業費_合計")) == lines[member.code].total  # type: ignore[arg-type]
        mine = serialize.member_participation(vision, member)
        assert len(mine.rows) == len(table.rows)


def test_kpis_keep_baseline_and_target_exact(vision: Vision) -> None:
    table = serialize.kpis(vision)
    assert column(table, "番号") == list(range(1, 14))
    assert column(table, "現状値") == [k.baseline for k in vision.kpis]
    assert column(table, "目標値") == [k.target for k in vision.kpis]
    assert set(column(table, "目標の種類")) <= {"目標値の達成", "現状維持"}


def test_statistics_tables_gain_codes_and_keep_dashes(vision: Vision) -> None:
    tables = {t.key: t for t in vision.tables}
    medical = serialize.stat_table(vision, tables["medical_institutions"])
    assert medical.fields[0].name == "全国地方公共団体コード"
    assert [f.name for f in medical.fields[1:]] == list(tables["medical_institutions"].columns)
    assert medical.rows[0][:3] == ("431001", "熊本市", 75)
    assert medical.fields[2].type == "integer"
    assert "-" in column(medical, "病院 一般")  # 「-」 printed for none
    assert medical.missing_values == ("", "-")
    patients = serialize.stat_table(vision, tables["emergency_patients"])
    assert patients.fields[0].name == "病院名"  # not a member list: no codes
    assert column(patients, "総患者数")[-1] == 118_355
    transport = serialize.stat_table(vision, tables["transport_usage"])
    assert transport.fields[1].type == "string"  # '7,220,500 台/年' keeps its unit
