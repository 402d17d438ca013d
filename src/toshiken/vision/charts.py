"""Server-side SVG charts: bars and columns with Japanese labels and a text alternative."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
FONT = 14
BAR = "#005a9c"  # 7:1 against white: the bars pass the 3:1 of non-text contrast
INK = "#1a1a1a"
GRID = "#767676"


@dataclass(frozen=True)
class Datum:
    """One bar: its label (one line or more) and its value; None draws no bar."""

    label: tuple[str, ...]
    value: int | None


def _open(
    chart_id: str, title: str, height: int, data: Sequence[Datum],
    text: Callable[[int | None], str],
) -> str:  # fmt: skip
    desc = "、".join(f"{' '.join(d.label)}: {text(d.value)}" for d in data)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-size="{FONT}" fill="{INK}">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>'
    )


def _scale(data: Sequence[Datum]) -> int:
    return max([d.value or 0 for d in data] + [1])


def bars(
    chart_id: str, title: str, data: Sequence[Datum], value_text: Callable[[int | None], str],
    label_width: int = 120,
) -> Markup:  # fmt: skip
    """Horizontal bars, one row each; long labels sit on their own line above the bar."""
    above = any(len(" ".join(d.label)) * FONT > label_width for d in data)
    row = 46 if above else 26
    left = 4 if above else label_width
    room = WIDTH - left - 150
    top = _scale(data)
    parts = [_open(chart_id, title, row * len(data) + 8, data, value_text)]
    for n, d in enumerate(data):
        y = n * row + 4
        label = escape(" ".join(d.label))
        bar_y = y + (22 if above else 2)
        if above:
            parts.append(f'<text x="{left}" y="{y + 15}">{label}</text>')
        else:
            parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{label}</text>')
        length = round(room * (d.value or 0) / top)
        if d.value:
            parts.append(
                f'<rect x="{left}" y="{bar_y}" width="{max(length, 1)}" height="18" fill="{BAR}"/>'
            )
        parts.append(
            f'<text x="{left + length + 6}" y="{bar_y + 14}">{escape(value_text(d.value))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(
    chart_id: str, title: str, data: Sequence[Datum], value_text: Callable[[int | None], str],
) -> Markup:  # fmt: skip
    """Vertical columns with labels of one or two lines underneath (e.g. 令和3年度 / 2021)."""
    lines = max(len(d.label) for d in data) if data else 1
    plot_top, plot_height = 28, 200
    height = plot_top + plot_height + 8 + lines * (FONT + 4)
    slot = (WIDTH - 20) / max(len(data), 1)
    top = _scale(data)
    base = plot_top + plot_height
    parts = [_open(chart_id, title, height, data, value_text)]
    parts.append(f'<line x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="{GRID}"/>')
    for n, d in enumerate(data):
        centre = 10 + slot * n + slot / 2
        h = round(plot_height * (d.value or 0) / top)
        w = min(slot * 0.6, 80)
        if d.value:
            parts.append(
                f'<rect x="{centre - w / 2:.1f}" y="{base - h}" width="{w:.1f}" height="{h}" '
                f'fill="{BAR}"/>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{base - h - 6}" text-anchor="middle">'
            f"{escape(value_text(d.value))}</text>"
        )
        for k, line in enumerate(d.label):
            y = base + FONT + 4 + k * (FONT + 4)
            parts.append(
                f'<text x="{centre:.1f}" y="{y}" text-anchor="middle">{escape(line)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
