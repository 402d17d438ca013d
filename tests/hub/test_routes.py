"""The hub's pages, widget and /api/hub twins over a seeded database (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.conftest import _postgres_database
from tests.hub.seeding import NOW, seed
from toshiken.core.settings import Settings
from toshiken.hub.params import get_now
from toshiken.hub.registry import config_in
from toshiken.web import create_app

PAGES = [
    "/hub", "/hub?municipality=434035", "/hub?topic=子育て", "/hub?q=婚活セミナー",
    "/hub?since=2025-06-20&until=2025-06-30", "/hub?municipality=&topic=&since=&until=&q=",
    "/hub?page=2", "/hub/calendar", "/hub/calendar?year=2025&month=7&municipality=431001",
    "/hub/health", "/hub/feeds",
]  # fmt: skip
UNSAFE = re.compile(r"<script|<style|\sstyle=|\son[a-z]+\s*=|(href|src)=\"\s*javascript:", re.I)


_DATABASES: dict[str, Iterator[str]] = {}  # PostgreSQL databases to drop at the end


@pytest.fixture(scope="session")
def hub_apps() -> Iterator[dict[str, TestClient]]:
    """Seeded apps by database, made on first use and kept for the session: xdist may hand a
    worker sqlite and postgresql tests alternately, and a seeded app takes seconds to make."""
    apps: dict[str, TestClient] = {}
    yield apps
    for test_client in apps.values():
        test_client.__exit__(None, None, None)
        test_client.app.state.runtime.engine.dispose()  # type: ignore[attr-defined]
    for database in _DATABASES.values():
        database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def client(
    request: pytest.FixtureRequest,
    hub_apps: dict[str, TestClient],
    tmp_path_factory: pytest.TempPathFactory,
) -> TestClient:
    """A client over a seeded hub, its clock at 2025-06-30 09:00 JST."""
    name = request.param
    if name not in hub_apps:
        if name == "postgresql":
            _DATABASES[name] = _postgres_database()
            url = next(_DATABASES[name])
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('h') / 'h.db'}"
        settings = Settings(database_url=url, environment="test")
        app = create_app(settings)
        seed(app.state.runtime.sessions, config_in(settings.data_dir))
        app.dependency_overrides[get_now] = lambda: NOW
        hub_apps[name] = TestClient(app).__enter__()
    return hub_apps[name]


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3>(?:<a href="[^"]*" lang="ja">|<span lang="ja">)([^<]+)</', html)


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_japanese_html_without_inline_code(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    html = response.text
    assert '<html lang="ja">' in html and "<h1>" in html
    assert '<link rel="stylesheet" href="/hub/static/hub.css">' in html
    assert not UNSAFE.search(html), UNSAFE.search(html)
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]


def test_hub_lists_stories_with_pinned_notices_first(client: TestClient) -> None:
    html = client.get("/hub").text
    assert html.index("防災情報（気象庁）") < html.index('<ol class="hub-items">')
    assert html.count('class="notice ') == 1  # the advisory and the 3-day-old warning are not
    titles = _titles(html)
    assert len(titles) == 30 and "次のページ" in html
    shared = [t for t in titles if "婚活セミナー" in t]
    assert len(shared) == 1  # three members' posts, one story, with the two other copies
    assert html.count("同じ内容の掲載") >= 1
    api = client.get("/api/hub/items").json()
    assert [i["title"] for i in api["items"]] == [t.replace("&#34;", '"') for t in titles]
    assert api["notices"][0]["level"] == "warning" and api["more"] is True


def test_filters_and_search(client: TestClient) -> None:
    ozu = client.get("/api/hub/items", params={"municipality": "434035"}).json()["items"]
    assert ozu and {i["municipality"]["name"] for i in ozu} == {"大津町"}
    topic = client.get("/api/hub/items", params={"topic": "観光・イベント"}).json()["items"]
    assert topic and {i["topic"] for i in topic} == {"観光・イベント"}
    dated = client.get("/api/hub/items", params={"since": "2025-06-25", "until": "2025-06-28"})
    days = {i["published"][:10] for i in dated.json()["items"]}
    assert days and days <= {"2025-06-25", "2025-06-26", "2025-06-27", "2025-06-28"}
    found = client.get("/api/hub/items", params={"q": "星空 7月12日"}).json()["items"]
    assert [i["title"] for i in found] == ["夏の星空観望会(7月12日)"] * 2
    html = client.get("/hub", params={"q": "婚活セミナー"}).text
    assert "「婚活セミナー」を含むお知らせ" in html and len(_titles(html)) == 1
    assert client.get("/api/hub/items", params={"municipality": "12"}).status_code == 422
    assert client.get("/api/hub/items", params={"topic": "天気"}).status_code == 422


def test_calendar_month_view_and_twin(client: TestClient) -> None:
    html = client.get("/hub/calendar", params={"year": 2025, "month": 7}).text
    assert "2025年7月のイベント（4件）" in html and '<table class="month">' in html
    assert html.count("夏の星空観望会(7月12日)") == 4  # twice in the grid, twice in the list
    assert 'rel="prev"' in html and "month=6" in html and "month=8" in html
    api = client.get("/api/hub/calendar", params={"year": 2025, "month": 7}).json()
    assert len(api["events"]) == 4 and api["events"][0]["event"]["location"] == "熊本博物館"
    empty = client.get("/hub/calendar", params={"year": 2025, "month": 1}).text
    assert "この月に開催されるイベントの情報はありません" in empty


def test_health_shows_every_source(client: TestClient) -> None:
    html = client.get("/hub/health").text
    api = client.get("/api/hub/health").json()
    assert api["total"] == len(api["sources"]) == html.count('<th scope="row">')
    ozu = next(s for s in api["sources"] if s["source"]["id"] == "ozu-news")
    assert not ozu["ok"] and ozu["failures"] == 2 and "HTTP 503" in ozu["last_error_message"]
    kumamoto = next(s for s in api["sources"] if s["source"]["id"] == "kumamoto-news")
    assert kumamoto["ok"] and kumamoto["items_per_day"] > 0 and kumamoto["freshness_days"] == 0
    assert "要確認" in html and "HTTP 503" in html


def test_widget_can_be_embedded_and_is_self_contained(client: TestClient) -> None:
    response = client.get("/hub/widget", params={"municipality": "431001", "limit": 3})
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors *" in csp and "script-src" not in csp and "default-src 'none'" in csp
    html = response.text
    assert '<link rel="stylesheet" href="/hub/static/widget.css">' in html
    assert "/static/site.css" not in html and "<nav" not in html and "<script" not in html
    assert html.index("警報") < html.index('<ul class="items">')
    assert html.count("<li>") == 1 + 3  # the pinned warning, then three stories
    assert "<h3>" not in html and "危険なお知らせ" in html  # shown, but with no javascript: link
    assert html.count('target="_blank" rel="noopener noreferrer"') == 1 + 2 + 1
    assert client.get("/hub/static/widget.css").headers["content-type"].startswith("text/css")
    assert client.get("/hub/static/nope.css").status_code == 404


def test_unknown_feed_scope_is_404(client: TestClient) -> None:
    assert client.get("/hub/feeds/999999.rss").status_code == 404
    assert client.get("/hub/feeds/everything.rss").status_code in (404, 422)


def test_sources_and_notices_twins(client: TestClient) -> None:
    sources = client.get("/api/hub/sources").json()["sources"]
    assert len(sources) == 98 and sources[0]["municipality"]["name"] == "熊本市"
    notices = client.get("/api/hub/notices").json()
    assert len(notices["pinned"]) == 1 and len(notices["recent"]) == 3


@pytest.mark.parametrize("scope", ["all", "431001", "434035"])
def test_feeds_from_the_app_are_valid(client: TestClient, scope: str) -> None:
    pinned = scope != "434035"  # the warning names 熊本市 and 御船町, not 大津町
    for ext, kind in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        response = client.get(f"/hub/feeds/{scope}.{ext}")
        assert response.headers["content-type"].startswith(kind)
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0 and parsed.entries
        assert parsed.entries[0].title.startswith("【警報】") == pinned
        if scope != "all":
            names = {e.get("author") for e in parsed.entries[int(pinned) :]}
            assert names == {"熊本市" if scope == "431001" else "大津町"}
    document = client.get(f"/hub/feeds/{scope}.json").json()
    assert document["items"][0]["title"].startswith("【警報】") == pinned
    calendar = Calendar.from_ical(client.get(f"/hub/feeds/{scope}.ics").text)
    assert len(calendar.walk("VEVENT")) == int(pinned) + (4 if scope != "434035" else 0)
