"""Time the reader and a full load against peers measured in the same run.

Peers: json.loads of the same dataset pre-serialised (what reading would cost if the data were
already structured), and a plain sqlite3 executemany of the same rows (the floor for storing them).
Run: .venv/bin/python bench/bench_load.py
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from toshiken.core.runtime import Runtime
from toshiken.core.settings import DEFAULT_SOURCE, Settings
from toshiken.vision.load import load_document
from toshiken.vision.reader import read_vision

DATA = DEFAULT_SOURCE.parent


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return runs


def report(name: str, runs: list[float]) -> None:
    print(f"{name:<44} median {statistics.median(runs):8.2f} ms   min {min(runs):8.2f} ms")


def main() -> None:
    text = DEFAULT_SOURCE.read_text(encoding="utf-8")
    reference = (DATA / "municipalities.csv").read_text(encoding="utf-8")
    vision = read_vision(text, reference).vision
    as_json = json.dumps(dataclasses.asdict(vision), default=str, ensure_ascii=False)
    report("toshiken read_vision (parse + verify)", timed(lambda: read_vision(text, reference), 30))
    report("peer: json.loads of the same data", timed(lambda: json.loads(as_json), 30))

    def full_load() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            runtime = Runtime(Settings(database_url=f"sqlite:///{tmp}/b.sqlite3"))
            load_document(runtime.sessions, DEFAULT_SOURCE, DATA)
            runtime.engine.dispose()

    rows = [(i.id, i.title, a, fy) for i in vision.initiatives for fy, a in i.budget.items()]

    def plain_sqlite() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            con = sqlite3.connect(Path(tmp) / "p.sqlite3")
            con.execute("create table b (id text, title text, amount int, fy int)")
            con.executemany("insert into b values (?, ?, ?, ?)", rows * 3)
            con.commit()
            con.close()

    report("toshiken load (migrate + parse + store, new file)", timed(full_load, 10))
    report("peer: sqlite3 executemany of 1,035 rows", timed(plain_sqlite, 10))


if __name__ == "__main__":
    main()
