"""The printable guide: one A4 page for every member, in the TrueType IPAexGothic font."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.services.expected import members
from toshiken.services.finder import find
from toshiken.services.guide import guide_html, guide_pdf, page_count
from toshiken.services.model import Service
from toshiken.services.routes import templates
from toshiken.vision.model import Vision

TODAY = date(2025, 4, 1)


def html_for(
    vision: Vision, catalog: tuple[Service, ...], home: str, work: str | None = None
) -> str:
    work_m = vision.municipality(work) if work else None
    finding = find(vision, catalog, vision.municipality(home), work_m)
    return guide_html(templates.env, vision, finding, TODAY)


def test_every_members_guide_fits_one_page(vision: Vision, catalog: tuple[Service, ...]) -> None:
    pages = {name: page_count(html_for(vision, catalog, name)) for name in members()}
    assert pages == dict.fromkeys(members(), 1)


def test_the_guide_lists_the_services_with_their_providers(
    vision: Vision, catalog: tuple[Service, ...]
) -> None:
    html = html_for(vision, catalog, "合志市", "熊本市")
    assert '<html lang="ja">' in html
    assert "合志市にお住まいの方へ" in html and "通勤・通学先：熊本市" in html
    assert "熊本市（8か所）" in html and "通勤・通学先による" in html
    assert "図書館の相互利用" not in html  # 合志市 takes no part in 3-⑤-ア
    assert "2025年4月1日作成" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_text_and_font(
    vision: Vision, catalog: tuple[Service, ...], tmp_path: Path
) -> None:
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(guide_pdf(html_for(vision, catalog, "玉東町")))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "玉東町にお住まいの方へ" in text and "病児・病後児保育" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert embedded and all("IPAexGothic" in name for name in embedded), fonts
