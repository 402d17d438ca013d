"""The query language of package_search: what clients send, and what is refused."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toshiken.opendata import search
from toshiken.opendata.model import Catalog


def names(catalog: Catalog, q: str, sort: str = "name asc") -> list[str]:
    docs = [search.document(catalog, d) for d in catalog.datasets]
    return [d.dataset.name for d in search.ranked(search.parse(q), docs, search.parse_sort(sort))]


def test_everything_for_an_empty_query_or_star(catalog: Catalog) -> None:
    everything = sorted(d.name for d in catalog.datasets)
    assert names(catalog, "") == names(catalog, "*:*") == everything


def test_fields_combine_with_and_plus_or_and_not(catalog: Catalog) -> None:
    koshi = ["432164_budget", "432164_participation"]
    assert names(catalog, "organization:432164-koshi-shi") == koshi
    assert names(catalog, "organization:432164-koshi-shi AND tags:事業費") == ["432164_budget"]
    assert names(catalog, "+organization:432164-koshi-shi +groups:vision") == [koshi[1]]
    assert names(catalog, "organization:432164-koshi-shi -groups:vision") == [koshi[0]]
    assert names(catalog, "organization:432164-koshi-shi NOT groups:vision") == [koshi[0]]
    either = names(catalog, "organization:432164-koshi-shi OR organization:434477-yamato-cho")
    assert either == [*koshi, "434477_budget", "434477_participation"]
    assert names(catalog, "organization:(432164-koshi-shi OR 434477-yamato-cho)") == either
    assert names(catalog, 'tags:"KPI"') == ["kumamoto-renkei_kpis"]
    assert names(catalog, "name:4321*_budget") == ["432105_budget", "432113_budget",
                                                   "432130_budget", "432148_budget",
                                                   "432164_budget"]  # fmt: skip


def test_words_search_title_notes_and_tags_after_nfkc(catalog: Catalog) -> None:
    assert names(catalog, "ｋｐｉ") == ["kumamoto-renkei_kpis"]  # full width, lower case
    assert "kumamoto-renkei_libraries" in names(catalog, "図書館")
    assert names(catalog, "合志市 事業費") == ["432164_budget"]  # every word must match
    assert names(catalog, "title:スケジュール") == ["kumamoto-renkei_schedules"]


def test_relevance_puts_title_matches_first(catalog: Catalog) -> None:
    assert names(catalog, "KPI", sort="score desc, name asc")[0] == "kumamoto-renkei_kpis"


def test_date_ranges(catalog: Catalog) -> None:
    assert names(catalog, "metadata_modified:[2025-04-01T00:00:00Z TO *]") != []
    assert names(catalog, "metadata_modified:[* TO 2025-03-31]") == []
    assert names(catalog, "metadata_modified:{2025-04-01T00:30:00Z TO *}") == []
    query = search.parse("metadata_modified:[2025-01-01 TO 2025-12-31T23:59:59+09:00]")
    assert query[0][0].high == datetime(2025, 12, 31, 14, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('tags:"unclosed', "never closed"),
        ("organization:", "missing value"),
        ("colour:red", "undefined field"),
        ("OR tags:a", "OR without"),
        ("tags:a OR", "ends with an operator"),
        ("tags:a NOT", "ends with an operator"),
        ("tags:[a TO b]", "needs a date field"),
        ("metadata_modified:[yesterday TO *]", "not a date"),
        ("metadata_modified:[2025-01-01 *]", "reads"),
        ("metadata_modified:2025", "takes a range"),
        ("tags:(a (b))", "unsupported group"),
        (")", "missing value"),
    ],
)
def test_malformed_queries_say_where(text: str, reason: str) -> None:
    with pytest.raises(search.QuerySyntaxError, match=reason):
        search.parse(text)


@pytest.mark.parametrize("sort", ["name", "popularity desc", "name up", "name asc desc"])
def test_bad_sorts(sort: str) -> None:
    with pytest.raises(search.SortError):
        search.parse_sort(sort)


@given(st.text(alphabet=st.sampled_from(list('ab:*()[]{}"+-! TOANDRNtgs_\t')), max_size=30))
def test_any_text_parses_or_is_refused_cleanly(text: str) -> None:
    with contextlib.suppress(search.QuerySyntaxError):
        search.parse(text)
