"""The initiative-reports workbook: a pre-filled template per year, and an all-or-nothing reader."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from toshiken.core.text import nfkc
from toshiken.progress import entry
from toshiken.progress.entry import Invalid
from toshiken.progress.model import Implementation, InitiativeReport
from toshiken.progress.workbook import (
    MAX_ROWS,
    UploadError,
    UploadRejected,
    blank,
    new_book,
    sheet_rows,
    with_guide,
)

SHEET = "取組報告"
HEADERS = (
    "取組番号", "取組名", "市町村コード", "市町村名",
    "年度", "実施状況", "実績額（千円）", "実施内容",
)  # fmt: skip
FIELDS = ("initiative", "title", "municipality", "name", "fiscal_year", "status", "spent",
          "activities")  # fmt: skip
STATUS_WORDS = {
    "実施済": Implementation.done, "実施中": Implementation.in_progress,
    "一部実施": Implementation.partial, "未着手": Implementation.not_started,
    "中止": Implementation.cancelled,
}  # fmt: skip
WORD_OF = {status: word for word, status in STATUS_WORDS.items()}


@dataclass(frozen=True)
class Slot:
    """A row of the template: one participant's part of one initiative."""

    initiative_id: str
    title: str
    municipality_code: str
    municipality: str


def build_template(
    slots: Iterable[Slot], reports: Iterable[InitiativeReport], fiscal_year: int
) -> bytes:
    """One row per slot the user may report, with what is already reported filled in."""
    known = {(r.initiative_id, r.municipality_code): r for r in reports}
    book, sheet = new_book(SHEET, HEADERS)
    for s in slots:
        r = known.get((s.initiative_id, s.municipality_code))
        status = WORD_OF[r.status] if r else None
        spent = r.spent if r else None
        sheet.append((s.initiative_id, s.title, s.municipality_code, s.municipality, fiscal_year,
                      status, spent, r.activities if r else ""))  # fmt: skip
    for column, width in zip("ABCDEFGH", (10, 40, 12, 12, 8, 12, 14, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C2"
    statuses = DataValidation(
        type="list", formula1='"' + ",".join(STATUS_WORDS) + '"', allow_blank=True
    )
    statuses.add(f"F2:F{MAX_ROWS}")
    amounts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=True, showErrorMessage=True)  # fmt: skip
    amounts.error, amounts.errorTitle = "0以上の整数（千円）を入力してください", "実績額"
    amounts.add(f"G2:G{MAX_ROWS}")
    sheet.add_data_validation(statuses)
    sheet.add_data_validation(amounts)
    return with_guide(book, _GUIDE)


_GUIDE = (
    "取組の実施状況の報告用テンプレートです（1行が1市町村の担当分）。",
    "実施状況は 実施済・実施中・一部実施・未着手・中止 から選びます。",
    "実績額は千円単位の整数です。支出がない場合は0、不明な場合は空欄にします。",
    "実施状況・実績額・実施内容がすべて空欄の行は取り込みません。",
    "1行でも誤りがあると、ファイル全体を取り込みません（誤りの場所と理由を表示します）。",
)


def read_upload(
    data: bytes,
    participants: Mapping[str, Collection[str]],
    may_report: Callable[[str], bool],
    fiscal_years: Collection[int],
) -> list[InitiativeReport]:
    """The reports of a filled template. Raises UploadRejected listing every bad cell.

    `participants` maps each initiative to its municipalities; `may_report` says whether the
    uploader may report for a municipality.
    """
    rows = sheet_rows(data, SHEET, len(HEADERS))
    return _read_rows(rows, participants, may_report, fiscal_years)


def _read_rows(
    rows: Sequence[Sequence[object]],
    participants: Mapping[str, Collection[str]],
    may_report: Callable[[str], bool],
    fiscal_years: Collection[int],
) -> list[InitiativeReport]:
    if not rows:
        raise UploadRejected([UploadError("empty", sheet=SHEET)])
    header = [nfkc(str(c or "")).strip() for c in rows[0]] + [""] * len(HEADERS)
    for index, expected in enumerate(HEADERS):
        if header[index] != nfkc(expected):
            raise UploadRejected([_error("bad_header", 1, "initiative", header[index], index)])
    if len(rows) > MAX_ROWS:
        raise UploadRejected([UploadError("too_many_rows", sheet=SHEET, value=str(MAX_ROWS))])
    errors: list[UploadError] = []
    found: list[InitiativeReport] = []
    first_row: dict[tuple[str, int, str], int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        cells = dict(zip(FIELDS, list(raw) + [None] * len(FIELDS), strict=False))
        if all(blank(cells[f]) for f in ("status", "spent", "activities")):
            continue  # a template row left unfilled
        report = _read_row(cells, number, participants, may_report, fiscal_years, errors)
        if report is None:
            continue
        key = (report.initiative_id, report.fiscal_year, report.municipality_code)
        if key in first_row:
            errors.append(_error("duplicate", number, "municipality", str(first_row[key])))
            continue
        first_row[key] = number
        found.append(report)
    if errors:
        raise UploadRejected(errors)
    if not found:
        raise UploadRejected([UploadError("empty", sheet=SHEET)])
    return found


def _read_row(
    cells: dict[str, object],
    number: int,
    participants: Mapping[str, Collection[str]],
    may_report: Callable[[str], bool],
    fiscal_years: Collection[int],
    errors: list[UploadError],
) -> InitiativeReport | None:
    before = len(errors)

    def fail(code: str, field: str) -> None:
        raw = cells[field]
        errors.append(_error(code, number, field, "" if raw is None else raw))

    initiative = nfkc(str(cells["initiative"] or "")).strip()
    code = nfkc(str(cells["municipality"] or "")).strip()
    if initiative not in participants:
        fail("unknown_initiative", "initiative")
    elif code not in participants[initiative]:
        fail("not_participant", "municipality")
    elif not may_report(code):
        fail("not_yours", "municipality")
    parsed: dict[str, object] = {}
    parsers: dict[str, Callable[[object], object]] = {
        "fiscal_year": lambda v: entry.whole("" if v is None else v, fiscal_years),
        "status": _status,
        "spent": entry.amount,
        "activities": entry.text,
    }
    for field, parse in parsers.items():
        try:
            parsed[field] = parse(cells[field])
        except Invalid as exc:
            fail(exc.code, field)
    if len(errors) > before:
        return None
    return InitiativeReport(initiative, parsed["fiscal_year"], code, parsed["status"],  # type: ignore[arg-type]
                            parsed["spent"], parsed["activities"])  # type: ignore[arg-type]  # fmt: skip


def _status(raw: object) -> Implementation:
    text = nfkc(str(raw or "")).strip()
    if not text:
        raise Invalid("required")
    if text in STATUS_WORDS:
        return STATUS_WORDS[text]
    try:
        return Implementation(text)
    except ValueError:
        raise Invalid("bad_status") from None


def _error(code: str, row: int, field: str, value: object, index: int | None = None) -> UploadError:
    at = FIELDS.index(field) if index is None else index
    return UploadError(code, SHEET, row, get_column_letter(at + 1), HEADERS[at], str(value)[:100])
