"""Chapter 3's tree: pillars, each pillar's overview list, policy areas and initiative headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toshiken.core.text import nfkc, squash
from toshiken.vision.document import Document, Line
from toshiken.vision.initiatives import Heading
from toshiken.vision.model import CIRCLED, KATAKANA_LETTERS, Pillar, Policy, circled
from toshiken.vision.report import LoadReport

_PILLAR = re.compile(r"^([1-9]) (\S[^\t]*)$")
_POLICY = re.compile(rf"^([{CIRCLED}]) (\S[^\t]*)$")
_INITIATIVE = re.compile(rf"^([{KATAKANA_LETTERS}]) (\S[^\t]*)$")
_AGREEMENT = re.compile(r"([ABC]) (.+?)【(.+?)】")
CATEGORY_WORDS = {"生活機能": "A", "結びつき": "B", "マネジメント": "C"}


@dataclass(frozen=True)
class PillarSection:
    """A pillar and the line range of its section in chapter 3."""

    pillar: Pillar
    start: int
    end: int


@dataclass(frozen=True)
class OverviewEntry:
    number: int
    title: str
    direction: str
    category: str | None
    line: int


def key(text: str) -> str:
    """Compare titles without width or spacing differences."""
    return re.sub(r"\s", "", nfkc(text))


def find_pillars(doc: Document, report: LoadReport) -> list[PillarSection]:
    """Pillar headings are the `N title` lines directly followed by `(1) 取組の方向性`."""
    starts: list[tuple[int, str, Line]] = []
    for line in doc.lines:
        match = _PILLAR.match(line.text.strip())
        if not match:
            continue
        following = doc.find(lambda t: bool(t.strip()), line.number)
        if following and following.text.strip() == "(1) 取組の方向性":
            starts.append((int(match.group(1)), match.group(2).strip(), line))
    closing = doc.find(lambda t: t.strip() == "(1) 管理体制")
    end_of_last = closing.number if closing else len(doc) + 1
    if closing is None:
        report.error(len(doc), "chapter 3 §4 進行管理 is missing: the document is truncated")
    sections = []
    for i, (number, title, line) in enumerate(starts):
        if number != i + 1:
            report.error(line.number, f"pillar {number} found where pillar {i + 1} was expected")
        end = starts[i + 1][2].number if i + 1 < len(starts) else end_of_last
        direction = _direction(doc, line.number, end)
        sections.append(PillarSection(Pillar(i + 1, title, direction), line.number, end))
    return sections


def _direction(doc: Document, start: int, end: int) -> str:
    """Paragraphs between (1) 取組の方向性 and the overview table."""
    paragraphs: list[str] = []
    started = False
    for line in doc.lines[start:end]:
        if line.text.startswith("\t項目") or line.text.strip() == "(2) KPI":
            break
        if started and not line.blank:
            paragraphs.append(squash(line.text))
        started = started or line.text.strip() == "(1) 取組の方向性"
    return "\n".join(paragraphs)


def read_overview(doc: Document, section: PillarSection, report: LoadReport) -> list[OverviewEntry]:
    """The pillar's 取組の方向性 list: number, title, direction, agreement category."""
    entries: list[OverviewEntry] = []
    category: str | None = None
    for line in doc.lines[section.start : section.end]:
        if line.text.strip() == "(2) KPI":
            break
        cells = line.cells
        if len(cells) == 1 and cells[0][:1] in "《〈<":
            category = next((v for k, v in CATEGORY_WORDS.items() if k in cells[0]), None)
            continue
        if len(cells) >= 3 and len(cells[0]) == 1 and cells[0] in CIRCLED:
            number = CIRCLED.index(cells[0]) + 1
            if number != len(entries) + 1:
                report.error(line.number, f"overview: {cells[0]} where {circled(len(entries) + 1)}")
            title = squash(cells[1])
            entries.append(OverviewEntry(number, title, squash(cells[2]), category, line.number))
    if not entries:
        report.error(section.start, f"pillar {section.pillar.number}: the overview list is missing")
    return entries


def read_policies(
    doc: Document, section: PillarSection, overview: list[OverviewEntry], report: LoadReport
) -> tuple[list[Policy], list[Heading]]:
    """Policy headings under (3) 具体的取組, reconciled with the overview, and their initiatives."""
    body = doc.find(lambda t: t.strip() == "(3) 具体的取組", section.start, section.end)
    if body is None:
        report.error(section.start, f"pillar {section.pillar.number}: (3) 具体的取組 is missing")
        return [], []
    marks = [
        line
        for line in doc.lines[body.number : section.end - 1]
        if _POLICY.match(line.text.strip())
    ]
    policies: list[Policy] = []
    headings: list[Heading] = []
    for i, line in enumerate(marks):
        end = marks[i + 1].number if i + 1 < len(marks) else section.end
        match = _POLICY.match(line.text.strip())
        assert match is not None
        number = _reconcile(line, match.group(1), match.group(2), i + 1, overview, report)
        if number is None:
            continue
        entry = overview[number - 1]
        policies.append(_policy(doc, section.pillar.number, entry, line.number, end, report))
        headings += _initiative_headings(
            doc, section.pillar.number, number, line.number, end, report
        )
    if len(policies) != len(overview):
        report.error(
            body.number,
            f"pillar {section.pillar.number}: the overview lists {len(overview)} policy areas, "
            f"the body has {len(policies)}: the document may be truncated",
        )
    return policies, headings


def _reconcile(
    line: Line,
    mark: str,
    title: str,
    expected: int,
    overview: list[OverviewEntry],
    report: LoadReport,
) -> int | None:
    if expected > len(overview):
        report.error(line.number, f"policy heading {mark} {title} is not in the overview list")
        return None
    entry = overview[expected - 1]
    if key(title) != key(entry.title):
        report.error(
            line.number,
            f"policy heading {mark} {title} does not match the overview's "
            f"{circled(expected)} {entry.title}",
        )
        return None
    if CIRCLED.index(mark) + 1 != expected:
        report.repair(
            line.number,
            f"policy heading printed {mark} {title}; the overview lists it as {circled(expected)}: "
            f"read as {circled(expected)}",
        )
    return expected


def _policy(
    doc: Document, pillar: int, entry: OverviewEntry, start: int, end: int, report: LoadReport
) -> Policy:
    category = field = None
    rows: dict[str, str] = {}
    for line in doc.lines[start:end]:
        if line.text.startswith("[具体的取組]"):
            break
        agreement = _AGREEMENT.search(line.text)
        if agreement and (line.text.startswith("[連携協約]") or line.text[:1] in "ABC"):
            category, field = agreement.group(1), agreement.group(3)
        cells = line.cells
        if len(cells) >= 2 and cells[0] in ("取組内容", "熊本市の役割", "近隣市町村の役割"):
            rows[cells[0]] = "\n".join(cells[1:])
    if entry.category and category and entry.category != category:
        report.warning(
            start, f"{entry.title}: agreement {category} but the overview says {entry.category}"
        )
    if pillar == 3 and category is None:
        report.warning(start, f"{entry.title}: no agreement category (A/B/C) found")
    return Policy(
        pillar=pillar,
        number=entry.number,
        title=entry.title,
        direction=entry.direction,
        agreement_category=category,
        agreement_field=field,
        agreement_content=rows.get("取組内容", ""),
        hub_role=rows.get("熊本市の役割", ""),
        neighbour_role=rows.get("近隣市町村の役割", ""),
    )


def _initiative_headings(
    doc: Document, pillar: int, policy: int, start: int, end: int, report: LoadReport
) -> list[Heading]:
    anchor = doc.find(lambda t: t.startswith("[具体的取組]"), start, end - 1)
    if anchor is None:
        report.error(start, f"policy {pillar}-{circled(policy)}: [具体的取組] is missing")
        return []
    lines = [ln for ln in doc.lines[anchor.number : end - 1] if _INITIATIVE.match(ln.text.strip())]
    headings = []
    for i, line in enumerate(lines):
        match = _INITIATIVE.match(line.text.strip())
        assert match is not None
        letter, title = match.group(1), match.group(2).strip()
        if letter != KATAKANA_LETTERS[i]:
            report.repair(
                line.number, f"initiative printed {letter} {title}; read as {KATAKANA_LETTERS[i]}"
            )
        stop = lines[i + 1].number if i + 1 < len(lines) else end
        headings.append(Heading(pillar, policy, i + 1, title, line.number, stop))
    return headings
