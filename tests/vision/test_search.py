"""Search: folding and highlighting laws; short words, NFKC and kana on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.conftest import DATA
from toshiken.core.runtime import Runtime
from toshiken.vision.current import cached_vision
from toshiken.vision.load import load_document
from toshiken.vision.matching import fold, highlights, score, snippet, split_marked, terms
from toshiken.vision.model import Vision
from toshiken.vision.search import SearchResult, candidates, ensure_index, search

# --- pure: folding and highlighting ---------------------------------------------------------


def test_fold_matches_width_and_kana_variants() -> None:
    assert fold("ＤＶ相談").key == "dv相談"
    assert fold("ﾌﾟﾛﾓｰｼｮﾝ").key == fold("プロモーション").key == "ぷろもーしょん"
    assert terms("  婚活　ｾﾐﾅｰ 婚活 ") == ["婚活", "せみなー"]


def test_highlights_point_into_the_original_text() -> None:
    original = "各自治体のﾌﾟﾛﾓｰｼｮﾝとＤＶ相談"
    spans = highlights(original, terms("プロモーション dv"))
    assert [original[s:e] for s, e in spans] == ["ﾌﾟﾛﾓｰｼｮﾝ", "ＤＶ"]
    pieces = split_marked(original, spans)
    assert "".join(p for p, _ in pieces) == original
    assert [p for p, hit in pieces if hit] == ["ﾌﾟﾛﾓｰｼｮﾝ", "ＤＶ"]


# the document's alphabet: kanji, both kana, half-width kana (no lone sound marks), ASCII and
# full-width letters and digits, punctuation and spaces
ALPHABET = st.sampled_from(
    "都市圏連携中枢熊本子育て支援婚活図書消防あいうかがアイウカガｱｲｳｶｷ"
    "abcABCＡＢＣxyz0123０１２３・、。（）()「」 　-ー－"
)


@settings(deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=40), st.data())
def test_a_substring_is_always_found_and_marked(text_: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text_) - 1))
    end = data.draw(st.integers(start + 1, len(text_)))
    word = fold(text_[start:end]).key.split()
    if not word:
        return
    for s, e in highlights(text_, word):
        assert 0 <= s < e <= len(text_)
    assert highlights(text_, word), (text_, word)


def test_score_needs_every_word_and_weighs_titles() -> None:
    assert score("婚活", "", ["婚活"]) > score("", "婚活 婚活", ["婚活"])
    assert score("婚活", "セミナー", ["婚活", "図書"]) == 0


def test_snippet_cuts_around_the_first_match() -> None:
    cut = snippet("あ" * 100 + "図書館" + "い" * 200, ["図書"], width=10)
    assert cut is not None and cut.clipped_start and cut.clipped_end
    assert cut.text[cut.highlights[0][0] : cut.highlights[0][1]] == "図書"


# --- the database index: every test on SQLite and PostgreSQL --------------------------------


@pytest.fixture
def loaded(runtime: Runtime) -> Iterator[tuple[Runtime, Vision]]:
    load_document(runtime.sessions, DATA / "vision-2025-03.txt", DATA)
    vision = cached_vision(runtime.sessions)
    assert vision is not None
    yield runtime, vision


def _find(loaded: tuple[Runtime, Vision], query: str) -> SearchResult:
    runtime, vision = loaded
    return search(runtime.sessions, vision, query)


def _ids(result: SearchResult) -> list[str]:
    return [h.document.ref for h in result.hits]


@pytest.mark.parametrize(
    ("word", "first"), [("婚活", "3-20-2"), ("図書", "3-5-1"), ("消防", "3-12-2")]
)
def test_two_character_words_are_found_first_where_they_are_the_title(
    loaded: tuple[Runtime, Vision], word: str, first: str
) -> None:
    result = _find(loaded, word)
    assert result.total >= 1 and _ids(result)[0] == first
    top = result.hits[0]
    assert word in top.document.title
    assert [top.document.title[s:e] for s, e in top.title_highlights] == [word]
    for _field, cut in top.matches:
        assert all(cut.text[s:e] == word for s, e in cut.highlights)


def test_width_and_kana_variants_find_the_same(loaded: tuple[Runtime, Vision]) -> None:
    assert _ids(_find(loaded, "ＤＶ")) == _ids(_find(loaded, "dv")) != []
    katakana = _ids(_find(loaded, "プロモーション"))
    assert katakana and katakana == _ids(_find(loaded, "ぷろもーしょん"))
    assert katakana == _ids(_find(loaded, "ﾌﾟﾛﾓｰｼｮﾝ"))


def test_every_word_must_occur(loaded: tuple[Runtime, Vision]) -> None:
    both = _find(loaded, "子育て 情報")
    assert both.hits and set(_ids(both)) <= set(_ids(_find(loaded, "子育て")))
    assert set(_ids(both)) <= set(_ids(_find(loaded, "情報")))
    assert _find(loaded, "子育て 量子コンピュータ").total == 0


def test_long_and_short_words_agree_with_a_plain_scan(loaded: tuple[Runtime, Vision]) -> None:
    runtime, vision = loaded
    for word in ("都市圏", "移住", "市", "連携中枢"):
        expected = {
            i.id for i in vision.initiatives
            if any(word in fold(t).key for t in (i.title, i.description, i.roles, i.effect))
        }  # fmt: skip
        found = {h.document.ref for h in search(runtime.sessions, vision, word, limit=500).hits}
        assert {f for f in found if f.count("-") == 2} == expected, word


def test_like_wildcards_are_plain_characters(loaded: tuple[Runtime, Vision]) -> None:
    assert _find(loaded, "%").total == 0
    assert _find(loaded, "_").total == 0
    assert _find(loaded, "").total == 0


def test_the_index_follows_a_new_document(loaded: tuple[Runtime, Vision]) -> None:
    runtime = loaded[0]
    assert _find(loaded, "婚活").total == 2
    with runtime.sessions.begin() as session:
        session.execute(text("DELETE FROM vision_search"))
        session.execute(text("UPDATE vision_dataset SET source_sha256 = 'changed'"))
    ensure_index(runtime.sessions)  # rebuilt, since the stored hash changed
    with runtime.sessions() as session:
        assert len(candidates(session, ["婚活"])) == 2
        assert session.scalar(text("SELECT source_sha256 FROM vision_search_state")) == "changed"
