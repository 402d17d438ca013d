"""The hub's pages in Chromium over a seeded hub: axe-core, 375 px, the calendar without JS."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import expect

from tests.browser.conftest import _free_port, axe_violations, describe_violations
from tests.hub.seeding import NOW, seed
from toshiken.core.settings import Settings
from toshiken.hub.params import get_now
from toshiken.hub.registry import config_in
from toshiken.web import create_app

PAGES = [
    "/hub",
    "/hub?q=星空",
    "/hub/calendar?year=2025&month=7",
    "/hub/health",
    "/hub/feeds",
    "/hub/widget?limit=5",
]


@pytest.fixture(scope="module")
def hub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a seeded hub (clock at 2025-06-30 09:00 JST), on its own free port."""
    database = tmp_path_factory.mktemp("hub-live") / "hub.sqlite3"
    settings = Settings(database_url=f"sqlite:///{database}", environment="test")
    app = create_app(settings)
    seed(app.state.runtime.sessions, config_in(settings.data_dir))
    app.dependency_overrides[get_now] = lambda: NOW
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the hub server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.runtime.engine.dispose()


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page: Any, hub_server: str, path: str) -> None:
    page.goto(hub_server + path)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("path", ["/hub", "/hub/calendar?year=2025&month=7", "/hub/widget"])
def test_reads_at_375_px_without_sideways_scrolling(page: Any, hub_server: str, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(hub_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_calendar_and_filters_work_without_javascript(browser: Any, hub_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(hub_server + "/hub/calendar?year=2025&month=6")
        page.get_by_role("link", name="次の月（2025年7月）").click()
        expect(page.locator("#month-heading")).to_have_text("2025年7月のイベント（4件）")
        expect(page.locator("table.month td a")).to_have_count(4)
        page.goto(hub_server + "/hub")
        page.get_by_label("市町村").select_option(label="大津町")
        page.get_by_role("button", name="絞り込む").click()
        page.wait_for_url("**/hub?municipality=434035*")
        names = page.locator(".hub-item .who").all_inner_texts()
        assert names and set(names) == {"大津町"}
    finally:
        context.close()


def _member_site(widget: str) -> ThreadingHTTPServer:
    """A member's page on another origin (its own port) that embeds the widget."""
    body = (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>町のホームページ</title>'
        f'</head><body><iframe title="新着情報" src="{widget}"></iframe></body></html>'
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_widget_in_an_iframe_of_another_origin(page: Any, hub_server: str) -> None:
    """A member's page (another origin) embeds the widget: it loads, with its own stylesheet."""
    member = _member_site(f"{hub_server}/hub/widget?municipality=431001")
    try:
        page.goto(f"http://127.0.0.1:{member.server_address[1]}/")
        frame = page.frame_locator("iframe")
        assert frame.locator("h1").inner_text().startswith("熊本市")
        border = frame.locator("h1").evaluate("h => getComputedStyle(h).borderBottomStyle")
        assert border == "solid"  # widget.css applied
        assert frame.locator(".notices li").count() == 1
        assert frame.locator(".items li").count() == 5
    finally:
        member.shutdown()
