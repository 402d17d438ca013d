"""The report printer: WeasyPrint with the lean user-agent stylesheet, and a fallback without it."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from toshiken.progress.printing import LEAN_UA, _document_class, print_pdf
from toshiken.vision.reader import ReadResult


def test_the_lean_stylesheet_replaces_weasyprints_own() -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]

    # The hook is private: this fails when an upgrade of WeasyPrint renames it (printing then
    # falls back to WeasyPrint's full stylesheet, correct but slower).
    assert hasattr(HTML, "_ua_stylesheets")
    printer = _document_class()
    assert printer is not HTML and issubclass(printer, HTML)
    sheets = printer(string="<p>x</p>")._ua_stylesheets()
    assert len(sheets) == 1 and "table-header-group" in LEAN_UA


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_printed_table_keeps_its_text() -> None:
    html = (
        '<html lang="ja"><body><h1>年次報告</h1><table><thead><tr><th>指標</th><th>実績</th></tr>'
        "</thead><tbody><tr><td>圏域出生数</td><td>11,381</td></tr></tbody></table></body></html>"
    )
    data = print_pdf(html)
    assert data.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    for word in ("年次報告", "指標", "圏域出生数", "11,381"):
        assert word in text


def test_a_build_collects_its_own_garbage() -> None:
    import gc

    html = "<html lang='ja'><body>" + "<table><tr><td>一</td><td>1</td></tr></table>" * 50
    print_pdf(html + "</body></html>")  # warm: imports, fonts
    gc.collect()
    print_pdf(html + "<p>二</p></body></html>")
    assert gc.isenabled()  # automatic collection is back on
    assert gc.collect() < 50  # the build's cyclic garbage went with it, nothing left for later


INLINE = {"html", "head", "body", "span", "a", "img", "br", "strong", "b", "em", "i", "small"}


def _tags(html: str) -> set[str]:
    return {tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)} - INLINE


def test_the_lean_stylesheet_has_every_element_of_both_printed_documents(
    read_result: ReadResult, reference_text: str
) -> None:
    from datetime import UTC, date, datetime

    from toshiken.progress.annual import render_html
    from toshiken.progress.dashboard import build_dashboard
    from toshiken.revisions.document import print_html
    from toshiken.revisions.model import Revision
    from toshiken.vision.render import render_text

    vision = read_result.vision
    annual = render_html(vision, build_dashboard(vision, [], [], 2025), True, None)
    revision = Revision(
        1, "令和7年3月改定", date(2025, 3, 1), datetime(2025, 3, 1, tzinfo=UTC), "test", "",
        render_text(vision), reference_text, "f" * 64, "f" * 64,
    )  # fmt: skip
    selectors = re.findall(r"([^{}]*)\{", LEAN_UA)
    rules = {word for s in selectors for word in re.findall(r"[a-z][a-z0-9]*", s)}
    for html in (annual, print_html(revision, vision)):
        tags = _tags(html)
        assert {"table", "td"} <= tags
        assert tags <= rules, tags - rules  # an element without its rule would print unstyled
