"""Login and logout over HTTP: sessions, CSRF, throttling, disabled accounts, redirects."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tests.accounts.conftest import PASSWORD, Site, csrf, form_token, login
from toshiken.accounts import store
from toshiken.accounts.model import Actor
from toshiken.accounts.routes import safe_next
from toshiken.accounts.signing import COOKIE
from toshiken.core.db import transaction


def test_login_opens_a_new_session_and_logout_ends_it(site: Site) -> None:
    client = TestClient(site.app)
    page = client.get("/login")
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.text
    before = client.cookies.get(COOKIE)
    response = login(client, "staff")
    assert response.status_code == 303  # type: ignore[attr-defined]
    after = client.cookies.get(COOKIE)
    assert after and after != before  # a fresh session id: no fixation
    assert client.get("/api/me").json()["municipality_code"] == "432164"
    account = client.get("/account")
    assert account.status_code == 200 and "市町村担当者" in account.text
    client.post("/logout", data={"csrf_token": form_token(account.text)}, follow_redirects=False)
    assert client.get("/api/me").json() is None
    assert client.get("/account").status_code == 403


def test_old_cookie_is_dead_after_logout(site: Site) -> None:
    client = site.client("secretariat")
    stolen = client.cookies.get(COOKIE)
    client.post("/logout", data={"csrf_token": csrf(client)})
    thief = TestClient(site.app, cookies={COOKIE: stolen})
    assert thief.get("/api/me").json() is None


def test_wrong_password_and_unknown_user_look_alike(site: Site) -> None:
    client = site.client()
    wrong = login(client, "staff", "not the password")
    unknown = login(client, "nobody", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401  # type: ignore[attr-defined]
    assert "ユーザー名またはパスワードが正しくありません" in wrong.text  # type: ignore[attr-defined]


def test_empty_fields_are_reported_with_links_to_them(site: Site) -> None:
    client = site.client()
    response = client.post("/login", data={"csrf_token": csrf(client)})
    assert response.status_code == 400
    assert 'href="#username"' in response.text and 'href="#password"' in response.text


def test_repeated_failures_lock_the_name(site: Site) -> None:
    client = site.client()
    for _ in range(5):
        assert login(client, "staff", "wrong password!!").status_code == 401  # type: ignore[attr-defined]
    locked = login(client, "staff", PASSWORD)  # even the right password waits now
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert "Retry-After" in locked.headers  # type: ignore[attr-defined]
    assert client.get("/api/me").json() is None
    assert login(site.client(), "viewer").status_code == 303  # type: ignore[attr-defined]


def test_disabled_user_cannot_sign_in_and_loses_sessions(site: Site) -> None:
    client = site.client("staff")
    with transaction(site.sessions) as session:
        store.update_user(session, "staff", Actor(None, "t"), datetime.now(UTC), active=False)
    assert client.get("/api/me").json() is None
    assert login(site.client(), "staff").status_code == 401  # type: ignore[attr-defined]


def test_csrf_is_required_on_every_post_of_a_signed_in_session(site: Site) -> None:
    client = site.client("secretariat")
    data = {"kpi": "1", "period": "2024", "value": "1"}
    missing = client.post("/progress/kpis", data=data)
    assert missing.status_code == 403 and "送信できませんでした" in missing.text
    assert client.post("/progress/kpis", data={**data, "csrf_token": "x" * 64}).status_code == 403
    stranger = site.client()  # another browser's token does not fit this session
    assert (
        client.post("/progress/kpis", data={**data, "csrf_token": csrf(stranger)}).status_code
        == 403
    )
    header = client.post(
        "/progress/kpis", data=data, headers={"X-CSRF-Token": csrf(client)}, follow_redirects=False
    )
    assert header.status_code == 303


def test_login_needs_a_token_even_without_a_session(site: Site) -> None:
    fresh = TestClient(site.app)  # a forged login would sign the victim in as someone else
    refused = fresh.post("/login", data={"username": "staff", "password": PASSWORD})
    assert refused.status_code == 403 and "送信できませんでした" in refused.text
    assert fresh.cookies.get(COOKIE)  # and it is given a session for the next try
    forged = TestClient(site.app, cookies={COOKIE: "made-up.0000"})
    assert forged.post("/logout").status_code == 403


def test_requests_without_a_signed_in_session_act_as_the_public(site: Site) -> None:
    # no token is needed where there is no authority to abuse (e.g. the CKAN-style API's POSTs);
    # such a request is simply anonymous
    bare = TestClient(site.app)
    assert bare.post("/progress/kpis", data={"kpi": "1"}).status_code == 403  # not signed in
    anonymous = site.client()
    assert anonymous.post("/logout", follow_redirects=False).status_code == 303


def test_login_redirects_only_within_the_site(site: Site) -> None:
    assert safe_next("/progress?fy=2025") == "/progress?fy=2025"
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil", "", None):
        assert safe_next(bad) == "/account"
    client = site.client()
    data = {"username": "viewer", "password": PASSWORD, "csrf_token": csrf(client)}
    response = client.post("/login", data={**data, "next": "/progress"}, follow_redirects=False)
    assert response.headers["location"] == "/progress"


def test_browsers_are_sent_to_login_for_internal_pages(site: Site) -> None:
    client = site.client()
    page = client.get("/progress/kpis", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("/login?next=/progress/kpis")
    viewer = site.client("viewer")
    refused = viewer.get("/audit", headers={"Accept": "text/html"})
    assert refused.status_code == 403 and "権限がありません" in refused.text


def test_session_cookie_flags(site: Site) -> None:
    response = TestClient(site.app).get("/login")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
