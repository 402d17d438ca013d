"""Read the vision document into a Vision, with a load report; reject it when a check fails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from toshiken.core.text import nfkc
from toshiken.vision.document import Document
from toshiken.vision.initiatives import read_initiative
from toshiken.vision.kpis import read_kpis, read_pillar_kpis
from toshiken.vision.members import read_base_data, read_member_list, read_reference
from toshiken.vision.model import Initiative, Policy, Vision
from toshiken.vision.report import LoadReport
from toshiken.vision.structure import find_pillars, read_overview, read_policies
from toshiken.vision.tables import read_tables

_REVISION = re.compile(
    r"^(平成|令和)\s*(\d+|元)\s*年\s*[（(]\s*(\d{4})\s*年\s*[）)]\s*(\d+)\s*月\s*(策定|改定)"
)
_PERIOD = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日から(\d{4})年(\d{1,2})月(\d{1,2})日まで")


@dataclass(frozen=True)
class ReadResult:
    vision: Vision
    report: LoadReport


def read_vision_file(source: Path, reference: Path) -> ReadResult:
    """Read the document and the reference file from disk (the only I/O of the reader)."""
    return read_vision(
        source.read_text(encoding="utf-8"),
        reference.read_text(encoding="utf-8"),
        source_name=source.name,
    )


def read_vision(text: str, reference_text: str, source_name: str = "vision.txt") -> ReadResult:
    """Parse and verify the whole document. Raises VisionError listing every error found."""
    doc = Document(text, source_name)
    report = LoadReport(source_name)
    refs = read_reference(reference_text)
    names, names_line = read_member_list(doc, report)
    for name in names:
        if name not in refs:
            report.error(names_line, f"member {name} is not in municipalities.csv")
    base = read_base_data(doc, names, refs, report)
    members = list(base.municipalities) if base else []
    sections = find_pillars(doc, report)
    if len(sections) != 3:
        report.error(len(doc), f"expected 3 pillars, found {len(sections)}: truncated document?")
    policies: list[Policy] = []
    initiatives: list[Initiative] = []
    pillar_kpis = {}
    for section in sections:
        overview = read_overview(doc, section, report)
        pillar_kpis[section.pillar.number] = read_pillar_kpis(doc, section, report)
        found, headings = read_policies(doc, section, overview, report)
        policies += found
        for head in headings:
            initiative = read_initiative(doc, head, members, report)
            if initiative is not None:
                initiatives.append(initiative)
    kpis = read_kpis(doc, policies, pillar_kpis, report)
    revisions = _revisions(doc)
    if not revisions:
        report.error(len(doc), "the back cover's revision history is missing: truncated document?")
    start, end = _period(doc, report)
    report.raise_if_errors()
    assert base is not None
    vision = Vision(
        title=_title(doc),
        area_name=_area_name(doc, report),
        revision=revisions[-1],
        revisions=tuple(revisions),
        period_start=start,
        period_end=end,
        population_as_of=base.as_of,
        population_source=base.source,
        prefecture=base.prefecture,
        municipalities=tuple(members),
        pillars=tuple(s.pillar for s in sections),
        policies=tuple(policies),
        initiatives=tuple(initiatives),
        kpis=tuple(kpis),
        tables=tuple(sorted(read_tables(doc, report), key=lambda t: t.key)),
    )
    report.raise_if_errors()
    return ReadResult(vision, report)


def _title(doc: Document) -> str:
    """The first line with text: the cover's title."""
    first = doc.find(lambda t: bool(t.strip()))
    return first.text.strip() if first else ""


def _area_name(doc: Document, report: LoadReport) -> str:
    """The line under (1) 連携中枢都市圏の名称."""
    heading = doc.find(lambda t: t.strip() == "(1) 連携中枢都市圏の名称")
    name = doc.find(lambda t: bool(t.strip()), heading.number) if heading else None
    if name is None:
        report.error(1, "(1) 連携中枢都市圏の名称 is missing")
        return ""
    return name.text.strip()


def _revisions(doc: Document) -> list[str]:
    found = []
    for line in doc.lines:
        match = _REVISION.match(nfkc(line.text.strip()))
        if match:
            era, number, year, month, kind = match.groups()
            found.append(f"{era}{number}年（{year}年）{month}月{kind}")
    return found


def _period(doc: Document, report: LoadReport) -> tuple[date, date]:
    for line in doc.lines:
        match = _PERIOD.search(line.text)
        if match:
            y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
            return date(y1, m1, d1), date(y2, m2, d2)
    report.error(1, "取組期間 (the period of the vision) is missing")
    return date(2021, 4, 1), date(2026, 3, 31)
