"""Charts as hand-written SVG (no script, no external assets): a KPI's path and spending bars."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from xml.etree import ElementTree

from toshiken.progress.achievement import period
from toshiken.progress.dashboard import KpiLine, SpendingLine

FONT = "IPAexGothic"  # one family: WeasyPrint's SVG text takes the first name only
PLAN, ACTUAL, TARGET, GRID = "#7f7f7f", "#005a9c", "#b35900", "#d9d9d9"
YEAR_WIDTH = 4 * 0.63 * 11  # a year label in IPAexGothic at 11 px: four digits of 0.63 em


def _fmt(value: Decimal | int) -> str:
    """An axis or point label: whole numbers from 100 on, else up to two decimals."""
    number = Decimal(value)
    if abs(number) >= 100 or number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number.quantize(Decimal('0.01')).normalize():,}"


def _svg(width: int, height: int, ident: str, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="{FONT}" font-size="11">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _years(line: KpiLine) -> tuple[int, int]:
    """The first and last year on a KPI chart's axis."""
    k = line.kpi
    years = [period(k.baseline_period), period(k.target_period)]
    years += [a.period for a in line.actuals]
    return min(years), max(years)


def kpi_path(line: KpiLine, width: int = 440, height: int = 200, years: bool = True) -> str:
    """Baseline → actuals (solid) against the straight plan to the target (dashed).

    Without `years`, the axis has no year labels: kpi_figure prints them as one line of HTML.
    """
    k = line.kpi
    start, end = period(k.baseline_period), period(k.target_period)
    points = sorted([(start, k.baseline)] + [(a.period, a.value) for a in line.actuals])
    first, last = _years(line)
    values = [v for _, v in points] + [k.target]
    low, high = min(values), max(values)
    pad = (high - low) * Decimal("0.15") or abs(high) * Decimal("0.1") or Decimal(1)
    low, high = low - pad, high + pad
    left, right, top, bottom = 84, width - 16, 14, height - 28

    def x(year: int) -> float:
        span = max(last - first, 1)
        return left + (right - left) * (year - first) / span

    def y(value: Decimal) -> float:
        return float(bottom - (bottom - top) * (value - low) / (high - low))

    body = [f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{GRID}"/>']
    for year in range(first, last + 1) if years else ():
        body.append(f'<text x="{x(year):.1f}" y="{bottom + 16}" text-anchor="middle">{year}</text>')
    for value in (low + pad, high - pad):
        body.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{right}" y2="{y(value):.1f}" '
            f'stroke="{GRID}"/><text x="{left - 4}" y="{y(value) + 4:.1f}" '
            f'text-anchor="end">{_fmt(value)}</text>'
        )
    if k.target_kind == "maintain":
        plan = f'<line x1="{left}" y1="{y(k.target):.1f}" x2="{right}" y2="{y(k.target):.1f}"'
    else:
        plan = (
            f'<line x1="{x(start):.1f}" y1="{y(k.baseline):.1f}" '
            f'x2="{x(end):.1f}" y2="{y(k.target):.1f}"'
        )
    body.append(plan + f' stroke="{PLAN}" stroke-dasharray="5 4" stroke-width="1.5"/>')
    body.append(
        f'<rect x="{x(end) - 5:.1f}" y="{y(k.target) - 5:.1f}" width="10" height="10" '
        f'fill="{TARGET}" transform="rotate(45 {x(end):.1f} {y(k.target):.1f})"/>'
    )
    path = " ".join(f"{x(p):.1f},{y(v):.1f}" for p, v in points)
    body.append(f'<polyline points="{path}" fill="none" stroke="{ACTUAL}" stroke-width="2"/>')
    for p, v in points:
        body.append(f'<circle cx="{x(p):.1f}" cy="{y(v):.1f}" r="3.5" fill="{ACTUAL}"/>')
    desc = "、".join(f"{p}年 {_fmt(v)}" for p, v in points)
    desc = f"基準値から実績: {desc}。目標 {_fmt(k.target)}（{end}年）。単位 {k.unit}"
    return _svg(width, height, f"kpi{k.number}", f"KPI {k.number} {k.name} の推移", desc, body)


def spending_bars(lines: Sequence[SpendingLine], ident: str, title: str, width: int = 640) -> str:
    """Planned (grey) and spent (blue) bars per line, in thousand yen."""
    label_width, row, bar = 220, 34, 12
    height = 20 + row * len(lines)
    scale = max([max(s.planned or 0, s.spent) for s in lines] + [1])
    usable = width - label_width - 90
    body = []
    for index, s in enumerate(lines):
        top = 10 + index * row
        label = s.label if len(s.label) <= 16 else s.label[:15] + "…"
        body.append(f'<text x="0" y="{top + bar + 2}">{escape(label)}</text>')
        for offset, amount, colour in ((0, s.planned, PLAN), (bar + 1, s.spent, ACTUAL)):
            if amount is None:
                continue
            length = usable * amount / scale
            body.append(
                f'<rect x="{label_width}" y="{top + offset}" width="{length:.1f}" '
                f'height="{bar}" fill="{colour}"/>'
                f'<text x="{label_width + length + 4:.1f}" y="{top + offset + 10}">'
                f"{amount:,}</text>"
            )
    desc = "、".join(
        f"{s.label}: 計画 {_fmt(s.planned) if s.planned is not None else 'なし'}千円・"
        f"実績 {s.spent:,}千円"
        for s in lines
    )
    return _svg(width, height, ident, title, desc, body)


def kpi_figure(line: KpiLine, width: int = 440, height: int = 200) -> str:
    """The KPI chart for print: the SVG as an image, its year labels as one justified line.

    WeasyPrint lays out SVG text one letter at a time (a Pango layout per letter, two with the
    drawing): the years were 60% of the charts' letters. As one line of HTML justified across
    the axis, equally wide years land centred on their ticks (styles: `.chart`, annual.html).
    """
    first, last = _years(line)
    left, right = 84, width - 16  # as in kpi_path
    years = " ".join(str(year) for year in range(first, last + 1))
    span = (right - left if last > first else 0) + YEAR_WIDTH
    start = left - YEAR_WIDTH / 2
    return (
        f'<div class="chart">{as_image(kpi_path(line, width, height, years=False))}'
        f'<p class="years" style="margin-left:{start:.1f}px;width:{span:.1f}px" '
        f'aria-hidden="true">{years}</p></div>'
    )


def as_image(svg: str) -> str:
    """The chart as an <img> with a data: URI and its description as alt text.

    WeasyPrint draws an SVG image far faster than inline SVG (whose every element goes through
    the HTML style cascade): this is how the annual report embeds its charts.
    """
    root = ElementTree.fromstring(svg)
    words = " ".join((node.text or "") for node in root if node.tag.endswith(("title", "desc")))
    data = base64.b64encode(svg.encode()).decode()
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(words)}">'
