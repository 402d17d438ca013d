"""The members: the reviewed reference file, the document's member list and its base-data table."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from toshiken.core.codes import is_valid_code
from toshiken.core.fiscal import parse_wareki_date
from toshiken.vision.document import Document, parse_decimal, parse_int
from toshiken.vision.model import Municipality, MunicipalityKind
from toshiken.vision.report import LoadReport

REFERENCE_COLUMNS = ("code", "name", "reading", "name_en")


@dataclass(frozen=True)
class Reference:
    """A row of municipalities.csv: what the document does not say about a member."""

    code: str
    name: str
    reading: str
    name_en: str


class ReferenceError(ValueError):
    """municipalities.csv is malformed; the message names the row and column."""


def read_reference(text: str, name: str = "municipalities.csv") -> dict[str, Reference]:
    """Parse and validate the reference file; keyed by municipality name."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if tuple(reader.fieldnames or ()) != REFERENCE_COLUMNS:
        raise ReferenceError(f"{name}: header must be {','.join(REFERENCE_COLUMNS)}")
    result: dict[str, Reference] = {}
    for row_number, row in enumerate(reader, start=2):
        for column in REFERENCE_COLUMNS:
            if not (row.get(column) or "").strip():
                raise ReferenceError(f"{name}: row {row_number}, column {column}: empty")
        code = row["code"].strip()
        if not is_valid_code(code):
            raise ReferenceError(
                f"{name}: row {row_number}, column code: {code!r} is not a 6-digit "
                "local-government code with a correct check digit"
            )
        reading = row["reading"].strip()
        if not all("ァ" <= c <= "ヶ" or c == "ー" for c in reading):
            raise ReferenceError(f"{name}: row {row_number}, column reading: not katakana")
        ref = Reference(code, row["name"].strip(), reading, row["name_en"].strip())
        if ref.name in result or any(r.code == code for r in result.values()):
            raise ReferenceError(f"{name}: row {row_number}: duplicate {ref.name} / {code}")
        result[ref.name] = ref
    return result


def read_member_list(doc: Document, report: LoadReport) -> tuple[list[str], int]:
    """The names under (2) 構成市町村の名称, and the line they are on."""
    heading = doc.find(lambda t: t.strip() == "(2) 構成市町村の名称")
    if heading is None:
        report.error(1, "the member list (2) 構成市町村の名称 is missing")
        return [], 1
    line = doc.find(lambda t: bool(t.strip()), heading.number)
    assert line is not None
    return [n.strip() for n in line.text.split("、") if n.strip()], line.number


@dataclass(frozen=True)
class BaseData:
    municipalities: tuple[Municipality, ...]
    prefecture: tuple[int, int, Decimal]
    as_of: date
    source: str
    line: int


def read_base_data(
    doc: Document, names: list[str], refs: dict[str, Reference], report: LoadReport
) -> BaseData | None:
    """The [基本データ] table: one row per member, then 圏域合計, 熊本県 and the % row, verified."""
    header = doc.find(lambda t: t.startswith("市町村\t人口"))
    if header is None:
        report.error(1, "the base-data table [基本データ] is missing")
        return None
    rows: dict[str, tuple[int, int, Decimal, int]] = {}
    total = prefecture = share = None
    line = header
    for line in doc.after(header.number):
        if line.blank:
            continue
        if line.text.startswith("※資料"):
            break
        cells = line.cells
        label = cells[0]
        try:
            values = (parse_int(cells[1]), parse_int(cells[2]), parse_decimal(cells[3]))
        except (ValueError, IndexError):
            if label.endswith("(%)"):
                share = (cells[1:4], line.number)
                continue
            report.error(line.number, f"base data: cannot read the row {line.text!r}")
            continue
        if label == "圏域合計":
            total = (*values, line.number)
        elif "熊本県" in label:
            prefecture = (*values, line.number)
        else:
            rows[label] = (*values, line.number)
    source_line = line
    as_of = parse_wareki_date(source_line.text)
    if as_of is None:
        report.error(source_line.number, "base data: the source note has no date")
        return None
    members = _members(names, rows, refs, report)
    if total is None or prefecture is None or share is None:
        report.error(header.number, "base data: 圏域合計, 熊本県 or the % row is missing")
        return None
    _check_totals(members, total, report)
    _check_shares(total, prefecture, share, report)
    source = source_line.text.strip().removeprefix("※資料：")
    pref = (prefecture[0], prefecture[1], prefecture[2])
    return BaseData(tuple(members), pref, as_of, source, header.number)


def _members(
    names: list[str],
    rows: dict[str, tuple[int, int, Decimal, int]],
    refs: dict[str, Reference],
    report: LoadReport,
) -> list[Municipality]:
    members: list[Municipality] = []
    for order, name in enumerate(names):
        if name not in rows:
            report.error(1, f"base data: member {name} has no row in the table")
            continue
        population, households, area, line = rows[name]
        ref = refs.get(name)
        if ref is None:
            report.error(line, f"{name} is not in municipalities.csv")
            continue
        kind: MunicipalityKind = name[-1]  # type: ignore[assignment]
        if kind not in ("市", "町", "村"):
            report.error(line, f"{name}: cannot tell 市/町/村 from the name")
        members.append(
            Municipality(
                code=ref.code,
                name=name,
                reading=ref.reading,
                name_en=ref.name_en,
                kind=kind,
                is_hub=order == 0,
                population=population,
                households=households,
                area_km2=area,
                order=order,
            )
        )
    for name, (*_, line) in rows.items():
        if name not in names:
            report.error(line, f"base data: {name} is not in the member list")
    return members


def _check_totals(
    members: list[Municipality], total: tuple[int, int, Decimal, int], report: LoadReport
) -> None:
    sums = (
        sum(m.population for m in members),
        sum(m.households for m in members),
        sum((m.area_km2 for m in members), Decimal(0)),
    )
    for label, computed, stated in zip(("人口", "世帯数", "面積"), sums, total[:3], strict=True):
        if computed != stated:
            report.error(
                total[3],
                f"base data: 圏域合計 {label} is {stated} but the rows add up to {computed}",
            )


def share_percent(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """The 圏域/熊本県 (%) figure as the document prints it: one decimal, half up."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _check_shares(
    total: tuple[int, int, Decimal, int],
    prefecture: tuple[int, int, Decimal, int],
    share: tuple[list[str], int],
    report: LoadReport,
) -> None:
    cells, line = share
    parts = (Decimal(total[0]), Decimal(total[1]), total[2])
    wholes = (Decimal(prefecture[0]), Decimal(prefecture[1]), prefecture[2])
    for label, part, whole, printed in zip(
        ("人口", "世帯数", "面積"), parts, wholes, cells, strict=True
    ):
        computed = share_percent(part, whole)
        stated = parse_decimal(printed.rstrip("%"))
        if computed != stated:
            report.error(line, f"base data: 圏域/熊本県 {label} is {stated}% but {computed}%")
