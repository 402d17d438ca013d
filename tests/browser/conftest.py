"""Browser-test fixtures: a live server over a loaded SQLite file, Chromium, and axe-core.

Use them in any `tests/browser/test_*.py`:

- `live_server` (session): the base URL, e.g. ``"http://127.0.0.1:41234"``, of a uvicorn server
  running ``create_app`` over a fresh SQLite file with the embedded vision loaded. Each xdist
  worker gets its own server on its own free port.
- `browser` (session): Playwright's sync ``Browser``, Debian's ``/usr/bin/chromium`` headless.
- `page` (function): a new ``Page`` in a fresh context (no cookies), 1280×900.
- ``serving(app)``: a context manager serving any app with uvicorn on a free port; yields the URL.
- ``sign_in(page, server, username)``: logs in through /login with the test password.
- ``assert_clean(page)``: fails with axe-core's violations described, if any.
- ``axe_violations(page, **options) -> list``: runs axe-core (``node_modules/axe-core``, installed
  by ``npm ci``) on the page as it is and returns the violations (``[]`` when clean). Import it:
  ``from tests.browser.conftest import axe_violations``.

The tests are skipped, with the reason, when Chromium or axe-core is missing
(``sh scripts/system-deps.sh`` installs both). Never run ``playwright install``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.accounts.conftest import PASSWORD
from toshiken.core.settings import DEFAULT_SOURCE, Settings
from toshiken.vision.load import load_document
from toshiken.web import create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a thread on a free 127.0.0.1 port; yield its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    config.lifespan = "off"
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the live server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a server over a temp SQLite database with the document loaded."""
    database = tmp_path_factory.mktemp("live") / "live.sqlite3"
    settings = Settings(database_url=f"sqlite:///{database}", environment="test")
    app = create_app(settings)
    load_document(app.state.runtime.sessions, DEFAULT_SOURCE, DEFAULT_SOURCE.parent)
    with serving(app) as url:
        yield url
    app.state.runtime.engine.dispose()


def sign_in(page: Any, server: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form (the users of tests.accounts.conftest.build_database)."""
    page.goto(f"{server}/login")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{server}/account")


def assert_clean(page: Any) -> None:
    """No axe-core violation on the page as it is."""
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.fixture(scope="session", autouse=True)
def patient_expect() -> None:
    """Playwright's `expect` retries for 15 s, not 5: a loaded CI machine renders slowly."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright's sync API."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run `sh scripts/system-deps.sh`")
    if not AXE.exists():
        pytest.skip("no node_modules/axe-core: run `npm ci`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own context: no cookies, 1280×900, Japanese locale)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def axe_violations(page: Any, **options: Any) -> list[dict[str, Any]]:
    """axe-core's violations for the page's current state (an empty list when clean)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluated through the DevTools protocol: a <script> tag would be refused by the CSP
        page.evaluate(_axe_source())
    options = {"resultTypes": ["violations"], **options}  # skips detailing passes: faster
    result = page.evaluate("options => window.axe.run(document, options)", options)
    return list(result["violations"])


_AXE_SOURCE: list[str] = []


def _axe_source() -> str:
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(AXE.read_text(encoding="utf-8"))
    return _AXE_SOURCE[0]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """A readable summary for assertion messages."""
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + json.dumps([n["target"] for n in v["nodes"][:3]], ensure_ascii=False)
        for v in violations
    ]
    return "\n".join(lines)
