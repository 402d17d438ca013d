"""The revisions pages in Chromium: history, a revision, the diff, the draft editor; axe-clean."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.accounts.conftest import SECRET, build_database
from tests.browser.conftest import assert_clean, serving, sign_in
from toshiken.core.settings import Settings
from toshiken.vision.reader import ReadResult
from toshiken.web import create_app


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, read_result: ReadResult) -> Iterator[str]:
    """A live app over a database with the vision and one user per role."""
    database = tmp_path_factory.mktemp("revisions-live") / "live.sqlite3"
    url = f"sqlite:///{database}"
    settings = Settings(database_url=url, environment="test", secret_key=SECRET)
    build_database(url, settings, read_result)
    app = create_app(settings)
    with serving(app) as url:
        yield url


def test_history_and_a_revision(server: str, page: Any) -> None:
    page.goto(f"{server}/revisions")
    assert page.get_by_role("heading", level=1).inner_text() == "ビジョンの改定履歴"
    assert_clean(page)
    page.get_by_role("link", name="令和7年3月改定").click()
    page.wait_for_url(f"{server}/revisions/1")
    assert page.locator("table.initiative-table").count() == 69
    assert_clean(page)


def test_edit_publish_and_diff(server: str, page: Any) -> None:
    sign_in(page, server, "secretariat")
    page.goto(f"{server}/revisions/draft")
    assert_clean(page)
    page.get_by_role("link", name="産学連携支援事業", exact=True).click()
    page.wait_for_url(f"{server}/revisions/draft/initiatives/1-1-1")
    assert_clean(page)
    page.locator("#field-budget_2025").fill("7,000")
    page.locator("#field-budget_total").fill("29,913")
    page.get_by_role("button", name="下書きに保存").click()
    page.wait_for_url(f"{server}/revisions/draft?saved=*")
    assert "6,669 → 7,000" in page.locator("#pending").locator("..").inner_text()
    assert_clean(page)
    page.locator("#field-note").fill("ブラウザからの改定")
    page.get_by_role("button", name="改定 2 として公開する").click()
    page.wait_for_url(f"{server}/revisions/2")
    page.goto(f"{server}/revisions/diff?from=1&to=2")
    assert "29,582 → 29,913" in page.locator("main").inner_text()
    assert_clean(page)
