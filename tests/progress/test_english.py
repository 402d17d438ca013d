"""The progress and account pages in English (?lang=en), from the features' own catalogs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import toshiken
from tests.accounts.conftest import Site

PAGES = {
    "/progress": ("Progress dashboard", "No data", "Spending: plan and actual"),
    "/progress/kpis": ("KPI actuals", "Enter an actual", "Baseline"),
    "/progress/reports": ("Implementation of the initiatives", "Report with Excel"),
    "/progress/reports/1-1-1": ("Reports of the participating municipalities", "Unreported"),
    "/progress/upload": ("Import KPI actuals from Excel", "Download the template."),
    "/progress/reports/upload": ("Import initiative reports from Excel", "Template (.xlsx)"),
    "/accounts/users": ("Accounts", "Create an account", "Municipality staff"),
    "/accounts/users/staff": ("Reset the password", "Disable the account"),
    "/audit": ("Change log (audit log)", "Record type"),
    "/account": ("Sign out", "Secretariat"),
}
KANA = re.compile(r"[\u3040-\u30fa]")
CATALOGS = [
    Path(toshiken.__file__).parent / f / "locale" / "messages.pot" for f in ("progress", "accounts")
]


def ui_messages() -> set[str]:
    """The features' Japanese messages long enough not to occur inside data (names, titles)."""
    found: set[str] = set()
    for path in CATALOGS:
        with path.open("rb") as f:
            found |= {m.id for m in read_po(f) if isinstance(m.id, str) and "%" not in m.id}
    return {m for m in found if len(m) >= 4 and KANA.search(m)}


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_in_english(site: Site, path: str) -> None:
    client = site.client("secretariat")
    japanese = client.get(path, params={"lang": "ja"}).text
    assert any(m in japanese for m in ui_messages()), "the check would find nothing"
    html = client.get(path, params={"lang": "en"}).text
    for words in PAGES[path]:
        assert words in html, (path, words)
    leftovers = sorted(m for m in ui_messages() if m in html)
    assert leftovers == [], leftovers
