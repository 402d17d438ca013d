"""The registers' templates (with the layout's languages) and their entry in the menu."""

from __future__ import annotations

from pathlib import Path

from toshiken.core.i18n import N_, NAV, NavItem, install
from toshiken.core.web import templates_for
from toshiken.registers.tables import display

templates = templates_for(Path(__file__).parent / "templates")
install(templates.env)
templates.env.globals.update(show=display)
if all(item.path != "/registers" for item in NAV):
    NAV.insert(-1, NavItem("/registers", N_("登録簿")))
