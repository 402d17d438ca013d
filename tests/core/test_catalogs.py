"""Every feature's English catalog covers its templates and modules, is translated and compiled."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "toshiken"
SHARED = PACKAGE / "locale"
KEYWORDS = {"_": None, "N_": None, "gettext": (2,), "ngettext": (2, 3)}
BEING_WRITTEN = {"registers", "revisions"}
"""Features whose catalogs other engineers are writing now: missing is expected, not an error."""


def features() -> list[str]:
    """Every feature folder with templates, plus the shared layout ("shared")."""
    found = sorted(p.parent.name for p in PACKAGE.glob("*/templates") if p.is_dir())
    return ["shared", *found]


def _param(name: str) -> object:
    missing = name != "shared" and not (PACKAGE / name / "locale").is_dir()
    if name in BEING_WRITTEN and missing:
        return pytest.param(name, marks=pytest.mark.xfail(reason="catalog being written"))
    return name


def sources(feature: str) -> list[tuple[Path, str]]:
    """The files whose messages `feature`'s catalog must hold: its templates and modules."""
    if feature == "shared":
        templates = list((PACKAGE / "templates").rglob("*.html"))
        modules = [*(PACKAGE / "core").rglob("*.py"), PACKAGE / "web.py"]
    else:
        templates = list((PACKAGE / feature / "templates").rglob("*.html"))
        modules = list((PACKAGE / feature).rglob("*.py"))
    return [
        *((p, "jinja2.ext:babel_extract") for p in sorted(templates)),
        *((p, "python") for p in sorted(modules)),
    ]


def messages(files: list[tuple[Path, str]]) -> dict[str, str]:
    """msgid -> the first file (relative) that uses it."""
    found: dict[str, str] = {}
    for path, method in files:
        for _line, message, _comments, _context in extract_from_file(
            method, str(path), keywords=KEYWORDS, options={"extensions": "jinja2.ext.i18n"}
        ):
            for msgid in [message] if isinstance(message, str) else message:
                if msgid:
                    where = path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else path
                    found.setdefault(msgid, str(where))
    return found


@cache
def catalog(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(the .po's msgid -> msgstr, the .mo's msgid -> msgstr) of the English catalog in `folder`."""
    messages_dir = folder / "en" / "LC_MESSAGES"
    with (messages_dir / "messages.po").open("rb") as po_file:
        po = {str(m.id): str(m.string) for m in read_po(po_file, locale="en") if m.id}
    mo_path = messages_dir / "messages.mo"
    assert mo_path.exists(), f"{mo_path} is missing: pybabel compile"
    with mo_path.open("rb") as mo_file:
        mo = {str(m.id): str(m.string) for m in read_mo(mo_file) if m.id}
    return po, mo


@pytest.mark.parametrize("feature", [_param(f) for f in features()])
def test_catalog_covers_the_feature_and_is_compiled(feature: str) -> None:
    own_folder = SHARED if feature == "shared" else PACKAGE / feature / "locale"
    used = messages(sources(feature))
    if not used:
        return  # nothing to translate (yet)
    shared_po, _ = catalog(SHARED)
    own_po, own_mo = catalog(own_folder) if own_folder.is_dir() else ({}, {})
    untranslated = {
        msgid: where for msgid, where in used.items()
        if not own_po.get(msgid) and not shared_po.get(msgid)
    }  # fmt: skip
    absent = {k: v for k, v in untranslated.items() if k not in own_po and k not in shared_po}
    command = f"the pybabel commands of docs/portal.md for {feature}"
    assert absent == {}, f"messages missing from the catalog ({command})"
    assert untranslated == {}, "messages without an English translation"
    translated = {k: v for k, v in own_po.items() if v}  # the .mo leaves out untranslated ones
    assert translated == own_mo, (
        f"{own_folder}/en/LC_MESSAGES/messages.mo is stale: pybabel compile"
    )


def test_every_feature_with_templates_is_checked() -> None:
    """The list is found on disk, so a new feature is checked without editing this file."""
    assert {"shared", "vision", "costs", "services"} <= set(features())
    assert len(features()) == 1 + len(list(PACKAGE.glob("*/templates")))


def test_catalog_check_catches_a_missing_message(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text('{{ _("この文は、どのカタログにもありません") }}', encoding="utf-8")
    module = tmp_path / "module.py"
    module.write_text('gettext(lang, "モジュールの文")\nN_("印だけの文")\n', encoding="utf-8")
    used = messages([(template, "jinja2.ext:babel_extract"), (module, "python")])
    assert set(used) == {"この文は、どのカタログにもありません", "モジュールの文", "印だけの文"}
    assert not set(used) & set(catalog(SHARED)[0])


def _conflicts(feature: str) -> dict[str, tuple[str, str]]:
    """msgid -> (the shared or an earlier catalog's translation, this feature's) where they differ.

    core/i18n.py merges the catalogs into one, so a msgid has one English text app-wide: a
    feature that translates a shared msgid differently changes every page's text (the last
    catalog merged wins). Use the same translation, or a more specific Japanese msgid.
    """
    folder = PACKAGE / feature / "locale"
    if not folder.is_dir():
        return {}
    own = {k: v for k, v in catalog(folder)[0].items() if v}
    others: dict[str, str] = {k: v for k, v in catalog(SHARED)[0].items() if v}
    for other in sorted(PACKAGE.glob("*/locale")):
        if other.is_dir() and other != folder:
            others.update({k: v for k, v in catalog(other)[0].items() if v and k not in others})
    return {k: (others[k], v) for k, v in own.items() if k in others and others[k] != v}


@pytest.mark.parametrize("feature", [f for f in features() if f != "shared"])
def test_catalog_agrees_with_the_others(feature: str) -> None:
    assert _conflicts(feature) == {}, "one msgid, two English texts: the merge keeps only one"
