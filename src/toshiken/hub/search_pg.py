"""PostgreSQL search: a short newest-first walk, then a longer walk or the gram index."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, text
from sqlalchemy.orm import Session

from toshiken.hub.orm import ItemRow

SAMPLE = 2_000  # newest rows walked first, to fill the page or to measure the words' density
WALK_BUDGET = 20_000  # rows a walk may read on after the sample
HEAP_COST = 4  # a row fetched through the gram index costs about 4 rows walked
MAX_KEYS = 3  # grams asked of the index (the rarest ones)
COMMON = 0.25  # a gram in more items than this share narrows little: not asked
STATS_SECONDS = 600.0  # how long the gram frequencies of the statistics are kept


def gram_keys(word_list: Sequence[str], freqs: dict[str, float]) -> list[str]:
    """The grams to ask the gram index for: every item holding the words holds them. A word of
    one or two characters is its own gram, a longer one gives its two-character grams; the rarest
    (by `freqs`, the planner's most common grams; any other is rarer) and not common, at most
    MAX_KEYS, hiragana (particles, endings) counted as common among equals. None: every gram
    is common, the index would fetch most of the table."""
    grams = dict.fromkeys(
        g
        for w in word_list
        for g in ([w] if len(w) <= 2 else [w[i : i + 2] for i in range(len(w) - 1)])
    )
    unknown = min(freqs.values(), default=0.0) / 2

    def rank(gram: str) -> tuple[float, int]:
        return freqs.get(gram, unknown), sum("\u3041" <= c <= "\u309f" for c in gram)

    ranked = sorted(grams, key=rank)[:MAX_KEYS]
    return [g for g in ranked if freqs.get(g, unknown) <= COMMON]


def walk_rows(found: int, need: int, top: int) -> int:
    """Rows to walk on after the SAMPLE rows gave `found` of `need` matches, or 0: use the index.
    Walking on costs the rows until the page is full; the index costs every match it fetches."""
    if found == 0:
        return 0
    expected = (need - found) * SAMPLE / found
    matches = found * top / SAMPLE
    if expected > WALK_BUDGET or expected > HEAP_COST * matches:
        return 0
    return min(WALK_BUDGET, math.ceil(3 * expected))


_stats: dict[str, tuple[float, dict[str, float]]] = {}


def gram_freqs(session: Session) -> dict[str, float]:
    """The most common grams and the share of items holding each (ANALYZE's statistics of the
    gram index), kept for STATS_SECONDS per database."""
    url = str(session.get_bind().engine.url)
    kept = _stats.get(url)
    if kept and time.monotonic() - kept[0] < STATS_SECONDS:
        return kept[1]
    row = session.execute(
        text(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'ix_hub_item_search_grams' AND schemaname = current_schema()"
        )
    ).first()
    freqs = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _stats[url] = (time.monotonic(), freqs)
    return freqs


def search_postgres(
    session: Session,
    word_list: Sequence[str],
    filters: Sequence[ColumnElement[bool]],
    limit: int,
    offset: int,
) -> list[int]:
    """Walk the newest SAMPLE rows; walk on if the words proved dense, else ask the gram index
    for the older rest. Every step reads newest first and only below the previous one, and a
    walk's full page is exact (no older item can come first); strpos checks every word on every
    path, so the answer is the substring match's."""
    need = limit + offset
    holds = [*(func.strpos(ItemRow.search_text, w) > 0 for w in word_list), *filters]
    top, before = _begin(session)
    floor = top - SAMPLE
    found = _walk_postgres(session, holds, floor, top, need)
    more = walk_rows(len(found), need, top) if len(found) < need and floor > 0 else 0
    if more:
        found += _walk_postgres(session, holds, floor - more, floor, need - len(found))
        floor -= more
    if len(found) < need and floor > 0:
        keys = gram_keys(word_list, gram_freqs(session))
        found += _gram_index(session, holds, keys, floor, need - len(found))
    _set(session, before)
    return found[offset:need]


_CHANGED = ("enable_bitmapscan", "enable_indexscan", "enable_seqscan", "work_mem")


def _begin(session: Session) -> tuple[int, dict[str, str]]:
    """The largest id and the parameters as they were; then the settings of the walks (along the
    key) for the rest of the transaction, in one round trip. A generic plan would not see the
    grams given to the gram index, so plans are made for each statement's values."""
    before = ", ".join(f"current_setting('{name}') AS {name}" for name in _CHANGED)
    row = session.execute(
        text(
            f"WITH before AS MATERIALIZED (SELECT (SELECT max(id) FROM hub_item) AS top, {before}) "
            "SELECT before.*, set_config('plan_cache_mode', 'force_custom_plan', true), "
            "set_config('enable_bitmapscan', 'off', true) FROM before"
        )
    ).one()
    values = {name: str(value) for name, value in zip(_CHANGED, row[1:], strict=False)}
    return int(row[0] or 0), values


def _set(session: Session, values: dict[str, str]) -> None:
    """Set parameters for the rest of the transaction, in one round trip."""
    calls = ", ".join(f"set_config('{name}', :v{n}, true)" for n, name in enumerate(values))
    session.execute(text(f"SELECT {calls}"), {f"v{n}": v for n, v in enumerate(values.values())})


def _walk_postgres(
    session: Session, holds: Sequence[ColumnElement[bool]], low: int, high: int, count: int
) -> list[int]:
    """The newest `count` matches with low < id <= high, along the primary key."""
    walk = select(ItemRow.id).where(ItemRow.id > low, ItemRow.id <= high, *holds)
    return _ids(session, walk.order_by(ItemRow.id.desc()).limit(count))


def _gram_index(
    session: Session, holds: Sequence[ColumnElement[bool]], keys: list[str], high: int, count: int
) -> list[int]:
    """The newest `count` matches with id <= high, from a bitmap of the gram index (enough
    work_mem keeps it exact: a lossy page would recompute hub_grams for each row). Without keys
    (common words, found rarely only because of the filters) the planner chooses: a walk along
    the key or a filter's index."""
    if not keys:
        _set(session, {"enable_bitmapscan": "on"})
        plain = select(ItemRow.id).where(ItemRow.id <= high, *holds).order_by(ItemRow.id.desc())
        return _ids(session, plain.limit(count))
    on = {"enable_bitmapscan": "on", "enable_indexscan": "off", "enable_seqscan": "off"}
    _set(session, {**on, "work_mem": "64MB"})
    grams = text("hub_grams(hub_item.search_text) @> CAST(:grams AS text[])").bindparams(grams=keys)
    statement = select(ItemRow.id).where(grams, ItemRow.id + 0 <= high, *holds)  # +0: no key range
    return _ids(session, statement.order_by(ItemRow.id.desc()).limit(count))


def _ids(session: Session, statement: Select[Any]) -> list[int]:
    return [int(i) for i in session.scalars(statement)]
