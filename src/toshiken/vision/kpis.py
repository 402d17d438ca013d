"""The 13 KPIs of chapter 3 §4, cross-checked with each pillar's own KPI table."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from toshiken.core.text import nfkc
from toshiken.vision.document import Document, Line, parse_decimal
from toshiken.vision.model import CIRCLED, Kpi, Policy, TargetKind
from toshiken.vision.report import LoadReport
from toshiken.vision.structure import CATEGORY_WORDS, PillarSection, key

_VALUE = re.compile(r"^([+\-▲]?[\d,.]+)\s*(?:\((\d{4})(?:年度|年)?\))?$")
_MAINTAIN = re.compile(r"現状維持\s*【基準値】\s*([\d,.]+)\s*\((\d{4})年?\)")


@dataclass(frozen=True)
class PillarKpi:
    """A row of a pillar's (2) KPI table: name, unit, figures and source."""

    name: str
    unit: str
    baseline: str
    target: str
    source: str
    line: int


def read_pillar_kpis(doc: Document, section: PillarSection, report: LoadReport) -> list[PillarKpi]:
    start = doc.find(lambda t: t.strip() == "(2) KPI", section.start, section.end)
    if start is None:
        report.error(section.start, f"pillar {section.pillar.number}: (2) KPI is missing")
        return []
    rows = []
    for line in doc.lines[start.number : section.end]:
        if line.text.strip() == "(3) 具体的取組":
            break
        cells = line.cells
        if len(cells) == 4 and cells[0] != "KPI":
            name, unit = _name_unit(cells[0])
            rows.append(PillarKpi(name, unit, cells[1], cells[2], cells[3], line.number))
    return rows


def _name_unit(text: str) -> tuple[str, str]:
    match = re.match(r"^(.*?)\s*[（(]([^()（）]+)[)）]$", text.strip())
    return (match.group(1), match.group(2)) if match else (text.strip(), "")


def read_kpis(
    doc: Document,
    policies: list[Policy],
    pillar_kpis: dict[int, list[PillarKpi]],
    report: LoadReport,
) -> list[Kpi]:
    """The §4 table (施策ごとのKPI設定): pillar, policy-area and agreement-field KPIs."""
    heading = doc.find(lambda t: key(t) == "(2)施策ごとのKPI設定")
    if heading is None:
        report.error(len(doc), "§4 (2) 施策ごとのKPI設定 is missing: the document is truncated")
        return []
    kpis: list[Kpi] = []
    pillar = 0
    for line in doc.lines[heading.number :]:
        cells = line.raw_cells
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) < 2 or cells[0] == "取組内容":
            continue  # blank lines, the introductory sentence, the header
        if line.text.strip() == "熊本連携中枢都市圏ビジョン":
            break
        first = cells[0]
        if re.match(r"^[1-9] ", first):
            pillar = int(first[0])
            kpis.append(_kpi(line, len(kpis) + 1, "pillar", pillar, None, None, cells[1:], report))
        elif first[:1] in CIRCLED and first[:1]:
            number = CIRCLED.index(first[0]) + 1
            _check_policy(line, pillar, number, first[1:], policies, report)
            kpis.append(
                _kpi(line, len(kpis) + 1, "policy", pillar, number, None, cells[1:], report)
            )
        elif first == "" and len(cells) == 5:
            kpis.append(_kpi(line, len(kpis) + 1, "pillar", pillar, None, None, cells[1:], report))
        elif first == "" and len(cells) == 6:
            field = next((v for k, v in CATEGORY_WORDS.items() if k in cells[1]), None)
            if field is None:
                report.error(line.number, f"KPI field {cells[1]!r} is not A, B or C")
            kpis.append(_kpi(line, len(kpis) + 1, "field", pillar, None, field, cells[2:], report))
        else:
            report.error(line.number, f"§4 KPI table: cannot read {line.text[:50]!r}")
    return [_cross_check(kpi, pillar_kpis.get(kpi.pillar, []), report) for kpi in kpis]


def _check_policy(
    line: Line, pillar: int, number: int, title: str, policies: list[Policy], report: LoadReport
) -> None:
    policy = next((p for p in policies if (p.pillar, p.number) == (pillar, number)), None)
    if policy is None:
        report.error(line.number, f"§4 KPI names policy {pillar}-{number}, which does not exist")
    elif not key(policy.title).startswith(key(title)):
        report.error(line.number, f"§4 KPI policy {title.strip()!r} is not {policy.title!r}")


def _kpi(
    line: Line,
    number: int,
    level: str,
    pillar: int,
    policy: int | None,
    field: str | None,
    cells: list[str],
    report: LoadReport,
) -> Kpi:
    name, baseline_text, target_text, unit = (nfkc(c).strip() for c in cells[:4])
    baseline, baseline_period = _value(baseline_text, "2025", line, report)
    kind: TargetKind = "reach"
    base_period = None
    maintain = _MAINTAIN.search(target_text)
    if maintain:
        kind, target, base_period = "maintain", parse_decimal(maintain.group(1)), maintain.group(2)
        target_period = "2025"
    else:
        target, target_period = _value(target_text, "2025", line, report)
    return Kpi(
        number=number,
        level=level,  # type: ignore[arg-type]
        pillar=pillar,
        policy=policy,
        field=field,
        name=name,
        unit=unit,
        baseline=baseline,
        baseline_period=baseline_period,
        target_kind=kind,
        target=target,
        target_period=target_period,
        base_period=base_period,
        source=None,
    )


def _value(text: str, default: str, line: Line, report: LoadReport) -> tuple[Decimal, str]:
    match = _VALUE.match(text.strip())
    if not match:
        report.error(line.number, f"KPI value {text!r} is not a number with an optional (year)")
        return Decimal(0), default
    return parse_decimal(match.group(1)), match.group(2) or default


def _cross_check(kpi: Kpi, rows: list[PillarKpi], report: LoadReport) -> Kpi:
    """Pillar-level KPIs appear twice; the figures must agree. Their source comes from there."""
    if kpi.level != "pillar":
        return kpi
    row = next((r for r in rows if key(r.name) == key(kpi.name)), None)
    if row is None:
        report.error(0, f"KPI {kpi.name} is not in pillar {kpi.pillar}'s KPI table")
        return kpi
    line = Line(row.line, row.baseline)
    baseline, period = _value(
        nfkc(row.baseline).replace("年度", "").replace("年", ""), "", line, report
    )
    if (baseline, period) != (kpi.baseline, kpi.baseline_period):
        report.error(
            row.line, f"KPI {kpi.name}: baseline {row.baseline} differs from §4 ({kpi.baseline})"
        )
    if kpi.target_kind == "reach":
        target, _ = _value(nfkc(row.target).replace("年度", "").replace("年", ""), "", line, report)
        if target != kpi.target:
            report.error(
                row.line, f"KPI {kpi.name}: target {row.target} differs from §4 ({kpi.target})"
            )
    return replace(kpi, source=row.source)
