"""One serializer per dataset shape: the vision's values as tables with Japanese headers."""

from __future__ import annotations

import re
from decimal import Decimal

from toshiken.opendata.model import Cell, Field, FieldType, ForeignKey, Table
from toshiken.opendata.standard import CODE, NAME, local_government_name
from toshiken.vision.model import FISCAL_YEARS, Municipality, StatTable, Vision
from toshiken.vision.queries import participation_counts

AGREEMENT_CATEGORIES = (
    "A 生活機能の強化、B 結びつきやネットワークの強化、C 圏域マネジメント能力の強化"
)
LEVELS = {"pillar": "柱", "policy": "取組", "field": "連携協約分野"}
TARGET_KINDS = {"reach": "目標値の達成", "maintain": "現状維持"}
INITIATIVE_ID = Field("具体的取組ID", "initiativeId", description="柱-取組-記号の番号（例：3-2-2）")
INITIATIVE_TITLE = Field("具体的取組名", "initiativeTitle")
BUDGET_TOTAL = Field("事業費_合計", "budgetTotal", "integer", "記載の合計（千円）", required=True)
BUDGET_FIELDS = (
    *(
        Field(f"事業費_{fy}年度", f"budget{fy}", "integer", f"{fy}年度（千円）。空欄は計上なし")
        for fy in FISCAL_YEARS
    ),
    BUDGET_TOTAL,
)


def _int(name: str, key: str, description: str = "", required: bool = True) -> Field:
    return Field(name, key, "integer", description, required=required)


def municipalities(vision: Vision) -> Table:
    """構成市町村一覧: codes, names, kind, population, households and area as the vision prints."""
    counts = participation_counts(vision)
    fields = (
        Field(CODE.name, CODE.key, description=CODE.description, required=True, unique=True,
              pattern=CODE.pattern),
        NAME,
        Field("名称", "name", required=True),
        Field("名称_カナ", "nameKana", description="全角カナ"),
        Field("名称_英語", "nameEn"),
        Field("種別", "kind", description="市・町・村"),
        Field("連携中枢都市", "isHub", "boolean", "連携中枢都市なら true"),
        _int("人口", "population", "人"),
        _int("世帯数", "households", "世帯"),
        Field("面積", "areaKm2", "number", "平方キロメートル", required=True),
        Field("調査年月日", "surveyDate", "date", "人口・世帯数の基準日"),
        _int("参加する具体的取組数", "initiatives"),
    )  # fmt: skip
    rows = tuple(
        (m.code, _lg_name(m), m.name, m.reading, m.name_en, m.kind, m.is_hub, m.population,
         m.households, m.area_km2, vision.population_as_of.isoformat(), counts[m.code])
        for m in vision.municipalities
    )  # fmt: skip
    return Table(fields, rows, primary_key=(CODE.name,))


def policies(vision: Vision) -> Table:
    """施策体系: the three pillars and their policy areas, with the 連携協約's roles."""
    pillars = {p.number: p.title for p in vision.pillars}
    fields = (
        _int("柱番号", "pillarNumber"),
        Field("柱", "pillarTitle"),
        Field("取組ID", "policyId", description="柱-取組の番号（例：3-16）", required=True,
              unique=True),
        _int("取組番号", "policyNumber", "柱の中での番号"),
        Field("取組記号", "policyMark", description="文書の丸数字"),
        Field("取組名", "policyTitle", required=True),
        Field("取組の方向性", "direction"),
        Field("連携協約区分", "agreementCategory", description=AGREEMENT_CATEGORIES),
        Field("連携協約分野", "agreementField"),
        Field("連携協約の取組内容", "agreementContent"),
        Field("連携中枢都市の役割", "hubRole"),
        Field("近隣市町村の役割", "neighbourRole"),
    )  # fmt: skip
    rows = tuple(
        (p.pillar, pillars[p.pillar], p.id, p.number, p.mark, p.title, p.direction,
         p.agreement_category, p.agreement_field, p.agreement_content, p.hub_role,
         p.neighbour_role)
        for p in vision.policies
    )  # fmt: skip
    return Table(fields, rows, primary_key=("取組ID",))


def initiatives(vision: Vision, policies_dataset: str) -> Table:
    """具体的取組一覧: every initiative's table row, with its participants and budget total."""
    names = {m.code: m.name for m in vision.municipalities}
    fields = (
        Field("ID", "identifier", description=INITIATIVE_ID.description, required=True,
              unique=True),
        Field("表記", "label", description="文書での表記（例：3-②-イ）"),
        _int("柱番号", "pillarNumber"),
        Field("取組ID", "policyId", required=True),
        Field("記号", "letter", description="取組の中でのカタカナ記号"),
        Field("名称", "name", required=True),
        Field("事業内容", "description"),
        Field("役割分担", "roles"),
        Field("連携中枢都市の役割", "hubRole"),
        Field("近隣市町村の役割", "neighbourRole"),
        Field("費用負担", "costSharing"),
        Field("国・県補助制度等", "subsidies"),
        Field("効果", "effect"),
        Field("全市町村", "allMembers", "boolean", "関係市町村が全市町村なら true"),
        _int("関係市町村数", "participantCount"),
        Field("関係市町村", "participants", description="「、」区切り"),
        BUDGET_TOTAL,
    )  # fmt: skip
    rows = tuple(
        (i.id, i.label, i.pillar, i.policy_id, i.letter, i.title, i.description, i.roles,
         i.hub_role, i.neighbour_role, i.cost_sharing, i.subsidies, i.effect, i.all_members,
         len(i.participants), "、".join(names[c] for c in i.participants), i.budget_total)
        for i in vision.initiatives
    )  # fmt: skip
    fk = ForeignKey(("取組ID",), policies_dataset, ("取組ID",))
    return Table(fields, rows, primary_key=("ID",), foreign_keys=(fk,))


def schedules(vision: Vision, initiatives_dataset: str) -> Table:
    """具体的取組のスケジュール: one row per schedule item, a flag per fiscal year it spans."""
    fields = (
        Field(INITIATIVE_ID.name, INITIATIVE_ID.key, required=True),
        _int("項目番号", "itemNumber", "取組の中での順番"),
        Field("項目", "label"),
        *(Field(f"{fy}年度", f"fy{fy}", "boolean", f"{fy}年度に実施するなら true")
          for fy in FISCAL_YEARS),
    )  # fmt: skip
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (i.id, n, item.label, *(fy in item.years for fy in FISCAL_YEARS))
        for i in vision.initiatives
        for n, item in enumerate(i.schedule, start=1)
    )
    fk = ForeignKey((INITIATIVE_ID.name,), initiatives_dataset, ("ID",))
    return Table(fields, rows, primary_key=(INITIATIVE_ID.name, "項目番号"), foreign_keys=(fk,))


def participation(vision: Vision, initiatives_dataset: str, members_dataset: str) -> Table:
    """具体的取組の関係市町村: one row per initiative and participating member."""
    members = {m.code: m for m in vision.municipalities}
    fields = (
        Field(INITIATIVE_ID.name, INITIATIVE_ID.key, required=True),
        INITIATIVE_TITLE,
        Field(CODE.name, CODE.key, required=True, pattern=CODE.pattern),
        NAME,
    )
    rows = tuple(
        (i.id, i.title, code, _lg_name(members[code]))
        for i in vision.initiatives
        for code in i.participants
    )
    fks = (
        ForeignKey((INITIATIVE_ID.name,), initiatives_dataset, ("ID",)),
        ForeignKey((CODE.name,), members_dataset, (CODE.name,)),
    )
    return Table(fields, rows, primary_key=(INITIATIVE_ID.name, CODE.name), foreign_keys=fks)


def budgets(vision: Vision, member: Municipality | None = None) -> Table:
    """具体的取組の事業費: thousand yen per fiscal year as printed (blank = none) and the total.

    With a member: the initiatives it takes part in (their whole budget, not its share).
    """
    chosen = [i for i in vision.initiatives if member is None or member.code in i.participants]
    lead: tuple[Field, ...] = ()
    if member is not None:
        lead = (Field(CODE.name, CODE.key, required=True, pattern=CODE.pattern), NAME)
    fields = (*lead, Field(INITIATIVE_ID.name, INITIATIVE_ID.key, required=True, unique=True),
              INITIATIVE_TITLE, *BUDGET_FIELDS)  # fmt: skip
    publisher: tuple[Cell, ...] = (member.code, _lg_name(member)) if member else ()
    rows = tuple(
        (*publisher, i.id, i.title, *(i.budget.get(fy) for fy in FISCAL_YEARS), i.budget_total)
        for i in chosen
    )
    return Table(fields, rows, primary_key=(INITIATIVE_ID.name,))


def member_participation(vision: Vision, member: Municipality) -> Table:
    """A member's own list: the initiatives it takes part in, in the vision's order."""
    fields = (
        Field(CODE.name, CODE.key, required=True, pattern=CODE.pattern),
        NAME,
        Field(INITIATIVE_ID.name, INITIATIVE_ID.key, required=True, unique=True),
        Field("表記", "label"),
        INITIATIVE_TITLE,
        Field("全市町村", "allMembers", "boolean", "全市町村で取り組むなら true"),
        _int("関係市町村数", "participantCount"),
        BUDGET_TOTAL,
    )
    rows = tuple(
        (member.code, _lg_name(member), i.id, i.label, i.title, i.all_members,
         len(i.participants), i.budget_total)
        for i in vision.initiatives
        if member.code in i.participants
    )  # fmt: skip
    return Table(fields, rows, primary_key=(INITIATIVE_ID.name,))


def kpis(vision: Vision) -> Table:
    """KPI一覧: the 13 indicators with their baseline and target as the vision states them."""
    fields = (
        _int("番号", "number", "§4の表の順"),
        Field("区分", "level", description="柱・取組・連携協約分野"),
        _int("柱番号", "pillarNumber"),
        Field("取組番号", "policyNumber", "integer"),
        Field("連携協約分野", "agreementCategory"),
        Field("指標名", "name", required=True),
        Field("単位", "unit"),
        Field("現状値", "baseline", "number", required=True),
        Field("現状値の時点", "baselinePeriod"),
        Field("目標の種類", "targetKind", description="目標値の達成・現状維持"),
        Field("目標値", "target", "number", "現状維持では基準値", required=True),
        Field("目標の時点", "targetPeriod"),
        Field("基準値の時点", "basePeriod", description="現状維持の基準となる時点"),
        Field("出典", "source"),
    )
    rows = tuple(
        (k.number, LEVELS[k.level], k.pillar, k.policy, k.field, k.name, k.unit, k.baseline,
         k.baseline_period, TARGET_KINDS[k.target_kind], k.target, k.target_period,
         k.base_period, k.source)
        for k in vision.kpis
    )  # fmt: skip
    return Table(fields, rows, primary_key=("番号",))


_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?")
DASH = "-"  # the statistics tables' 「-」: nothing to count


def stat_table(vision: Vision, table: StatTable) -> Table:
    """A chapter-2 table: its columns as printed, numbers without separators, 「-」 kept.

    A table whose first column names members gains the members' codes in front.
    """
    width = len(table.columns)
    numeric = [
        all(_NUMBER.fullmatch(r[c]) or r[c] in (DASH, "") for r in table.rows)
        and any(_NUMBER.fullmatch(r[c]) for r in table.rows)
        for c in range(width)
    ]
    unit = f"単位：{table.unit}" if table.unit else ""
    fields = [
        Field(name, name, _number_type(table, c), unit) if numeric[c] else Field(name, name)
        for c, name in enumerate(table.columns)
    ]
    rows = [tuple(_cell(r[c], numeric[c]) for c in range(width)) for r in table.rows]
    codes = _member_codes(vision, [r[0] for r in table.rows])
    if codes is not None:
        fields.insert(0, Field(CODE.name, CODE.key, required=True, unique=True,
                               pattern=CODE.pattern))  # fmt: skip
        rows = [(code, *row) for code, row in zip(codes, rows, strict=True)]
    return Table(tuple(fields), tuple(rows), missing_values=("", DASH))


def _number_type(table: StatTable, column: int) -> FieldType:
    return "number" if any("." in r[column] for r in table.rows) else "integer"


def _cell(text: str, numeric: bool) -> Cell:
    if not numeric or text in (DASH, ""):
        return text or None
    plain = text.replace(",", "")
    return Decimal(plain) if "." in plain else int(plain)


def _member_codes(vision: Vision, names: list[str]) -> list[str] | None:
    codes = {m.name: m.code for m in vision.municipalities}
    if names and all(n in codes for n in names):
        return [codes[n] for n in names]
    return None


def _lg_name(member: Municipality) -> str:
    return local_government_name(member.code, member.name)
