"""The registers' pages in Chromium: no axe-core violation on the list, entry, form and summary
pages (public and signed in, Japanese and English), and the form works without script."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.accounts.conftest import KOSHI, SECRET, build_database
from tests.browser.conftest import assert_clean, serving, sign_in
from toshiken.accounts.model import Actor
from toshiken.core.db import transaction
from toshiken.core.settings import Settings
from toshiken.registers import store
from toshiken.registers.access import declarations, ensure_seeded, members
from toshiken.registers.validate import Cleaned
from toshiken.vision.reader import ReadResult
from toshiken.web import create_app

SIGHTINGS = [
    (KOSHI, "アライグマ", "2025-05-03", 2), ("432041", "イノシシ", "2025-05-09", 4),
    (KOSHI, "ニホンジカ", "2025-06-01", 1), ("431001", "アライグマ", "2025-07-30", 1),
]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, read_result: ReadResult) -> Iterator[str]:
    database = tmp_path_factory.mktemp("registers-live") / "live.sqlite3"
    url = f"sqlite:///{database}"
    settings = Settings(database_url=url, environment="test", secret_key=SECRET)
    build_database(url, settings, read_result)
    app = create_app(settings)
    registers = declarations(settings)
    ensure_seeded(app.state.runtime.sessions, registers, members(settings), datetime.now(UTC))
    sightings = registers["sightings"]
    with transaction(app.state.runtime.sessions) as session:
        for code, species, day, count in SIGHTINGS:
            values = {"species": species, "date": day, "count": count, "address": "竹迫",
                      "reporter": "096-000-0000"}  # fmt: skip
            store.create(session, sightings, Cleaned(code, values), Actor(None, "test"),  # type: ignore[arg-type]
                         datetime.now(UTC))  # fmt: skip
    with serving(app) as url:
        yield url


PUBLIC = [
    "/registers", "/registers/tourism",
    "/registers/tourism?kind=博物館・資料館&municipality=432164",
    "/registers/tourism/1", "/registers/sightings/55", "/registers/sightings?species=アライグマ",
    "/registers/sightings", "/registers/sightings/summary",
    "/registers/sightings/summary?lang=en", "/registers/tourism?lang=en", "/registers/lectures",
]  # fmt: skip


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_have_no_violations(server: str, page: Any, path: str) -> None:
    response = page.goto(f"{server}{path}")
    assert response.status == 200
    assert_clean(page)


def test_the_summary_chart_has_a_title_and_a_table(server: str, page: Any) -> None:
    page.goto(f"{server}/registers/sightings/summary")
    chart = page.locator("figure.chart svg[role=img]")
    assert chart.count() == 1
    assert "月別・種類別の件数" in chart.locator("title").first.text_content()
    assert "2025-05" in page.locator("table").first.inner_text()


def test_staff_form_errors_and_saving(server: str, page: Any) -> None:
    sign_in(page, server, "staff")
    page.goto(f"{server}/registers/sightings/new")
    assert_clean(page)
    page.select_option("#field-species", "アライグマ")
    page.fill("#field-date", "2025-08-01")
    page.fill("#field-latitude", "130.7")
    page.fill("#field-longitude", "32.8")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_selector(".error-summary")
    assert "熊本県内の緯度ではありません" in page.inner_text(".error-summary")
    assert page.get_attribute("#field-latitude", "aria-invalid") == "true"
    assert_clean(page)
    page.fill("#field-latitude", "32.8876")
    page.fill("#field-longitude", "130.7897")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_selector("text=保存しました。")
    assert "32.8876" in page.inner_text("main")  # staff see internal fields
    assert_clean(page)
    page.get_by_role("link", name="この登録を編集する").click()
    assert_clean(page)
    page.goto(f"{server}/registers/sightings/import")
    assert_clean(page)
    page.goto(f"{server}/registers/sightings/summary?lang=en")
    assert_clean(page)


def test_the_public_entry_page_shows_no_internal_field(server: str, page: Any) -> None:
    page.goto(f"{server}/registers/sightings/55")
    text = page.inner_text("main")
    assert "アライグマ" in text and "096-000-0000" not in text and "竹迫" not in text
    assert_clean(page)
