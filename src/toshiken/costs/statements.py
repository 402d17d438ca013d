"""Settlement statements (精算書) as an Excel workbook and as a PDF in Japanese (IPAexGothic)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from toshiken.core.fiscal import fiscal_year_label
from toshiken.core.money import yen
from toshiken.costs.rows import Row

HERE = Path(__file__).parent
PDF_CSS = HERE / "static" / "statements.css"
PDF_TEMPLATE = "costs/statements_pdf.html"
YEN_FORMAT = '#,##0"円"'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORBIDDEN = str.maketrans({c: "・" for c in "[]:*?/\\"})


def statements_xlsx(statements: Sequence[Row], title: str, fiscal_year: int) -> bytes:
    """A summary sheet 一覧, then one sheet per statement (payer → payee); amounts are ints."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "一覧"
    summary.append([f"{title} 精算書一覧", fiscal_year_label(fiscal_year)])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([])
    summary.append(["支払う市町村（利用自治体）", "受け取る市町村（提供自治体）", "金額"])
    _bold(summary, 3)
    for row in statements:
        summary.append([row["payer"], row["payee"], row["total_yen"]])
        summary.cell(summary.max_row, 3).number_format = YEN_FORMAT
    summary.append(["合計", "", sum(int(str(r["total_yen"])) for r in statements)])
    _bold(summary, summary.max_row)
    summary.cell(summary.max_row, 3).number_format = YEN_FORMAT
    _widths(summary, (28, 28, 18))
    used: set[str] = {"一覧"}
    for row in statements:
        _statement_sheet(book.create_sheet(_sheet_name(row, used)), row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _statement_sheet(sheet: Worksheet, row: Row) -> None:
    sheet.append(["精算書"])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in (
        ("事業", row["title"]),
        ("年度", row["fiscal_year_label"]),
        ("支払う市町村（利用自治体）", row["payer"]),
        ("受け取る市町村（提供自治体）", row["payee"]),
    ):
        sheet.append([label, value])
    sheet.append([])
    sheet.append(["項目", "数量", "金額", "計算"])
    _bold(sheet, sheet.max_row)
    for line in row["lines"]:  # type: ignore[attr-defined]
        quantity = Decimal(line["quantity_value"])
        sheet.append([line["label"], quantity, line["yen"], line["explanation"]])
        sheet.cell(sheet.max_row, 3).number_format = YEN_FORMAT
        sheet.cell(sheet.max_row, 4).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append(["合計", "", row["total_yen"]])
    _bold(sheet, sheet.max_row)
    sheet.cell(sheet.max_row, 3).number_format = YEN_FORMAT
    _widths(sheet, (28, 12, 16, 80))


def _sheet_name(row: Row, used: set[str]) -> str:
    base = f"{row['payer']}→{row['payee']}".translate(_FORBIDDEN)[:28]
    name, n = base, 2
    while name in used:
        name, n = f"{base}({n})", n + 1
    used.add(name)
    return name


def _bold(sheet: Worksheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for letter, width in zip("ABCD", widths, strict=False):
        sheet.column_dimensions[letter].width = width


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
    )
    env.filters.update(yen=yen, fy=fiscal_year_label)
    return env


def statements_html(
    statements: Sequence[Row], title: str, fiscal_year: int, issued: date, area: str
) -> str:
    """The printable statements: a summary page, then one page per statement."""
    return _environment().get_template(PDF_TEMPLATE).render(
        statements=statements, title=title, fiscal_year=fiscal_year, issued=issued, area=area,
        total=sum(int(str(r["total_yen"])) for r in statements),
    )  # fmt: skip


def statements_pdf(html: str) -> bytes:
    """PDF bytes; the stylesheet names the TrueType IPAexGothic only, so embedding is fast."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped, unused-ignore]

    document = HTML(string=html).render(stylesheets=[CSS(filename=str(PDF_CSS))])
    pdf: bytes = document.write_pdf()
    return pdf
