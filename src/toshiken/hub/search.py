"""Search over stored items: exactly the items whose text holds every word, newest first.

The searched text is `fold(title + " " + lead)` plus two sentinel characters, kept in
`hub_item.search_text`. On SQLite an FTS5 trigram index answers words of three or more
characters as phrases (a trigram phrase is an exact substring match). A word of one or two
characters cannot be a trigram query, so it is expanded through the index's own vocabulary into
every indexed trigram that starts with it: thanks to the sentinels every occurrence of the word
starts some trigram, so the expansion finds exactly the items a substring match finds. As the
vocabulary counts every posting of a term (slow for common ones), a query with a short word first
tries a bounded newest-first walk (LIKE over the newest SCAN_BUDGET ids), used only when its page
is full (no older item can come first). PostgreSQL: see `search_pg.py`. Both give the same
answer as the plain LIKE scan (`like_ids`) that bench/bench_hub.py times.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, TextClause, column, func, select, table, text
from sqlalchemy.orm import Session

from toshiken.hub.normalize import normalize_text
from toshiken.hub.orm import ItemRow
from toshiken.hub.search_pg import search_postgres

SENTINEL = "\x03"
MAX_WORDS = 8
MAX_WORD_CHARS = 100
SCAN_BUDGET = 20_000  # rows a newest-first walk may read to fill one page
MAX_TERMS = 400  # beyond this many expanded trigrams, the word is common: walk instead
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
        return search_postgres(session, word_list, filters, limit, offset)
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


def like_ids(
    session: Session, query: str, limit: int = 50, filters: Sequence[ColumnElement[bool]] = ()
) -> list[int]:
    """The plain LIKE scan the index is measured against (and must agree with)."""
    word_list = words(query)
    if not word_list:
        return []
    statement = select(ItemRow.id).where(*_likes(word_list), *filters)
    return [int(i) for i in session.scalars(statement.order_by(ItemRow.id.desc()).limit(limit))]
