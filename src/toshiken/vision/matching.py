"""Pure text matching for search: fold to the search form, find terms, score, cut snippets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from toshiken.core.text import search_key

MAX_TERMS = 8
_SOUND_MARKS = {"\uff9e", "\uff9f", "\u3099", "\u309a"}  # ﾞ ﾟ and the combining ones


@dataclass(frozen=True)
class Folded:
    """Text in its search form, with where each folded character came from in the original."""

    key: str
    spans: tuple[tuple[int, int], ...]  # per folded char: [start, end) in the original


def _clusters(text: str) -> list[tuple[int, int]]:
    """A base character with the marks that follow it (so ｶﾞ folds to が as a whole)."""
    out: list[tuple[int, int]] = []
    for n, char in enumerate(text):
        if out and (char in _SOUND_MARKS or unicodedata.combining(char)):
            out[-1] = (out[-1][0], n + 1)
        else:
            out.append((n, n + 1))
    return out


@lru_cache(maxsize=16_384)
def fold(text: str) -> Folded:
    """NFKC, lower case, katakana as hiragana: full/half width and kana variants match."""
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    for start, end in _clusters(text):
        folded = search_key(text[start:end])
        keys.append(folded)
        spans.extend((start, end) for _ in folded)
    return Folded("".join(keys), tuple(spans))


def terms(query: str) -> list[str]:
    """The words of a query in search form, without repeats (at most MAX_TERMS)."""
    seen: list[str] = []
    for word in fold(query).key.split():
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def count(key: str, term: str) -> int:
    return key.count(term)


def score(title_key: str, body_key: str, words: list[str]) -> int:
    """Rank: a word in the title weighs ten times one in the body; every word must occur."""
    total = 0
    for word in words:
        hits = 10 * count(title_key, word) + count(body_key, word)
        if hits == 0:
            return 0
        total += hits
    return total


def highlights(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words occur in the original text, as merged [start, end) spans."""
    folded = fold(text)
    found: list[tuple[int, int]] = []
    for word in words:
        at = folded.key.find(word)
        while at >= 0 and word:
            end = at + len(word)
            found.append((folded.spans[at][0], folded.spans[end - 1][1]))
            at = folded.key.find(word, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Snippet:
    """A piece of a field around its first match, with the matches inside it."""

    text: str
    highlights: tuple[tuple[int, int], ...]
    clipped_start: bool
    clipped_end: bool


def snippet(text: str, words: list[str], width: int = 48) -> Snippet | None:
    """The text around the first match (None when no word occurs in it)."""
    spans = highlights(text, words)
    if not spans:
        return None
    start = max(0, spans[0][0] - width)
    end = min(len(text), spans[0][1] + width * 2)
    inside = tuple(
        (max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start
    )
    return Snippet(text[start:end], inside, start > 0, end < len(text))


def split_marked(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> list[
    tuple[str, bool]
]:  # fmt: skip
    """The text cut into (piece, is_match) for rendering with <mark>."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
