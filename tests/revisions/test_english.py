"""The revisions pages in English (tests/core/test_catalogs.py checks the catalog itself)."""

from __future__ import annotations

from tests.accounts.conftest import Site


def test_pages_in_english(site: Site) -> None:
    client = site.client()
    page = client.get("/revisions?lang=en")
    assert "Vision revision history" in page.text and "Revisions (newest first)" in page.text
    assert 'href="/revisions' in client.get("/?lang=en").text  # the menu links to the history
    assert "Changes between revisions" in client.get("/revisions/diff?lang=en").text
    assert "Revision 1: 令和7年3月改定" in client.get("/revisions/1?lang=en").text
    secretariat = site.client("secretariat")
    draft = secretariat.get("/revisions/draft?lang=en").text
    assert "Vision draft (revision 2)" in draft and "Publish as revision 2" in draft
    form = secretariat.get("/revisions/draft/initiatives/3-2-2?lang=en").text
    assert "Budget (thousand yen)" in form and "Participating municipalities" in form
