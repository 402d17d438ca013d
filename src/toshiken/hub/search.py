"""Search over stored items: exactly the items whose text holds every word, newest first.

The searched text is `fold(title + " " + lead)` plus two sentinel characters, kept in
`hub_item.search_text`. On SQLite an FTS5 trigram index answers words of three or more
characters as phrases (a trigram phrase is an exact substring match). A word of one or two
characters cannot be a trigram query, so it is expanded through the index's own vocabulary into
every indexed trigram that starts with it: thanks to the sentinels every occurrence of the word
starts some trigram, so the expansion finds exactly the items a substring match finds. As the
vocabulary counts every posting of a term (slow for common ones), a query with a short word first
tries a bounded newest-first walk (LIKE over the newest SCAN_BUDGET ids), used only when its page
is full (no older item can come first). On PostgreSQL a short walk over the newest SAMPLE rows
comes first; the matches it found tell how dense the words are, so the walk either goes on (dense
words) or the rest comes from the GIN index on `hub_grams(search_text)` (migration hub_0002),
asked for the rarest one- and two-character grams of the words (planner statistics) and checked
with strpos. Both give the same answer as the plain LIKE scan (`like_ids`) bench/bench_hub.py times.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, TextClause, column, func, select, table, text
from sqlalchemy.orm import Session

from toshiken.hub.normalize import normalize_text
from toshiken.hub.orm import ItemRow

SENTINEL = "\x03"
MAX_WORDS = 8
MAX_WORD_CHARS = 100
SCAN_BUDGET = 20_000  # rows a newest-first walk may read to fill one page
MAX_TERMS = 400  # beyond this many expanded trigrams, the word is common: walk instead
SAMPLE = 2_000  # PostgreSQL: newest rows walked first, to fill the page or to measure density
HEAP_COST = 4  # PostgreSQL: a row fetched through the gram index costs about 4 rows walked
MAX_KEYS = 3  # PostgreSQL: grams asked of the index (the rarest ones)
COMMON = 0.25  # PostgreSQL: a gram in more items than this share narrows little: not asked
STATS_SECONDS = 600.0  # PostgreSQL: how long the gram frequencies of the statistics are kept
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_fts = table("hub_item_fts", column("rowid"))


def fold(text: str) -> str:
    """What search compares: normalised (NFKC, dashes, variants), lower case, no controls."""
    return _CONTROL.sub(" ", normalize_text(text)).lower().strip()


def search_text(title: str, lead: str) -> str:
    """The stored, searched text of an item."""
    return fold(f"{title} {lead}") + SENTINEL * 2


def words(query: str) -> list[str]:
    """The query's words (folded, distinct, at most 8 of at most 100 characters)."""
    found = dict.fromkeys(w[:MAX_WORD_CHARS] for w in fold(query).split())
    return list(found)[:MAX_WORDS]


def matches(words: Sequence[str], stored: str) -> bool:
    """The reference semantics: every word is a substring of the stored text."""
    return all(w in stored for w in words)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _likes(word_list: Sequence[str]) -> list[ColumnElement[bool]]:
    return [ItemRow.search_text.like(like_pattern(w), escape="\\") for w in word_list]


@dataclass(frozen=True)
class Plan:
    """How one query is answered on SQLite: an FTS5 expression, or (None) the LIKE scan."""

    match: str | None  # FTS5 MATCH expression; None: too many expanded trigrams, scan with LIKE
    empty: bool = False  # a short word no item holds: nothing can match


def _expansion(session: Session, word: str) -> list[str]:
    """Indexed trigrams starting with a 1–2 character word."""
    rows = session.execute(
        text("SELECT term FROM hub_item_vocab WHERE term >= :lo AND term < :hi"),
        {"lo": word, "hi": word + "\U0010ffff"},
    )
    return [str(term) for (term,) in rows]


def plan_sqlite(session: Session, word_list: Sequence[str]) -> Plan:
    """Phrases for long words, vocabulary expansion for short ones."""
    parts: list[str] = []
    for word in word_list:
        if len(word) >= 3:
            parts.append(_quote(word))
            continue
        terms = _expansion(session, word)
        if not terms:
            return Plan(None, empty=True)
        if len(terms) > MAX_TERMS:
            return Plan(None)
        parts.append("(" + " OR ".join(_quote(t) for t in terms) + ")")
    return Plan(" AND ".join(parts))


def search_ids(
    session: Session,
    query: str,
    filters: Sequence[ColumnElement[bool]] = (),
    limit: int = 50,
    offset: int = 0,
) -> list[int]:
    """Ids of the items holding every word of `query` and passing `filters`, newest first."""
    word_list = words(query)
    if not word_list:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _search_postgres(session, word_list, filters, limit, offset)
    conditions = [*_likes(word_list), *filters]
    if any(len(w) < 3 for w in word_list):  # the expansion counts postings: walk first
        found = _walk(session, conditions, limit, offset)
        if found is not None:
            return found
    plan = plan_sqlite(session, word_list)
    if plan.empty:
        return []
    statement: Select[Any]
    if plan.match is None:
        statement = select(ItemRow.id).where(*conditions).order_by(ItemRow.id.desc())
    else:
        statement = (
            select(_fts.c.rowid)
            .select_from(_fts)
            .join(ItemRow, ItemRow.id == _fts.c.rowid)
            .where(text("hub_item_fts MATCH :match").bindparams(match=plan.match), *filters)
            .order_by(_fts.c.rowid.desc())
        )
    return _ids(session, statement.limit(limit).offset(offset))


def _ids(session: Session, statement: Select[Any]) -> list[int]:
    return [int(i) for i in session.scalars(statement)]


def _walk(
    session: Session,
    conditions: Sequence[ColumnElement[bool] | TextClause],
    limit: int,
    offset: int,
) -> list[int] | None:
    """The page from the newest SCAN_BUDGET ids, read along the primary key, if it is exact: a
    full page (no older item can come before it) or a walk that covered the whole table."""
    floor = (session.scalar(select(func.max(ItemRow.id))) or 0) - SCAN_BUDGET
    walk = select(ItemRow.id).where(ItemRow.id > floor, *conditions).order_by(ItemRow.id.desc())
    found = _ids(session, walk.limit(limit).offset(offset))
    return found if len(found) == limit or floor <= 0 else None


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
    if expected > SCAN_BUDGET or expected > HEAP_COST * matches:
        return 0
    return min(SCAN_BUDGET, math.ceil(3 * expected))


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


def _search_postgres(
    session: Session,
    word_list: Sequence[str],
    filters: Sequence[ColumnElement[bool]],
    limit: int,
    offset: int,
) -> list[int]:
    """Walk the newest SAMPLE rows; walk on if the words proved dense, else ask the gram index
    for the older rest. Every step reads newest first and only below the previous one."""
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


def like_ids(
    session: Session, query: str, limit: int = 50, filters: Sequence[ColumnElement[bool]] = ()
) -> list[int]:
    """The plain LIKE scan the index is measured against (and must agree with)."""
    word_list = words(query)
    if not word_list:
        return []
    statement = select(ItemRow.id).where(*_likes(word_list), *filters)
    return [int(i) for i in session.scalars(statement.order_by(ItemRow.id.desc()).limit(limit))]
