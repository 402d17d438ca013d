"""Search: PostgreSQL's walk-or-gram-index choice, and exact answers along every path."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select, text

from toshiken.core.runtime import Runtime
from toshiken.hub import search, search_pg
from toshiken.hub.orm import ItemRow, StoryRow
from toshiken.hub.sources import HubConfig
from toshiken.hub.synthetic import corpus_rows

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def test_a_short_word_is_its_own_gram_and_long_words_give_their_rarest_pairs() -> None:
    freqs = {"につ": 0.9, "つい": 0.9, "いて": 0.8, "北部": 0.02, "部に": 0.1, "の": 0.99}
    assert search_pg.gram_keys(["の"], {}) == ["の"]
    assert search_pg.gram_keys(["の"], freqs) == []  # common: the index would fetch most items
    keys = search_pg.gram_keys(["前北部について"], freqs)
    assert keys == ["前北", "北部", "部に"]  # not among the most common: rarer than all of them
    assert search_pg.gram_keys(["につい", "の", "北部"], freqs) == ["北部"]
    many = search_pg.gram_keys(["熊本市役所", "子育て支援"], {})
    assert len(many) == search_pg.MAX_KEYS and not any("て" in k for k in many)  # kana ranks last
    for word_list in (["前北部について"], ["熊本市役所", "子育て支援"], ["a", "bc"]):
        keys = search_pg.gram_keys(word_list, freqs)
        assert all(any(k in w for w in word_list) for k in keys)


def test_the_walk_goes_on_only_where_it_is_cheaper_than_the_index() -> None:
    need, top = 50, 1_000_000
    assert search_pg.walk_rows(0, need, top) == 0  # nothing in the sample: the index
    assert search_pg.walk_rows(40, need, top) > 0  # dense: a few hundred rows more
    assert search_pg.walk_rows(1, need, top) == 0  # sparse: 98,000 rows or ~500 fetches
    assert search_pg.walk_rows(30, need, top) <= search_pg.WALK_BUDGET


def _load(runtime: Runtime, config: HubConfig, count: int) -> dict[int, str]:
    names = [m.name for m in config.municipalities]
    codes = [m.code for m in config.municipalities]
    story = {"id": 1, "key_hash": "0" * 40, "key": "t", "first_seen": NOW, "updated": NOW,
             "copies": 1}  # fmt: skip
    with runtime.sessions() as session, session.begin():
        session.execute(insert(StoryRow), [story])
        session.execute(insert(ItemRow), list(corpus_rows(count, names, codes, NOW, seed=3)))
        if runtime.engine.dialect.name == "postgresql":
            session.execute(text("ANALYZE hub_item"))
    with runtime.sessions() as session:
        return {i: t for i, t in session.execute(select(ItemRow.id, ItemRow.search_text))}


def _queries(texts: list[str]) -> list[str]:
    rng = random.Random(11)
    found = ["の", "お知らせ", "について", "内線1", "鰻鱓", "鱓", "zz", "熊本 募集", "月 日"]
    while len(found) < 40:
        t = rng.choice(texts).rstrip(search.SENTINEL)
        start = rng.randrange(len(t))
        word = t[start : start + rng.choice((1, 2, 3, 4, 6, 9))].strip()
        if word:
            found.append(word)
    return found


PATHS = {  # (SAMPLE, WALK_BUDGET and SQLite's SCAN_BUDGET, HEAP_COST, COMMON)
    "walk the whole table": (10**9, 20_000, 4, 0.25),
    "gram index after a short walk": (40, 30, 0, 0.25),  # SQLite: FTS5 after 30 rows
    "walk on, then the gram index": (40, 60, 10**9, 0.25),
    "no gram rare enough: the planner's choice": (40, 20_000, 0, -1.0),
}


@pytest.mark.parametrize("path", list(PATHS))
def test_every_path_answers_exactly_the_substring_matches(
    runtime: Runtime, config: HubConfig, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    stored = _load(runtime, config, 1_500)
    names = ("SAMPLE", "WALK_BUDGET", "HEAP_COST", "COMMON")
    for name, value in zip(names, PATHS[path], strict=True):
        monkeypatch.setattr(search_pg, name, value)
    monkeypatch.setattr(search, "SCAN_BUDGET", PATHS[path][1])
    monkeypatch.setattr(search_pg, "_stats", {})
    with runtime.sessions() as session:
        municipality = session.scalar(select(ItemRow.municipality).where(ItemRow.id == 7))
        mine = set(session.scalars(select(ItemRow.id).where(ItemRow.municipality == municipality)))
    filtered = [ItemRow.municipality == municipality]
    with runtime.sessions() as session:
        for query in _queries(list(stored.values())):
            words = search.words(query)
            truth = [i for i in sorted(stored, reverse=True) if search.matches(words, stored[i])]
            for limit, offset in ((50, 0), (20, 30), (5000, 0)):
                found = search.search_ids(session, query, limit=limit, offset=offset)
                assert found == truth[offset : offset + limit], (path, query, limit, offset)
            narrowed = [i for i in truth if i in mine][:50]
            assert search.search_ids(session, query, filtered) == narrowed, (path, query)


def test_postgres_search_leaves_the_transactions_settings_as_they_were(
    runtime: Runtime, config: HubConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    _load(runtime, config, 300)
    monkeypatch.setattr(search_pg, "SAMPLE", 10)  # through the gram index
    monkeypatch.setattr(search_pg, "_stats", {})
    names = ("enable_bitmapscan", "enable_indexscan", "enable_seqscan", "work_mem")
    show = "SELECT " + ", ".join(f"current_setting('{n}')" for n in names)
    with runtime.sessions() as session, session.begin():
        session.execute(text("SET LOCAL work_mem = '5MB'"))
        before = session.execute(text(show)).one()
        assert search.search_ids(session, "鱓") == []
        assert search.search_ids(session, "お知らせ")
        assert session.execute(text(show)).one() == before
        freqs = search_pg.gram_freqs(session)
        assert freqs["の"] == pytest.approx(1.0)  # every lead says からのお知らせです
