"""Cost sharing as open data: each initiative's cost rule by component, and the population sets."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toshiken.core.settings import Settings
from toshiken.costs import store
from toshiken.costs.catalog import RULES_FILE, Catalog, load_catalog
from toshiken.costs.orm import PopulationSetRow
from toshiken.costs.rows import component_row
from toshiken.costs.rules import RulesError
from toshiken.opendata.catalog import partnership_name
from toshiken.opendata.model import Cell, Dataset, Field, ForeignKey, Table
from toshiken.opendata.standard import CODE, NAME, local_government_name
from toshiken.vision.model import Vision

log = logging.getLogger(__name__)
LIST_SEPARATOR = ";"
"""Several values in one cell (負担者), as the standard's files separate them."""


def rules_table(catalog: Catalog, org: str) -> Table:
    """One row per component of each initiative's 費用負担, in document order."""
    fields = (
        Field("具体的取組ID", "initiativeId", required=True),
        Field("具体的取組名", "initiativeName"),
        Field("費用負担", "costSharingText", description="ビジョンの費用負担欄（タグを除く）"),
        Field("構成番号", "componentNumber", "integer", "費用負担の中の何番目の定めか", True),
        Field("対象経費", "scope"),
        Field("負担の種類", "kind", description="hub_pays, population_ratio など（docs/costs.md）",
              required=True),
        Field("負担の種類_名称", "kindLabel"),
        Field("利用実績の単位", "measure", description="usage_based: 利用児童数・ごみの量など"),
        Field("根拠", "instrument", description="by_agreement: 協定書・規約・条文"),
        Field("負担者", "payers", description=f"複数は「{LIST_SEPARATOR}」区切り"),
        Field("提供自治体", "provider"),
        Field("均等割", "equalWeight", description="均等割＋人口割の均等割の割合（分数）"),
        Field("人口割", "populationWeight", description="均等割＋人口割の人口割の割合（分数）"),
        Field("備考", "remarks"),
    )  # fmt: skip
    rows: list[tuple[Cell, ...]] = []
    for rule in catalog.rules:
        title = catalog.initiative(rule.initiative_id).title
        for number, component in enumerate(rule.components, start=1):
            row = component_row(number, component)
            weights = row["weights"] if isinstance(row["weights"], dict) else {}
            measure = row["measure_label"]
            rows.append(
                (rule.initiative_id, title, rule.text, number, component.scope,
                 component.kind.value, str(row["kind_label"]),
                 str(measure) if measure else None,
                 component.instrument, LIST_SEPARATOR.join(component.payers) or None,
                 component.provider, weights.get("equal"), weights.get("population"),
                 component.note)
            )  # fmt: skip
    return Table(
        fields, tuple(rows), primary_key=("具体的取組ID", "構成番号"),
        foreign_keys=(ForeignKey(("具体的取組ID",), f"{org}_initiatives", ("ID",)),),
    )  # fmt: skip


def populations_table(session: Session, vision: Vision) -> Table:
    """Every stored population set (the vision's first), one row per municipality."""
    names = {m.code: m.name for m in vision.municipalities}
    fields = (
        Field("人口データ名", "populationSet", required=True),
        Field("時点", "asOf", "date", "YYYY-MM-DD"),
        Field("出典", "source"),
        CODE,
        NAME,
        Field("人口", "population", "integer", "単位：人", required=True),
    )
    rows = []
    for listed in store.population_sets(session):
        found = store.population_set(session, listed.id)
        if found is None:
            continue
        population = found[1]
        for code, people in sorted(population.populations.items()):
            name = local_government_name(code, names[code]) if code in names else None
            rows.append((listed.name, listed.as_of.isoformat(), listed.source, code, name, people))
    return Table(fields, tuple(rows), primary_key=("人口データ名", "全国地方公共団体コード"))


def _file_time(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)


def provide(session: Session, vision: Vision, settings: Settings) -> list[Dataset]:
    """The cost rules checked against the loaded vision (none when they disagree: logged)."""
    path = settings.data_dir / RULES_FILE
    try:
        catalog = load_catalog(settings.data_dir, vision)
    except (OSError, RulesError) as exc:
        log.warning("open data: the cost rules are not published: %s", exc)
        return []
    org = partnership_name(vision)
    cited = f"{vision.title}（{vision.revision}）の費用負担欄と、その分類（{RULES_FILE}）"
    found = [
        Dataset(
            f"{org}_cost_rules", "具体的取組の費用負担ルール",
            "具体的取組ごとの費用負担を、定めの構成ごとに分類したもの（熊本市が負担、人口割合で按分、"
            "利用実績に応じて負担など）。負担額そのものではない。",
            org, rules_table(catalog, org), _file_time(path),
            tags=("連携中枢都市圏", "費用負担"), groups=("budget",), source=cited,
            version=vision.revision,
        ),
    ]  # fmt: skip
    table = populations_table(session, vision)
    if table.rows:
        found.append(
            Dataset(
                f"{org}_cost_populations", "費用按分に用いる人口",
                "人口割合・均等割＋人口割の按分に用いる人口データ（時点と出典つき）。",
                org, table, _population_time(session) or _file_time(path),
                tags=("連携中枢都市圏", "費用負担", "人口"), groups=("budget",),
                source="各人口データの出典欄のとおり", version=vision.revision,
            )
        )  # fmt: skip
    return found


def _population_time(session: Session) -> datetime | None:
    """When the newest population set was stored (UTC)."""
    found: datetime | None = session.scalar(select(func.max(PopulationSetRow.created_at)))
    if found is None:
        return None
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)
