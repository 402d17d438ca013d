"""Render a Vision as text in the document's own format, which the reader reads back exactly."""

from __future__ import annotations

from decimal import Decimal

from toshiken.vision.members import share_percent
from toshiken.vision.model import FISCAL_YEARS, Initiative, Kpi, Policy, StatTable, Vision, circled

CATEGORY_HEADINGS = {
    "A": "《生活機能の強化に係る政策分野》",
    "B": "《結びつきやネットワークの強化に係る政策分野》",
    "C": "〈圏域マネジメント能力の強化に係る政策分野〉",
}
CATEGORY_TITLES = {
    "A": "生活機能の強化に係る政策分野",
    "B": "結びつきやネットワークの強化に係る政策分野",
    "C": "圏域マネジメント能力の強化に係る政策分野",
}
_TABLE_HEADERS = {
    "medical_institutions": ("市町村\t病院\t\t\t一般診療所\t歯科診療所", "\t一般\t精神\t合計"),
    "emergency_patients": (
        "病院名\t診療科目別 (人)\t\t\t\t総患者数",
        "\t小児科\t内科系\t外科系\tその他",
    ),
    "universities": ("大学名\t学部 (人)\t大学院・専攻科・別科 (人)",),
    "transport_usage": ("公共交通機関\t利用台数又は利用人数",),
    "libraries": (
        "市町村\t公共図書館 (箇所)\t公民館 図書室等数 (箇所)\t蔵書冊数 (冊)\t貸出数 (冊)",
    ),
}


def render_text(vision: Vision) -> str:
    """The whole document as text: cover, members, chapter 2 tables, chapter 3, §4, back cover."""
    out: list[str] = [vision.title, "", vision.area_name, ""]
    out += _chapter1(vision)
    out += _base_data(vision)
    out += _tables(vision)
    out += ["第3章 連携協約に基づき推進する具体的取組", ""]
    for pillar in vision.pillars:
        out += _pillar(vision, pillar.number)
    out += _progress_section(vision)
    out += ["", vision.title, ""]
    out += list(vision.revisions)
    return "\n".join(out) + "\n"


def _chapter1(vision: Vision) -> list[str]:
    start, end = vision.period_start, vision.period_end
    years = end.year - start.year
    return [
        "第1章 連携中枢都市圏構想における基本的事項", "",
        "2 連携中枢都市圏及び構成市町村の名称", "",
        "(1) 連携中枢都市圏の名称", "", vision.area_name, "",
        "(2) 構成市町村の名称", "", "、".join(m.name for m in vision.municipalities), "",
        "3 取組期間", "",
        f"{start.year}年{start.month}月{start.day}日から{end.year}年{end.month}月{end.day}日までの"
        f"{years}年間", "",
    ]  # fmt: skip


def _base_data(vision: Vision) -> list[str]:
    members = vision.municipalities
    totals: tuple[int, int, Decimal] = (
        sum(m.population for m in members),
        sum(m.households for m in members),
        sum((m.area_km2 for m in members), Decimal(0)),
    )
    pref = vision.prefecture
    shares = [share_percent(totals[i], pref[i]) for i in range(3)]
    lines = ["[基本データ]", "", "市町村\t人口 (人)\t世帯数\t面積 (km ²)"]
    lines += [f"{m.name}\t{m.population:,}\t{m.households:,}\t{m.area_km2:,}" for m in members]
    lines.append(f"圏域合計\t{totals[0]:,}\t{totals[1]:,}\t{totals[2]:,}")
    lines.append(f"(参考) 熊本県\t{pref[0]:,}\t{pref[1]:,}\t{pref[2]:,}")
    lines.append("(参考) 圏域/熊本県 (%)\t" + "\t".join(f"{s}%" for s in shares))
    return [*lines, "", f"※資料：{vision.population_source}", ""]


def _tables(vision: Vision) -> list[str]:
    out: list[str] = ["第2章 圏域の中長期的な将来像", ""]
    for table in vision.tables:
        out += _table(table)
    return out


def _table(table: StatTable) -> list[str]:
    if table.key == "sick_child_facilities":
        cells = "、".join(f"{name} ({count})" for name, count in table.rows)
        return [f"({table.title})", "", "施設数", cells, ""]
    lines = [f"({table.title})", "", *_TABLE_HEADERS[table.key]]
    lines += ["\t".join(row) for row in table.rows]
    return [*lines, "", f"※資料：{table.source}", ""]


def _pillar(vision: Vision, number: int) -> list[str]:
    pillar = vision.pillars[number - 1]
    policies = [p for p in vision.policies if p.pillar == number]
    out = [f"{number} {pillar.title}", "", "(1) 取組の方向性", ""]
    out += [*pillar.direction.split("\n"), "", "\t項目\t内容"]
    category = None
    for policy in policies:
        if policy.agreement_category and policy.agreement_category != category:
            category = policy.agreement_category
            out.append(CATEGORY_HEADINGS[category])
        out.append(f"{policy.mark}\t{policy.title}\t{policy.direction}")
    out += ["", "(2) KPI", "", "KPI\t現状値\t目標値 (2025年度)\t出典"]
    for kpi in vision.kpis:
        if kpi.level == "pillar" and kpi.pillar == number:
            out.append(_pillar_kpi(kpi))
    out += ["", "(3) 具体的取組", ""]
    for policy in policies:
        out += _policy(policy, [i for i in vision.initiatives if i.policy_id == policy.id], vision)
    return out


def _figure(value: Decimal) -> str:
    return f"{value:,}"


def _pillar_kpi(kpi: Kpi) -> str:
    baseline = f"{_figure(kpi.baseline)} ({kpi.baseline_period}年)"
    return "\t".join((f"{kpi.name} ({kpi.unit})", baseline, _target(kpi), kpi.source or ""))


def _target(kpi: Kpi) -> str:
    if kpi.target_kind == "maintain":
        return f"現状維持 【基準値】{_figure(kpi.target)} ({kpi.base_period}年)"
    suffix = f" ({kpi.target_period})" if kpi.target_period != "2025" else ""
    return _figure(kpi.target) + suffix


def _policy(policy: Policy, initiatives: list[Initiative], vision: Vision) -> list[str]:
    out = [f"{policy.mark} {policy.title}", "", "[連携協約]", ""]
    if policy.agreement_category:
        title = CATEGORY_TITLES[policy.agreement_category]
        out += [f"{policy.agreement_category} {title}【{policy.agreement_field}】", ""]
    out += [
        f"取組内容\t{_cell(policy.agreement_content)}",
        f"熊本市の役割\t{_cell(policy.hub_role)}",
        f"近隣市町村の役割\t{_cell(policy.neighbour_role)}", "", "[具体的取組]", "",
    ]  # fmt: skip
    for initiative in initiatives:
        out += _initiative(initiative, vision)
    return out


def _cell(text: str) -> str:
    """A cell as the conversion prints it: paragraphs in <p>…</p>, or plain for one line."""
    paragraphs = text.split("\n")
    return paragraphs[0] if len(paragraphs) == 1 else " ".join(f"<p>{p}</p>" for p in paragraphs)


def _initiative(i: Initiative, vision: Vision) -> list[str]:
    names = {m.code: m.name for m in vision.municipalities}
    participants = "全市町村" if i.all_members else "、".join(names[c] for c in i.participants)
    years = "\t".join(str(fy) for fy in FISCAL_YEARS)
    out = [
        f"{i.letter} {i.title}", "",
        f"関係市町村\t{participants}",
        f"事業内容\t{_cell(i.description)}",
        f"関係市町村の役割分担\t{_cell(i.roles)}",
        f"費用負担\t{_cell(i.cost_sharing)}",
        f"スケジュール\t具体的な項目\t{years}",
    ]  # fmt: skip
    for item in i.schedule:
        marks = "\t".join("→" if fy in item.years else "" for fy in FISCAL_YEARS)
        out.append(f"\t{item.label}\t{marks}")
    amounts = "\t".join(
        "" if i.budget.get(fy) is None else f"{i.budget[fy]:,}" for fy in FISCAL_YEARS
    )
    out += [
        f"事業費 (千円)\t{years}\t合計", f"\t{amounts}\t{i.budget_total:,}",
        f"国・県補助制度等\t{_cell(i.subsidies)}", f"効果\t{_cell(i.effect)}", "",
    ]  # fmt: skip
    return out


def _progress_section(vision: Vision) -> list[str]:
    out = ["4 進行管理", "", "(1) 管理体制", "", "(2) 施策ごとのKPI設定", ""]
    out.append("取組内容\tKPI\t現状値\t目標値(2025)\t単位\t")
    for kpi in vision.kpis:
        out.append(_kpi_row(kpi, vision))
    return out


def _kpi_row(kpi: Kpi, vision: Vision) -> str:
    baseline = f"{_figure(kpi.baseline)} ({kpi.baseline_period})"
    values = f"{kpi.name}\t{baseline}\t{_target(kpi)}\t{kpi.unit}"
    if kpi.level == "field":
        return f"\t{CATEGORY_TITLES[kpi.field or 'A']}\t{values}"
    if kpi.level == "policy":
        policy = next(
            p for p in vision.policies if (p.pillar, p.number) == (kpi.pillar, kpi.policy)
        )
        return f"{circled(policy.number)} {policy.title}\t{values}"
    first = next(k for k in vision.kpis if k.level == "pillar" and k.pillar == kpi.pillar)
    if first is kpi:
        return f"{kpi.pillar} {vision.pillars[kpi.pillar - 1].title}\t{values}\t"
    return f"\t{values}\t"
