"""A revision as documents: HTML laid out like the original, PDF (WeasyPrint) and text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from toshiken.progress.printing import print_pdf
from toshiken.revisions.layout import layout
from toshiken.revisions.model import Revision
from toshiken.revisions.pages import templates
from toshiken.vision.model import Vision

CSS = Path(__file__).parent / "static" / "document.css"
FONT_FAMILY = "'IPAexGothic', 'IPAexゴシック', sans-serif"
"""The font of the progress report: a TrueType font WeasyPrint subsets fast."""


def print_html(revision: Revision, vision: Vision, font_family: str = FONT_FAMILY) -> str:
    """One self-contained HTML document (styles inline, nothing loaded from outside)."""
    context = {
        "doc": layout(vision),
        "revision": revision,
        "css": CSS.read_text(encoding="utf-8"),
        "font_family": font_family,
    }
    return templates.env.get_template("print.html").render(context)


def pdf(revision: Revision, vision: Vision) -> bytes:
    """The revision printed to PDF; the same revision is printed once per process."""
    return _printed(revision.sha256, print_html(revision, vision))


@lru_cache(maxsize=4)
def _printed(sha256: str, html: str) -> bytes:
    """Printed the progress report's lean way: its user-agent stylesheet, fonts, garbage."""
    return print_pdf(html)
