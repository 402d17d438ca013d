"""The account pages in Chromium: create, refuse a bad form, reset; no axe-core violation."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import assert_clean, sign_in
from tests.browser.test_progress_pages import server

__all__ = ["server"]


def test_create_an_account_and_reset_its_password(page: Any, server: str) -> None:
    sign_in(page, server, "secretariat")
    page.goto(f"{server}/accounts/users")
    assert_clean(page)
    page.get_by_label("ユーザー名").fill("Not valid!")
    page.get_by_label("氏名").fill("山鹿 花子")
    page.get_by_label("役割").select_option("staff")
    page.get_by_role("button", name="作成する").click()
    alert = page.get_by_role("alert").inner_text()
    assert "ユーザー名" in alert and "所属市町村" in alert
    assert page.get_attribute("#f-username", "aria-invalid") == "true"
    assert_clean(page)
    page.get_by_label("ユーザー名").fill("yamaga.hanako")
    page.get_by_label("所属市町村（市町村担当者のみ）").select_option("432083")
    page.get_by_role("button", name="作成する").click()
    assert "アカウントを作成しました" in page.get_by_role("status").inner_text()
    assert len(page.locator("#one-time-password").inner_text()) >= 12
    assert_clean(page)
    page.get_by_role("link", name="yamaga.hanako").click()
    page.get_by_role("button", name="パスワードを再設定する").click()
    assert "パスワードを再設定しました" in page.get_by_role("status").inner_text()
    assert_clean(page)
    page.get_by_role("button", name="利用を停止する").click()
    assert "停止中" in page.locator("main dl").inner_text()
    assert_clean(page)


def test_other_roles_are_refused(page: Any, server: str) -> None:
    sign_in(page, server, "viewer")
    response = page.goto(f"{server}/accounts/users")
    assert response.status == 403
    assert_clean(page)
