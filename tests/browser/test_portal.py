"""The portal in Chromium: axe-core on every page type, links, language, matrix, search, keys."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, describe_violations

PAGE_TYPES = [
    "/", "/municipalities", "/municipalities/432164", "/pillars", "/pillars/3", "/policies/3-2",
    "/initiatives", "/initiatives/3-2-2", "/matrix", "/kpis", "/search?q=子育て 支援",
    "/search", "/docs", "/nowhere", "/matrix?pillar=9", "/initiatives/1-3-1?lang=en",
]  # fmt: skip


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_axe_violations(page: Any, live_server: str, path: str) -> None:
    page.goto(live_server + path)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("path", ["/", "/matrix", "/initiatives/3-2-2", "/municipalities"])
def test_reads_at_375_px_without_sideways_scrolling(page: Any, live_server: str, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if path == "/":
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)


def test_follow_links_from_home_to_an_initiative(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="市町村").click()
    expect(page.locator("h1")).to_have_text("構成市町村")
    page.get_by_role("link", name="合志市", exact=True).first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^合志市"))
    page.locator("table.initiatives a").first.click()
    expect(page).to_have_url(re.compile("/initiatives/"))
    expect(page.get_by_role("heading", name="関係市町村")).to_be_visible()
    expect(page.locator("ul.members li")).to_have_count(24)


def test_switch_language_and_keep_it(page: Any, live_server: str) -> None:
    page.goto(live_server + "/kpis")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text("Key performance indicators (KPIs)")
    page.get_by_role("link", name="Participation").click()
    expect(page).to_have_url(re.compile("lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(live_server + "/pillars")  # no parameter: the cookie remembers
    expect(page.locator("h1")).to_have_text("Pillars and policy areas")
    page.get_by_role("link", name="日本語").click()
    expect(page.locator("h1")).to_have_text("取組の体系")


def test_filter_the_matrix(page: Any, live_server: str) -> None:
    page.goto(live_server + "/matrix")
    assert page.locator("table.matrix tbody tr").count() == 69
    page.get_by_label("柱").select_option("3")
    page.get_by_label("取組", exact=True).select_option("3-2")
    page.get_by_label("市町村").select_option(label="合志市")
    page.get_by_role("button", name="絞り込む").click()
    expect(page).to_have_url(re.compile("policy=3-2"))
    rows = page.locator("table.matrix tbody tr")
    expected = page.request.get(live_server + "/api/matrix?pillar=3&policy=3-2&municipality=432164")
    assert len(expected.json()["initiatives"]) > 0
    expect(rows).to_have_count(len(expected.json()["initiatives"]))
    assert all("3-②" in t for t in rows.locator("th .label").all_inner_texts())


def test_search_highlights_two_character_words(page: Any, live_server: str) -> None:
    page.goto(live_server + "/search")
    page.get_by_role("searchbox").fill("婚活")
    page.get_by_role("button", name="検索").click()
    expect(page.locator("h2#results")).to_contain_text("検索結果：2件")
    marks = page.locator("ol.results mark").all_inner_texts()
    assert marks and set(marks) == {"婚活"}
    page.locator("ol.results h3 a").first.click()
    expect(page.locator("h1")).to_contain_text("婚活")


def test_keyboard_skip_link_and_sorting(page: Any, live_server: str) -> None:
    page.goto(live_server + "/municipalities")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "本文へ移動"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("人口"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=population**")
    first = page.locator("table.sortable tbody th").first.inner_text()
    assert first.startswith("熊本市") is False  # ascending: the smallest first
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline is not None


def test_pages_work_without_javascript(browser: Any, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/matrix")
        page.get_by_label("柱").select_option("1")
        page.get_by_role("button", name="絞り込む").click()
        expect(page.locator("table.matrix tbody tr")).to_have_count(6)
        page.goto(live_server + "/search")
        page.get_by_role("searchbox").fill("図書")
        page.get_by_role("button", name="検索").click()
        expect(page.locator("ol.results li").first).to_be_visible()
        page.goto(live_server + "/")
        assert page.locator("svg.chart").count() == 3
    finally:
        context.close()


def test_swagger_ui_runs_offline_under_the_csp(page: Any, live_server: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: errors.append(r.url))
    page.goto(live_server + "/docs/swagger")
    page.locator(".opblock-summary-path").first.wait_for()
    assert page.locator(".opblock").count() > 10
    assert errors == []


def test_swagger_ui_has_no_axe_violations(page: Any, live_server: str) -> None:
    page.goto(live_server + "/docs/swagger")
    page.locator(".opblock-summary-path").first.wait_for()
    page.locator("section.models .json-schema-2020-12").first.wait_for()  # all of it rendered
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    operation = page.locator("#operations-vision-api_municipalities_api_municipalities_get")
    operation.locator(".opblock-summary-control").click()  # opened, then tried out
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    operation.locator(".try-out__btn").click()
    operation.locator(".execute").click()
    operation.locator(".live-responses-table").wait_for()
    assert "熊本市" in operation.locator(".live-responses-table").inner_text()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize(
    "path", ["/costs?lang=en", "/costs/3-2-2?lang=en", "/docs/swagger?lang=en"]
)
def test_english_pages_of_the_merged_catalogs_have_no_axe_violations(
    page: Any, live_server: str, path: str
) -> None:
    page.goto(live_server + path)
    assert page.locator("html").get_attribute("lang") == "en"
    if "swagger" in path:
        page.locator(".opblock-summary-path").first.wait_for()
    else:
        assert not any("\u3040" <= c <= "\u30ff" for c in page.locator("h2").first.inner_text())
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
