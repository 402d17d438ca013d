"""Usage figures from CSV (UTF-8, with or without BOM) or Excel files, checked all-or-nothing."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils.exceptions import (  # type: ignore[import-untyped, unused-ignore]
    InvalidFileException,
)

from toshiken.core.text import nfkc
from toshiken.costs.model import UsageRecord


@dataclass(frozen=True)
class UsageLayout:
    """The columns a usage file has: 年度, 利用自治体, the quantity and, for some, more."""

    quantity: str  # header of the quantity column, e.g. 利用児童数
    whole: bool  # counts must be whole numbers (tonnes may have decimals)
    provider: bool = False  # a 提供自治体 column is required
    facility: bool = False  # a 施設 column is required


SICK_CHILD = UsageLayout("利用児童数", whole=True, provider=True, facility=True)
WASTE = UsageLayout("ごみ量(t)", whole=False)
SUPPORT_SCHOOL = UsageLayout("利用回数", whole=True)

ALIASES: dict[str, tuple[str, ...]] = {
    "fiscal_year": ("年度", "fiscal_year"),
    "municipality": ("利用自治体", "市町村", "municipality"),
    "provider": ("提供自治体", "provider"),
    "facility": ("施設", "facility"),
    "period": ("期間", "月", "period"),
}
Report = Callable[[str, str], None]
"""Records a problem of the current row: (field, reason)."""
Check = Callable[[str, object], str | None]
"""A caller's extra rule for a parsed cell: (field, value) -> why it is refused, or None."""

_YEAR = re.compile(r"(\d{4})(?:年度)?")
_REIWA = re.compile(r"(?:令和|R)(元|\d{1,2})(?:年度)?", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One reason a usage file was refused, with its place (row 1 is the header)."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.row}行目 {self.column}: {self.reason}" if self.row else self.reason


class UsageFileError(ValueError):
    """The file was refused; nothing was read from it. ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("利用実績ファイルを読み込めません:\n" + "\n".join(map(str, problems)))


def parse_usage_csv(
    data: bytes, municipalities: Mapping[str, str], layout: UsageLayout
) -> tuple[UsageRecord, ...]:
    """Records from CSV bytes; ``municipalities`` maps code -> name (either is accepted)."""
    return parse_usage_rows(csv_rows(data), municipalities, layout)


def parse_usage_xlsx(
    data: bytes, municipalities: Mapping[str, str], layout: UsageLayout
) -> tuple[UsageRecord, ...]:
    """Records from the first sheet of an .xlsx workbook (header in row 1)."""
    return parse_usage_rows(xlsx_rows(data), municipalities, layout)


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of CSV bytes (UTF-8, with or without BOM); UsageFileError when unreadable."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = "UTF-8 として読めません（Excel では「CSV UTF-8」で保存してください）"
        raise UsageFileError([Problem(0, "ファイル", reason)]) from error
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise UsageFileError([Problem(0, "ファイル", f"CSV として読めません: {error}")]) from error


def xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet of an .xlsx workbook as text rows; UsageFileError when unreadable."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError, OSError) as error:
        problem = Problem(0, "ファイル", "Excel ブック（.xlsx）として読めません")
        raise UsageFileError([problem]) from error
    return rows


def file_rows(data: bytes) -> list[list[str]]:
    """Rows of an uploaded file: an .xlsx workbook (a zip archive) or else CSV."""
    return xlsx_rows(data) if data[:4] == b"PK\x03\x04" else csv_rows(data)


def parse_usage_rows(
    rows: Sequence[Sequence[str]],
    municipalities: Mapping[str, str],
    layout: UsageLayout,
    check: Check | None = None,
) -> tuple[UsageRecord, ...]:
    """Records from text rows, the first being the header; raise with every problem found.

    ``check`` adds rules of the caller (e.g. one fiscal year, participants only) to the
    fiscal_year, municipality and provider cells, reported with their row and column too.
    """
    if not rows:
        raise UsageFileError([Problem(0, "ファイル", "空のファイルです")])
    problems: list[Problem] = []
    columns = _columns(rows[0], layout, problems)
    if problems:
        raise UsageFileError(problems)
    codes = _lookup(municipalities)
    records: list[UsageRecord] = []
    first_row: dict[tuple[object, ...], int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        cells = {field: _get(raw, index) for field, (index, _) in columns.items()}
        if not any(_get(raw, i) for i in range(len(raw))):
            continue
        start = len(problems)

        def problem(field: str, reason: str, row: int = number) -> None:
            problems.append(Problem(row, columns[field][1], reason))

        fiscal_year = _fiscal_year(cells["fiscal_year"], problem)
        municipality = _municipality(cells["municipality"], codes, "municipality", problem)
        provider = None
        if "provider" in columns and (layout.provider or cells["provider"]):
            provider = _municipality(cells["provider"], codes, "provider", problem)
        facility = cells.get("facility") or None
        if layout.facility and facility is None:
            problem("facility", "値がありません")
        quantity = _quantity(cells["quantity"], layout.whole, problem)
        if check is not None:
            parsed = (("fiscal_year", fiscal_year), ("municipality", municipality))
            for field, value in (*parsed, ("provider", provider)):
                reason = check(field, value) if value is not None else None
                if reason:
                    problem(field, reason)
        if len(problems) > start:
            continue
        assert fiscal_year is not None and municipality is not None and quantity is not None
        period = cells.get("period") or None
        key = (fiscal_year, provider, facility, period, municipality)
        if key in first_row:
            problem("municipality", f"{first_row[key]}行目と同じ記録が重複しています")
            continue
        first_row[key] = number
        records.append(
            UsageRecord(fiscal_year, municipality, quantity, provider, facility, period, number)
        )
    if problems:
        raise UsageFileError(problems)
    return tuple(records)


def _columns(
    header: Sequence[str], layout: UsageLayout, problems: list[Problem]
) -> dict[str, tuple[int, str]]:
    """field -> (column index, header as written)."""
    wanted = dict(ALIASES, quantity=(layout.quantity, "quantity"))
    required = {"fiscal_year", "municipality", "quantity"}
    required |= {"provider"} if layout.provider else set()
    required |= {"facility"} if layout.facility else set()
    found: dict[str, tuple[int, str]] = {}
    for index, name in enumerate(header):
        key = nfkc(name).strip().lower()
        for field, names in wanted.items():
            if key in (nfkc(n).lower() for n in names):
                if field in found:
                    problems.append(Problem(1, name, "同じ列が2つあります"))
                found[field] = (index, name.strip())
    for field in sorted(required - set(found)):
        problems.append(Problem(1, wanted[field][0], "列がありません"))
    return found


def _lookup(municipalities: Mapping[str, str]) -> dict[str, str]:
    """Every accepted spelling (code or name, NFKC) -> code."""
    table = {nfkc(name).strip(): code for code, name in municipalities.items()}
    table.update({code: code for code in municipalities})
    return table


def _get(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _fiscal_year(text: str, problem: Report) -> int | None:
    value = nfkc(text).replace(" ", "")
    if not value:
        problem("fiscal_year", "値がありません")
        return None
    if found := _YEAR.fullmatch(value):
        return int(found.group(1))
    if found := _REIWA.fullmatch(value):
        number = found.group(1)
        return 2018 + (1 if number == "元" else int(number))
    problem("fiscal_year", f"年度として読めません: {text!r}（例 2024、2024年度、令和6年度）")
    return None


def _municipality(text: str, codes: Mapping[str, str], field: str, problem: Report) -> str | None:
    value = nfkc(text).strip()
    if not value:
        problem(field, "値がありません")
        return None
    if value not in codes:
        problem(field, f"市町村名・団体コードとして知られていません: {text!r}")
        return None
    return codes[value]


def _quantity(text: str, whole: bool, problem: Report) -> Decimal | None:
    value = nfkc(text).replace(",", "").strip()
    if not value:
        problem("quantity", "値がありません")
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        problem("quantity", f"数値ではありません: {text!r}")
        return None
    if number < 0:
        problem("quantity", f"負の値です: {text}")
        return None
    if whole and number != number.to_integral_value():
        problem("quantity", f"整数ではありません: {text}")
        return None
    return Decimal(int(number)) if whole else number


def _cell(value: object) -> str:
    """An Excel cell as the text a person would type; floats by their shortest repr."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
