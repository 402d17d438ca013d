"""The accounts feature's templates, with the shared layout's languages and filters."""

from __future__ import annotations

from pathlib import Path

from toshiken.core.i18n import install
from toshiken.core.web import templates_for

templates = templates_for(Path(__file__).parent / "templates")
install(templates.env)
