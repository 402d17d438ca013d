"""Every route that writes, tried as every role: only the allowed succeed; the rest get 403 and
nothing changes (data and audit log alike)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.accounts.conftest import KOSHI, ROLES, Site, csrf
from toshiken.accounts.model import Actor
from toshiken.accounts.orm import AuditRow, UserRow
from toshiken.core.db import transaction
from toshiken.progress import store
from toshiken.progress.model import KpiActual
from toshiken.progress.orm import InitiativeReportRow, KpiActualRow, PublicationRow
from toshiken.progress.workbook import HEADERS, SHEET

INITIATIVE = "1-1-1"  # all 24 municipalities take part


def snapshot(site: Site) -> tuple[object, ...]:
    with site.sessions() as session:
        tables = [
            session.execute(select(t.__table__)).all()  # type: ignore[attr-defined]
            for t in (KpiActualRow, InitiativeReportRow, PublicationRow, UserRow)
        ]
        audit = session.scalar(select(func.count()).select_from(AuditRow))
    return (*map(sorted, tables), audit)


def upload_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(HEADERS)
    sheet.append((2, "", "", 2024, 1500, "県", ""))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


Write = Callable[[TestClient], object]
WRITES: dict[str, tuple[Write, set[str]]] = {
    "kpi actual": (
        lambda c: c.post(
            "/progress/kpis",
            data={"csrf_token": csrf(c), "kpi": "2", "period": "2024", "value": "1500"},
        ),
        {"secretariat"},
    ),
    "delete kpi actual": (
        lambda c: c.post(
            "/progress/kpis/delete", data={"csrf_token": csrf(c), "kpi": "1", "period": "2023"}
        ),
        {"secretariat"},
    ),
    "upload": (
        lambda c: c.post(
            "/progress/upload",
            data={"csrf_token": csrf(c)},
            files={"file": ("k.xlsx", upload_bytes())},
        ),
        {"secretariat"},
    ),
    "initiative report of 合志市": (
        lambda c: c.post(
            f"/progress/reports/{INITIATIVE}",
            data={
                "csrf_token": csrf(c),
                "fiscal_year": "2025",
                "municipality": KOSHI,
                "status": "done",
                "spent": "120",
                "activities": "セミナー開催",
            },
        ),
        {"staff", "secretariat"},
    ),
    "publish": (
        lambda c: c.post("/progress/publish", data={"csrf_token": csrf(c), "fiscal_year": "2025"}),
        {"secretariat"},
    ),
}


@pytest.mark.parametrize("route", list(WRITES))
def test_write_routes_by_role(site: Site, route: str) -> None:
    write, allowed = WRITES[route]
    with transaction(site.sessions) as session:
        store.save_actuals(
            session, [KpiActual(1, 2023, Decimal(5))], Actor(None, "seed"), datetime.now(UTC)
        )
    for role in ROLES:
        client = site.client(role)
        before = snapshot(site)
        response = write(client)
        status = response.status_code  # type: ignore[attr-defined]
        if role in allowed:
            assert status in (200, 303), (role, status, response.text[-500:])  # type: ignore[attr-defined]
            assert snapshot(site) != before, f"{route} as {role} changed nothing"
            assert snapshot(site)[-1] > before[-1], "the change is not in the audit log"  # type: ignore[operator]
        else:
            assert status == 403, (role, status)
            assert snapshot(site) == before, f"{route} as {role} changed something"
        if role in allowed:
            return  # one success is enough; the same write again would change nothing


def test_staff_cannot_report_for_an_initiative_they_do_not_take_part_in(site: Site) -> None:
    vision_initiative = "3-1-2"  # 9 participants, 荒尾市 not among them
    client = site.client("other_staff")  # 荒尾市
    assert (
        "432041"
        not in client.get(f"/api/initiatives/{vision_initiative}").json()["participant_codes"]
    )
    before = snapshot(site)
    refused = client.post(
        f"/progress/reports/{vision_initiative}",
        data={
            "csrf_token": csrf(client),
            "fiscal_year": "2025",
            "municipality": "432041",
            "status": "done",
        },
    )
    assert refused.status_code == 403
    assert snapshot(site) == before


def test_reading_internal_pages(site: Site) -> None:
    clients = {role: site.client(role) for role in ("anonymous", "viewer", "staff", "secretariat")}
    paths = ("/progress/kpis", "/progress/reports", f"/progress/reports/{INITIATIVE}",
             "/api/progress/actuals", "/api/progress/reports")  # fmt: skip
    for path in paths:
        assert clients["anonymous"].get(path).status_code == 403
        for role in ("viewer", "staff", "secretariat"):
            assert clients[role].get(path).status_code == 200, (path, role)
    for path in ("/progress/upload", "/progress/kpis/template.xlsx"):
        assert clients["staff"].get(path).status_code == 403
        assert clients["secretariat"].get(path).status_code == 200


def test_the_public_reads_only_published_years(site: Site) -> None:
    public = site.client()
    assert public.get("/api/progress", params={"fy": 2025}).status_code == 404
    assert public.get("/progress/report/2025.pdf").status_code == 404
    assert "公表された進行管理の結果はまだありません" in public.get("/progress").text
    assert site.client("viewer").get("/api/progress", params={"fy": 2025}).status_code == 200
    secretariat = site.client("secretariat")
    secretariat.post(
        "/progress/publish", data={"csrf_token": csrf(secretariat), "fiscal_year": "2024"}
    )
    assert public.get("/api/progress", params={"fy": 2024}).json()["published"] is True
    assert public.get("/api/progress").json()["fiscal_year"] == 2024
    assert public.get("/api/progress", params={"fy": 2025}).status_code == 404
    secretariat.post(
        "/progress/publish",
        data={"csrf_token": csrf(secretariat), "fiscal_year": "2024", "action": "withdraw"},
    )
    assert public.get("/api/progress", params={"fy": 2024}).status_code == 404
    log = secretariat.get("/api/audit", params={"entity": "publication"}).json()
    assert [e["action"] for e in log] == ["delete", "create"]
