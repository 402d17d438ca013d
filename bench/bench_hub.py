"""Benchmark of the area information hub on the local simulator, beside a naive feedparser loop.

Run: .venv/bin/python bench/bench_hub.py  (dedup, classification, crawl, steady: a few minutes)
     .venv/bin/python bench/bench_hub.py --parts nationwide   (1,741 hosts: 4–8 minutes)
     .venv/bin/python bench/bench_hub.py --parts search --corpus 1000000 --queries 100 \
         --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres   (about 25 minutes;
         --keep NAME keeps the loaded databases for the next run, --engines postgresql skips SQLite)
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import json
import math
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]
import yaml
from sqlalchemy import create_engine, insert, select, text

from toshiken.core.runtime import Runtime
from toshiken.core.settings import Settings
from toshiken.hub import politeness
from toshiken.hub.classify import Lexicon, classify
from toshiken.hub.crawl import Crawler, CrawlReport
from toshiken.hub.dates import JST
from toshiken.hub.dedup import fingerprint, is_near_duplicate
from toshiken.hub.fetch import Fetcher, FetchPolicy
from toshiken.hub.minhash import MinHasher
from toshiken.hub.model import TOPICS, Item
from toshiken.hub.orm import ItemRow, StoryRow
from toshiken.hub.search import SENTINEL, like_ids, search_ids
from toshiken.hub.simhttp import SimOptions
from toshiken.hub.simulator import Simulator
from toshiken.hub.sources import HubConfig, Source, load_config
from toshiken.hub.store import stored_counts
from toshiken.hub.synthetic import corpus_rows, nationwide_config
from toshiken.migrations.versions.hub_0001 import SQLITE_SEARCH
from toshiken.migrations.versions.hub_0002_grams import GRAMS_INDEX

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "kumamoto"
UA = "toshiken-hub/0.1 (benchmark; hub@example.jp)"
COLUMNS = (
    "source_id", "key_hash", "key", "url", "title", "lead", "summary_html", "published",
    "municipality", "topic", "topics", "initiatives", "starts", "ends", "location", "story_id",
    "is_primary", "first_seen", "signature", "search_text",
)  # fmt: skip


def _options(items: int) -> SimOptions:
    """Realistic trouble: slow hosts, Crawl-delay, one 429, three sites without validators (one
    stamping each page with the time)."""
    return SimOptions(
        items_per_source=items,
        latency={"431001": 0.3, "432148": 0.8, "434281": 1.5, "434477": 0.5},
        crawl_delay={"432083": 2.0, "434434": 2.0},
        throttle={"432105": (1, 2)},
        validators={"431001": "none", "433641": "none", "434442": "none", "432067": "etag"},
        stamped=("434442",),  # its pages carry the time they were made: a new hash each time
    )


async def _ours(
    config: HubConfig, sim: Simulator, gap: float
) -> tuple[list[float], list[CrawlReport]]:
    policy = FetchPolicy(UA, min_gap=gap, allow_private=True, max_wait=30)
    async with Fetcher(policy, sim.hosts()) as fetcher:
        crawler = Crawler(config, fetcher, sources=sim.sources())
        times, reports = [], []
        for _ in range(2):
            start = time.perf_counter()
            reports.append(await crawler.sweep(crawler.sources, sim.options.now))
            times.append(time.perf_counter() - start)
            sim.marks.append(len(sim.hits))
        return times, reports


def _naive(sim: Simulator) -> list[float]:
    """What a simple script does: feedparser.parse(url) for every source, one after another."""
    urls = [s.url for s in sim.sources() if s.kind != "jma"]
    times = []
    for _ in range(2):
        start = time.perf_counter()
        for url in urls:
            feedparser.parse(url, agent=UA)
        times.append(time.perf_counter() - start)
        sim.marks.append(len(sim.hits))
    return times


def _bytes(sim: Simulator, start: int, end: int, exclude: set[int] | None = None) -> int:
    return sum(h.wire for h in sim.hits[start:end] if not exclude or h.port not in exclude)


def bench_crawl(config: HubConfig, gap: float, items: int) -> None:
    with Simulator(config, _options(items)) as sim:
        (first, repeat), reports = asyncio.run(_ours(config, sim, gap))
        m = sim.marks
        no_validators = {sim.site(c).port for c, v in sim.options.validators.items() if v == "none"}
        ours_repeat, ours_capable = _bytes(sim, m[0], m[1]), _bytes(sim, m[0], m[1], no_validators)
        in_flight = max(sim.max_in_flight.values())
        naive_first, _ = _naive(sim)
        naive_bytes, naive_capable = _bytes(sim, m[2], m[3]), _bytes(sim, m[2], m[3], no_validators)
    statuses = Counter(r.status for r in reports[0].results)
    again = Counter(r.status for r in reports[1].results)
    shared = [g for g in reports[0].merged if len(g.members) > 1]
    print(f"## Crawl: {len(sim.sites)} hosts x 4 sources + JMA, min gap {gap:g} s, robots obeyed")
    print(f"full sweep (ours, polite)        {first:6.1f} s   {dict(statuses)}")
    print(f"full sweep (naive loop, serial)  {naive_first:6.1f} s   (no politeness, no robots)")
    print(f"repeat sweep (ours)              {repeat:6.1f} s   {dict(again)}")
    print(f"max requests in flight per host  {in_flight}")
    print(f"forced repeat of every source at once, bytes (headers + bodies): "
          f"ours {ours_repeat:,} vs naive {naive_bytes:,} "
          f"-> {100 * (1 - ours_repeat / naive_bytes):.1f}% fewer")  # fmt: skip
    print(f"  validator-capable sources only: ours {ours_capable:,} vs naive {naive_capable:,} "
          f"-> {100 * (1 - ours_capable / max(naive_capable, 1)):.1f}% fewer")  # fmt: skip
    items_seen = sum(len(r.items) for r in reports[0].results)
    pinned = sum(n.pinned for n in reports[0].notices)
    print(f"items {items_seen}, merged stories {len(reports[0].merged)}, "
          f"cross-posted {len(shared)}, pinned notices {pinned}")  # fmt: skip
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB\n")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / "hub_labelled" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def bench_dedup(config: HubConfig, lexicon: Lexicon) -> None:
    names, hasher = config.names(), MinHasher()

    def item(side: str, row: dict[str, str], n: int) -> Item:
        title, lead, code = row[f"{side}_title"], row[f"{side}_lead"], row[f"{side}_municipality"]
        return Item(
            key=f"{n}{side}", url="", title=title, lead=lead, summary_html="", published=None,
            source_id=f"{code}-{side}", municipality=code, topics=classify(lexicon, title, lead),
            initiatives=(),
        )  # fmt: skip

    print("## Near-duplicate detection on labelled pairs (data/kumamoto/hub_labelled)")
    rows = _rows("dedup_pairs.tsv")
    for split in ("dev", "test", "all"):
        tp = fp = fn = 0
        for n, row in enumerate(rows):
            if split != "all" and row["split"] != split:
                continue
            a, b = item("a", row, n), item("b", row, n)
            fa = fingerprint(a, hasher, names[a.municipality], names)
            fb = fingerprint(b, hasher, names[b.municipality], names)
            said, truth = is_near_duplicate(a, fa, b, fb), row["duplicate"] == "1"
            tp, fp, fn = tp + (said and truth), fp + (said and not truth), fn + (truth and not said)
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"{split:5} pairs {sum(1 for r in rows if split in ('all', r['split'])):4}  "
              f"precision {precision:.3f}  recall {recall:.3f}")  # fmt: skip
    print()


def bench_classification(lexicon: Lexicon) -> None:
    print("## Topic classification, macro-F1 over the 8 topics")
    rows = _rows("classification.tsv")
    for split in ("dev", "test", "all"):
        chosen = [r for r in rows if split in ("all", r["split"])]
        said = [
            classify(lexicon, r["title"], "", r["url"], r["source_category"])[0] for r in chosen
        ]
        scores = []
        for topic in TOPICS:
            tp = sum(s == topic == r["topic"] for s, r in zip(said, chosen, strict=True))
            fp = sum(s == topic != r["topic"] for s, r in zip(said, chosen, strict=True))
            fn = sum(r["topic"] == topic != s for s, r in zip(said, chosen, strict=True))
            p, r_ = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
            scores.append(2 * p * r_ / (p + r_) if p + r_ else 0.0)
        print(f"{split:5} examples {len(chosen):4}  macro-F1 {sum(scores) / len(scores):.3f}")
    print()


def bench_steady(config: HubConfig, rounds: int, gap: float, items: int) -> None:
    """Wire bytes (headers and bodies) over `rounds` scheduler polls every 15 minutes (simulated
    clock) of sources that do not change, with adaptive intervals, against the naive loop run
    in the same rounds, side by side, fetching every source every round."""
    options = _options(items)
    options.latency, options.crawl_delay = {}, {}  # bytes do not depend on them; time does
    with Simulator(config, options) as sim:
        members = [s for s in sim.sources() if s.kind != "jma"]  # normal times: no disaster mode
        policy = FetchPolicy(UA, min_gap=gap, allow_private=True, max_wait=30)
        bare = {sim.site(c).port for c, v in sim.options.validators.items() if v == "none"}
        ours: list[tuple[int, int, int]] = []  # per round: bytes, bytes of bare sites, requests
        naive: list[tuple[int, int, int]] = []

        def tally(start: int) -> tuple[int, int, int]:
            hits = [h for h in sim.hits[start:] if h.path != "/robots.txt"]
            return sum(h.wire for h in hits), sum(h.wire for h in hits if h.port in bare), len(hits)

        async def run() -> None:
            async with Fetcher(policy, sim.hosts()) as fetcher:
                crawler = Crawler(config, fetcher, sources=members)
                for n in range(rounds + 1):
                    mark = len(sim.hits)
                    await crawler.run_due(sim.options.now + timedelta(minutes=15 * n))
                    ours.append(tally(mark))
                    mark = len(sim.hits)
                    await asyncio.to_thread(_naive_round, members)
                    naive.append(tally(mark))

        asyncio.run(run())
    print(f"## Repeat sweeps, scheduled: {rounds} polls every 15 min ({rounds / 4:g} h, "
          "simulated clock) after a first sweep, nothing changing, adaptive intervals; "
          "naive loop run in the same rounds; bytes = headers + bodies")  # fmt: skip
    print("| rounds | ours bytes | naive bytes | fewer | no-validator sites: fewer | requests |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    spans = {"first repeat (15 min)": (1, 2), f"all {rounds} repeats": (1, rounds + 1),
             f"last {rounds // 2} (steady)": (rounds + 1 - rounds // 2, rounds + 1)}  # fmt: skip
    for label, (a, b) in spans.items():
        o = [sum(r[i] for r in ours[a:b]) for i in range(3)]
        v = [sum(r[i] for r in naive[a:b]) for i in range(3)]
        print(f"| {label} | {o[0]:,} | {v[0]:,} | {100 * (1 - o[0] / v[0]):.1f}% | "
              f"{100 * (1 - o[1] / max(v[1], 1)):.1f}% | {o[2]:,} vs {v[2]:,} |")  # fmt: skip
    print()


def _naive_round(sources: list[Source]) -> None:
    for source in sources:
        feedparser.parse(source.url, agent=UA)


def _serve_nationwide(conn: Connection, hosts: int, items: int, gap: float) -> None:
    """Child process: the simulator of `hosts` hosts; sends its moved configuration, then, when
    told, the politeness report of its access log."""
    config = nationwide_config(load_config(DATA / "hub_sources.yaml"), hosts)
    with Simulator(config, SimOptions(items_per_source=items, shift_jis=(), euc_jp=())) as sim:
        conn.send(sim.moved_config().model_dump(mode="json", exclude_none=True))
        conn.recv()
        report = politeness.check(sim.hits, gap)
        conn.send((report, max(sim.max_in_flight.values(), default=0)))


# The real command, `toshiken hub crawl --once`, in a fresh interpreter that writes its own peak
# RSS at exit: VmHWM, this process's high-water mark. (ru_maxrss would not do: a child inherits
# its parent's at exec.)
_MEASURED = """
import atexit, os, sys
def peak():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            open(os.environ['HUB_BENCH_PEAK'], 'w').write(line.split()[1])
atexit.register(peak)
from toshiken.cli import main
sys.argv[0] = 'toshiken'
main()
"""


def _crawl_nationwide(
    raw: dict[str, object], gap: float
) -> tuple[float, str, dict[str, int], float]:
    """`toshiken hub crawl --once` over every source into a fresh SQLite file: (elapsed, its
    summary line, stored counts, its peak RSS in MB)."""
    with tempfile.TemporaryDirectory() as folder:
        config, peak = Path(folder) / "hub_sources.yaml", Path(folder) / "peak"
        config.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")
        url = f"sqlite:///{folder}/hub.sqlite3"
        command = [sys.executable, "-c", _MEASURED, "--database-url", url, "hub", "crawl", "--once",
                   "--config", str(config), "--allow-private", "--gap", f"{gap:g}"]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              env={**os.environ, "HUB_BENCH_PEAK": str(peak)})  # fmt: skip
        elapsed = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"hub crawl failed ({done.returncode}):\n{done.stderr[-3000:]}")
        runtime = Runtime(Settings(database_url=url))
        counts = stored_counts(runtime.sessions)
        runtime.engine.dispose()
        return elapsed, done.stdout.splitlines()[0], counts, int(peak.read_text()) / 1024


def bench_nationwide(hosts: int, gap: float, items: int) -> None:
    """Every municipality of Japan as a host: the simulator in its own process, and the real
    command `toshiken hub crawl --once` in another."""
    spawn = multiprocessing.get_context("spawn")
    sim_end, sim_child = spawn.Pipe()
    server = spawn.Process(target=_serve_nationwide, args=(sim_child, hosts, items, gap))
    server.start()
    raw = sim_end.recv()
    elapsed, summary, counts, peak = _crawl_nationwide(raw, gap)
    sim_end.send("report")
    report, in_flight = sim_end.recv()
    server.join()
    rate = report.requests / elapsed
    print(f"## Nationwide sweep: {hosts:,} hosts, gap {gap:g} s, `toshiken hub crawl --once` "
          "(simulator in its own process)")  # fmt: skip
    print(f"full sweep {elapsed:6.1f} s (with the command's start)   {summary}")
    print(f"{report.requests:,} requests ({rate:.0f}/s; the politeness ceiling is "
          f"{hosts / gap:,.0f}/s)")  # fmt: skip
    print(f"politeness: max in flight per host {in_flight}, robots.txt first on "
          f"{report.robots_first:,}/{report.hosts:,} hosts, {report.short_gaps} gaps under "
          f"{gap:g} s, smallest gap {report.min_gap or 0:.3f} s")  # fmt: skip
    print(f"stored {counts['items']:,} items in {counts['stories']:,} stories; "
          f"the command's peak RSS (VmHWM) {peak:.0f} MB (goal < 200 MB)\n")  # fmt: skip


def _fill_sqlite(runtime: Runtime, rows: Iterator[dict[str, Any]], now: datetime) -> None:
    """A bulk load as one would do it: the FTS5 insert trigger off during the load, the index
    built once after it ('rebuild'), no journal; then the trigger back."""
    trigger = next(q for q in SQLITE_SEARCH if "hub_item_fts_insert" in q)
    with runtime.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode = OFF")
        connection.exec_driver_sql("PRAGMA synchronous = OFF")
        connection.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MB
        connection.commit()
        with connection.begin():
            connection.exec_driver_sql("DROP TRIGGER hub_item_fts_insert")
            connection.execute(insert(StoryRow), [_story(now)])
            while batch := list(itertools.islice(rows, 20_000)):
                connection.execute(insert(ItemRow), batch)
            connection.exec_driver_sql("INSERT INTO hub_item_fts(hub_item_fts) VALUES ('rebuild')")
            connection.exec_driver_sql(trigger)
        connection.exec_driver_sql("PRAGMA journal_mode = WAL")
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def _fill_postgres(runtime: Runtime, rows: Iterator[dict[str, Any]], now: datetime) -> None:
    """COPY, with the gram index dropped during the load and built once after it (the pg_trgm
    index is gone since migration hub_0003)."""
    with runtime.engine.begin() as connection:
        connection.execute(insert(StoryRow), [_story(now)])
    raw = runtime.engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        with driver.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS ix_hub_item_search_grams")
            with cursor.copy(f"COPY hub_item ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([_copy_value(row[c]) for c in COLUMNS])
            cursor.execute("SET maintenance_work_mem = '256MB'")
            cursor.execute(GRAMS_INDEX)
            cursor.execute("ANALYZE hub_item")
        driver.commit()
    finally:
        raw.close()


def _story(now: datetime) -> dict[str, Any]:
    return {"id": 1, "key_hash": "0" * 40, "key": "bench", "first_seen": now, "updated": now,
            "copies": 1}  # fmt: skip


def _copy_value(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _queries(texts: list[str], count: int) -> list[tuple[str, str]]:
    """(class, query): substrings of stored texts of 3–8, 2 and 1 characters, and absent words."""
    rng = random.Random(5)
    found: list[tuple[str, str]] = []
    plan = [("3+ chars", 0.55), ("2 chars", 0.2), ("1 char", 0.05), ("absent", 0.2)]
    for label, share in plan:
        for n in range(round(count * share)):
            if label == "absent":
                length = (1, 2, 3, 4)[n % 4]
                found.append(
                    (label, "".join(chr(rng.randint(0x9B00, 0x9FA0)) for _ in range(length)))
                )
                continue
            length = {"2 chars": 2, "1 char": 1}.get(label) or rng.randint(3, 8)
            while True:
                text = rng.choice(texts).rstrip(SENTINEL)
                start = rng.randrange(max(len(text) - length, 1))
                word = text[start : start + length]
                if len(word) == length and not any(c.isspace() for c in word):
                    break
            found.append((label, word))
    return found


def _timed(call: Callable[[], list[int]]) -> tuple[float, list[int]]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def _like_scan(runtime: Runtime, query: str) -> list[int]:
    with runtime.sessions() as session:
        if session.get_bind().dialect.name == "postgresql":  # a plain scan: no trigram index
            session.execute(text("SET LOCAL enable_bitmapscan = off"))
            session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        return like_ids(session, query, 50)


def _indexed(runtime: Runtime, query: str) -> list[int]:
    with runtime.sessions() as session:
        return search_ids(session, query, limit=50)


def _search_one(name: str, url: str, count: int, queries: int) -> None:
    """Load `count` items (unless the database already holds exactly them: --keep) and time."""
    runtime = Runtime(Settings(database_url=url))
    runtime.ensure_schema()
    with runtime.sessions() as session:
        stored = int(session.scalar(text("SELECT count(*) FROM hub_item")) or 0)
    if stored not in (0, count):
        raise SystemExit(f"{url} holds {stored:,} items, not {count:,}: use another --keep name")
    config = load_config(DATA / "hub_sources.yaml")
    now = datetime.now(JST)
    rows = corpus_rows(count, [m.name for m in config.municipalities],
                       [m.code for m in config.municipalities], now)  # fmt: skip
    start = time.perf_counter()
    if not stored:
        (_fill_postgres if name == "PostgreSQL" else _fill_sqlite)(runtime, rows, now)
    loaded = time.perf_counter() - start
    with runtime.sessions() as session:
        ids = random.Random(9).sample(range(1, count + 1), min(count, 3000))
        texts = list(session.scalars(select(ItemRow.search_text).where(ItemRow.id.in_(ids))))
    chosen = _queries(texts, queries)
    for _, query in chosen:  # warm the caches the same way for both
        _indexed(runtime, query)
    times: dict[str, dict[str, list[float]]] = {}
    mismatches = 0
    for label, query in chosen:
        ours_ms, ours = _timed(lambda q=query: _indexed(runtime, q))  # type: ignore[misc]
        like_ms, like = _timed(lambda q=query: _like_scan(runtime, q))  # type: ignore[misc]
        mismatches += ours != like
        for method, ms in (("index", ours_ms), ("LIKE", like_ms)):
            times.setdefault(label, {}).setdefault(method, []).append(ms)
            times.setdefault("all", {}).setdefault(method, []).append(ms)
    how = f"loaded in {loaded:.0f} s" if not stored else "kept from an earlier run (--keep)"
    print(f"### {name}: {count:,} items {how}; {len(chosen)} queries, "
          f"newest 50 matches each; {mismatches} answers differing from LIKE")  # fmt: skip
    print("| queries | n | index p50 / p95 / max (ms) | LIKE scan p50 / p95 / max (ms) |")
    print("| --- | ---: | --- | --- |")
    for label in ("all", "3+ chars", "2 chars", "1 char", "absent"):
        row = times[label]
        cells = [" / ".join(f"{v:.1f}" for v in _stats(row[m])) for m in ("index", "LIKE")]
        print(f"| {label} | {len(row['index'])} | {cells[0]} | {cells[1]} |")
    print()
    runtime.engine.dispose()


def _stats(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def bench_search(count: int, queries: int, postgres: str, keep: str, engines: set[str]) -> None:
    """Search over `count` generated items: the index (FTS5 trigram / grams) vs a LIKE scan.
    With `keep`, the loaded databases (SQLite file and PostgreSQL database named `keep`) are
    kept and reused by the next run with the same name and corpus size."""
    print(f"## Search over {count:,} stored items")
    if "sqlite" in engines and keep:
        path = Path(tempfile.gettempdir()) / f"{keep}.sqlite3"
        _search_one("SQLite", f"sqlite:///{path}", count, queries)
    elif "sqlite" in engines:
        with tempfile.TemporaryDirectory() as folder:
            _search_one("SQLite", f"sqlite:///{folder}/search.sqlite3", count, queries)
    if postgres and "postgresql" in engines:
        database = keep or f"hub_bench_{int(time.time())}"
        admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            known = f"SELECT 1 FROM pg_database WHERE datname = '{database}'"
            if not (keep and connection.execute(text(known)).first()):
                connection.execute(text(f'CREATE DATABASE "{database}"'))
        try:
            _search_one("PostgreSQL", postgres.rsplit("/", 1)[0] + f"/{database}", count, queries)
        finally:
            if not keep:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gap", type=float, default=1.0, help="politeness gap per host, seconds")
    parser.add_argument("--items", type=int, default=10, help="items per simulated source")
    parser.add_argument("--parts", default="dedup,classify,crawl,steady",
                        help="dedup, classify, crawl, steady, nationwide, search")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=16, help="steady-state polls (15 min)")
    parser.add_argument("--hosts", type=int, default=1741, help="nationwide: hosts")
    parser.add_argument("--corpus", type=int, default=1_000_000, help="search: stored items")
    parser.add_argument("--queries", type=int, default=300, help="search: queries")
    parser.add_argument("--postgres", default="", help="search: a PostgreSQL URL to also test")
    parser.add_argument("--keep", default="", help="search: keep the loaded databases under this "
                        "name and reuse them in the next run")  # fmt: skip
    parser.add_argument("--engines", default="sqlite,postgresql", help="search: which to time")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    config = load_config(DATA / "hub_sources.yaml")
    lexicon = Lexicon.from_config(config)
    if "nationwide" in parts:  # first: its children measure their own memory
        bench_nationwide(args.hosts, args.gap, args.items)
    if "dedup" in parts:
        bench_dedup(config, lexicon)
    if "classify" in parts:
        bench_classification(lexicon)
    if "crawl" in parts:
        bench_crawl(config, args.gap, args.items)
    if "steady" in parts:
        bench_steady(config, args.rounds, 0.05, args.items)
    if "search" in parts:
        bench_search(args.corpus, args.queries, args.postgres, args.keep,
                     set(args.engines.split(",")))  # fmt: skip


if __name__ == "__main__":
    main()
