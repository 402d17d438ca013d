"""Entering progress through the pages: KPI actuals, uploads and initiative reports."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.accounts.conftest import ARAO, KOSHI, Site, csrf
from tests.progress.test_access import snapshot
from toshiken.progress.workbook import HEADERS, SHEET


def xlsx(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_kpi_form_saves_replaces_and_audits(site: Site) -> None:
    client = site.client("secretariat")
    form = {
        "csrf_token": csrf(client),
        "kpi": "3",
        "period": "2024",
        "value": "400",
        "source": "熊本市調べ",
        "note": "",
    }
    assert client.post("/progress/kpis", data=form, follow_redirects=False).status_code == 303
    client.post("/progress/kpis", data={**form, "value": "450.5"})
    assert client.get("/api/progress/actuals").json() == [
        {"kpi": 3, "period": 2024, "value": "450.5", "source": "熊本市調べ", "note": ""}
    ]
    log = client.get("/api/audit", params={"entity": "kpi_actual"}).json()
    assert [(e["action"], e["key"]) for e in log] == [("update", "3/2024"), ("create", "3/2024")]
    assert log[0]["before"]["value"] == "400" and log[0]["after"]["value"] == "450.5"
    client.post(
        "/progress/kpis/delete", data={"csrf_token": csrf(client), "kpi": "3", "period": "2024"}
    )
    log = client.get("/api/audit", params={"entity": "kpi_actual"}).json()
    assert log[0]["action"] == "delete" and log[0]["before"]["value"] == "450.5"


def test_kpi_form_errors_link_to_fields_and_save_nothing(site: Site) -> None:
    client = site.client("secretariat")
    before = snapshot(site)
    response = client.post(
        "/progress/kpis",
        data={"csrf_token": csrf(client), "kpi": "99", "period": "R6", "value": "約100"},
    )
    assert response.status_code == 400
    for field in ("kpi", "period", "value"):
        assert f'href="#field-{field}"' in response.text
        assert f'id="field-{field}"' in response.text
    assert "数値ではありません（「約100」）" in response.text
    assert snapshot(site) == before


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "unknown KPI",
            xlsx((99, "", "", 2024, 1, "", "")),
            ["KPI実績", "2", "A（KPI番号）", "KPI番号「99」はビジョンにありません"],
        ),
        (
            "text in a number cell",
            xlsx((3, "", "", 2024, "abc", "", "")),
            ["3", "E（実績値）", "数値ではありません（「abc」）"],
        ),
        (
            "duplicate period",
            xlsx((3, "", "", 2024, 1, "", ""), (3, "", "", 2024, 2, "", "")),
            ["3", "D（年（年度））", "2行目と重複しています"],
        ),
        ("empty file", b"", ["ファイルが空です"]),
        ("not xlsx", "KPI番号,実績値\n1,2\n".encode(), ["Excel（.xlsx）ファイルではありません"]),
    ],
)
def test_bad_uploads_are_refused_whole(
    site: Site, name: str, data: bytes, expected: list[str]
) -> None:
    client = site.client("secretariat")
    before = snapshot(site)
    response = client.post(
        "/progress/upload",
        data={"csrf_token": csrf(client)},
        files={"file": ("actuals.xlsx", data)},
    )
    assert response.status_code == 400, name
    assert "何も保存していません" in response.text
    for text in expected:
        assert text in response.text, (name, text)
    assert snapshot(site) == before


def test_a_bad_row_keeps_the_good_rows_out(site: Site) -> None:
    client = site.client("secretariat")
    before = snapshot(site)
    data = xlsx((3, "", "", 2024, 400, "", ""), (4, "", "", 2024, "n/a", "", ""))
    response = client.post(
        "/progress/upload", data={"csrf_token": csrf(client)}, files={"file": ("a.xlsx", data)}
    )
    assert response.status_code == 400 and snapshot(site) == before


def test_good_upload_saves_every_row_with_audit(site: Site) -> None:
    client = site.client("secretariat")
    template = client.get("/progress/kpis/template.xlsx", params={"year": 2024})
    assert template.headers["content-type"].startswith("application/vnd.openxmlformats")
    data = xlsx((3, "", "", 2024, 400, "県", ""), (4, "", "", 2023, "12,000", "", "暦年"))
    response = client.post(
        "/progress/upload", data={"csrf_token": csrf(client)}, files={"file": ("a.xlsx", data)}
    )
    assert response.status_code == 200 and "2 行を取り込みました" in response.text
    assert len(client.get("/api/progress/actuals").json()) == 2
    assert len(client.get("/api/audit", params={"entity": "kpi_actual"}).json()) == 2


def test_staff_report_their_part_and_the_secretariat_sees_all(site: Site) -> None:
    staff = site.client("staff")
    page = staff.get("/progress/reports/1-1-1", params={"fy": 2025})
    assert '<option value="432164" selected>合志市</option>' in page.text
    assert "<legend>実施状況" in page.text
    form = {
        "csrf_token": csrf(staff),
        "fiscal_year": "2025",
        "municipality": KOSHI,
        "status": "in_progress",
        "spent": "1,200",
        "activities": "相談会を2回開催",
    }
    assert (
        staff.post("/progress/reports/1-1-1", data=form, follow_redirects=False).status_code == 303
    )
    staff.post("/progress/reports/1-1-1", data={**form, "status": "done"})
    other = site.client("other_staff")
    other.post(
        "/progress/reports/1-1-1",
        data={**form, "csrf_token": csrf(other), "municipality": ARAO, "spent": "50"},
    )
    secretariat = site.client("secretariat")
    reports = secretariat.get("/api/progress/reports", params={"fy": 2025}).json()
    assert {(r["municipality_code"], r["status"], r["spent_thousand_yen"]) for r in reports} == {
        (KOSHI, "done", 1200),
        (ARAO, "in_progress", 50),
    }
    dashboard = secretariat.get("/api/progress", params={"fy": 2025}).json()
    assert dashboard["initiatives"][0]["spent_thousand_yen"] == 1250
    assert dashboard["initiative_state"]["on_schedule"] == 1
    log = secretariat.get("/api/audit", params={"entity": "initiative_report"}).json()
    assert log[1]["key"] == f"1-1-1/2025/{KOSHI}" and log[1]["before"]["status"] == "in_progress"
    assert log[1]["after"]["status"] == "done" and log[1]["municipality_code"] == KOSHI


def test_report_errors(site: Site) -> None:
    secretariat = site.client("secretariat")
    before = snapshot(site)
    bad = secretariat.post(
        "/progress/reports/1-1-1",
        data={
            "csrf_token": csrf(secretariat),
            "fiscal_year": "2025",
            "municipality": KOSHI,
            "status": "finished",
            "spent": "-5",
        },
    )
    assert bad.status_code == 400
    assert 'href="#field-status"' in bad.text and 'href="#field-spent"' in bad.text
    outsider = secretariat.post(
        "/progress/reports/3-1-2",
        data={
            "csrf_token": csrf(secretariat),
            "fiscal_year": "2025",
            "municipality": ARAO,
            "status": "done",
        },
    )
    assert outsider.status_code == 400 and "関係市町村ではありません" in outsider.text
    assert (
        secretariat.post(
            "/progress/reports/9-9-9", data={"csrf_token": csrf(secretariat), "municipality": KOSHI}
        ).status_code
        == 404
    )
    assert snapshot(site) == before
