"""A dataset's files: CSV (UTF-8 with BOM, CRLF), JSON, and its Frictionless table schema."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from decimal import Decimal

from toshiken.opendata.model import Catalog, Cell, Dataset, Field, Table

MEDIA_TYPES = {"CSV": "text/csv", "JSON": "application/json"}


def iso(moment: datetime) -> str:
    """CKAN's timestamps: ISO 8601 in UTC without an offset (2025-04-01T09:00:00.000000)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def to_csv(table: Table) -> bytes:
    """The CSV people open in Excel: a BOM, one header row, CRLF; numbers without separators."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(f.name for f in table.fields)
    writer.writerows([cell_text(cell) for cell in row] for row in table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def cell_text(cell: Cell) -> str:
    """A cell as the CSV writes it: empty for None, true/false, decimals in full."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Decimal):
        return format(cell, "f")
    return str(cell)


def to_json(catalog: Catalog, dataset: Dataset) -> bytes:
    """The same rows as objects keyed in English, with the metadata a reader needs."""
    org = catalog.organization(dataset.organization)
    document = {
        "name": dataset.name,
        "title": dataset.title,
        "organization": {
            "name": dataset.organization,
            "title": org.title if org else dataset.organization,
            "code": org.code if org else None,
        },
        "license": _license(catalog),
        "source": dataset.source,
        "modified": iso(dataset.modified),
        "fields": [
            {"name": f.name, "key": f.key, "type": f.type, "description": f.description}
            for f in dataset.table.fields
        ],
        "data": [_record(dataset.table, row) for row in dataset.table.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _license(catalog: Catalog) -> dict[str, str]:
    license = catalog.license
    return {"id": license.id, "title": license.title, "url": license.url}


def _record(table: Table, row: tuple[Cell, ...]) -> dict[str, object]:
    return {f.key: _value(f, cell, table) for f, cell in zip(table.fields, row, strict=True)}


def _value(field: Field, cell: Cell, table: Table) -> object:
    """JSON numbers for numbers (exact: a decimal that a float cannot hold stays text)."""
    if field.type != "string" and isinstance(cell, str) and cell in table.missing_values:
        return None
    if isinstance(cell, Decimal):
        if cell == cell.to_integral_value():
            return int(cell)
        as_float = float(cell)
        return as_float if Decimal(repr(as_float)) == cell else format(cell, "f")
    return cell


def table_schema(table: Table, with_foreign_keys: bool = True) -> dict[str, object]:
    """The Frictionless Table Schema: types, required/unique/pattern, keys, missing values."""
    schema: dict[str, object] = {"fields": [_field(f) for f in table.fields]}
    if table.missing_values != ("",):
        schema["missingValues"] = list(table.missing_values)
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if with_foreign_keys and table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields),
             "reference": {"resource": fk.dataset, "fields": list(fk.reference)}}
            for fk in table.foreign_keys
        ]  # fmt: skip
    return schema


def _field(field: Field) -> dict[str, object]:
    descriptor: dict[str, object] = {"name": field.name, "type": field.type}
    if field.description:
        descriptor["description"] = field.description
    if field.type == "boolean":
        descriptor.update(trueValues=["true"], falseValues=["false"])
    constraints: dict[str, object] = {}
    if field.required:
        constraints["required"] = True
    if field.unique:
        constraints["unique"] = True
    if field.pattern:
        constraints["pattern"] = field.pattern
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def render(catalog: Catalog, dataset: Dataset, fmt: str) -> bytes:
    """The bytes of one of a dataset's files (fmt: CSV or JSON)."""
    return to_csv(dataset.table) if fmt == "CSV" else to_json(catalog, dataset)
