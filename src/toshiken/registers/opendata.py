"""Each register's public fields as an open-data dataset (the opendata feature's provider)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from toshiken.core.settings import Settings
from toshiken.opendata.catalog import partnership_name
from toshiken.opendata.model import Dataset, Field, FieldType, Table
from toshiken.registers import store
from toshiken.registers.access import declarations, members
from toshiken.registers.model import FieldSpec, Register
from toshiken.registers.tables import CODE, ID, NAME, Cell, rows
from toshiken.vision.model import Vision

TYPES: dict[str, FieldType] = {
    "integer": "integer", "decimal": "number", "latitude": "number", "longitude": "number",
    "date": "date", "boolean": "boolean",
}  # fmt: skip
UNCHANGED = datetime(2025, 3, 1, tzinfo=UTC)
"""A register's time while it has no entry: the vision's revision (令和7年3月)."""


def _field(spec: FieldSpec) -> Field:
    note = f"選択肢：{'、'.join(spec.choices)}" if spec.choices else ""
    return Field(spec.label, spec.key, TYPES.get(spec.type, "string"), note, spec.required)


def table(register: Register, body: list[list[Cell]]) -> Table:
    """The public columns only: ID, municipality, then the fields declared public."""
    fields = (
        Field(ID.label, "identifier", "integer", "登録簿の中で一意な番号", True, True),
        Field(CODE.label, "localGovernmentCode", "string", "登録した市町村", True,
              pattern="[0-9]{6}"),
        Field(NAME.label, "localGovernmentName", "string", "", True),
        *(_field(f) for f in register.visible(internal=False)),
    )  # fmt: skip
    numeric = [f.type == "number" for f in fields]
    cells = tuple(
        tuple(
            Decimal(c) if n and isinstance(c, str) else c for c, n in zip(row, numeric, strict=True)
        )
        for row in body
    )
    return Table(fields, cells, primary_key=(ID.label,))


def dataset(register: Register, session: Session, vision: Vision, names: dict[str, str]) -> Dataset:
    """One register as published: its public fields, under the partnership's organisation."""
    org = partnership_name(vision)
    entries = store.entries(session, register.key)
    body = rows(register, entries, names, internal=False)
    initiatives = "、".join(register.initiatives)
    return Dataset(
        name=f"{org}_register-{register.key.replace('_', '-')}",
        title=register.title,
        notes=f"{register.description}（共有登録簿の公開項目のみ。具体的取組 {initiatives}）",
        organization=org,
        table=table(register, body),
        modified=store.last_change(session, register.key) or UNCHANGED,
        tags=("連携中枢都市圏", "登録簿"),
        source=f"{vision.area_name}の構成市町村が共同で管理する登録簿",
    )


def provide(session: Session, vision: Vision, settings: Settings) -> list[Dataset]:
    """Every declared register, read from the database each time the catalog is built."""
    names = members(settings)
    return [dataset(r, session, vision, names) for r in declarations(settings).values()]
