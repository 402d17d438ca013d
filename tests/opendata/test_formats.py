"""CSV for Excel, JSON for programs, and the table schema both are described by."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from tests.opendata.conftest import LOADED_AT
from toshiken.opendata.formats import iso, table_schema, to_csv, to_json
from toshiken.opendata.model import Catalog, Field, Table


def test_csv_has_a_bom_crlf_and_japanese_headers(catalog: Catalog) -> None:
    dataset = catalog.dataset("kumamoto-renkei_municipalities")
    assert dataset is not None
    raw = to_csv(dataset.table)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.split("\r\n")[0].startswith("全国地方公共団体コード,地方公共団体名,名称,")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["全国地方公共団体コード"] == "431001"
    assert rows[0]["連携中枢都市"] == "true" and rows[1]["連携中枢都市"] == "false"
    assert rows[0]["面積"] == "390.32"


def test_an_empty_table_still_has_its_header() -> None:
    table = Table((Field("名称", "name"),), ())
    assert to_csv(table) == "\ufeff名称\r\n".encode()


def test_json_uses_english_keys_and_exact_numbers(catalog: Catalog) -> None:
    dataset = catalog.dataset("kumamoto-renkei_kpis")
    assert dataset is not None
    document = json.loads(to_json(catalog, dataset))
    assert document["license"]["id"] == "CC-BY-4.0"
    assert document["modified"] == iso(LOADED_AT)
    first = document["data"][0]
    assert first["number"] == 1 and first["baseline"] == 5094158
    assert {f["key"] for f in document["fields"]} == set(first)


def test_missing_values_become_null_in_json(catalog: Catalog) -> None:
    dataset = catalog.dataset("kumamoto-renkei_medical_institutions")
    assert dataset is not None
    rows = json.loads(to_json(catalog, dataset))["data"]
    uto = next(r for r in rows if r["市町村"] == "宇土市")
    assert uto["病院 一般"] is None and uto["病院 精神"] == 1


def test_decimals_stay_exact_in_json(catalog: Catalog) -> None:
    table = Table((Field("値", "value", "number"),), ((Decimal("0.1"),), (Decimal("1e-30"),)))
    dataset = catalog.datasets[0]
    from dataclasses import replace

    values = [
        r["value"] for r in json.loads(to_json(catalog, replace(dataset, table=table)))["data"]
    ]
    assert values == [0.1, 1e-30]


def test_schema_states_types_keys_and_constraints(catalog: Catalog) -> None:
    dataset = catalog.dataset("kumamoto-renkei_participation")
    assert dataset is not None
    schema = table_schema(dataset.table)
    code = next(f for f in schema["fields"] if f["name"] == "全国地方公共団体コード")  # type: ignore[attr-defined]
    assert code["constraints"] == {"required": True, "pattern": "[0-9]{6}"}
    assert schema["primaryKey"] == ["具体的取組ID", "全国地方公共団体コード"]
    assert schema["foreignKeys"][0]["reference"]["resource"] == "kumamoto-renkei_initiatives"  # type: ignore[index]
    assert "foreignKeys" not in table_schema(dataset.table, with_foreign_keys=False)
