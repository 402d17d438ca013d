"""The revisions feature's English catalog covers its templates and modules and is compiled."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.accounts.conftest import Site

FEATURE = Path(__file__).resolve().parents[2] / "src" / "toshiken" / "revisions"
CATALOG = FEATURE / "locale" / "en" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "gettext": (2,), "ngettext": (2, 3)}


def _messages() -> set[str]:
    sources = [
        *((p, "jinja2.ext:babel_extract") for p in (FEATURE / "templates").glob("*.html")),
        *((p, "python") for p in FEATURE.glob("*.py")),
    ]
    found: set[str] = set()
    for path, method in sources:
        for _line, message, _comments, _context in extract_from_file(
            method, str(path), keywords=KEYWORDS, options={"extensions": "jinja2.ext.i18n"}
        ):
            found.update([message] if isinstance(message, str) else message)
    return found


def test_catalog_covers_the_feature_and_is_compiled() -> None:
    with (CATALOG / "messages.po").open("rb") as po_file:
        po = {m.id: m.string for m in read_po(po_file, locale="en") if m.id}
    with (CATALOG / "messages.mo").open("rb") as mo_file:
        mo = {m.id: m.string for m in read_mo(mo_file) if m.id}
    messages = _messages()
    assert len(messages) > 100
    assert sorted(messages - po.keys()) == [], "run the pybabel commands of docs/revisions.md"
    assert sorted(k for k in messages if not po[k]) == [], "untranslated messages"
    assert {k: v for k, v in po.items() if v} == mo, "messages.mo is stale: pybabel compile"


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
