"""Benchmark of the area information hub on the local simulator, beside a naive feedparser loop.

Run: .venv/bin/python bench/bench_hub.py  (about a minute; nothing leaves 127.0.0.1)
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import resource
import time
from collections import Counter
from pathlib import Path

import feedparser  # type: ignore[import-untyped]

from toshiken.hub.classify import Lexicon, classify
from toshiken.hub.crawl import Crawler, CrawlReport
from toshiken.hub.dedup import fingerprint, is_near_duplicate
from toshiken.hub.fetch import Fetcher, FetchPolicy
from toshiken.hub.minhash import MinHasher
from toshiken.hub.model import TOPICS, Item
from toshiken.hub.simhttp import SimOptions
from toshiken.hub.simulator import Simulator
from toshiken.hub.sources import HubConfig, load_config

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "kumamoto"
UA = "toshiken-hub/0.1 (benchmark; hub@example.jp)"


def _options(items: int) -> SimOptions:
    """Realistic trouble: slow hosts, Crawl-delay, one 429, three sites without validators."""
    return SimOptions(
        items_per_source=items,
        latency={"431001": 0.3, "432148": 0.8, "434281": 1.5, "434477": 0.5},
        crawl_delay={"432083": 2.0, "434434": 2.0},
        throttle={"432105": (1, 2)},
        validators={"431001": "none", "433641": "none", "434442": "none", "432067": "etag"},
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
    return sum(h.bytes for h in sim.hits[start:end] if not exclude or h.port not in exclude)


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
    print(f"repeat-sweep bytes: ours {ours_repeat:,} vs naive {naive_bytes:,} "
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gap", type=float, default=1.0, help="politeness gap per host, seconds")
    parser.add_argument("--items", type=int, default=10, help="items per simulated source")
    args = parser.parse_args()
    config = load_config(DATA / "hub_sources.yaml")
    lexicon = Lexicon.from_config(config)
    bench_dedup(config, lexicon)
    bench_classification(lexicon)
    bench_crawl(config, args.gap, args.items)


if __name__ == "__main__":
    main()
