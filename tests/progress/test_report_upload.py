"""Initiative reports by Excel on the web: who may upload, all or nothing, and the template."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.accounts.conftest import KOSHI, ROLES, Site, csrf
from tests.progress.test_access import snapshot
from tests.progress.test_report_workbook import workbook
from toshiken.progress.report_workbook import SHEET

GOOD = workbook(("1-1-1", "", KOSHI, "合志市", 2025, "実施済", 120, "企業訪問"))


def upload(client: object, data: bytes) -> object:
    return client.post(  # type: ignore[attr-defined]
        "/progress/reports/upload",
        data={"csrf_token": csrf(client)},  # type: ignore[arg-type]
        files={"file": ("reports.xlsx", data)},
    )


def test_who_may_upload(site: Site) -> None:
    outcomes = {}
    for role in ROLES:
        before = snapshot(site)
        response = upload(site.client(role), GOOD)
        outcomes[role] = response.status_code  # type: ignore[attr-defined]
        if role != "staff":
            assert snapshot(site) == before, f"{role} changed something"
        else:
            assert snapshot(site) != before
            assert "1 行を取り込みました" in response.text  # type: ignore[attr-defined]
    assert outcomes == {
        "anonymous": 403, "viewer": 403, "other_staff": 400, "staff": 200, "secretariat": 200,
    }  # fmt: skip
    log = site.client("secretariat").get("/api/audit", params={"entity": "initiative_report"})
    entry = log.json()[0]
    assert entry["actor"] == "staff" and entry["after"]["spent_thousand_yen"] == 120


def test_one_bad_row_saves_nothing_and_names_the_place(site: Site) -> None:
    data = workbook(
        ("1-1-1", "", KOSHI, "", 2025, "実施済", 120, ""),
        ("3-1-2", "", KOSHI, "", 2025, "実施済", "約100", ""),
    )
    before = snapshot(site)
    response = upload(site.client("staff"), data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "何も保存していません" in text and "G（実績額（千円））" in text and "約100" in text
    assert snapshot(site) == before


def test_not_a_workbook_and_no_file(site: Site) -> None:
    client = site.client("staff")
    assert "Excel（.xlsx）ファイルではありません" in upload(client, b"a,b\n").text  # type: ignore[attr-defined]
    empty = client.post("/progress/reports/upload", data={"csrf_token": csrf(client)})
    assert empty.status_code == 400 and "ファイルを選んでください" in empty.text


def test_the_template_has_the_users_rows(site: Site) -> None:
    staff = site.client("staff").get("/progress/reports/template.xlsx", params={"fy": 2024})
    rows = list(load_workbook(io.BytesIO(staff.content))[SHEET].iter_rows(values_only=True))
    assert {r[2] for r in rows[1:]} == {KOSHI} and {r[4] for r in rows[1:]} == {2024}
    everyone = site.client("secretariat").get("/progress/reports/template.xlsx")
    all_rows = list(load_workbook(io.BytesIO(everyone.content))[SHEET].iter_rows())
    assert len(all_rows) - 1 > len(rows) - 1 > 10
    assert site.client("viewer").get("/progress/reports/template.xlsx").status_code == 403
    assert site.client("staff").get("/progress/reports/upload").status_code == 200
