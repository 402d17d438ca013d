"""The revisions feature's templates (with the layout's languages) and its entry in the menu."""

from __future__ import annotations

from pathlib import Path

from toshiken.core.i18n import N_, NAV, NavItem, install
from toshiken.core.web import templates_for

HERE = Path(__file__).parent
templates = templates_for(HERE / "templates")
install(templates.env)
if all(item.path != "/revisions" for item in NAV):
    NAV.insert(-1, NavItem("/revisions", N_("改定履歴")))
