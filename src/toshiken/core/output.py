"""Rows printed as a table, JSON or CSV (UTF-8 with BOM, so Excel opens it)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import StrEnum

from rich.console import Console
from rich.table import Table


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def to_json(rows: Sequence[dict[str, object]] | dict[str, object]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str)


def to_csv(rows: Sequence[dict[str, object]], bom: bool = True) -> str:
    """CSV for people: a BOM first, lists joined with '、', booleans as true/false."""
    buffer = io.StringIO()
    flat = [_flatten(row) for row in rows]
    if flat:
        writer = csv.DictWriter(buffer, fieldnames=list(flat[0]), lineterminator="\r\n")
        writer.writeheader()
        for row in flat:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return ("\ufeff" if bom else "") + buffer.getvalue()


def _flatten(row: dict[str, object]) -> dict[str, object]:
    """Nested mappings become columns: budget_thousand_yen.2021, budget_thousand_yen.2022, …"""
    flat: dict[str, object] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{sub}": v for sub, v in value.items()})
        else:
            flat[key] = value
    return flat


def _cell(value: object) -> object:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def to_table(rows: Sequence[dict[str, object]], title: str | None = None) -> str:
    """A terminal table; numbers right-aligned with thousands separators."""
    table = Table(title=title, show_lines=False)
    if not rows:
        return "(none)\n"
    for key in rows[0]:
        numeric = all(
            isinstance(r.get(key), int) and not isinstance(r.get(key), bool) for r in rows
        )
        table.add_column(key, justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(_text(v) for v in row.values()))
    console = Console(file=io.StringIO(), width=200, record=True, color_system=None)
    console.print(table)
    return console.export_text()


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "○" if value else ""
    if isinstance(value, int):
        return f"{value:,}"
    cell = _cell(value)
    return str(cell)


def render(rows: Sequence[dict[str, object]], fmt: Format, title: str | None = None) -> str:
    if fmt is Format.json:
        return to_json(rows) + "\n"
    if fmt is Format.csv:
        return to_csv(rows)
    return to_table(rows, title)
