"""The open-data pages in English (?lang=en): the feature's own catalog, data left as it is."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
import requests
from babel.messages.pofile import read_po

import toshiken
from tests.opendata.conftest import LOADED_AT
from toshiken.opendata.pages import freshness, shown_time

PAGES = {
    "/opendata": ("Find datasets", "Bulk download and API", "(Japan time)"),
    "/opendata?q=存在しない語": ("Datasets (0)", "No dataset matches."),
    "/opendata/dataset/432164_budget": ("About the data", "Dataset name (ID)", "Fields of "),
    "/opendata/organization": ("Publishers and updates", "Local government code", " days ago"),
    "/opendata/organization/432164-koshi-shi": ("Data published by 合志市", "Datasets of 合志市"),
}
KANA = re.compile(r"[\u3040-\u30fa]")
CATALOG = Path(toshiken.__file__).parent / "opendata" / "locale" / "messages.pot"


def ui_messages() -> set[str]:
    """The catalog's Japanese messages long enough not to occur inside data (names, titles)."""
    with CATALOG.open("rb") as f:
        found = {m.id for m in read_po(f) if isinstance(m.id, str) and "%" not in m.id}
    return {m for m in found if len(m) >= 4 and KANA.search(m)}


def strings(value: object) -> set[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return {s for item in items for s in strings(item)}


@pytest.fixture(scope="module")
def data(live: str) -> list[str]:
    """The catalog's own texts (titles, notes, field names, tags, cells), longest first: they may
    contain a UI message ("オープンデータ" in the catalog's title) and stay Japanese."""
    found: set[str] = set()
    for path in ("/opendata/files/datapackage.json",
                 "/api/3/action/organization_list?all_fields=true",
                 "/api/3/action/package_search?rows=1000"):  # fmt: skip
        found |= strings(requests.get(f"{live}{path}", timeout=10).json())
    return sorted((escape(s) for s in found if len(s) >= 4), key=len, reverse=True)


def without(html: str, data: list[str]) -> str:
    for text in data:
        html = html.replace(text, "")
    return html


def get(live: str, path: str, lang: str) -> str:
    answer = requests.get(f"{live}{path}", params={"lang": lang}, timeout=10)
    assert answer.status_code == 200, (path, answer.status_code)
    return answer.text


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_in_english(live: str, data: list[str], path: str) -> None:
    japanese = get(live, path, "ja")
    assert any(m in japanese for m in ui_messages()), "the check would find nothing"
    html = get(live, path, "en")
    assert '<html lang="en">' in html
    for words in PAGES[path]:
        assert words in html, (path, words)
    ui = without(html, data)
    leftovers = sorted(m for m in ui_messages() if m in ui)
    assert leftovers == [], leftovers


def test_links_keep_the_language(live: str) -> None:
    html = get(live, "/opendata", "en")
    assert 'href="/opendata/dataset/432164_budget?lang=en"' in html
    assert 'href="/opendata/organization?lang=en"' in html
    assert '<input type="hidden" name="lang" value="en">' in html


def test_times_and_ages_in_english() -> None:
    assert shown_time(LOADED_AT, "en") == "1 April 2025, 09:30"
    assert freshness(LOADED_AT, LOADED_AT, "en") == "today"
    assert freshness(LOADED_AT, LOADED_AT.replace(day=2), "en") == "1 day ago"
    assert freshness(LOADED_AT, LOADED_AT.replace(day=30), "en") == "29 days ago"
