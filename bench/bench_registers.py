"""Benchmark: checking a register import against its declaration, against frictionless as peer.

Generates N sighting rows (CSV, UTF-8 with BOM) with a bad row every 500, and checks them twice in
the same run: with toshiken's import plan (read the CSV, check every value, rule and right, name
each bad row and column) and with frictionless 5 validating the same file against an equivalent
Table Schema (types, enum, required, minimum, coordinate bounds). Both must find the same bad rows.

Run: .venv/bin/python bench/bench_registers.py [--rows N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from toshiken.core.settings import Settings
from toshiken.registers.access import declarations, members
from toshiken.registers.files import read_csv, write_csv
from toshiken.registers.importing import ImportRejected, plan_import

HEADERS = [
    "全国地方公共団体コード",
    "種類",
    "目撃日",
    "時刻",
    "頭数",
    "緯度",
    "経度",
    "目撃場所（住所）",
]
SPECIES = ["イノシシ", "ニホンジカ", "アライグマ", "その他"]


def generated(rows: int, codes: list[str], seed: int = 7) -> list[list[object]]:
    rnd = random.Random(seed)
    found: list[list[object]] = []
    for n in range(rows):
        lat, lon = f"{rnd.uniform(32.5, 33.1):.5f}", f"{rnd.uniform(130.5, 131.2):.5f}"
        row: list[object] = [rnd.choice(codes), rnd.choice(SPECIES),
                             f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                             f"{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}",
                             rnd.randint(1, 6), lat, lon, "地内"]  # fmt: skip
        if n % 500 == 499:
            row[5] = "130.7"  # swapped coordinates: outside Kumamoto
        found.append(row)
    return found


def ours(data: bytes) -> set[int]:
    settings = Settings()
    register = declarations(settings)["sightings"]
    try:
        plan_import(register, read_csv(data), members(settings), {}, lambda code: True)
    except ImportRejected as exc:
        return {e.row for e in exc.errors}
    return set()


def peer(path: Path) -> set[int]:
    from frictionless import Resource, Schema

    required = {"required": True}
    fields = [
        {"type": "string", "constraints": {**required, "pattern": "43[0-9]{4}"}},
        {"type": "string", "constraints": {**required, "enum": SPECIES}},
        {"type": "date", "constraints": required},
        {"type": "time", "format": "%H:%M"},
        {"type": "integer", "constraints": {"minimum": 1}},
        {"type": "number", "constraints": {"minimum": 32.05, "maximum": 33.25}},
        {"type": "number", "constraints": {"minimum": 129.9, "maximum": 131.35}},
        {"type": "string"},
    ]
    named = [{"name": name, **field} for name, field in zip(HEADERS, fields, strict=True)]
    schema = Schema.from_descriptor({"fields": named})
    resource = Resource(path.name, basepath=str(path.parent), schema=schema)
    report = resource.validate(limit_errors=100_000)
    if any(not hasattr(e, "row_number") for task in report.tasks for e in task.errors):
        raise RuntimeError(f"frictionless could not read the file: {report.flatten(['message'])}")
    return {e.row_number for task in report.tasks for e in task.errors}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    codes = list(members(Settings()))
    data = write_csv(HEADERS, generated(args.rows, codes))  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sightings.csv"
        path.write_bytes(data)
        start = time.perf_counter()
        mine = ours(data)
        middle = time.perf_counter()
        theirs = peer(path)
        end = time.perf_counter()
    print(f"rows: {args.rows}, bad rows found: toshiken {len(mine)}, frictionless {len(theirs)}")
    for name, seconds in (("toshiken import check", middle - start),
                          ("frictionless validate", end - middle)):  # fmt: skip
        print(f"{name}: {seconds:.2f} s ({args.rows / seconds:,.0f} rows/s)")
    if mine != theirs:
        print(f"they disagree: toshiken only {sorted(mine - theirs)[:5]}, "
              f"frictionless only {sorted(theirs - mine)[:5]}")  # fmt: skip
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
