"""The KPI-actuals workbook: build the pre-filled template, and read a filled one all-or-nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toshiken.core.text import nfkc
from toshiken.progress import entry
from toshiken.progress.entry import Invalid
from toshiken.progress.model import KpiActual
from toshiken.vision.model import Kpi

SHEET = "KPI実績"
HEADERS = ("KPI番号", "指標名", "単位", "年（年度）", "実績値", "出典", "備考")
FIELDS = ("kpi", "name", "unit", "period", "value", "source", "note")
MAX_ROWS = 5000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class UploadError:
    """A refused cell or file: where (sheet, row, column) and why (a code, with the value)."""

    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the column letter
    header: str | None = None
    value: str = ""

    def as_row(self) -> dict[str, object]:
        return {
            "sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header,
            "code": self.code, "value": self.value,
        }  # fmt: skip


class UploadRejected(ValueError):
    """The workbook was refused; nothing was saved. `errors` lists every problem found."""

    def __init__(self, errors: list[UploadError]) -> None:
        super().__init__("; ".join(f"{e.sheet}!{e.column}{e.row}: {e.code}" for e in errors))
        self.errors = errors


def new_book(title: str, headers: Sequence[str]) -> tuple[Workbook, Worksheet]:
    """A workbook whose first sheet is `title`, with `headers` as a bold, shaded first row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(tuple(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    return book, sheet


def with_guide(book: Workbook, guide: Iterable[str]) -> bytes:
    """The workbook as .xlsx bytes, with a 説明 sheet of one line per entry of `guide`."""
    sheet = book.create_sheet("説明")
    for line in guide:
        sheet.append((line,))
    sheet.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_template(kpis: Iterable[Kpi], actuals: Iterable[KpiActual], year: int) -> bytes:
    """Every KPI with its recorded actuals, and an empty row for `year` where none exists yet."""
    book, sheet = new_book(SHEET, HEADERS)
    recorded = list(actuals)
    for kpi in kpis:
        mine = sorted((a for a in recorded if a.kpi == kpi.number), key=lambda a: a.period)
        for a in mine:
            sheet.append((kpi.number, kpi.name, kpi.unit, a.period, a.value, a.source, a.note))
        if all(a.period != year for a in mine):
            sheet.append((kpi.number, kpi.name, kpi.unit, year, None, kpi.source or "", ""))
    for column, width in zip("ABCDEFG", (9, 48, 12, 12, 14, 32, 32), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    numbers = DataValidation(type="decimal", allow_blank=True, showErrorMessage=True)
    numbers.error, numbers.errorTitle = "数値を入力してください", "実績値"
    numbers.add(f"E2:E{MAX_ROWS}")
    sheet.add_data_validation(numbers)
    return with_guide(book, _GUIDE)


_GUIDE = (
    "KPI実績の入力用テンプレートです。",
    "「KPI実績」シートの「実績値」列に数値を入力し、出典・備考を記入してアップロードしてください。",
    "年（年度）は各KPIの定義に従います（暦年のKPIは暦年、それ以外は年度）。",
    "実績値が空欄の行は取り込みません。同じKPI・年の行が2つあるとエラーになります。",
    "1行でも誤りがあると、ファイル全体を取り込みません（誤りの場所と理由を表示します）。",
)


def sheet_rows(data: bytes, sheet: str, columns: int) -> list[tuple[object, ...]]:
    """One sheet's values of an uploaded .xlsx; UploadRejected when empty, not xlsx or no sheet."""
    if not data:
        raise UploadRejected([UploadError("empty_file")])
    try:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ValueError("not a zip")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UploadRejected([UploadError("not_xlsx")]) from None
    try:
        if sheet not in book.sheetnames:
            raise UploadRejected([UploadError("no_sheet", sheet=sheet)])
        return list(book[sheet].iter_rows(max_col=columns, values_only=True))
    finally:
        book.close()


def read_upload(data: bytes, kpis: Collection[int]) -> list[KpiActual]:
    """The actuals of a filled template. Raises UploadRejected listing every bad cell."""
    return _read_rows(sheet_rows(data, SHEET, len(HEADERS)), kpis)


def _read_rows(rows: Sequence[Sequence[object]], kpis: Collection[int]) -> list[KpiActual]:
    if not rows:
        raise UploadRejected([UploadError("empty", sheet=SHEET)])
    header = [nfkc(str(c or "")).strip() for c in rows[0]] + [""] * len(HEADERS)
    for index, expected in enumerate(HEADERS):
        if header[index] != nfkc(expected):
            raise UploadRejected([_error("bad_header", 1, index, header[index])])
    if len(rows) > MAX_ROWS:
        raise UploadRejected([UploadError("too_many_rows", sheet=SHEET, value=str(MAX_ROWS))])
    errors: list[UploadError] = []
    found: list[KpiActual] = []
    first_row: dict[tuple[int, int], int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        cells = dict(zip(FIELDS, list(raw) + [None] * len(FIELDS), strict=False))
        if blank(cells["value"]):
            continue  # a template row left unfilled (its source may be pre-filled)
        actual = _read_row(cells, number, kpis, errors)
        if actual is None:
            continue
        key = (actual.kpi, actual.period)
        if key in first_row:
            errors.append(_error("duplicate", number, FIELDS.index("period"), str(first_row[key])))
            continue
        first_row[key] = number
        found.append(actual)
    if errors:
        raise UploadRejected(errors)
    if not found:
        raise UploadRejected([UploadError("empty", sheet=SHEET)])
    return found


def _read_row(
    cells: dict[str, object], number: int, kpis: Collection[int], errors: list[UploadError]
) -> KpiActual | None:
    before = len(errors)
    parsers: dict[str, Callable[[object], object]] = {
        "kpi": lambda v: entry.whole(v, kpis),
        "period": lambda v: entry.whole(v, entry.YEARS),
        "value": entry.number,
        "source": lambda v: entry.text(v, 300),
        "note": entry.text,
    }
    values: dict[str, object] = {}
    for field, parse in parsers.items():
        raw = cells[field]
        try:
            values[field] = parse(raw if raw is not None else "")
        except Invalid as exc:
            code = "unknown_kpi" if field == "kpi" and exc.code == "out_of_range" else exc.code
            errors.append(_error(code, number, FIELDS.index(field), "" if raw is None else raw))
    if len(errors) > before:
        return None
    return KpiActual(**values)  # type: ignore[arg-type]


def blank(value: object) -> bool:
    """An empty cell: None, or text of spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def _error(code: str, row: int, index: int, value: object) -> UploadError:
    return UploadError(
        code, SHEET, row, get_column_letter(index + 1), HEADERS[index], str(value)[:100]
    )
