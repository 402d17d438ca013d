"""The secretariat's account pages: only it may write; others get 403 and nothing changes."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.accounts.conftest import ARAO, KOSHI, ROLES, Site, csrf, login
from toshiken.accounts.orm import AuditRow, SessionRow, UserRow


def state(site: Site) -> tuple[object, ...]:
    with site.sessions() as session:
        users = sorted(session.execute(select(UserRow.__table__)).all())
        audit = session.scalar(select(func.count()).select_from(AuditRow))
        sessions = session.scalar(select(func.count()).select_from(SessionRow))
    return users, audit, sessions


def one_time_password(html: str) -> str:
    found = re.search(r'<code id="one-time-password">([^<]+)</code>', html)
    assert found, "no one-time password shown"
    return found.group(1)


Write = Callable[[TestClient], object]
WRITES: dict[str, Write] = {
    "create": lambda c: c.post(
        "/accounts/users",
        data={
            "csrf_token": csrf(c),
            "username": "kikuchi",
            "display_name": "菊池 一郎",
            "role": "staff",
            "municipality": "432105",
        },
    ),
    "disable": lambda c: c.post(
        "/accounts/users/staff/active", data={"csrf_token": csrf(c), "active": "0"}
    ),
    "role": lambda c: c.post(
        "/accounts/users/viewer/role",
        data={"csrf_token": csrf(c), "role": "staff", "municipality": ARAO},
    ),
    "password": lambda c: c.post(
        "/accounts/users/other_staff/password", data={"csrf_token": csrf(c)}
    ),
}


@pytest.mark.parametrize("route", list(WRITES))
def test_only_the_secretariat_manages_accounts(site: Site, route: str) -> None:
    for role in ROLES:
        client = site.client(role)
        before = state(site)
        response = WRITES[route](client)
        status = response.status_code  # type: ignore[attr-defined]
        if role == "secretariat":
            assert status in (200, 303), response.text[-400:]  # type: ignore[attr-defined]
            after = state(site)
            assert after[0] != before[0] or route == "password"
            assert after[1] > before[1], "the change is not in the audit log"  # type: ignore[operator]
        else:
            assert status == 403, (role, status)
            assert state(site) == before, f"{route} as {role} changed something"


def test_reading_the_pages_needs_the_secretariat(site: Site) -> None:
    for role in ("anonymous", "viewer", "staff"):
        client = site.client(role)
        for path in ("/api/accounts/users", "/accounts/users/staff"):
            assert client.get(path).status_code == 403, (role, path)
    secretariat = site.client("secretariat")
    listed = secretariat.get("/api/accounts/users").json()
    assert {u["username"] for u in listed} == {"secretariat", "viewer", "staff", "other_staff"}
    page = secretariat.get("/accounts/users").text
    assert "合志市" in page and "市町村担当者" in page
    assert secretariat.get("/accounts/users/nobody").status_code == 404


def test_a_created_account_signs_in_with_its_one_time_password(site: Site) -> None:
    secretariat = site.client("secretariat")
    created = secretariat.post(
        "/accounts/users",
        data={"csrf_token": csrf(secretariat), "username": "Koshi.Tanaka",
              "display_name": "合志 太郎", "role": "staff", "municipality": KOSHI},
    )  # fmt: skip
    assert created.status_code == 200 and created.headers["cache-control"] == "no-store"
    password = one_time_password(created.text)
    fresh = site.client()
    assert login(fresh, "koshi.tanaka", password).status_code == 303  # type: ignore[attr-defined]
    me = fresh.get("/api/me").json()
    assert me["role"] == "staff" and me["municipality_code"] == KOSHI
    log = secretariat.get("/api/audit", params={"entity": "user"}).json()
    assert log[0]["key"] == "koshi.tanaka" and log[0]["actor"] == "secretariat"
    assert "password" not in str(log[0]["after"]).lower()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"username": "", "display_name": "x", "role": "viewer"}, "username", "入力してください"),
        ({"username": "a b", "display_name": "x", "role": "viewer"}, "username", "半角英小文字"),
        ({"username": "staff", "display_name": "x", "role": "viewer"}, "username", "すでに使"),
        ({"username": "new1", "display_name": "x", "role": "staff"}, "municipality", "が必要"),
        ({"username": "new1", "display_name": "x", "role": "staff", "municipality": "131016"},
         "municipality", "圏域の市町村ではありません"),
        ({"username": "new1", "display_name": "x", "role": "admin"}, "role", "役割を一覧から"),
    ],
)  # fmt: skip
def test_bad_forms_are_refused_with_the_field(
    site: Site, data: dict[str, str], field: str, message: str
) -> None:
    secretariat = site.client("secretariat")
    before = state(site)
    response = secretariat.post("/accounts/users", data={"csrf_token": csrf(secretariat), **data})
    assert response.status_code == 400
    assert f'href="#f-{field}"' in response.text and message in response.text
    assert state(site) == before


def test_disabling_ends_sessions_and_enabling_restores_sign_in(site: Site) -> None:
    staff = site.client("staff")
    secretariat = site.client("secretariat")
    token = csrf(secretariat)
    secretariat.post("/accounts/users/staff/active", data={"csrf_token": token, "active": "0"})
    assert staff.get("/api/me").json() is None
    assert login(site.client(), "staff").status_code == 401  # type: ignore[attr-defined]
    secretariat.post("/accounts/users/staff/active", data={"csrf_token": token, "active": "1"})
    assert login(site.client(), "staff").status_code == 303  # type: ignore[attr-defined]


def test_the_secretariat_cannot_lock_itself_out(site: Site) -> None:
    secretariat = site.client("secretariat")
    token = csrf(secretariat)
    before = state(site)
    off = secretariat.post(
        "/accounts/users/secretariat/active", data={"csrf_token": token, "active": "0"}
    )
    demote = secretariat.post(
        "/accounts/users/secretariat/role", data={"csrf_token": token, "role": "viewer"}
    )
    assert off.status_code == demote.status_code == 400
    assert state(site) == before


def test_a_password_reset_ends_sessions_and_gives_a_new_password(site: Site) -> None:
    staff = site.client("staff")
    secretariat = site.client("secretariat")
    reset = secretariat.post(
        "/accounts/users/staff/password", data={"csrf_token": csrf(secretariat)}
    )
    password = one_time_password(reset.text)
    assert staff.get("/api/me").json() is None
    assert login(site.client(), "staff").status_code == 401  # type: ignore[attr-defined]
    assert login(site.client(), "staff", password).status_code == 303  # type: ignore[attr-defined]


def test_without_a_csrf_token_nothing_changes(site: Site) -> None:
    secretariat = site.client("secretariat")
    before = state(site)
    refused = secretariat.post("/accounts/users/staff/active", data={"active": "0"})
    assert refused.status_code == 403
    assert state(site) == before
