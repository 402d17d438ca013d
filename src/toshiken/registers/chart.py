"""The summary's chart as server-rendered SVG: stacked bars of entries a month, by group.

No script and no external asset; the SVG has a title and a description, and the page puts the
same figures in a table beside it.
"""

from __future__ import annotations

from html import escape

from toshiken.registers.summary import Tally

# Colour-blind-safe (Okabe–Ito), dark enough against white for the 3:1 of graphical objects.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
FONT = "sans-serif"


def stacked_bars(t: Tally, title: str, desc: str, width: int = 640, height: int = 260) -> str:
    """Entries per month (x) stacked by group, with a legend; empty months are left out."""
    left, right, top, bottom = 40, width - 150, 16, height - 36
    peak = max((t.month_total(m).entries for m in t.months), default=0) or 1
    step = (right - left) / max(len(t.months), 1)
    bar = min(36.0, step * 0.7)
    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#767676"/>',
        f'<text x="{left - 6}" y="{bottom}" text-anchor="end">0</text>',
        f'<text x="{left - 6}" y="{top + 8}" text-anchor="end">{peak}</text>',
    ]
    for i, month in enumerate(t.months):
        x = left + step * i + (step - bar) / 2
        y = float(bottom)
        for g, group in enumerate(t.groups):
            n = t.by_month.get((group, month))
            if n is None or not n.entries:
                continue
            h = (bottom - top) * n.entries / peak
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[g % len(COLOURS)]}"><title>{escape(month)} {escape(group)}: '
                f"{n.entries}</title></rect>"
            )
        body.append(
            f'<text x="{x + bar / 2:.1f}" y="{bottom + 16}" text-anchor="middle">{month}</text>'
        )
    for g, group in enumerate(t.groups):
        y, colour = top + 18 * g, COLOURS[g % len(COLOURS)]
        body.append(
            f'<rect x="{right + 16}" y="{y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{right + 34}" y="{y + 10}">{escape(group)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-t chart-d" font-family="{FONT}" '
        f'font-size="11"><title id="chart-t">{escape(title)}</title>'
        f'<desc id="chart-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )
