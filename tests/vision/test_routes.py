"""The portal's pages and their /api twins: same figures, 404/422, languages, CSV, headers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import _postgres_database
from toshiken.core.settings import DEFAULT_SOURCE, Settings
from toshiken.vision.load import load_document
from toshiken.web import create_app

PAGES = [
    "/", "/municipalities", "/municipalities?sort=density_per_km2&order=desc",
    "/municipalities/432164", "/pillars", "/pillars/3", "/policies/3-2", "/initiatives",
    "/initiatives?pillar=1&municipality=432164", "/initiatives/3-2-2", "/matrix",
    "/matrix?pillar=3&policy=3-2&municipality=432164", "/kpis", "/search?q=婚活", "/search",
    "/docs", "/docs/swagger",
]  # fmt: skip
TWINS = {
    "/": "/api/vision", "/municipalities": "/api/municipalities", "/pillars": "/api/pillars",
    "/municipalities/432164": "/api/municipalities/432164", "/pillars/3": "/api/pillars/3",
    "/policies/3-2": "/api/policies/3-2", "/initiatives": "/api/initiatives",
    "/initiatives/3-2-2": "/api/initiatives/3-2-2", "/matrix": "/api/matrix",
    "/kpis": "/api/kpis", "/search?q=婚活": "/api/search?q=婚活",
}  # fmt: skip


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
    TestClient
]:  # fmt: skip
    """A client of the app over a database with the document loaded (SQLite, then PostgreSQL)."""
    postgres = _postgres_database() if request.param == "postgresql" else None
    url = next(postgres) if postgres else f"sqlite:///{tmp_path_factory.mktemp('r') / 'r.db'}"
    app = create_app(Settings(database_url=url, environment="test"))
    load_document(app.state.runtime.sessions, DEFAULT_SOURCE, DEFAULT_SOURCE.parent)
    with TestClient(app) as test_client:
        yield test_client
    app.state.runtime.engine.dispose()
    if postgres:
        postgres.close()


def _numbers(html: str) -> str:
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_japanese_html_under_the_csp(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    html = response.text
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="ja">' in html
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert " style=" not in html, "inline style (blocked by style-src 'self')"
    assert not re.search(r"""(src|href)=["']https?://""", html), "an asset from outside"


@pytest.mark.parametrize(("page", "api"), sorted(TWINS.items()))
def test_every_page_has_a_json_twin(client: TestClient, page: str, api: str) -> None:
    response = client.get(api)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert client.get(page).status_code == 200


def test_home_shows_the_figures_of_its_twin(client: TestClient) -> None:
    data = client.get("/api/vision").json()
    html = _numbers(client.get("/").text)
    assert data["municipalities"] == 24 and data["initiatives"] == 69 and data["kpis"] == 13
    assert data["population"] == 1_344_725 == sum(m["population"] for m in data["members"])
    assert f"{data['population']:,}人" in html
    years = data["budget_by_year_thousand_yen"]
    assert sum(years.values()) == data["budget_total_thousand_yen"]
    for total in years.values():
        assert f"{total:,}千円" in html  # in the table and in the chart's text alternative
    assert sum(p["budget_total_thousand_yen"] for p in data["pillars"]) == sum(years.values())
    assert html.count('role="img"') == 3 and html.count("<desc") == 3
    assert "令和7年度 (2025年度)" in html


def test_municipalities_sort_both_ways(client: TestClient) -> None:
    rows = client.get("/api/municipalities?sort=population&order=desc").json()
    assert rows[0]["name"] == "熊本市"
    assert [r["population"] for r in rows] == sorted((r["population"] for r in rows), reverse=True)
    html = client.get("/municipalities?sort=population&order=desc").text
    positions = [html.index(f">{r['name']}</a>") for r in rows]
    assert positions == sorted(positions), "the page lists the rows in the API's order"
    assert 'aria-sort="descending"' in html
    by_area = client.get("/api/municipalities?sort=area_km2").json()
    assert [float(r["area_km2"]) for r in by_area] == sorted(float(r["area_km2"]) for r in by_area)


def test_municipality_page_adds_up_its_initiatives(client: TestClient) -> None:
    page = client.get("/api/municipalities/432164").json()
    listed = client.get("/api/initiatives?municipality=432164").json()
    assert page["municipality"]["name"] == "合志市"
    assert page["initiative_count"] == len(listed) == page["municipality"]["initiatives"]
    grouped = [i["id"] for g in page["groups"] for p in g["policies"] for i in p["initiatives"]]
    assert sorted(grouped) == sorted(i["id"] for i in listed)
    for fy, total in page["budget_by_year_thousand_yen"].items():
        assert total == sum(i["budget_thousand_yen"][fy] or 0 for i in listed)
    csv_text = client.get("/api/municipalities/432164/initiatives.csv").text
    assert csv_text.startswith("\ufeff") and len(csv_text.strip().splitlines()) == len(listed) + 1


def test_initiative_page_shows_every_field_and_all_members(client: TestClient) -> None:
    data = client.get("/api/initiatives/3-2-2").json()
    html = client.get("/initiatives/3-2-2").text
    assert len(data["members"]) == 24
    assert sum(m["takes_part"] for m in data["members"]) == len(data["participants"]) == 18
    for field in ("description", "cost_sharing", "effect", "subsidies"):
        assert data[field].split("\n")[0] in html
    assert html.count("（不参加）") == 6 and html.count("（参加）") == 18
    assert html.count('class="on"') == sum(len(s["years"]) for s in data["schedule"])
    for value in data["budget_thousand_yen"].values():
        assert f"{value:,}千円" in html
    assert f"{data['budget_total_thousand_yen']:,}千円" in html


def test_matrix_filters_and_counts(client: TestClient) -> None:
    whole = client.get("/api/matrix").json()
    assert len(whole["initiatives"]) == 69 and len(whole["municipalities"]) == 24
    counts = {r["code"]: r["initiatives"] for r in client.get("/api/municipalities").json()}
    assert {m["code"]: m["initiatives"] for m in whole["municipalities"]} == counts
    some = client.get("/api/matrix?pillar=3&policy=3-2&municipality=合志市").json()
    assert some["initiatives"] and all(r["policy_id"] == "3-2" for r in some["initiatives"])
    column = [m["code"] for m in some["municipalities"]].index("432164")
    assert all(r["takes_part"][column] for r in some["initiatives"])
    assert client.get("/api/matrix?pillar=&policy=&municipality=").json() == whole
    html = client.get("/matrix").text
    assert "&lt;td" not in html, "a cell escaped into text"
    taking_part = sum(r["participant_count"] for r in whole["initiatives"])
    assert html.count('<td class="yes"><span class="vh">参加</span></td>') == taking_part
    assert html.count('<tr><th scope="row"><a href="/initiatives/') == 69
    english = client.get("/matrix?pillar=3&policy=3-2&municipality=合志市&lang=en").text
    assert english.count('<td class="yes"><span class="vh">takes part</span></td>') == sum(
        r["participant_count"] for r in some["initiatives"]
    )
    assert 'href="/initiatives/3-2-1?lang=en"' in english
    assert "<title>参加状況 | toshiken</title>" in client.get("/matrix?lang=ja").text  # apart
    table = list(csv.DictReader(io.StringIO(client.get("/api/matrix.csv").text.lstrip("\ufeff"))))
    assert len(table) == 69 and sum(int(r["熊本市"]) for r in table) == counts["431001"]


def test_tree_and_search_pages_show_the_figures_of_their_twins(client: TestClient) -> None:
    pillar = client.get("/api/pillars/3").json()
    html = _numbers(client.get("/pillars/3").text)
    for policy in pillar["policies"]:
        assert policy["title"] in html
        for item in policy["initiatives"]:
            assert f'href="/initiatives/{item["id"]}"' in html
    policy = client.get("/api/policies/3-2").json()
    html = _numbers(client.get("/policies/3-2").text)
    assert all(item["title"] in html for item in policy["initiatives"])
    found = client.get("/api/search?q=婚活").json()
    html = _numbers(client.get("/search?q=婚活").text)
    assert f"検索結果：{found['total']}件" in html and found["total"] == 2
    assert all(f'href="{hit["url"]}"' in html for hit in found["results"])


def test_kpis_give_baseline_target_unit_and_source(client: TestClient) -> None:
    rows = client.get("/api/kpis").json()
    html = client.get("/kpis").text
    assert len(rows) == 13
    for row in rows:
        assert row["name"] in html and row["unit"] and row["baseline"] and row["target"]
    assert rows[0]["source"] == "熊本県「市町村民経済計算」" and rows[0]["source"] in html
    assert "5,094,158" in html


@pytest.mark.parametrize(
    "path", ["/initiatives/9-9-9", "/municipalities/999999", "/pillars/7", "/policies/3-99"]
)
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 404 and "ページが見つかりません" in page.text
    api = client.get("/api" + path)
    assert api.status_code == 404 and "not found" in api.json()["detail"]


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/matrix?pillar=9", "pillar"), ("/matrix?policy=x", "policy"),
        ("/matrix?municipality=東京都", "municipality"), ("/matrix?policy=3-99", "policy"),
        ("/municipalities?sort=bogus", "sort"), ("/municipalities/abc", "code"),
        ("/initiatives?year=2030", "year"), ("/search?q=" + "あ" * 101, "q"),
    ],
)  # fmt: skip
def test_bad_parameters_are_422_naming_the_parameter(
    client: TestClient, path: str, parameter: str
) -> None:
    api = client.get("/api" + path)
    assert api.status_code == 422
    body = api.json()
    assert parameter in body["message"] and body["detail"][0]["loc"][-1] == parameter
    page = client.get(path)
    assert page.status_code == 422 and "パラメータが正しくありません" in page.text
    assert f"「{parameter}」" in page.text


def test_english_through_the_parameter_then_the_cookie(client: TestClient) -> None:
    client.cookies.clear()
    english = client.get("/kpis?lang=en")
    assert '<html lang="en">' in english.text and "Key performance indicators" in english.text
    assert "lang=en" in english.headers["set-cookie"]
    assert 'href="/municipalities?lang=en"' in english.text
    assert "FY2025" in client.get("/initiatives/3-2-2").text  # the cookie keeps English
    assert "Page not found" in client.get("/nowhere").text
    japanese = client.get("/kpis?lang=ja")
    assert '<html lang="ja">' in japanese.text and "重要業績評価指標" in japanese.text
    client.cookies.clear()


def test_cost_pages_read_in_english(client: TestClient) -> None:
    """The costs feature's own catalog is merged with the shared one (core/i18n.py)."""
    index = client.get("/costs?lang=en").text
    assert "<h1>Cost sharing and mutual-use settlement</h1>" in index
    assert "費用負担と相互利用の精算" not in index
    rule = client.get("/costs/3-2-2?lang=en").text
    assert "Compute the contributions" in rule and "Amount (yen)" in rule
    assert "<h1>費用負担と相互利用の精算</h1>" in client.get("/costs?lang=ja").text
    client.cookies.clear()


def test_docs_work_offline(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/api/initiatives/{initiative_id}" in docs and "/openapi.json" in docs
    swagger = client.get("/docs/swagger").text
    assert "/static/swagger/swagger-ui-bundle.js" in swagger
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404
    schema = client.get("/openapi.json").json()
    assert "/api/search" in schema["paths"] and "/" not in schema["paths"]


def test_no_vision_loaded_is_503(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}"))
    with TestClient(app) as empty:
        assert empty.get("/api/vision").status_code == 503
        page = empty.get("/")
        assert page.status_code == 503 and "データがまだ読み込まれていません" in page.text
    app.state.runtime.engine.dispose()


def _children(pid: int, running: str) -> list[int]:
    """The processes whose parent is `pid` and whose command line holds `running` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid and running in (stat.parent / "cmdline").read_text():
                found.append(int(stat.parent.name))
        except OSError:
            continue
    return found


def test_serve_runs_several_workers_on_postgresql() -> None:
    """`toshiken serve --workers 2` on PostgreSQL: two workers serving the loaded vision."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    postgres = _postgres_database()
    url = next(postgres)
    try:
        app = create_app(Settings(database_url=url, environment="test"))
        load_document(app.state.runtime.sessions, DEFAULT_SOURCE, DEFAULT_SOURCE.parent)
        app.state.runtime.engine.dispose()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        env = {**os.environ, "TOSHIKEN_DATABASE_URL": url}
        command = [sys.executable, "-c", "from toshiken.cli import main; main()", "serve",
                   "--port", str(port), "--workers", "2"]  # fmt: skip
        server = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            deadline, body = time.monotonic() + 60, b""
            while time.monotonic() < deadline and not body:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/vision") as r:
                        body = r.read()
                except OSError:
                    time.sleep(0.3)
            assert b'"municipalities":24' in body
            workers: list[int] = []
            while time.monotonic() < deadline and len(workers) < 2:
                workers = _children(server.pid, "spawn_main")
                time.sleep(0.3)
            assert len(workers) == 2, "two worker processes"
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        postgres.close()
