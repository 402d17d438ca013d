"""CSV (UTF-8 with BOM, opens in Excel) and Excel files of a register, written and read as grids."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from toshiken.registers.tables import Cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
ENCODINGS = ("utf-8-sig", "cp932")
Grid = list[list[str]]


class FileRejected(ValueError):
    """A file that is not a readable CSV or Excel workbook."""


def write_csv(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_text(c) for c in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def write_xlsx(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """One sheet: a bold, frozen header row, then the rows; text stays text (codes keep zeros)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx(c) for c in row])
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            10, min(40, len(header) * 2 + 2)
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx(cell: Cell) -> object:
    return "" if cell is None else cell


def read_csv(data: bytes) -> Grid:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    raise FileRejected("CSVファイルを読めません（UTF-8 または Shift_JIS で保存してください）")


def read_xlsx(data: bytes) -> Grid:
    """The first sheet's cells as text: dates as 2025-04-01, times as 09:30, whole numbers bare."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileRejected("Excelファイル（.xlsx）を読めません") from exc
    sheet = book.worksheets[0]
    grid = [[_cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return grid


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == time() else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return (
            format(Decimal(repr(value)).normalize(), "f")
            if value != int(value)
            else str(int(value))
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_grid(file_name: str, data: bytes) -> Grid:
    """A CSV or Excel file by its name's ending."""
    if file_name.lower().endswith(".xlsx"):
        return read_xlsx(data)
    if file_name.lower().endswith((".csv", ".txt")):
        return read_csv(data)
    raise FileRejected(f"「{file_name}」はCSV（.csv）でもExcel（.xlsx）でもありません")
