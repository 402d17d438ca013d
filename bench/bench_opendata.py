"""Open-data benchmark: our CKAN Action API against Datasette serving the same package dicts.

    .venv/bin/python bench/bench_opendata.py [--seconds 8] [--concurrency 8] [--rounds 4]

Loads the embedded vision into a fresh SQLite file, builds the catalog as the app does (every
provider included), and writes each dataset's CKAN package dict into a plain SQLite file for
Datasette (`package(name, organization, metadata_modified, dict)`, indexed, with an FTS5 trigram
table over title, notes and tags). Then both servers run on 127.0.0.1, one process each, and the
load generator of bench_portal.py drives each pair of equivalent queries at the same
concurrency, alternately. Also times, in process, building the catalog from the database and
rendering the bulk ZIP, against a plain csv + zipfile of the same rows (the floor). Needs
`datasette` in the same environment. Prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

from loadgen import HOST, Run, datasette_url, drive, fetch, start

from toshiken.core.runtime import Runtime
from toshiken.core.settings import DEFAULT_SOURCE, Settings
from toshiken.opendata.api import _answer
from toshiken.opendata.ckan import Site, package_dict
from toshiken.opendata.formats import cell_text
from toshiken.opendata.model import Catalog
from toshiken.opendata.store import Publisher
from toshiken.vision.load import load_document

SHOW_SQL = "select dict from package where name = :id"
ORG_SQL = "select dict from package where organization = :org order by name limit 1000"
SEARCH_SQL = """
select p.dict from package_fts f join package p on p.rowid = f.rowid
where package_fts match :q order by rank limit 20"""
BASE = f"http://{HOST}:8621"
ANSWERS: list[tuple[str, str, dict[str, object]]] = [
    ("package_show", "package_show", {"id": "432164_budget"}),
    ("package_search fq=organization rows=1000", "package_search",
     {"fq": "organization:kumamoto-renkei", "rows": "1000", "sort": "name asc"}),
    ("package_search q=事業費 rows=20", "package_search", {"q": "事業費", "rows": "20"}),
]  # fmt: skip


def build(folder: Path) -> tuple[Settings, Catalog, Path]:
    """Our loaded database, its catalog, and Datasette's file of the same package dicts."""
    settings = Settings(database_url=f"sqlite:///{folder / 'toshiken.sqlite3'}")
    runtime = Runtime(settings)
    load_document(runtime.sessions, DEFAULT_SOURCE, DEFAULT_SOURCE.parent)
    published = Publisher(settings).current(runtime.sessions)
    assert published is not None
    runtime.engine.dispose()
    catalog = published.catalog
    site = Site(catalog, BASE)
    target = folder / "data.db"  # served at /data.json, as bench_portal.datasette_url builds
    db = sqlite3.connect(target)
    db.executescript("""
        create table package (name text primary key, organization text, title text, notes text,
          tags text, metadata_modified text, dict text);
        create index ix_package_org on package(organization, name);
    """)
    db.executemany(
        "insert into package values (?, ?, ?, ?, ?, ?, ?)",
        [(d.name, d.organization, d.title, d.notes, " ".join(d.tags), d.modified.isoformat(),
          json.dumps(package_dict(site, d), ensure_ascii=False)) for d in catalog.datasets],
    )  # fmt: skip
    db.executescript("""
        create virtual table package_fts using fts5(title, notes, tags, content='package',
          tokenize='trigram');
        insert into package_fts(package_fts) values('rebuild');
    """)
    db.commit()
    db.close()
    return settings, catalog, target


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return runs


def plain_zip(catalog: Catalog) -> bytes:
    """The floor: the same rows through csv and zipfile, with no schema, JSON or checks."""
    import csv

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for d in catalog.datasets:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(f.name for f in d.table.fields)
            writer.writerows([cell_text(c) for c in row] for row in d.table.rows)
            archive.writestr(f"{d.name}.csv", ("\ufeff" + text.getvalue()).encode())
    return buffer.getvalue()


def in_process(settings: Settings) -> None:
    runtime = Runtime(settings)

    def cold() -> None:
        Publisher(settings).current(runtime.sessions)

    def zipped() -> None:
        published = Publisher(settings).current(runtime.sessions)
        assert published is not None
        published.file(f"{published.catalog.name}.zip")

    publisher = Publisher(settings)
    publisher.current(runtime.sessions)
    warm = timed(lambda: publisher.current(runtime.sessions), 20)
    catalog = publisher.current(runtime.sessions)
    assert catalog is not None
    rows = [("catalog from the database (cold: vision + providers)", timed(cold, 5)),
            ("catalog, unchanged data (warm: checks only)", warm),
            ("catalog + bulk ZIP (CSV, JSON, datapackage.json)", timed(zipped, 5)),
            ("peer: plain csv + zipfile of the same rows", timed(lambda: plain_zip(catalog.catalog), 5))]  # fmt: skip  # noqa: E501
    served = Publisher(settings, fresh_for=3600.0)  # as the app serves between checks
    served.current(runtime.sessions)
    for label, action, params in ANSWERS:

        def answer(a: str = action, p: dict[str, object] = params) -> None:
            _answer(a, dict(p), served, runtime.sessions, BASE)

        rows.append((f"answer {label} (no HTTP)", timed(answer, 50)))
    print("\n| in process | median ms | min ms |\n| --- | --: | --: |")
    for name, runs in rows:
        print(f"| {name} | {statistics.median(runs):.1f} | {min(runs):.1f} |")
    runtime.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=4, help="alternations per query pair")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-opendata-"))
    settings, catalog, data = build(folder)
    print(f"{len(catalog.datasets)} datasets, {len(catalog.organizations)} organisations")
    env = {**os.environ, "TOSHIKEN_DATABASE_URL": settings.database_url}
    ours = start(
        [sys.executable, "-c", "from toshiken.cli import main; main()", "serve", "--port", "8621"],
        env, 8621, "/api/3/action/status_show", folder / "toshiken.log",
    )  # fmt: skip
    try:
        theirs = start(
            [sys.executable, "-m", "datasette", "serve", "--immutable", str(data), "--port",
             "8622", "--host", HOST], env, 8622, "/data.json", folder / "datasette.log",
        )  # fmt: skip
    except BaseException:
        ours.terminate()
        raise
    pairs = [
        ("package_show (432164_budget)", "/api/3/action/package_show?id=432164_budget",
         datasette_url(SHOW_SQL, id="432164_budget")),
        ("package_search fq=organization:kumamoto-renkei rows=1000",
         "/api/3/action/package_search?fq=organization:kumamoto-renkei&rows=1000&sort=name+asc",
         datasette_url(ORG_SQL, org="kumamoto-renkei")),
        ("package_search q=事業費 rows=20", "/api/3/action/package_search?q=事業費&rows=20",
         datasette_url(SEARCH_SQL, q='"事業費"')),
    ]  # fmt: skip
    try:
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"concurrency {args.concurrency}, {args.seconds:g} s per server and query in "
              f"{args.rounds} alternating rounds, after 2 s of warm-up\n")  # fmt: skip
        print("| query | toshiken req/s | p50 ms | p99 ms | Datasette req/s | p50 ms | p99 ms "
              "| ratio |\n| --- | --: | --: | --: | --: | --: | --: | --: |")  # fmt: skip
        for name, mine, peer in pairs:
            quoted = urllib.parse.quote(mine, safe="/?=&:+")
            peer = peer + "&_json=dict"
            assert json.loads(fetch(8621, quoted))["success"] is True
            assert json.loads(fetch(8622, peer))
            drive(8621, quoted, 2, args.concurrency)
            drive(8622, peer, 2, args.concurrency)
            a, b = Run(0, 0.0, []), Run(0, 0.0, [])
            for _ in range(args.rounds):  # alternate, so both see the same machine
                a = a + drive(8621, quoted, args.seconds / args.rounds, args.concurrency)
                b = b + drive(8622, peer, args.seconds / args.rounds, args.concurrency)
            print(f"| {name} | {a.rps:,.0f} | {a.pct(.5):.1f} | {a.pct(.99):.1f} | {b.rps:,.0f} "
                  f"| {b.pct(.5):.1f} | {b.pct(.99):.1f} | {a.rps / b.rps:.1f}× |")  # fmt: skip
    finally:
        for process in (ours, theirs):
            process.terminate()
            process.wait(timeout=10)
    in_process(settings)
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
