"""Benchmark: exact population-ratio allocation at national scale against a naive float peer.

1,741 municipalities × 1,000 components × 5 fiscal years (8.7 million contributions) with generated
populations. The exact engine (toshiken.costs) prepares one basis per fiscal year and splits every
component's amount by largest remainder; the peer computes float shares, truncates them and hands
out the leftover yen in a fix-up loop, the way a spreadsheet macro would. Both are timed in the
same run, and the peer's results are compared with the exact ones.

Run: .venv/bin/python bench/bench_allocate.py [--municipalities N] [--components N] [--years N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date

from toshiken.costs import split
from toshiken.costs.allocate import allocate_with, prepare
from toshiken.costs.model import CostComponent, PopulationSet, RuleKind

GOAL_SECONDS = 2.0
COMPONENT = CostComponent("ベンチマーク用の費用", RuleKind.POPULATION_RATIO)


def generated_populations(count: int, years: int, seed: int) -> list[PopulationSet]:
    """Log-normal populations (a few hundred to a few million), drifting a little each year."""
    rnd = random.Random(seed)
    codes = [f"{i:05d}{i % 10}" for i in range(count)]
    base = {code: min(3_800_000, 150 + int(rnd.lognormvariate(10.0, 1.3))) for code in codes}
    sets = []
    for year in range(years):
        people = {code: max(1, int(p * rnd.uniform(0.97, 1.02))) for code, p in base.items()}
        sets.append(PopulationSet(f"生成 {2021 + year}", date(2021 + year, 10, 1), "生成", people))
    return sets


def generated_amounts(count: int, seed: int) -> list[int]:
    rnd = random.Random(seed + 1)
    return [rnd.randint(100_000, 10_000_000_000) for _ in range(count)]


def exact_engine(sets: Sequence[PopulationSet], amounts: Sequence[int]) -> list[tuple[int, ...]]:
    results = []
    for people in sets:
        basis = prepare(COMPONENT, list(people.populations), people)
        results += [allocate_with(basis, amount).parts for amount in amounts]
    return results


def float_peer(sets: Sequence[PopulationSet], amounts: Sequence[int]) -> list[tuple[int, ...]]:
    results = []
    for people in sets:
        pops = list(people.populations.values())
        total = sum(pops)
        for amount in amounts:
            shares = [amount * p / total for p in pops]
            parts = [int(s) for s in shares]
            left = amount - sum(parts)
            order = sorted(range(len(parts)), key=lambda i: shares[i] - parts[i], reverse=True)
            k = 0
            while left:  # fix-up loop: one yen at a time to the largest float remainders
                step = 1 if left > 0 else -1
                i = order[k % len(order)] if step > 0 else order[-1 - k % len(order)]
                parts[i] += step
                left -= step
                k += 1
            results.append(tuple(parts))
    return results


Results = list[tuple[int, ...]]


def timed(label: str, run: Callable[[], Results]) -> tuple[Results, float]:
    """Run and print wall-clock and CPU seconds (CPU time is steadier on a shared machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    results = run()
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<40} {elapsed:8.3f} s wall {used:8.3f} s CPU")
    return results, used


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--municipalities", type=int, default=1741)
    parser.add_argument("--components", type=int, default=1000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--pure", action="store_true", help="also time the pure-Python path")
    args = parser.parse_args(argv)
    sets = generated_populations(args.municipalities, args.years, args.seed)
    amounts = generated_amounts(args.components, args.seed)
    count = args.municipalities * args.components * args.years
    print(
        f"{args.municipalities:,} municipalities × {args.components:,} components × "
        f"{args.years} fiscal years = {count:,} contributions"
    )
    exact, seconds = timed("exact engine (toshiken.costs)", lambda: exact_engine(sets, amounts))
    if args.pure:
        split.VECTOR_MIN = sys.maxsize  # every split on Python ints
        pure, _ = timed("exact engine, pure-Python path", lambda: exact_engine(sets, amounts))
        assert pure == exact
    peer, _ = timed("peer: float shares + fix-up loop", lambda: float_peer(sets, amounts))
    totals = amounts * args.years
    assert all(sum(parts) == total for parts, total in zip(exact, totals, strict=True))
    differing = sum(a != b for a, b in zip(exact, peer, strict=True))
    print(f"peer allocations that differ from the exact ones: {differing:,} of {len(exact):,}")
    verdict = "met" if seconds < GOAL_SECONDS else "missed"
    print(f"goal (exact engine under {GOAL_SECONDS:.0f} s of CPU): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
