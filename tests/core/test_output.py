"""Rows as table, JSON and CSV."""

from __future__ import annotations

from toshiken.core.output import Format, render, to_csv


def test_csv_flattens_and_marks_bom() -> None:
    text = to_csv([{"id": "1", "names": ["熊本市", "合志市"], "budget": {"2021": 5, "2022": None}}])
    assert text == "\ufeffid,names,budget.2021,budget.2022\r\n1,熊本市、合志市,5,\r\n"


def test_table_has_separators() -> None:
    out = render([{"name": "熊本市", "population": 737409}], Format.table)
    assert "737,409" in out and "熊本市" in out
