"""The council's annual progress report as HTML, PDF (WeasyPrint) and Excel, from one context."""

from __future__ import annotations

import io
from datetime import datetime
from enum import StrEnum

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from toshiken.core.fiscal import fiscal_year_label
from toshiken.progress.charts import as_image, kpi_figure, spending_bars
from toshiken.progress.dashboard import Dashboard, share
from toshiken.progress.model import KpiStatus, ScheduleState
from toshiken.progress.pages import templates
from toshiken.progress.printing import print_pdf, render_pdf
from toshiken.progress.rows import initiative_rows, kpi_rows, spending_rows
from toshiken.vision.model import Vision

FONT_FAMILY = "'IPAexGothic', 'IPAexゴシック', sans-serif"
"""A TrueType font: WeasyPrint subsets it fast (see bench/bench_report.py)."""


__all__ = ["print_pdf", "render_pdf"]  # printed by progress/printing.py, re-exported here


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


MEDIA_TYPES = {
    ReportFormat.html: "text/html; charset=utf-8",
    ReportFormat.pdf: "application/pdf",
    ReportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(fiscal_year: int, fmt: ReportFormat) -> str:
    return f"progress-report-fy{fiscal_year}.{fmt.value}"


def render_html(
    vision: Vision,
    dashboard: Dashboard,
    published: bool,
    as_of: datetime | None,
    font_family: str = FONT_FAMILY,
) -> str:
    """The report as one self-contained HTML document (styles and charts inline).

    `as_of` is the time of the last change to the figures, not the time of printing: the same
    data gives the same document, which lets render_pdf reuse an earlier PDF.
    """
    d = dashboard
    reported = len(d.initiatives) - d.schedule_count(ScheduleState.unreported)
    context = {
        "vision": vision, "d": d, "fy": d.fiscal_year, "published": published,
        "as_of": as_of.strftime("%Y-%m-%d %H:%M UTC") if as_of else "—", "font_family": font_family,
        "counts": {s.value: d.kpi_count(s) for s in KpiStatus},
        "states": {s.value: d.schedule_count(s) for s in ScheduleState}, "reported": reported,
        "spent_rate": share(d.spent_total, d.planned_total),
        "names": {m.code: m.name for m in vision.municipalities},
        "charts": {line.kpi.number: kpi_figure(line) for line in d.kpis},
        "spending_chart": as_image(
            spending_bars(d.spending["pillar"], "pillars", "柱別の事業費（計画・実績、千円）")
        ),
    }  # fmt: skip
    return templates.env.get_template("annual.html").render(context)


def render_xlsx(vision: Vision, dashboard: Dashboard) -> bytes:
    """The report's tables as a workbook: summary, KPIs, initiatives, spending (with a chart)."""
    names = {m.code: m.name for m in vision.municipalities}
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "概要"
    d = dashboard
    summary.append((f"{vision.area_name} 進行管理報告書", fiscal_year_label(d.fiscal_year)))
    summary.append(("KPI達成率(%)", _num(d.achieved_share)))
    for status in KpiStatus:
        summary.append((f"KPI {status.value}", d.kpi_count(status)))
    summary.append(("予定どおりの取組の割合(%)", _num(d.on_schedule_share)))
    for state in ScheduleState:
        summary.append((f"取組 {state.value}", d.schedule_count(state)))
    summary.append(("計画額(千円)", d.planned_total))
    summary.append(("実績額(千円)", d.spent_total))
    _table(book, "KPI", [{k: v for k, v in r.items() if k != "path"} for r in kpi_rows(d)])
    flat = [
        {**{k: v for k, v in r.items() if k != "reports"}, **report}
        for r in initiative_rows(d, names)
        for report in (r["reports"] or [{}])  # type: ignore[attr-defined]
    ]
    _table(book, "取組", flat)
    for axis, title in (("pillar", "柱別"), ("policy", "施策別"), ("municipality", "市町村別")):
        sheet = _table(book, f"事業費({title})", spending_rows(d.spending[axis]))
        if axis == "pillar":
            _bar_chart(sheet, len(d.spending[axis]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _num(value: object) -> float | None:
    return None if value is None else float(str(value))


def _table(book: Workbook, title: str, rows: list[dict[str, object]]) -> Worksheet:
    sheet: Worksheet = book.create_sheet(title)
    if rows:
        sheet.append(list(rows[0]))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(v) for v in row.values()])
    sheet.freeze_panes = "A2"
    return sheet


def _cell(value: object) -> object:
    if isinstance(value, list | dict):
        return str(value)
    return value


def _bar_chart(sheet: Worksheet, count: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = "柱別の事業費（千円）"
    data = Reference(sheet, min_col=3, max_col=4, min_row=1, max_row=count + 1)
    labels = Reference(sheet, min_col=2, min_row=2, max_row=count + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    sheet.add_chart(chart, "H2")
