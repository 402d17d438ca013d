"""The catalog's pages in Chromium: axe-core finds nothing, and they read at 375 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    describe_violations,
)
from tests.conftest import DATA
from tests.opendata.conftest import LOADED_AT, SOURCE, _serve
from toshiken.core.settings import Settings
from toshiken.vision.load import load_document
from toshiken.web import create_app

PAGES = [
    "/opendata",
    "/opendata?q=事業費&organization=432164-koshi-shi",
    "/opendata?q=見つからない語",
    "/opendata/dataset/kumamoto-renkei_municipalities",
    "/opendata/dataset/kumamoto-renkei_medical_institutions",
    "/opendata/organization",
    "/opendata/organization/432164-koshi-shi",
    "/opendata/organization/kumamoto-renkei",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database: Path = tmp_path_factory.mktemp("browser") / "site.sqlite3"
    app = create_app(Settings(database_url=f"sqlite:///{database}", environment="test"))
    load_document(app.state.runtime.sessions, SOURCE, DATA, now=LOADED_AT)
    yield from _serve(app)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists() or not AXE.exists():
        pytest.skip("Chromium or axe-core is missing: run `sh scripts/system-deps.sh`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page: Any, site: str, path: str) -> None:
    page.goto(site + path)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("path", PAGES[:1] + PAGES[3:7])
def test_reads_at_375_px_without_sideways_scrolling(page: Any, site: str, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_search_works_without_javascript(chromium: Any, site: str) -> None:
    context = chromium.new_context(java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    page.goto(site + "/opendata")
    page.get_by_label("キーワード").fill("事業費")
    page.get_by_label("公開組織").select_option("432164-koshi-shi")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("heading", name="データセット（1件）")).to_be_visible()
    page.get_by_role("link", name="合志市 参加する具体的取組の事業費", exact=True).click()
    expect(page.locator("h1")).to_have_text("合志市 参加する具体的取組の事業費")
    context.close()
