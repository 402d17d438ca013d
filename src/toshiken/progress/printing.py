"""Printing the annual report to PDF fast: a lean user-agent stylesheet, one font set-up, caches."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

LEAN_UA = """
head, style, title, meta, script, [hidden] { display: none }
html, body, div, p, h1, h2, h3, h4, h5, h6, section, article, header, figure, figcaption, dl, dt,
  dd { display: block }
ul, ol { display: block; margin: 1em 0; padding-left: 40px } li { display: list-item }
table { display: table; border-spacing: 2px; border-collapse: separate; box-sizing: border-box;
  text-indent: initial; border-color: gray }
caption { display: table-caption } colgroup { display: table-column-group }
col { display: table-column } thead { display: table-header-group; vertical-align: middle }
tbody { display: table-row-group; vertical-align: middle } tr { display: table-row }
tfoot { display: table-footer-group; vertical-align: middle }
tr, td, th { vertical-align: inherit } td, th { display: table-cell; padding: 1px }
body { margin: 8px } p { margin: 1em 0 }
h1 { margin: .67em 0; font-size: 2em; bookmark-level: 1 }
h2 { margin: .83em 0; font-size: 1.5em; bookmark-level: 2 }
h3 { margin: 1em 0; font-size: 1.17em; bookmark-level: 3 }
h4 { margin: 1.33em 0; bookmark-level: 4 }
h5 { margin: 1.67em 0; font-size: .83em; bookmark-level: 5 }
h6 { margin: 2.33em 0; font-size: .67em; bookmark-level: 6 }
h1, h2, h3, h4, h5, h6 { font-weight: bold; bookmark-label: content(text); break-after: avoid;
  break-inside: avoid }
b, strong, th { font-weight: bold } em, i { font-style: italic }
br::before { content: "\\A"; white-space: pre-line } img, svg { overflow: hidden }
@page { margin: 75px;
  @bottom-left { text-align: left; vertical-align: middle }
  @bottom-center { text-align: center; vertical-align: middle }
  @bottom-right { text-align: right; vertical-align: middle } }
"""
"""WeasyPrint's HTML5 stylesheet cut down to the elements the reports use (this annual report, and
the vision's revisions printed by revisions/document.py: pixel-identical to the full stylesheet).

Matching the full one (≈250 rules, many attribute and `:is()` selectors) against every element
of a 700-cell report cost about a fifth of the build; these rules give the same rendering.
"""

IMAGE_CACHE_SIZE = 64
_images: dict[str, Any] = {}
"""Parsed chart images by data: URI, shared between builds: unchanged charts are parsed once."""


@lru_cache(maxsize=1)
def _font_config() -> object:
    """One font configuration per process: fontconfig and Pango are set up once."""
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    return FontConfiguration()


@lru_cache(maxsize=1)
def _document_class() -> type:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    if not hasattr(HTML, "_ua_stylesheets"):  # a WeasyPrint that moved the hook: print as is
        return HTML  # type: ignore[no-any-return]
    lean = CSS(string=LEAN_UA)

    class ReportHTML(HTML):  # type: ignore[misc]
        """HTML with the lean user-agent stylesheet (the report has no forms)."""

        def _ua_stylesheets(self, forms: bool = False) -> list[object]:
            return [lean]

    return ReportHTML


def print_pdf(html: str) -> bytes:
    """The HTML report printed to PDF by WeasyPrint (fonts subset by HarfBuzz)."""
    if len(_images) > IMAGE_CACHE_SIZE:
        _images.clear()
    with _young_garbage():
        document = _document_class()(string=html)
        pdf: bytes = document.write_pdf(font_config=_font_config(), cache=_images)
    return pdf


@contextmanager
def _young_garbage() -> Iterator[None]:
    """No automatic garbage collection during a build, then a collection of its objects only.

    A build makes some 300,000 objects, live until its end (the box tree) and then partly
    cyclic garbage. Left to automatic collection, they trigger collections of the older
    generations that walk the whole heap (fonts, modules, the app: 0.2–0.3 s each, about one
    per build). Collected as the youngest generation right after the build, they cost a tenth
    of that, and nothing is left for later: a full collection afterwards finds no garbage.
    """
    if not gc.isenabled():  # another build (thread) is printing, or the app manages collection
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


@lru_cache(maxsize=8)
def render_pdf(html: str) -> bytes:
    """print_pdf, remembered: the same document (same data) is printed once per process."""
    return print_pdf(html)
