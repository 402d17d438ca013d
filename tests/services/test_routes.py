"""The finder's pages and API on SQLite and PostgreSQL: every member, both ways, and bad input."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA
from tests.services.expected import expected, members
from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.vision.load import load_document
from toshiken.web import create_app


def _client(database_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=database_url))
    with TestClient(app) as client:
        yield client
    app.state.runtime.engine.dispose()


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    runtime = Runtime(Settings(database_url=database_url))
    load_document(runtime.sessions, DATA / "vision-2025-03.txt", DATA)
    runtime.engine.dispose()
    yield from _client(database_url)


def shown(html: str) -> set[str]:
    return set(re.findall(r'data-service="([a-z0-9-]+)"', html))


def test_every_member_page_api_and_csv_show_the_derived_set(
    client: TestClient, title_lines: dict[str, int]
) -> None:
    codes = {r["name"]: r["code"] for r in client.get("/api/municipalities").json()}
    for name in members():
        want = expected(title_lines, name)
        page = client.get("/services/for", params={"home": codes[name]})
        assert page.status_code == 200
        assert shown(page.text) == set(want), name
        api = client.get("/api/services/for", params={"home": name}).json()
        assert {s["id"]: {p["name"] for p in s["providers"]} for s in api["services"]} == want
        assert {u["id"] for u in api["unavailable"]} | set(want) == {
            s["id"] for s in client.get("/api/services").json()
        }
        table = client.get("/api/services/for.csv", params={"home": codes[name]})
        assert table.text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(table.text.lstrip("\ufeff"))))
        assert {r["id"] for r in rows} == set(want), name


def test_the_result_page_groups_by_life_event_and_links_its_twins(client: TestClient) -> None:
    page = client.get("/services/for?home=432164&work=431001").text
    headings = re.findall(r'<h2 id="group-[a-z]+">(.+?)</h2>', page)
    assert headings == ["子育て", "健康・医療", "学び・文化", "暮らしの相談", "福祉"]
    assert "熊本市（8か所）" in page  # 病児・病後児保育, the chapter-2 table
    assert "熊本市に通勤・通学しているため利用できます。" in page  # 健康ポイント
    assert 'href="/services/guide/432164.pdf?work=431001"' in page
    assert 'href="/api/services/for.csv?home=432164&amp;work=431001"' in page
    assert "図書館の相互利用</a>：お住まいの市町村はこの取組に参加していません。" in page


def test_the_finder_form_works_without_javascript(client: TestClient) -> None:
    page = client.get("/services").text
    assert '<form action="/services/for" method="get"' in page
    assert '<label for="home">' in page and '<select id="home" name="home" required' in page
    assert page.count('<option value="4') == 2 * 24
    for path in ("/services", "/services/for?home=熊本市", "/services/library"):
        html = client.get(path).text
        assert "<script" not in html and " style=" not in html, path


def test_bad_homes_are_refused_clearly(client: TestClient) -> None:
    page = client.get("/services/for", params={"home": "八代市"})
    assert page.status_code == 422
    assert 'role="alert"' in page.text and 'aria-invalid="true"' in page.text
    assert "お住まいの市町村「八代市」は圏域の市町村ではありません。" in page.text
    empty = client.get("/services/for", params={"home": "", "work": ""})
    assert empty.status_code == 422 and "お住まいの市町村を選んでください。" in empty.text
    api = client.get("/api/services/for", params={"home": "合志市", "work": "東京都"})
    assert api.status_code == 422 and "work" in api.json()["detail"]
    assert client.get("/api/services/for").status_code == 422
    assert client.get("/services/nothing").status_code == 404
    assert client.get("/api/services/nothing").status_code == 404
    assert client.get("/services/guide/000000.pdf").status_code == 404


def test_the_reverse_view_names_whose_residents_may_use_each_provider(client: TestClient) -> None:
    api = client.get("/api/services/library").json()
    reach = {r["name"]: [m["name"] for m in r["residents_of"]] for r in api["reach"]}
    assert reach["山鹿市"] == ["熊本市"]
    assert len(reach["熊本市"]) == 19 and "合志市" not in reach["熊本市"]
    assert [m["name"] for m in api["non_participants"]] == ["阿蘇市", "合志市", "菊陽町", "益城町"]
    page = client.get("/services/library").text
    assert "<caption>提供する市町村と、利用できる住民の市町村</caption>" in page
    assert "公共図書館 2か所・公民館図書室等 3か所" in page
    assert "阿蘇市、合志市、菊陽町、益城町" in page


def test_the_guide_is_a_pdf(client: TestClient) -> None:
    response = client.get("/services/guide/合志市.pdf", params={"work": "熊本市"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_nothing_loaded_yet(database_url: str) -> None:
    for client in _client(database_url):
        assert client.get("/services").status_code == 503
        assert client.get("/api/services").status_code == 503
