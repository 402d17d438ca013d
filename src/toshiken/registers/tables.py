"""One serializer for every output: an entry as a record of the fields a reader may see."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from toshiken.registers.model import Entry, FieldSpec, Register, Value

Cell = Value | None


@dataclass(frozen=True)
class Column:
    """A column of the list, the files and open data: JSON key, Japanese and English headers."""

    key: str
    label: str
    label_en: str
    spec: FieldSpec | None = None


ID = Column("id", "ID", "ID")
CODE = Column("municipality_code", "全国地方公共団体コード", "Local government code")
NAME = Column("municipality", "市町村名", "Municipality")


def columns(register: Register, internal: bool) -> list[Column]:
    """ID, municipality, then the fields the reader may see, in declaration order."""
    fields = [Column(f.key, f.label, f.label_en, f) for f in register.visible(internal)]
    return [ID, CODE, NAME, *fields]


def record(
    register: Register, entry: Entry, names: Mapping[str, str], internal: bool
) -> dict[str, Cell]:
    """The entry as JSON: the visible fields only (empty ones as None), plus who and when."""
    found: dict[str, Cell] = {
        "id": entry.id,
        "municipality_code": entry.municipality_code,
        "municipality": names.get(entry.municipality_code, entry.municipality_code),
    }
    for spec in register.visible(internal):
        found[spec.key] = entry.values.get(spec.key)
    found["updated_at"] = entry.updated_at.isoformat() if entry.updated_at else None
    if internal:
        found["created_by"] = entry.created_by
        found["updated_by"] = entry.updated_by
    return found


def rows(
    register: Register, entries: list[Entry], names: Mapping[str, str], internal: bool
) -> list[list[Cell]]:
    """The records as rows in the order of `columns` (for CSV, Excel and open data)."""
    keys = [c.key for c in columns(register, internal)]
    return [[record(register, e, names, internal).get(k) for k in keys] for e in entries]


def title_of(register: Register, entry: Entry) -> str:
    value = entry.values.get(register.title_field)
    return str(value) if value not in (None, "") else f"#{entry.id}"


def display(spec: FieldSpec | None, value: Cell, lang: str = "ja") -> str:
    """A value as a page shows it: flags as はい/いいえ (Yes/No), empty as nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("Yes" if value else "No") if lang == "en" else ("はい" if value else "いいえ")
    if isinstance(value, int) and spec is not None and spec.type == "integer":
        return f"{value:,}"
    return str(value)
