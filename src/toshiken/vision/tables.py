"""Chapter 2's statistics tables that survive in the text, with their sources, dates and checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from toshiken.core.fiscal import parse_wareki_date
from toshiken.core.text import nfkc
from toshiken.vision.document import Document, Line, despace_number, parse_int
from toshiken.vision.model import StatTable
from toshiken.vision.report import LoadReport


@dataclass(frozen=True)
class TableSpec:
    """How to find one table: the start of its header line and what it is."""

    key: str
    title: str
    header_prefix: str
    unit: str | None
    columns: tuple[str, ...]
    check: Callable[[list[tuple[str, ...]], list[int], LoadReport], None] | None = None


def _n(cell: str) -> int:
    """A count cell; '-' means none."""
    return 0 if cell.strip() in ("-", "－", "") else parse_int(cell)


def _check_hospitals(rows: list[tuple[str, ...]], lines: list[int], report: LoadReport) -> None:
    for row, line in zip(rows, lines, strict=True):
        if _n(row[1]) + _n(row[2]) != _n(row[3]):
            report.error(
                line, f"医療機関の数 {row[0]}: 一般 {row[1]} + 精神 {row[2]} ≠ 合計 {row[3]}"
            )


def _check_emergency(rows: list[tuple[str, ...]], lines: list[int], report: LoadReport) -> None:
    body, total = rows[:-1], rows[-1]
    for row, line in zip(body, lines, strict=False):
        if sum(_n(c) for c in row[1:5]) != _n(row[5]):
            report.error(line, f"救急患者数 {row[0]}: the columns do not add up to {row[5]}")
    for col in range(1, 6):
        computed = sum(_n(r[col]) for r in body)
        if computed != _n(total[col]):
            report.error(lines[-1], f"救急患者数 総数 column {col}: {total[col]} ≠ {computed:,}")


SPECS = (
    TableSpec("medical_institutions", "医療機関の数", "市町村\t病院", "軒",
              ("市町村", "病院 一般", "病院 精神", "病院 合計", "一般診療所", "歯科診療所"),
              _check_hospitals),
    TableSpec("emergency_patients", "熊本市内の公的7病院の救急患者数", "病院名\t診療科目別", "人",
              ("病院名", "小児科", "内科系", "外科系", "その他", "総患者数"), _check_emergency),
    TableSpec("universities", "高等教育機関", "大学名\t学部", "人",
              ("大学名", "学部", "大学院・専攻科・別科")),
    TableSpec("transport_usage", "主な公共交通機関の利用状況", "公共交通機関\t利用台数", None,
              ("公共交通機関", "利用台数又は利用人数")),
    TableSpec("libraries", "図書館", "市町村\t公共図書館", None,
              ("市町村", "公共図書館 (箇所)", "公民館図書室等数 (箇所)", "蔵書冊数 (冊)",
               "貸出数 (冊)")),
)  # fmt: skip


def read_tables(doc: Document, report: LoadReport) -> list[StatTable]:
    tables = [t for spec in SPECS if (t := _read(doc, spec, report)) is not None]
    sick_child = _read_sick_child(doc, report)
    return tables + ([sick_child] if sick_child else [])


def _read(doc: Document, spec: TableSpec, report: LoadReport) -> StatTable | None:
    header = doc.find(lambda t: t.startswith(spec.header_prefix))
    if header is None:
        report.error(1, f"chapter 2: the table {spec.title} is missing")
        return None
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    source = header
    for line in doc.after(header.number):
        if line.text.startswith("※資料") or (line.text.startswith("(") and rows):
            source = line
            break
        cells = [c for c in line.cells if c]
        if len(cells) < len(spec.columns) or not cells[0] or cells[0] in spec.columns:
            continue  # page breaks and second header rows
        rows.append(tuple(_cell(c, line, report) for c in cells[: len(spec.columns)]))
        lines.append(line.number)
    if spec.check:
        spec.check(rows, lines, report)
    note = source.text.strip().removeprefix("※資料：") if source is not header else ""
    return StatTable(spec.key, spec.title, spec.unit, spec.columns, tuple(rows), note, _as_of(note))


def _cell(cell: str, line: Line, report: LoadReport) -> str:
    repaired = despace_number(cell)
    if repaired != cell:
        report.repair(line.number, f"number printed with spaces {cell!r}; read as {repaired!r}")
    return repaired


def _as_of(note: str) -> str:
    """The date a source note gives: an ISO date, 'FY2023' or a year."""
    text = nfkc(note)
    day = parse_wareki_date(text)
    western = re.search(r"(\d{4})年\)?\s*(\d{1,2})月\s*(\d{1,2})日", text)
    if western:
        return f"{western.group(1)}-{int(western.group(2)):02d}-{int(western.group(3)):02d}"
    if day:
        return day.isoformat()
    fiscal = re.search(r"(\d{4})年度\)?\s*実績", text) or re.search(r"(\d{4})年度", text)
    if fiscal:
        return f"FY{fiscal.group(1)}"
    year = re.search(r"(\d{4})\s*年", text)
    return year.group(1) if year else ""


def _read_sick_child(doc: Document, report: LoadReport) -> StatTable | None:
    heading = doc.find(lambda t: "病児病後児保育施設" in t)
    line = doc.find(lambda t: "(" in t and "、" in t, heading.number) if heading else None
    if heading is None or line is None:
        report.error(1, "chapter 2: the table 病児病後児保育施設 is missing")
        return None
    rows = []
    for part in line.text.split("、"):
        match = re.match(r"^\s*(\S+?)\s*\((\d+)\)\s*$", nfkc(part))
        if not match:
            report.error(line.number, f"病児病後児保育施設: cannot read {part!r}")
            continue
        rows.append((match.group(1), match.group(2)))
    return StatTable(
        "sick_child_facilities",
        "病児病後児保育施設",
        "施設",
        ("市町村", "施設数"),
        tuple(rows),
        "",
        "",
    )
