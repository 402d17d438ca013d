"""Exact splitting of a yen amount by integer weights, rounded so the parts add up to the amount."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np
import numpy.typing as npt

VECTOR_MIN = 48
"""From this many participants on, the split runs on int64 arrays when the numbers fit."""

INT64_SAFE = 2**62
"""Products and sort keys stay below this on the int64 path; beyond it Python ints are used."""

IntArray = npt.NDArray[np.int64]


def integer_weights(values: Sequence[Fraction]) -> tuple[tuple[int, ...], int]:
    """Scale non-negative fractions to integers with the same ratios; return them and their sum."""
    if any(v < 0 for v in values):
        raise ValueError("weights must not be negative")
    scale = math.lcm(*(v.denominator for v in values)) if values else 1
    scaled = [v.numerator * (scale // v.denominator) for v in values]
    common = math.gcd(*scaled)
    if common > 1:
        scaled = [s // common for s in scaled]
    return tuple(scaled), sum(scaled)


@dataclass(frozen=True, eq=False)
class Splitter:
    """Integer weights prepared for many splits: the exact share of i is amount × w[i] / total.

    ``tie_rank`` orders participants whose remainders are equal: rank 0 gets a remainder yen first.
    With ``total == 0`` nothing is split and every part is 0.
    """

    weights: tuple[int, ...]
    tie_rank: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.tie_rank):
            raise ValueError("weights and tie_rank differ in length")
        if any(w < 0 for w in self.weights):
            raise ValueError("weights must not be negative")
        if sorted(self.tie_rank) != list(range(len(self.tie_rank))):
            raise ValueError("tie_rank must be a permutation of 0…n-1")

    @cached_property
    def total(self) -> int:
        return sum(self.weights)

    @cached_property
    def _arrays(self) -> tuple[IntArray, IntArray, int] | None:
        """int64 weights and ranks, and the amount from which products could overflow."""
        n = len(self.weights)
        if n < VECTOR_MIN or self.total * n >= INT64_SAFE:
            return None
        limit = INT64_SAFE // max(max(self.weights), 1)
        return (
            np.array(self.weights, dtype=np.int64),
            np.array(self.tie_rank, dtype=np.int64),
            limit,
        )

    def exact(self, amount: int, index: int) -> Fraction:
        """The unrounded share of one participant."""
        return Fraction(amount * self.weights[index], self.total) if self.total else Fraction(0)

    def floors(self, amount: int) -> tuple[list[int], int]:
        """Each share rounded down, and the yen those roundings leave over (0 ≤ left < n)."""
        _check(amount)
        if not self.total:
            return [0] * len(self.weights), 0
        parts = [amount * w // self.total for w in self.weights]
        return parts, amount - sum(parts)

    def largest_remainder(self, amount: int) -> tuple[int, ...]:
        """Round down, then give one yen each to the largest remainders (ties by ``tie_rank``)."""
        _check(amount)
        if not self.total:
            return (0,) * len(self.weights)
        arrays = self._arrays
        if arrays is not None and amount < arrays[2]:
            return _largest_remainder_int64(amount, self.total, arrays[0], arrays[1])
        products = [amount * w for w in self.weights]
        parts = [p // self.total for p in products]
        short = amount - sum(parts)
        if short:
            remainders = [p % self.total for p in products]
            ranked = sorted(range(len(parts)), key=lambda i: (-remainders[i], self.tie_rank[i]))
            for i in ranked[:short]:
                parts[i] += 1
        return tuple(parts)

    def remainder_to(self, amount: int, index: int) -> tuple[int, ...]:
        """Round every share down and give all the yen left over to one participant."""
        parts, short = self.floors(amount)
        if self.total:
            parts[index] += short
        return tuple(parts)


def _largest_remainder_int64(
    amount: int, total: int, weights: IntArray, ranks: IntArray
) -> tuple[int, ...]:
    """The same rule on int64 arrays; callers guarantee that no product reaches 2**62."""
    parts, remainders = np.divmod(weights * amount, total)
    short = amount - int(parts.sum())
    if short:
        # distinct keys: a larger remainder first, then the lower tie rank
        keys = (total - 1 - remainders) * len(ranks) + ranks
        parts[np.argpartition(keys, short - 1)[:short]] += 1
    return tuple(parts.tolist())


def _check(amount: int) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError(f"amount must be an int of yen, not {type(amount).__name__}")
    if amount < 0:
        raise ValueError(f"amount must not be negative: {amount}")
