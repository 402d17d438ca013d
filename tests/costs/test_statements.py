"""Statements open as Excel and PDF, in Japanese, with the figures as the settlement gave them."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.costs.samples import SICK_CHILD, WASTE
from toshiken.costs.catalog import Catalog
from toshiken.costs.sickchild import AdditionBand
from toshiken.costs.statements import statements_html, statements_pdf, statements_xlsx
from toshiken.costs.terms import SettleKind
from toshiken.costs.uploads import Prices, Settled, settle


@pytest.fixture(scope="module")
def sick_child(catalog: Catalog) -> Settled:
    prices = Prices(basic_cost=7_000_000, additions=(AdditionBand(100, 500_000),))
    return settle(catalog, SettleKind.SICK_CHILD, 2024, prices, usage=SICK_CHILD.encode())


def test_the_workbook_has_a_summary_and_a_sheet_per_statement(sick_child: Settled) -> None:
    data = statements_xlsx(sick_child.statements, sick_child.title, 2024)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["一覧", "荒尾市→熊本市", "合志市→熊本市", "熊本市→合志市"]
    summary = [row for row in book["一覧"].iter_rows(values_only=True) if row[0]]
    assert summary[0] == ("3-②-イ 病児・病後児保育 精算書一覧", "令和6年度 (2024年度)", None)
    assert ("合志市", "熊本市", 554_187) in summary
    assert summary[-1] == ("合計", None, 1_365_025)
    sheet = book["合志市→熊本市"]
    line = next(r for r in sheet.iter_rows() if r[0].value == "病児保育室A")
    assert line[1].value == 15 and line[2].value == 554_187
    assert line[2].number_format == '#,##0"円"'
    assert "年間利用児童数 203人" in str(line[3].value)


def test_decimal_tonnes_stay_numbers(catalog: Catalog) -> None:
    prices = Prices(yen_per_tonne=Decimal("21450.5"))
    settled = settle(catalog, SettleKind.WASTE, 2024, prices, usage=WASTE.encode())
    book = load_workbook(io.BytesIO(statements_xlsx(settled.statements, settled.title, 2024)))
    line = next(r for r in book["西原村→熊本市"].iter_rows() if r[0].value == "可燃ごみ処理")
    assert Decimal(str(line[1].value)) == Decimal("1234.567")
    assert line[2].value == 26_482_079


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_is_japanese_text_with_the_figures(sick_child: Settled, tmp_path: Path) -> None:
    html = statements_html(
        sick_child.statements, sick_child.title, 2024, date(2025, 5, 1), "熊本連携中枢都市圏"
    )
    pdf = statements_pdf(html)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "statements.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "病児・病後児保育 精算書一覧" in text
    assert "令和6年度 (2024年度)" in text
    for figure in ("110,838円", "554,187円", "700,000円", "1,365,025円"):
        assert figure in text
    assert text.count("精算書\n") >= 3  # one page per statement
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "IPAexGothic" in fonts
