"""The annual report: HTML, PDF (IPAexGothic embedded, nothing else) and Excel; web and CLI."""

from __future__ import annotations

import io
import re
import zlib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.accounts.conftest import Site, csrf
from toshiken.cli import app
from toshiken.progress.annual import render_html, render_pdf, render_xlsx
from toshiken.progress.dashboard import build_dashboard
from toshiken.progress.model import Implementation, InitiativeReport, KpiActual
from toshiken.vision.reader import ReadResult

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def sample(read_result: ReadResult) -> tuple[str, object]:
    vision = read_result.vision
    actuals = [KpiActual(k.number, 2024, k.baseline + 10, "出典") for k in vision.kpis]
    reports = [
        InitiativeReport(i.id, 2025, i.participants[0], Implementation.done, 100, "実施した")
        for i in vision.initiatives
    ]
    dashboard = build_dashboard(vision, actuals, reports, 2025)
    return render_html(vision, dashboard, False, NOW), dashboard


def test_html_has_every_part(read_result: ReadResult) -> None:
    html, _ = sample(read_result)
    assert "進行管理報告書" in html and "令和7年度 (2025年度)" in html
    assert "未公表" in html
    assert html.count('<img src="data:image/svg+xml;base64,') == 14  # 13 KPIs and the spending
    assert 'alt="KPI 1 圏域内総生産額 の推移 基準値から実績' in html
    assert "圏域内総生産額" in html and "産学連携支援事業" in html
    assert "<script" not in html


def test_pdf_embeds_only_the_truetype_font(read_result: ReadResult) -> None:
    html, _ = sample(read_result)
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF-")
    objects = pdf + b"".join(
        zlib.decompressobj().decompress(stream)
        for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    )
    assert b"+IPAexGothic" in objects  # embedded as a subset
    assert b"Noto" not in objects and b"DejaVu" not in objects  # no slow or fallback fonts
    html_again, _ = sample(read_result)
    assert html_again == html and render_pdf(html_again) is pdf  # same data: printed once


def test_xlsx(read_result: ReadResult) -> None:
    _, dashboard = sample(read_result)
    book = load_workbook(io.BytesIO(render_xlsx(read_result.vision, dashboard)))
    assert book.sheetnames == [
        "概要",
        "KPI",
        "取組",
        "事業費(柱別)",
        "事業費(施策別)",
        "事業費(市町村別)",
    ]
    kpis = list(book["KPI"].iter_rows(values_only=True))
    assert len(kpis) == 14 and kpis[1][1] == "圏域内総生産額"
    assert len(list(book["取組"].iter_rows())) == 70
    assert book["事業費(柱別)"]._charts  # the bar chart


@pytest.mark.parametrize(("fmt", "media"), [("html", "text/html"), ("xlsx", "application/vnd")])
def test_downloads(site: Site, fmt: str, media: str) -> None:
    client = site.client("viewer")
    response = client.get(f"/progress/report/2025.{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    if fmt == "html":
        assert "script-src" not in response.headers["content-security-policy"]
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
    else:
        assert "progress-report-fy2025.xlsx" in response.headers["content-disposition"]


def test_dashboard_page(site: Site) -> None:
    secretariat = site.client("secretariat")
    secretariat.post(
        "/progress/kpis",
        data={"csrf_token": csrf(secretariat), "kpi": "3", "period": "2024", "value": "700"},
    )
    page = secretariat.get("/progress", params={"fy": 2025})
    assert page.status_code == 200
    assert "<legend>表示する年度</legend>" in page.text and "達成 1" in page.text
    assert 'aria-labelledby="kpi3-t kpi3-d"' in page.text
    assert "を公表する" in page.text  # the secretariat's publish button
    assert "を公表する" not in site.client("viewer").get("/progress").text


def test_cli(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOSHIKEN_ENVIRONMENT", "test")
    out = tmp_path / "fy2025.xlsx"
    url = site.settings.database_url
    args = ["--database-url", url, "report", "annual", "--fy", "2025", "--format", "xlsx"]
    result = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[0] == "概要"
    bad = CliRunner().invoke(app, ["--database-url", url, "report", "annual", "--fy", "2031"])
    assert bad.exit_code == 2


def test_decimal_values_survive_the_database(site: Site) -> None:
    client = site.client("secretariat")
    client.post(
        "/progress/kpis",
        data={"csrf_token": csrf(client), "kpi": "1", "period": "2022", "value": "5110000.25"},
    )
    kpis = client.get("/api/progress", params={"fy": 2025}).json()["kpis"]
    assert kpis[0]["actual"] == "5110000.25" and kpis[0]["status"] == "achieved"
    assert Decimal(kpis[0]["attainment_pct"]) == Decimal("100.0")


def test_printed_kpi_charts_carry_their_years_as_one_line(read_result: ReadResult) -> None:
    import base64

    from toshiken.progress.charts import YEAR_WIDTH, kpi_figure, kpi_path

    vision = read_result.vision
    actuals = [KpiActual(k.number, 2024, k.baseline + 10, "出典") for k in vision.kpis]
    line = build_dashboard(vision, actuals, [], 2025).kpis[0]
    figure = kpi_figure(line)
    years = re.search(r'<p class="years" style="margin-left:([\d.]+)px;width:([\d.]+)px"', figure)
    assert years and float(years.group(1)) == pytest.approx(84 - YEAR_WIDTH / 2, abs=0.1)
    assert float(years.group(2)) == pytest.approx(440 - 16 - 84 + YEAR_WIDTH, abs=0.1)
    assert ">2021 2022 2023 2024</p>" in figure  # baseline 2021, target 2022, actual 2024
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", figure).group(1)).decode()  # type: ignore[union-attr]
    assert ">2023</text>" not in svg and ">2023</text>" in kpi_path(line)  # web: in the SVG
