"""The history, a revision's page, text and PDF, and the diff, through the web app."""

from __future__ import annotations

from tests.accounts.conftest import Site


def test_revision_1_is_the_loaded_document(site: Site) -> None:
    client = site.client()
    rows = client.get("/api/revisions").json()
    assert [(r["number"], r["title"], r["dated"], r["current"]) for r in rows] == [
        (1, "令和7年3月改定", "2025-03-01", True)
    ]
    page = client.get("/revisions")
    assert page.status_code == 200
    assert "令和7年3月改定" in page.text


def test_revision_page_is_laid_out_like_the_document(site: Site) -> None:
    client = site.client()
    page = client.get("/revisions/1")
    assert page.status_code == 200
    headings = (
        "第1章", "第2章", "第3章", "関係市町村", "事業内容", "関係市町村の役割分担",
        "費用負担", "スケジュール", "事業費 (千円)", "病児・病後児保育における圏域住民の利用",
    )  # fmt: skip
    for heading in headings:
        assert heading in page.text
    assert page.text.count('class="doc initiative-table"') == 69
    text = client.get("/revisions/1.txt")
    assert text.headers["content-type"].startswith("text/plain")
    assert "3-②-イ" not in text.text and "イ 病児・病後児保育における圏域住民の利用" in text.text
    data = client.get("/api/revisions/1").json()
    assert len(data["vision"]["initiatives"]) == 69
    assert client.get("/revisions/9").status_code == 404


def test_diff_of_a_revision_with_itself_is_empty(site: Site) -> None:
    client = site.client()
    data = client.get("/api/revisions/diff", params={"from": 1, "to": 1}).json()
    assert data["empty"] is True
    assert data["budget"]["total"] == {"before": 15_646_448, "after": 15_646_448, "change": 0}
    assert client.get("/revisions/diff?from=1&to=1").status_code == 200
