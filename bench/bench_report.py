"""Benchmark: the annual report's PDF build, with the TrueType font we use against Noto CJK (CFF).

    .venv/bin/python bench/bench_report.py [--runs 5]

Every participant of every initiative reports (≈1,200 reports) and every KPI has four actuals,
so the report is as large as it will get. Times are the median of the runs, after one warm-up
(the first build in a process also imports WeasyPrint and loads fonts: shown as "cold"). The
builds run interleaved, one of each per round, so that a busy machine slows them alike. Peers:
the same document printed with WeasyPrint's full user-agent stylesheet (the previous way), with
automatic garbage collection during the build (ours before it collected its own garbage), and with
Noto Sans CJK JP (a CFF font). CPU seconds (time.process_time) are shown beside wall seconds
because the machine is shared; the load average is printed before and after the runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from toshiken.core.settings import DEFAULT_SOURCE
from toshiken.progress.annual import FONT_FAMILY, print_pdf, render_html, render_pdf, render_xlsx
from toshiken.progress.dashboard import Dashboard, build_dashboard
from toshiken.progress.model import Implementation, InitiativeReport, KpiActual
from toshiken.progress.printing import _document_class, _font_config, _images
from toshiken.vision.model import Vision
from toshiken.vision.reader import read_vision

PEER_FONT = "'Noto Sans CJK JP', sans-serif"


def sample() -> tuple[Vision, Dashboard]:
    text = DEFAULT_SOURCE.read_text(encoding="utf-8")
    reference = (DEFAULT_SOURCE.parent / "municipalities.csv").read_text(encoding="utf-8")
    vision = read_vision(text, reference, source_name=DEFAULT_SOURCE.name).vision
    actuals = [
        KpiActual(k.number, year, k.baseline * (1 + Decimal(year - 2021) / 40), "県統計", "")
        for k in vision.kpis
        for year in (2022, 2023, 2024, 2025)
    ]
    statuses = list(Implementation)
    reports = [
        InitiativeReport(
            i.id, 2025, code, statuses[(n + p) % len(statuses)],
            (i.budget.get(2025) or 0) // max(len(i.participants), 1),
            f"{i.title}に関する説明会を開催し、住民への周知を行った。",
        )
        for n, i in enumerate(vision.initiatives)
        for p, code in enumerate(i.participants)
    ]  # fmt: skip
    return vision, build_dashboard(vision, actuals, reports, 2025)


def timed(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each action over the runs, interleaved round by round."""
    walls: dict[str, list[float]] = {name: [] for name in actions}
    cpus: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            walls[name].append(time.perf_counter() - wall)
            cpus[name].append(time.process_time() - cpu)
    return {n: (statistics.median(walls[n]), statistics.median(cpus[n])) for n in actions}


def full_stylesheet(html: str) -> bytes:
    """The peer: WeasyPrint's own HTML class, with its full user-agent stylesheet, no cache."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf: bytes = HTML(string=html).write_pdf(font_config=_font_config())
    return pdf


def automatic_gc(html: str) -> bytes:
    """Ours, but with Python's automatic garbage collection running during the build."""
    pdf: bytes = _document_class()(string=html).write_pdf(font_config=_font_config(), cache=_images)
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    vision, dashboard = sample()
    now = datetime.now(UTC)
    html = render_html(vision, dashboard, True, now)
    peer = render_html(vision, dashboard, True, now, font_family=PEER_FONT)
    start = time.perf_counter()
    print_pdf(html)
    cold = time.perf_counter() - start
    full_stylesheet(peer)  # warm the peer font too
    from weasyprint import HTML

    pages = len(HTML(string=html).render().pages)
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    rows = timed(
        {
            "HTML (Jinja2)": lambda: render_html(vision, dashboard, True, now),
            "PDF, IPAexGothic, lean UA (ours)": lambda: print_pdf(html),
            "PDF, ours, automatic gc in build": lambda: automatic_gc(html),
            "PDF, IPAexGothic, full UA (before)": lambda: full_stylesheet(html),
            "PDF, Noto Sans CJK JP (CFF, peer)": lambda: full_stylesheet(peer),
            "PDF again, same data (cached)": lambda: render_pdf(html),
            "Excel (openpyxl)": lambda: render_xlsx(vision, dashboard),
        },
        runs,
    )
    print(f"annual report FY2025: {len(dashboard.kpis)} KPIs, {len(dashboard.initiatives)} "
          f"initiatives, {sum(len(x.reports) for x in dashboard.initiatives)} reports; "
          f"font {FONT_FAMILY}; {pages} pages; cold first PDF {cold:.2f} s")  # fmt: skip
    with open("/proc/loadavg") as f:
        print(f"load average before the runs: {load}, after: {f.read().split()[0]} (2 cores)")
    print(f"{'build':36} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in rows.items():
        print(f"{name:36} {wall:8.3f} {cpu:8.3f}")


if __name__ == "__main__":
    main()
