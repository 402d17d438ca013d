"""The catalog's pages and files as a reader meets them: Japanese, accessible, no inline code."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import requests

from toshiken.opendata.pages import freshness, shown_time
from toshiken.vision.model import Vision

INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def page(live: str, path: str) -> str:
    answer = requests.get(f"{live}{path}", timeout=10)
    assert answer.status_code == 200, (path, answer.status_code)
    assert answer.headers["content-type"].startswith("text/html")
    assert not INLINE.search(answer.text), path
    assert '<html lang="ja">' in answer.text
    return answer.text


def test_the_catalog_lists_and_searches_datasets(live: str) -> None:
    html = page(live, "/opendata")
    assert "<h1>熊本連携中枢都市圏 オープンデータカタログ</h1>" in html
    assert 'href="/opendata/files/kumamoto-renkei-opendata.zip"' in html
    assert '<label for="q">キーワード</label>' in html
    assert 'href="/opendata"' in html  # the menu links the catalog
    found = page(live, "/opendata?q=合志市&group=budget")
    assert "データセット（1件）" in found and "/opendata/dataset/432164_budget" in found
    assert "条件に合うデータセットはありません" in page(live, "/opendata?q=存在しない語")


def test_a_dataset_page_shows_its_columns_files_and_freshness(live: str) -> None:
    html = page(live, "/opendata/dataset/kumamoto-renkei_municipalities")
    assert "<h1>構成市町村一覧</h1>" in html
    assert '<th scope="row">全国地方公共団体コード</th>' in html
    assert "2025年4月1日 09:30" in html  # the load time, in Japan time
    assert 'href="/opendata/files/kumamoto-renkei_municipalities.csv"' in html
    assert "package_show?id=kumamoto-renkei_municipalities" in html


def test_each_member_shows_what_it_publishes_and_how_fresh(live: str, vision: Vision) -> None:
    html = page(live, "/opendata/organization")
    for m in vision.municipalities:
        assert f"<td>{m.code}</td>" in html
    assert re.search(r"<td>\d+日前</td>", html)
    koshi = page(live, "/opendata/organization/432164-koshi-shi")
    assert "<h1>合志市が公開するデータ</h1>" in koshi
    assert "/opendata/dataset/432164_participation" in koshi


@pytest.mark.parametrize(
    "path", ["/opendata/dataset/431001_event", "/opendata/organization/x",
             "/opendata/files/x.csv", "/opendata/files/../datapackage.json"],
)  # fmt: skip
def test_unknown_things_are_404(live: str, path: str) -> None:
    assert requests.get(f"{live}{path}", timeout=10).status_code == 404


def test_files_download_with_type_and_last_modified(live: str) -> None:
    csv = requests.get(f"{live}/opendata/files/432164_budget.csv", timeout=10)
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.content.startswith(b"\xef\xbb\xbf\xe5\x85\xa8")  # BOM, then 全国…
    assert csv.headers["last-modified"] == "Tue, 01 Apr 2025 00:30:00 GMT"
    assert 'filename="432164_budget.csv"' in csv.headers["content-disposition"]
    package = requests.get(f"{live}/opendata/files/datapackage.json", timeout=10).json()
    assert package["resources"][0]["path"] == "kumamoto-renkei_municipalities.csv"
    bundle = requests.get(f"{live}/opendata/files/kumamoto-renkei-opendata.zip", timeout=10)
    assert bundle.headers["content-type"] == "application/zip"


def test_times_are_shown_in_japan_time_with_their_age() -> None:
    loaded = datetime(2025, 3, 31, 15, 30, tzinfo=UTC)
    assert shown_time(loaded) == "2025年4月1日 00:30"
    assert freshness(loaded, datetime(2025, 4, 1, 3, 0, tzinfo=UTC)) == "今日"
    assert freshness(loaded, datetime(2025, 4, 3, 3, 0, tzinfo=UTC)) == "2日前"
