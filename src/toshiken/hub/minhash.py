"""Character n-gram MinHash with LSH banding: candidate near-duplicates without pairwise comparison.

A small own implementation rather than datasketch: the hub needs signatures of short Japanese
headlines only, plain ints store anywhere, and datasketch would bring scipy along (numpy, which
the project has anyway, does the per-mask minimum).
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections.abc import Hashable, Iterable
from functools import lru_cache

import numpy as np

_MASK64 = (1 << 64) - 1


def shingles(text: str, sizes: tuple[int, ...] = (2, 3)) -> frozenset[str]:
    """Character n-grams of `text` (no word segmentation needed for Japanese); interned, as an
    index holds the same few thousand grams many times over."""
    grams = {sys.intern(text[i : i + n]) for n in sizes for i in range(max(len(text) - n + 1, 0))}
    if not grams and text:
        grams = {text}
    return frozenset(grams)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


# The frequent n-grams only: an entry costs ~200 bytes, and a long-running collector meets
# hundreds of thousands of distinct n-grams (2**17 entries would hold ~26 MB for little gain:
# a miss is one blake2b of a few bytes).
@lru_cache(maxsize=1 << 14)
def _hash64(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


class MinHasher:
    """`num_perm` hash functions made by XOR-ing one 64-bit hash with fixed random masks."""

    def __init__(self, num_perm: int = 64, seed: int = 20250401) -> None:
        rng = random.Random(seed)
        self.masks = tuple(rng.getrandbits(64) for _ in range(num_perm))
        self._masks = np.array(self.masks, dtype=np.uint64)

    def signature(self, grams: Iterable[str]) -> tuple[int, ...]:
        """min over the grams of (hash XOR mask), per mask: one vectorised step (numpy)."""
        hashes = np.fromiter((_hash64(g) for g in grams), dtype=np.uint64)
        if not hashes.size:
            return tuple(_MASK64 for _ in self.masks)
        return tuple(int(v) for v in (self._masks[:, None] ^ hashes[None, :]).min(axis=1))


def estimate(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


class LshIndex:
    """Banded LSH: keys whose signatures agree on every row of some band become candidates.

    With 32 bands of 2 rows a pair at Jaccard 0.3 is a candidate with probability 0.95, at 0.4
    with 0.999; candidates are then checked exactly, so a low banding threshold costs little.
    A bucket keeps its `bucket_cap` newest keys and a query returns at most `limit`, newest
    first: a boilerplate title posted by hundreds of hosts (児童手当の現況届について) would
    otherwise make every new copy meet every old one (quadratic work, nationwide).
    """

    def __init__(self, bands: int = 32, rows: int = 2, bucket_cap: int = 24) -> None:
        self.bands, self.rows = bands, rows
        # One dict for every band: (band, rows' values) hashed to an int → the sequence number
        # of the one key there, or a list of the newest `bucket_cap`. Most buckets hold one key:
        # a bare int instead of a container keeps a nationwide index small (~1 KB per key).
        self._buckets: dict[int, int | list[int]] = {}
        self._keys: dict[int, Hashable] = {}  # sequence number -> key
        self._cap = bucket_cap
        self._seq = 0

    def _band(self, signature: tuple[int, ...], band: int) -> int:
        return hash((band, *signature[band * self.rows : (band + 1) * self.rows]))

    def insert(self, key: Hashable, signature: tuple[int, ...]) -> None:
        self._seq += 1
        seq = self._seq
        self._keys[seq] = key
        for band in range(self.bands):
            at = self._band(signature, band)
            found = self._buckets.get(at)
            if found is None:
                self._buckets[at] = seq
            elif isinstance(found, int):
                self._buckets[at] = [found, seq]
            else:
                found.append(seq)
                if len(found) > self._cap:
                    del found[0]

    def candidates(self, signature: tuple[int, ...], limit: int | None = None) -> list[Hashable]:
        """Keys sharing a band with `signature`, newest first (at most `limit`)."""
        seqs: set[int] = set()
        for band in range(self.bands):
            found = self._buckets.get(self._band(signature, band))
            if isinstance(found, int):
                seqs.add(found)
            elif found:
                seqs.update(found)
        ranked = dict.fromkeys(self._keys[seq] for seq in sorted(seqs, reverse=True))
        return list(ranked)[:limit] if limit is not None else list(ranked)
