"""The portal's charts: page figures turned into SVG with labels in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup

from toshiken.core.fiscal import era_year
from toshiken.core.i18n import gettext
from toshiken.core.money import thousand_yen
from toshiken.vision.charts import Datum, bars, columns


def year_label(fy: int, lang: str) -> tuple[str, ...]:
    """Two lines under a column: 令和3年度 / (2021年度); FY2021 in English."""
    if lang != "ja":
        return (f"FY{fy}",)
    era, number = era_year(fy, 4, 1)
    return (f"{era}{'元' if number == 1 else number}年度", f"({fy}年度)")


def budget_by_year(
    chart_id: str, title: str, by_year: Mapping[str, int | None], lang: str
) -> Markup:
    """Columns of a budget per fiscal year, in thousand yen."""
    data = [Datum(year_label(int(fy), lang), value) for fy, value in by_year.items()]
    return columns(chart_id, title, data, lambda v: thousand_yen(v, lang))


def population(chart_id: str, members: Sequence[Mapping[str, object]], lang: str) -> Markup:
    """Bars of the members' population, in the vision's order."""
    key = "name" if lang == "ja" else "name_en"
    data = [Datum((str(m[key]),), int(str(m["population"]))) for m in members]
    unit = gettext(lang, "%(n)s人")
    return bars(
        chart_id,
        gettext(lang, "市町村別人口"),
        data,
        lambda v: unit % {"n": f"{v:,}"} if v is not None else "—",
        label_width=110,
    )


def pillar_budgets(chart_id: str, pillars: Sequence[Mapping[str, object]], lang: str) -> Markup:
    """Bars of each pillar's budget over the period (labels above: the titles are long)."""
    data = [
        Datum((f"{p['number']}. {p['title']}",), int(str(p["budget_total_thousand_yen"])))
        for p in pillars
    ]
    return bars(
        chart_id,
        gettext(lang, "柱別の事業費（計画期間の合計）"),
        data,
        lambda v: thousand_yen(v, lang),
        label_width=0,
    )
