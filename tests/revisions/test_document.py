"""A revision as HTML laid out like the document and as a PDF, with nothing from outside."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest

from toshiken.revisions.document import pdf, print_html
from toshiken.revisions.model import Revision
from toshiken.vision.reader import ReadResult
from toshiken.vision.render import render_text


def _revision(text: str, reference: str) -> Revision:
    return Revision(
        1, "令和7年3月改定", date(2025, 3, 1), datetime(2025, 3, 1, tzinfo=UTC), "test", "",
        text, reference, "f" * 64, "f" * 64,
    )  # fmt: skip


def test_print_html_has_every_initiative_table_and_no_outside_resource(
    read_result: ReadResult, reference_text: str
) -> None:
    vision = read_result.vision
    html = print_html(_revision(render_text(vision), reference_text), vision)
    assert html.count('class="doc initiative-table"') == 69
    for row in ("関係市町村", "事業内容", "関係市町村の役割分担", "費用負担", "スケジュール"):
        assert html.count(f'<th scope="row">{row}</th>') == 69
    assert html.count('<th scope="row">事業費 (千円)</th>') == 69
    assert not re.search(r"(src|href)=\"https?:", html)
    sick = next(i for i in vision.initiatives if i.id == "3-2-2")
    assert f"{sick.budget_total:,}" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdf_is_laid_out_like_the_document(read_result: ReadResult, reference_text: str) -> None:
    # two initiatives keep the test short; the layout is the same for all 69
    vision = read_result.vision
    small = dataclasses.replace(vision, initiatives=vision.initiatives[:2])
    data = pdf(_revision(render_text(small), reference_text), small)
    assert data.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    for words in ("第3章 連携協約に基づき推進する具体的取組", "関係市町村", "事業費 (千円)",
                  vision.initiatives[0].title, "令和7年（2025年）3月改定"):  # fmt: skip
        assert words in text
