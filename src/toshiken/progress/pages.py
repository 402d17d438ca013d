"""The progress feature's templates (with the layout's languages) and its entry in the menu."""

from __future__ import annotations

from pathlib import Path

from toshiken.core.i18n import N_, NAV, NavItem, install
from toshiken.core.web import templates_for

templates = templates_for(Path(__file__).parent / "templates")
install(templates.env)
if all(item.path != "/progress" for item in NAV):
    NAV.insert(-1, NavItem("/progress", N_("進行管理")))
