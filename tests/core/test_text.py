"""Normalisation of the PDF conversion's text."""

from __future__ import annotations

from toshiken.core.text import nfkc, search_key, strip_html


def test_strip_html_keeps_role_markers() -> None:
    cell = "<p><熊本市> 講座を開催する。</p> <p><近隣市町村> 周知する。</p>"
    assert strip_html(cell) == "<熊本市> 講座を開催する。\n<近隣市町村> 周知する。"
    assert strip_html('<ul style="x"> <li>a</li><li>b</li></ul>') == "a\nb"


def test_search_key_folds_width_and_kana() -> None:
    assert search_key("ＳＮＳ") == search_key("sns")
    assert search_key("ｶﾀｶﾅ") == search_key("かたかな")
    assert nfkc("２０２５―") == "2025-"
