"""Publishing freezes a year's report: later edits leave its figures, HTML and PDF alone."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.accounts.conftest import Site, csrf
from toshiken.cli import app
from toshiken.progress import store
from toshiken.progress.model import Implementation, InitiativeReport, KpiActual
from toshiken.progress.snapshot import digest, freeze, thaw

KPI2 = {"csrf_token": "", "kpi": "2", "period": "2024", "value": "1500", "source": "県"}


def test_freeze_keeps_what_the_year_needs_and_thaws_back() -> None:
    actuals = [KpiActual(2, 2024, Decimal("12.5"), "県"), KpiActual(2, 2026, Decimal(9))]
    reports = [
        InitiativeReport("1-1-1", 2024, "432164", Implementation.done, 120, "開催"),
        InitiativeReport("1-1-1", 2025, "432164", Implementation.partial, None, ""),
    ]
    inputs = freeze(2024, actuals, reports)
    assert thaw(inputs) == ([actuals[0]], [reports[0]])
    assert digest(inputs) == digest(freeze(2024, list(reversed(actuals)), reports))
    assert digest(inputs) != digest(freeze(2024, [KpiActual(2, 2024, Decimal("12.6"))], reports))


def _post_actual(client: TestClient, value: str) -> None:
    data = {**KPI2, "csrf_token": csrf(client), "value": value}
    response = client.post("/progress/kpis", data=data, follow_redirects=False)
    assert response.status_code == 303


def test_a_published_year_stays_as_published(site: Site) -> None:
    secretariat = site.client("secretariat")
    public = site.client()
    _post_actual(secretariat, "1500")
    published = secretariat.post(
        "/progress/publish",
        data={"csrf_token": csrf(secretariat), "fiscal_year": "2024"},
        follow_redirects=False,
    )
    assert published.status_code == 303
    before = public.get("/api/progress", params={"fy": 2024}).json()
    html_before = public.get("/progress/report/2024.html").text
    assert before["published"] and before["live_changed"] is False
    kpi2 = next(k for k in before["kpis"] if k["number"] == 2)
    assert kpi2["actual"] == "1500"

    _post_actual(secretariat, "1700")  # a correction after publication

    after = public.get("/api/progress", params={"fy": 2024}).json()
    assert next(k for k in after["kpis"] if k["number"] == 2)["actual"] == "1500"
    assert after["live_changed"] is True
    assert after["inputs_sha256"] == before["inputs_sha256"]
    assert public.get("/progress/report/2024.html").text == html_before
    page = public.get("/progress", params={"fy": 2024}).text
    assert "公表後にデータが変更されています" in page and "live=1" not in page
    live = secretariat.get("/api/progress", params={"fy": 2024, "live": "true"}).json()
    assert next(k for k in live["kpis"] if k["number"] == 2)["actual"] == "1700"
    # the public cannot ask for the live figures
    sneaky = public.get("/api/progress", params={"fy": 2024, "live": "true"}).json()
    assert next(k for k in sneaky["kpis"] if k["number"] == 2)["actual"] == "1500"
    assert "1,700" in secretariat.get("/progress", params={"fy": 2024, "live": "1"}).text


def test_the_published_pdf_is_printed_once_and_kept(site: Site) -> None:
    secretariat = site.client("secretariat")
    secretariat.post(
        "/progress/publish", data={"csrf_token": csrf(secretariat), "fiscal_year": "2023"}
    )
    first = site.client().get("/progress/report/2023.pdf")
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    with site.sessions() as session:
        kept = store.snapshots(session)[2023]
        assert store.snapshot_pdf(session, 2023) == first.content
    assert kept.pdf_sha256 == hashlib.sha256(first.content).hexdigest()
    _post_actual(secretariat, "1800")
    assert site.client().get("/progress/report/2023.pdf").content == first.content


def test_withdrawing_drops_the_snapshot_and_republishing_takes_todays_data(site: Site) -> None:
    secretariat = site.client("secretariat")
    token = csrf(secretariat)
    secretariat.post("/progress/publish", data={"csrf_token": token, "fiscal_year": "2024"})
    _post_actual(secretariat, "1600")
    secretariat.post(
        "/progress/publish",
        data={"csrf_token": token, "fiscal_year": "2024", "action": "withdraw"},
    )
    secretariat.post("/progress/publish", data={"csrf_token": token, "fiscal_year": "2024"})
    data = site.client().get("/api/progress", params={"fy": 2024}).json()
    assert next(k for k in data["kpis"] if k["number"] == 2)["actual"] == "1600"
    assert data["live_changed"] is False
    log = secretariat.get("/api/audit", params={"entity": "publication"}).json()
    assert log[0]["after"]["inputs_sha256"] == data["inputs_sha256"]
    assert datetime.fromisoformat(data["published_at"]) <= datetime.now(UTC)


def test_the_cli_writes_a_published_year_as_published(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOSHIKEN_ENVIRONMENT", "test")
    secretariat = site.client("secretariat")
    _post_actual(secretariat, "1500")
    secretariat.post(
        "/progress/publish", data={"csrf_token": csrf(secretariat), "fiscal_year": "2024"}
    )
    published = site.client().get("/progress/report/2024.html").text
    _post_actual(secretariat, "1700")
    base = ["--database-url", site.settings.database_url, "report", "annual", "--fy", "2024"]
    out = tmp_path / "fy2024.html"
    frozen = CliRunner().invoke(app, [*base, "--format", "html", "-o", str(out)])
    assert frozen.exit_code == 0, frozen.output
    assert out.read_text(encoding="utf-8") == published
    assert "changed since" in frozen.output
    live = CliRunner().invoke(app, [*base, "--format", "html", "--live", "-o", str(out)])
    assert live.exit_code == 0 and "1,700" in out.read_text(encoding="utf-8")
