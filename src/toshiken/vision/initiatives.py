"""An initiative's table (関係市町村 … 効果): participants, roles, cost rule, schedule, budget."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toshiken.core.text import nfkc
from toshiken.vision.document import Document, Line, parse_int
from toshiken.vision.model import FISCAL_YEARS, Initiative, Municipality, ScheduleItem
from toshiken.vision.report import LoadReport

COST_LABELS = ("費用負担", "費用分担", "経費負担")
SCHEDULE_MARKS = ("→", "▶", "►", "⇒")
_ROLE = re.compile(r"<(熊本市|近隣市町村|近隣町村)>")


@dataclass(frozen=True)
class Heading:
    """Where an initiative starts: its place in the tree and its title."""

    pillar: int
    policy: int
    number: int
    title: str
    line: int
    end: int  # the line before the next heading (exclusive bound for the table)


def read_initiative(
    doc: Document, head: Heading, members: list[Municipality], report: LoadReport
) -> Initiative | None:
    """Read the table under one heading; record problems in the report."""
    fields: dict[str, Line] = {}
    schedule_lines: list[Line] = []
    budget_lines: list[Line] = []
    current = ""
    for line in doc.lines[head.line : head.end - 1]:
        if line.blank:
            continue
        label = re.sub(r"\s", "", nfkc(line.text.split("\t", 1)[0]))
        if label:
            current = "費用負担" if label in COST_LABELS else label
            if current.startswith("事業費"):
                current = "事業費"
                budget_lines.append(line)
            elif current == "スケジュール":
                schedule_lines.append(line)
            else:
                fields[current] = line
        elif current == "スケジュール":
            schedule_lines.append(line)
        elif current == "事業費":
            budget_lines.append(line)
        else:
            report.error(line.number, f"{head.title}: a line outside any row: {line.text[:40]!r}")
    missing = [k for k in ("関係市町村", "事業内容", "スケジュール", "事業費") if k not in fields]
    missing = [k for k in missing if not (k == "スケジュール" and schedule_lines)]
    missing = [k for k in missing if not (k == "事業費" and budget_lines)]
    if missing:
        report.error(head.line, f"{head.title}: the table lacks {', '.join(missing)}")
        return None
    participants, all_members = _participants(fields["関係市町村"], members, head, report)
    roles = _cell(fields.get("関係市町村の役割分担"))
    hub_role, neighbour_role = split_roles(roles)
    budget, total = _budget(budget_lines, head, report)
    return Initiative(
        pillar=head.pillar,
        policy=head.policy,
        number=head.number,
        title=head.title,
        participants=participants,
        all_members=all_members,
        description=_cell(fields.get("事業内容")),
        roles=roles,
        hub_role=hub_role,
        neighbour_role=neighbour_role,
        cost_sharing=_cell(fields.get("費用負担")),
        schedule=_schedule(schedule_lines, head, report),
        budget=budget,
        budget_total=total,
        subsidies=_cell(fields.get("国・県補助制度等")),
        effect=_cell(fields.get("効果")),
        line=head.line,
    )


def _cell(line: Line | None) -> str:
    """The text of a one-row field, without the label; a lone '/' means an empty cell."""
    if line is None:
        return ""
    text = "\n".join(c for c in line.cells[1:] if c)
    return "" if text.strip() in ("/", "／") else text


def split_roles(roles: str) -> tuple[str, str]:
    """Split 役割分担 into the hub's part (<熊本市>) and the neighbours' part (<近隣市町村>)."""
    parts = _ROLE.split(roles)
    hub = neighbour = ""
    for marker, body in zip(parts[1::2], parts[2::2], strict=True):
        if marker == "熊本市":
            hub = body.strip()
        else:
            neighbour = body.strip()
    return hub, neighbour


def _participants(
    line: Line, members: list[Municipality], head: Heading, report: LoadReport
) -> tuple[tuple[str, ...], bool]:
    text = _cell(line).strip()
    if text == "全市町村":
        return tuple(m.code for m in members), True
    by_name = {m.name: m for m in members}
    chosen: set[str] = set()
    for name in (n.strip() for n in re.split(r"[、,，]", text)):
        if not name:
            continue
        if name not in by_name:
            report.error(line.number, f"{head.title}: 関係市町村 names {name!r}, not a member")
            continue
        if by_name[name].code in chosen:
            report.warning(line.number, f"{head.title}: {name} is listed twice")
        chosen.add(by_name[name].code)
    return tuple(m.code for m in members if m.code in chosen), False


def _schedule(lines: list[Line], head: Heading, report: LoadReport) -> tuple[ScheduleItem, ...]:
    if not lines:
        return ()
    header = lines[0].raw_cells
    columns = {i: int(c) for i, c in enumerate(header) if c.isdigit() and int(c) in FISCAL_YEARS}
    if sorted(columns.values()) != list(FISCAL_YEARS):
        report.error(lines[0].number, f"{head.title}: the schedule header lacks FY2021–FY2025")
        return ()
    items = []
    for line in lines[1:]:
        cells = line.raw_cells
        label = next((c for c in cells if c and c not in SCHEDULE_MARKS), "")
        years = tuple(
            columns[i] for i, c in enumerate(cells) if c in SCHEDULE_MARKS and i in columns
        )
        stray = [i for i, c in enumerate(cells) if c in SCHEDULE_MARKS and i not in columns]
        if stray:
            report.error(line.number, f"{head.title}: a schedule mark outside the year columns")
        if not years:
            report.warning(line.number, f"{head.title}: schedule item {label!r} marks no year")
        items.append(ScheduleItem(label=label, years=years))
    return tuple(items)


def _budget(
    lines: list[Line], head: Heading, report: LoadReport
) -> tuple[dict[int, int | None], int]:
    budget: dict[int, int | None] = dict.fromkeys(FISCAL_YEARS)
    if len(lines) != 2:
        report.error(lines[0].number, f"{head.title}: 事業費 needs a header and one row of figures")
        return budget, 0
    header, values = lines[0].raw_cells, lines[1].raw_cells
    total_at = header.index("合計") if "合計" in header else -1
    total = 0
    for i, label in enumerate(header):
        cell = values[i] if i < len(values) else ""
        try:
            amount = parse_int(cell) if cell else None
        except ValueError:
            report.error(lines[1].number, f"{head.title}: 事業費 {label}: {cell!r} is not a number")
            continue
        if label.isdigit() and int(label) in budget:
            budget[int(label)] = amount
        elif i == total_at:
            if amount is None:
                report.error(lines[1].number, f"{head.title}: 事業費 has no 合計")
            total = amount or 0
    computed = sum(v for v in budget.values() if v is not None)
    if computed != total:
        report.error(
            lines[1].number,
            f"{head.title}: 事業費 合計 is {total:,} but FY2021–FY2025 add up to {computed:,} "
            f"({', '.join(f'{fy}: {v}' for fy, v in budget.items())})",
        )
    return budget, total
