"""Portal benchmark: our JSON API against Datasette on the same data, and each page's server time.

    .venv/bin/python bench/bench_portal.py [--seconds 12] [--rounds 6] [--concurrency 8]
                                           [--page-seconds 3]

Builds a fresh SQLite database with `toshiken load`'s code, copies its tables into a plain SQLite
file for Datasette (with an FTS5 trigram table for the search), starts both servers on 127.0.0.1
(one process each), then drives each pair of equivalent queries with the same load generator at
the same fixed concurrency, interleaved: `--rounds` short rounds per pair, the order swapped every
round (A B, B A, …) so a drift in the machine's load hits both alike. Each round gives a ratio;
the table reports the median of the rounds and their spread (min–max), because on a shared machine
one round can be disturbed by another process. Needs `datasette` (pip install datasette) in the
same environment. Prints Markdown for docs/benchmarks.md. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from loadgen import HOST, Run, datasette_url, drive, fetch, interleaved, pooled, start

ROOT = Path(__file__).resolve().parents[1]

INITIATIVE_SQL = """
select i.*, (select json_group_array(m.name) from participation p
  join municipality m on m.code = p.municipality_code where p.initiative_id = i.id) as participants,
  (select json_group_object(b.fiscal_year, b.amount) from budget b where b.initiative_id = i.id)
  as budget_thousand_yen
from initiative i where i.id = :id"""
MEMBER_SQL = """
select i.id, i.pillar, i.policy, i.number, i.title, i.all_members, i.budget_total,
  (select json_group_array(m.name) from participation q join municipality m
   on m.code = q.municipality_code where q.initiative_id = i.id) as participants,
  (select json_group_object(b.fiscal_year, b.amount) from budget b where b.initiative_id = i.id)
  as budget_thousand_yen
from participation p join initiative i on i.id = p.initiative_id
where p.municipality_code = :code order by i.pillar, i.policy, i.number"""
SEARCH_SQL = """
select i.id, i.title, snippet(initiative_fts, -1, '<mark>', '</mark>', '…', 24) as snippet
from initiative_fts join initiative i on i.rowid = initiative_fts.rowid
where initiative_fts match :q order by rank"""
PAGES = [
    "/", "/municipalities", "/municipalities/432164", "/pillars", "/pillars/3",
    "/policies/3-2", "/initiatives", "/initiatives/3-2-2", "/matrix", "/matrix?lang=en",
    "/matrix?pillar=3&policy=3-2", "/kpis", "/search?q=子育て", "/search?q=婚活", "/docs",
]  # fmt: skip


def build(folder: Path) -> tuple[str, Path]:
    """Our database (loaded) and Datasette's file built from it."""
    from toshiken.core.runtime import Runtime
    from toshiken.core.settings import DEFAULT_SOURCE, Settings
    from toshiken.vision.load import load_document

    url = f"sqlite:///{folder / 'toshiken.sqlite3'}"
    runtime = Runtime(Settings(database_url=url))
    load_document(runtime.sessions, DEFAULT_SOURCE, DEFAULT_SOURCE.parent)
    runtime.engine.dispose()
    target = folder / "data.db"
    db = sqlite3.connect(target)
    db.execute("attach database ? as src", (str(folder / "toshiken.sqlite3"),))
    for table in ("municipality", "pillar", "policy", "initiative", "participation", "budget"):
        db.execute(f"create table {table} as select * from src.{table}")
    db.executescript("""
        create unique index ix_initiative_id on initiative(id);
        create index ix_participation_code on participation(municipality_code, initiative_id);
        create index ix_participation_initiative on participation(initiative_id);
        create index ix_budget_initiative on budget(initiative_id);
        create unique index ix_municipality_code on municipality(code);
        create virtual table initiative_fts using fts5(
          title, description, roles, effect, content='initiative', tokenize='trigram');
        insert into initiative_fts(initiative_fts) values('rebuild');
    """)
    db.commit()
    db.execute("detach database src")
    db.close()
    return url, target


def compare(pairs: list[tuple[str, str, str]], args: argparse.Namespace) -> None:
    """The throughput table: medians over rounds, the ratio's spread, pooled p50/p99."""
    print("| query | toshiken req/s | p50 ms | p99 ms | Datasette req/s | p50 ms | p99 ms "
          "| ratio (median) | ratio min–max | rounds ≥ 2× |\n"
          "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |")  # fmt: skip
    for name, mine, peer in pairs:
        quoted = urllib.parse.quote(mine, safe="/?=&")
        fetch(8611, quoted)
        fetch(8612, peer)
        interleaved((8611, quoted), (8612, peer), 2, 1.0, args.concurrency)  # warm-up
        a, b = interleaved((8611, quoted), (8612, peer), args.rounds,
                           args.seconds / args.rounds, args.concurrency)  # fmt: skip
        ratios = sorted(x.rps / y.rps for x, y in zip(a, b, strict=True))
        pa, pb = pooled(a), pooled(b)
        print(f"| {name} | {statistics.median(r.rps for r in a):,.0f} | {pa.pct(.5):.1f} "
              f"| {pa.pct(.99):.1f} | {statistics.median(r.rps for r in b):,.0f} "
              f"| {pb.pct(.5):.1f} | {pb.pct(.99):.1f} | {statistics.median(ratios):.1f}× "
              f"| {ratios[0]:.1f}–{ratios[-1]:.1f}× "
              f"| {sum(r >= 2 for r in ratios)}/{len(ratios)} |")  # fmt: skip


def page_times(args: argparse.Namespace) -> None:
    """Each page type one request at a time, the pages taken in turn over several rounds."""
    quoted = [urllib.parse.quote(page, safe="/?=&") for page in PAGES]
    for path in quoted:
        drive(8611, path, 0.3, 1)  # warm: every page rendered once
    runs: dict[str, list[Run]] = {path: [] for path in quoted}
    for _ in range(args.rounds):
        for path in quoted:
            runs[path].append(drive(8611, path, args.page_seconds / args.rounds, 1))
    print("\n| page | requests | p50 ms | p95 ms | p95 of the worst round | max ms |\n"
          "| --- | --: | --: | --: | --: | --: |")  # fmt: skip
    for page, path in zip(PAGES, quoted, strict=True):
        run = pooled(runs[path])
        q = statistics.quantiles([t * 1000 for t in run.latencies], n=100)
        worst = max(r.pct(0.95) for r in runs[path])
        print(f"| {page} | {run.requests} | {q[49]:.1f} | {q[94]:.1f} | {worst:.1f} "
              f"| {max(run.latencies) * 1000:.1f} |")  # fmt: skip


def asgi_times(url: str, seconds: float) -> None:
    """Each page type's time inside the app (ASGI called directly: no HTTP, no client process
    competing for the CPU), the pages taken in turn, a warm process."""
    from toshiken.core.settings import Settings
    from toshiken.web import create_app

    app = create_app(Settings(database_url=url))

    async def call(path: str) -> None:
        route, _, query = path.partition("?")
        scope = {"type": "http", "method": "GET", "path": urllib.parse.unquote(route),
                 "raw_path": route.encode(), "query_string": query.encode(),
                 "headers": [(b"host", b"bench")], "http_version": "1.1", "scheme": "http",
                 "server": (HOST, 80), "client": (HOST, 1), "root_path": ""}  # fmt: skip

        async def receive() -> dict[str, object]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: object) -> None:
            return None

        await app(scope, receive, send)

    async def main() -> dict[str, list[float]]:
        quoted = [urllib.parse.quote(page, safe="/?=&") for page in PAGES]
        times: dict[str, list[float]] = {page: [] for page in PAGES}
        for path in quoted:
            await call(path)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            for page, path in zip(PAGES, quoted, strict=True):
                started = time.perf_counter()
                await call(path)
                times[page].append((time.perf_counter() - started) * 1000)
        return times

    times = asyncio.run(main())
    print("\n| page (in-process) | requests | p50 ms | p95 ms | max ms |")
    print("| --- | --: | --: | --: | --: |")
    for page, values in times.items():
        q = statistics.quantiles(values, n=100)
        print(f"| {page} | {len(values)} | {q[49]:.2f} | {q[94]:.2f} | {max(values):.1f} |")
    app.state.runtime.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="per server and query")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds per query")
    parser.add_argument("--page-seconds", type=float, default=3.0)
    args = parser.parse_args()
    datasette = [sys.executable, "-m", "datasette"]  # the venv's, whatever its scripts say
    folder = Path(tempfile.mkdtemp(prefix="bench-portal-"))
    url, data = build(folder)
    env = {**os.environ, "TOSHIKEN_DATABASE_URL": url}
    ours = start(
        [sys.executable, "-c", "from toshiken.cli import main; main()", "serve", "--port", "8611"],
        env, 8611, "/api/kpis",
        folder / "toshiken.log",
    )  # fmt: skip
    try:
        theirs = start(
            [*datasette, "serve", "--immutable", str(data), "--port", "8612", "--host", HOST],
            env, 8612, "/data.json", folder / "datasette.log",
        )  # fmt: skip
    except BaseException:
        ours.terminate()
        raise
    pairs = [
        ("initiative by id (3-2-2)", "/api/initiatives/3-2-2",
         datasette_url(INITIATIVE_SQL, id="3-2-2")),
        ("a municipality's initiatives (合志市)", "/api/initiatives?municipality=432164",
         datasette_url(MEMBER_SQL, code="432164")),
        ("search 子育て", "/api/search?q=子育て", datasette_url(SEARCH_SQL, q='"子育て"')),
    ]  # fmt: skip
    try:
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"concurrency {args.concurrency}, {args.seconds:g} s per server and query in "
              f"{args.rounds} interleaved rounds (A B, B A, …), after a warm-up\n")  # fmt: skip
        compare(pairs, args)
        page_times(args)
        asgi_times(url, args.page_seconds * len(PAGES) / 3)
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    finally:
        for process in (ours, theirs):
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
