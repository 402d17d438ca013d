"""The registers' English catalog covers their templates and modules, and is compiled."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import toshiken.registers

FEATURE = Path(toshiken.registers.__file__).parent
CATALOG = FEATURE / "locale" / "en" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "gettext": (2,), "ngettext": (2, 3)}


def messages() -> set[str]:
    sources = [
        *((p, "jinja2.ext:babel_extract") for p in (FEATURE / "templates").rglob("*.html")),
        *((p, "python") for p in FEATURE.glob("*.py")),
    ]
    found: set[str] = set()
    for path, method in sources:
        for _line, message, _comments, _context in extract_from_file(
            method, str(path), keywords=KEYWORDS, options={"extensions": "jinja2.ext.i18n"}
        ):
            found.update([message] if isinstance(message, str) else message)
    return found


def test_english_catalog_covers_the_registers_and_is_compiled() -> None:
    with (CATALOG / "messages.po").open("rb") as po_file:
        po = {m.id: m.string for m in read_po(po_file, locale="en") if m.id}
    with (CATALOG / "messages.mo").open("rb") as mo_file:
        mo = {m.id: m.string for m in read_mo(mo_file) if m.id}
    wanted = messages()
    assert "登録簿" in wanted and len(wanted) > 60
    assert sorted(wanted - po.keys()) == [], "run the pybabel commands of common.md"
    assert sorted(k for k in wanted if not po[k]) == [], "untranslated messages"
    assert {k: v for k, v in po.items() if v} == mo, "messages.mo is stale: pybabel compile"
