"""The service finder in Chromium: axe-core, 375 px, a form that works without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, describe_violations

PAGES = [
    "/services",
    "/services/for?home=432164&work=431001",
    "/services/for?home=431001",
    "/services/library",
    "/services/sick-child-care",
    "/services/for?home=八代市",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page: Any, live_server: str, path: str) -> None:
    page.goto(live_server + path)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("path", PAGES[:4])
def test_reads_at_375_px_without_sideways_scrolling(page: Any, live_server: str, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_choose_where_you_live_without_javascript(browser: Any, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(live_server + "/services")
        page.get_by_label("お住まいの市町村（必須）").select_option(label="合志市")
        page.get_by_label("通勤・通学先の市町村（任意）").select_option(label="熊本市")
        page.get_by_role("button", name="サービスを探す").click()
        page.wait_for_url("**/services/for?home=432164&work=431001")
        assert page.locator("h1").inner_text().startswith("合志市にお住まいの方が使える")
        api = page.request.get(live_server + "/api/services/for?home=432164&work=431001").json()
        assert page.locator("article.service").count() == len(api["services"]) > 0
        assert page.locator("#service-health-points").is_visible()
        page.get_by_role("link", name="病児・病後児保育を利用できる市町村").click()
        expect(page.locator("h1")).to_have_text("病児・病後児保育")
        expect(page.locator("table tbody tr")).to_have_count(12)  # 熊本市 + 11 with a site
    finally:
        context.close()


def test_the_menu_leads_to_the_finder(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    menu = page.get_by_role("navigation", name="メインメニュー")
    menu.get_by_role("link", name="くらしのサービス").click()
    expect(page.locator("h1")).to_have_text("市町村の境を越えて使えるサービス")
