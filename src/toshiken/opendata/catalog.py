"""Build the catalog from the Vision: organisations, groups and datasets, plus providers' extras."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from toshiken.opendata import serialize
from toshiken.opendata.model import Catalog, Dataset, Group, License, Organization, Table
from toshiken.vision.model import Municipality, Vision

CC_BY_4 = License(
    "CC-BY-4.0",
    "クリエイティブ・コモンズ 表示 4.0 国際 (CC BY 4.0)",
    "https://creativecommons.org/licenses/by/4.0/deed.ja",
)
LICENSES: dict[str, License] = {
    license.id: license
    for license in (
        CC_BY_4,
        License("CC-BY-SA-4.0", "クリエイティブ・コモンズ 表示-継承 4.0 国際 (CC BY-SA 4.0)",
                "https://creativecommons.org/licenses/by-sa/4.0/deed.ja"),
        License("CC0-1.0", "CC0 1.0 全世界 (パブリック・ドメイン提供)",
                "https://creativecommons.org/publicdomain/zero/1.0/deed.ja"),
        License("PDL-1.0", "公共データ利用規約（第1.0版）",
                "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"),
    )
}  # fmt: skip
"""Licences the catalog knows by id; any other needs its title and address configured."""

GROUPS: tuple[Group, ...] = (
    Group("vision", "ビジョン・施策", "ビジョンの施策体系、具体的取組、関係市町村、KPI"),
    Group("budget", "事業費", "具体的取組の年度別事業費（千円）"),
    Group("statistics", "統計", "構成市町村の基礎データとビジョン第2章の統計表"),
    Group("events", "イベント", "構成市町村のイベント一覧（自治体標準オープンデータセットの項目）"),
)
"""Themes across organisations. A feature whose datasets need a new theme adds it here."""

NAME_PATTERN = re.compile(r"[a-z0-9_-]{2,100}")
_READING_SUFFIXES = (("チョウ", "cho"), ("マチ", "machi"), ("ムラ", "mura"), ("ソン", "son"),
                     ("シ", "shi"))  # fmt: skip


def partnership_name(vision: Vision) -> str:
    """The partnership's organisation: the hub city's romanised name, e.g. kumamoto-renkei."""
    return f"{_slug(vision.hub.name_en)}-renkei"


def member_name(member: Municipality) -> str:
    """A member's organisation: code, romanised name and kind as read, e.g. 434477-yamato-cho."""
    suffix = next((s for kana, s in _READING_SUFFIXES if member.reading.endswith(kana)), "")
    return "-".join(p for p in (member.code, _slug(member.name_en), suffix) if p)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def organizations(vision: Vision) -> tuple[Organization, ...]:
    """The partnership first, then each member in the vision's order."""
    hub = vision.hub
    partnership = Organization(
        partnership_name(vision),
        vision.area_name,
        f"{vision.title}（{vision.revision}）に基づき、構成{len(vision.municipalities)}市町村が"
        f"共同で公開するデータ（連携中枢都市：{hub.name}）。",
        title_en=f"{hub.name_en} Metropolitan Area Partnership",
    )
    members = tuple(
        Organization(
            member_name(m),
            m.name,
            f"{m.name}（{'連携中枢都市' if m.is_hub else '近隣市町村'}）が公開する、"
            "自らが参加する具体的取組とその事業費のデータ。",
            code=m.code,
            title_en=f"{m.name_en} {_kind_en(m)}",
        )
        for m in vision.municipalities
    )
    return (partnership, *members)


def _kind_en(m: Municipality) -> str:
    return {"市": "City", "町": "Town", "村": "Village"}[m.kind]


def vision_datasets(vision: Vision, modified: datetime) -> list[Dataset]:
    """What the vision itself publishes: the partnership's tables and each member's own."""
    org = partnership_name(vision)
    cited = f"{vision.title}（{vision.revision}）"

    def dataset(suffix: str, title: str, notes: str, table: Table, groups: tuple[str, ...],
                tags: tuple[str, ...], source: str = cited) -> Dataset:  # fmt: skip
        return Dataset(
            f"{org}_{suffix}", title, notes, org, table, modified, tags=("連携中枢都市圏", *tags),
            groups=groups, source=source, version=vision.revision,
        )  # fmt: skip

    name = {s: f"{org}_{s}" for s in ("municipalities", "policies", "initiatives")}
    found = [
        dataset("municipalities", "構成市町村一覧",
                f"構成{len(vision.municipalities)}市町村の全国地方公共団体コード、名称、人口、"
                f"世帯数、面積（平方キロメートル）。人口・世帯数は{vision.population_as_of:%Y年%m月%d日}"
                "現在。", serialize.municipalities(vision), ("statistics",),
                ("市町村", "人口", "面積"), f"{cited}。{vision.population_source}"),
        dataset("policies", "施策体系（柱と取組）",
                "ビジョンの3つの柱と取組（施策分野）、連携協約の区分・分野・取組内容と役割分担。",
                serialize.policies(vision), ("vision",), ("施策", "連携協約")),
        dataset("initiatives", "具体的取組一覧",
                "具体的取組ごとの事業内容、役割分担、費用負担、効果、関係市町村と事業費の合計（千円）。",
                serialize.initiatives(vision, name["policies"]), ("vision",),
                ("具体的取組", "費用負担")),
        dataset("schedules", "具体的取組のスケジュール",
                "具体的取組ごとのスケジュールの項目と、実施する年度。",
                serialize.schedules(vision, name["initiatives"]), ("vision",),
                ("具体的取組", "スケジュール")),
        dataset("participation", "具体的取組の関係市町村",
                "具体的取組と、それに参加する市町村の組み合わせ（1行に1組）。",
                serialize.participation(vision, name["initiatives"], name["municipalities"]),
                ("vision",), ("具体的取組", "市町村")),
        dataset("budgets", "具体的取組の事業費（年度別）",
                "具体的取組ごとの年度別事業費（単位：千円）。空欄はその年度の記載がないもの。",
                serialize.budgets(vision), ("budget",), ("事業費", "予算")),
        dataset("kpis", "KPI（重要業績評価指標）",
                "ビジョン第3章の13のKPIの現状値と目標値。実績値は進行管理で公開する。",
                serialize.kpis(vision), ("vision",), ("KPI", "進行管理")),
    ]  # fmt: skip
    for table in vision.tables:
        unit = f"単位：{table.unit}。" if table.unit else ""
        as_of = f"時点：{table.as_of}。" if table.as_of else ""
        found.append(
            dataset(table.key, table.title,
                    f"ビジョン第2章の統計表「{table.title}」。{unit}{as_of}「-」は該当なし。",
                    serialize.stat_table(vision, table), ("statistics",), ("統計",),
                    f"{table.source}（{cited}に掲載）" if table.source else cited)
        )  # fmt: skip
    for m in vision.municipalities:
        found.extend(_member_datasets(vision, m, modified, cited))
    return found


def _member_datasets(
    vision: Vision, m: Municipality, modified: datetime, cited: str
) -> list[Dataset]:
    def dataset(suffix: str, title: str, notes: str, table: Table, group: str, tag: str) -> Dataset:
        return Dataset(
            f"{m.code}_{suffix}", f"{m.name} {title}", notes, member_name(m), table, modified,
            tags=(m.name, tag), groups=(group,), source=cited, version=vision.revision,
            extras=(("全国地方公共団体コード", m.code),),
        )  # fmt: skip

    return [
        dataset("participation", "参加する具体的取組",
                f"{m.name}が関係市町村として参加する具体的取組の一覧。",
                serialize.member_participation(vision, m), "vision", "具体的取組"),
        dataset("budget", "参加する具体的取組の事業費",
                f"{m.name}が参加する具体的取組の年度別事業費（単位：千円）。取組全体の事業費であり、"
                f"{m.name}の負担額ではない。", serialize.budgets(vision, m), "budget", "事業費"),
    ]  # fmt: skip


def build_catalog(
    vision: Vision,
    modified: datetime,
    license: License = CC_BY_4,
    extra: Sequence[Dataset] = (),
) -> Catalog:
    """The whole catalog. `modified` is when the vision was loaded; providers' datasets carry
    their own times. Raises ValueError for a bad name, a duplicate or an unknown reference."""
    orgs = organizations(vision)
    datasets = [*vision_datasets(vision, modified), *extra]
    _check(datasets, {o.name for o in orgs}, {g.name for g in GROUPS})
    return Catalog(
        name=f"{orgs[0].name}-opendata",
        title=f"{vision.area_name} オープンデータカタログ",
        description=f"{vision.area_name}の構成市町村が共同で公開するオープンデータ。",
        license=license,
        organizations=orgs,
        groups=GROUPS,
        datasets=tuple(datasets),
    )


def _check(datasets: list[Dataset], orgs: set[str], groups: set[str]) -> None:
    problems: list[str] = []
    seen: set[str] = set()
    for d in datasets:
        if not NAME_PATTERN.fullmatch(d.name):
            problems.append(f"{d.name!r}: names use a-z, 0-9, '-' and '_' (2-100 characters)")
        if d.name in seen:
            problems.append(f"{d.name}: published twice")
        seen.add(d.name)
        if d.organization not in orgs:
            problems.append(f"{d.name}: unknown organisation {d.organization!r}")
        problems.extend(f"{d.name}: unknown group {g!r}" for g in d.groups if g not in groups)
        if d.modified.tzinfo is None:
            problems.append(f"{d.name}: modified time without a time zone")
    if problems:
        raise ValueError("catalog: " + "; ".join(problems))
