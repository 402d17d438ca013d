"""Progress pages in Chromium: no axe-core violation; the forms work without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.accounts.conftest import SECRET, build_database
from tests.browser.conftest import assert_clean, serving, sign_in
from toshiken.core.settings import Settings
from toshiken.vision.reader import ReadResult
from toshiken.web import create_app

INTERNAL = [
    "/progress", "/progress?fy=2024", "/progress/kpis", "/progress/upload", "/progress/reports",
    "/progress/reports/3-2-2", "/progress/reports/upload", "/account", "/audit",
    "/accounts/users", "/accounts/users/staff", "/progress?lang=en", "/accounts/users?lang=en",
]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, read_result: ReadResult) -> Iterator[str]:
    database = tmp_path_factory.mktemp("progress-live") / "live.sqlite3"
    url = f"sqlite:///{database}"
    settings = Settings(database_url=url, environment="test", secret_key=SECRET)
    build_database(url, settings, read_result)
    app = create_app(settings)
    with serving(app) as url:
        yield url


@pytest.mark.parametrize("path", ["/login", "/progress"])
def test_public_pages(page: Any, server: str, path: str) -> None:
    page.goto(server + path)
    assert_clean(page)


def test_internal_pages(page: Any, server: str) -> None:
    sign_in(page, server, "secretariat")
    for path in INTERNAL:
        page.goto(server + path)
        assert_clean(page)


def test_forms_with_errors_and_an_upload(page: Any, server: str, tmp_path: Path) -> None:
    sign_in(page, server, "secretariat")
    page.goto(f"{server}/progress/kpis")
    page.get_by_label("実績値").fill("約100")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_clean(page)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    page.goto(f"{server}/progress/upload")
    page.get_by_label("ファイル（.xlsx）").set_input_files(str(bad))
    page.get_by_role("button", name="取り込む").click()
    assert "Excel（.xlsx）ファイルではありません" in page.get_by_role("alert").inner_text()
    assert_clean(page)
    page.goto(f"{server}/progress/reports/3-2-2?fy=2025")
    page.get_by_label("実施済").check()
    page.get_by_label("実績額（千円）").fill("1200")
    page.get_by_role("button", name="保存").click()
    assert "の報告を保存しました" in page.get_by_role("status").inner_text()
    assert_clean(page)


def test_staff_see_only_their_municipality(page: Any, server: str) -> None:
    sign_in(page, server, "staff")
    page.goto(f"{server}/progress/reports/3-2-2?fy=2025")
    options = page.locator("#field-municipality option").all_inner_texts()
    assert options == ["合志市"]
    assert_clean(page)


def test_initiative_reports_by_excel(page: Any, server: str, tmp_path: Path) -> None:
    sign_in(page, server, "staff")
    page.goto(f"{server}/progress/reports/upload")
    with page.expect_download() as download:
        page.get_by_role("button", name="テンプレート（.xlsx）").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    sheet = book["取組報告"]
    sheet.cell(row=2, column=6, value="実施中")
    sheet.cell(row=2, column=7, value="約100")
    book.save(template)
    page.get_by_label("ファイル（.xlsx）").set_input_files(str(template))
    page.get_by_role("button", name="取り込む").click()
    assert "G（実績額（千円））" in page.get_by_role("alert").inner_text()
    assert_clean(page)
    sheet.cell(row=2, column=7, value=100)
    book.save(template)
    page.get_by_label("ファイル（.xlsx）").set_input_files(str(template))
    page.get_by_role("button", name="取り込む").click()
    assert "1 行を取り込みました" in page.get_by_role("status").inner_text()
    assert_clean(page)


def test_publishing_shows_the_published_version(page: Any, server: str) -> None:
    sign_in(page, server, "secretariat")
    page.goto(f"{server}/progress?fy=2023")
    page.get_by_role("button", name="令和5年度 (2023年度)の結果を公表する").click()
    page.goto(f"{server}/progress/kpis")
    page.get_by_label("年（年度）").fill("2023")
    page.get_by_label("実績値").fill("12345")
    page.get_by_role("button", name="保存").click()
    page.goto(f"{server}/progress?fy=2023")
    assert "公表後にデータが変更されています" in page.locator("#snapshot-note").inner_text()
    assert_clean(page)
    page.get_by_role("link", name="最新のデータで表示").click()
    assert "最新のデータを表示しています" in page.locator("#snapshot-note").inner_text()
    assert_clean(page)
