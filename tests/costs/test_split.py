"""The integer core: largest remainder and remainder-to-one, checked against Fraction arithmetic."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toshiken.costs import split
from toshiken.costs.split import Splitter, integer_weights


def reference(amount: int, weights: list[int], rank: list[int]) -> tuple[int, ...]:
    """Largest remainder written with Fractions, the slow obvious way."""
    total = sum(weights)
    shares = [Fraction(amount * w, total) for w in weights]
    parts = [math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - parts[i]), rank[i]))
    for i in order[: amount - sum(parts)]:
        parts[i] += 1
    return tuple(parts)


@st.composite
def cases(draw: st.DrawFn, max_size: int = 80) -> tuple[int, list[int], list[int]]:
    weights = draw(st.lists(st.integers(0, 10**7), min_size=1, max_size=max_size))
    if not any(weights):
        weights[0] = 1
    rank = draw(st.permutations(list(range(len(weights)))))
    return draw(st.integers(0, 10**12)), weights, list(rank)


@given(cases())
def test_largest_remainder_matches_the_fraction_reference(
    case: tuple[int, list[int], list[int]],
) -> None:
    amount, weights, rank = case
    assert Splitter(tuple(weights), tuple(rank)).largest_remainder(amount) == reference(
        amount, weights, rank
    )


@given(cases(), st.data())
def test_remainder_to_one_participant(
    case: tuple[int, list[int], list[int]], data: st.DataObject
) -> None:
    amount, weights, rank = case
    splitter = Splitter(tuple(weights), tuple(rank))
    index = data.draw(st.integers(0, len(weights) - 1))
    parts = splitter.remainder_to(amount, index)
    assert sum(parts) == amount
    for i, part in enumerate(parts):
        floor = amount * weights[i] // sum(weights)
        assert part == floor if i != index else part >= floor


def test_the_int64_path_and_the_python_path_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    weights = tuple((i * 7919) % 100_003 + 1 for i in range(200))
    rank = tuple(reversed(range(200)))
    fast = Splitter(weights, rank)
    assert fast._arrays is not None
    monkeypatch.setattr(split, "VECTOR_MIN", 10**9)
    slow = Splitter(weights, rank)
    assert slow._arrays is None
    for amount in (0, 1, 199, 1_000_000, 987_654_321_987, 2**62 // max(weights) + 5):
        assert fast.largest_remainder(amount) == slow.largest_remainder(amount)


def test_equal_weights_give_the_remainder_by_rank() -> None:
    assert Splitter((1, 1, 1), (2, 0, 1)).largest_remainder(100) == (33, 34, 33)
    assert Splitter((1, 1, 1), (2, 0, 1)).largest_remainder(101) == (33, 34, 34)


def test_zero_total_splits_nothing() -> None:
    assert Splitter((0, 0), (0, 1)).largest_remainder(500) == (0, 0)


def test_integer_weights_keep_ratios() -> None:
    assert integer_weights([Fraction(1, 2), Fraction(1, 3), Fraction(0)]) == ((3, 2, 0), 5)
    assert integer_weights([Fraction(10), Fraction(20)]) == ((1, 2), 3)


@pytest.mark.parametrize("amount", [-1, 1.5, True])
def test_amount_must_be_non_negative_int(amount: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        Splitter((1,), (0,)).largest_remainder(amount)  # type: ignore[arg-type]


def test_bad_ranks_are_refused() -> None:
    with pytest.raises(ValueError, match="permutation"):
        Splitter((1, 2), (0, 0))
