"""RSS 2.0, Atom, JSON Feed and iCalendar as the hub writes them: valid, notices first, safe."""

from __future__ import annotations

import json
import re
from datetime import datetime

import feedparser  # type: ignore[import-untyped]
import pytest
from icalendar import Calendar

from tests.hub.seeding import NOW, _items, notices
from toshiken.hub import syndicate
from toshiken.hub.classify import Lexicon
from toshiken.hub.queries import Copy, Listed
from toshiken.hub.records import item_row as stored_row
from toshiken.hub.records import to_item
from toshiken.hub.registry import Directory
from toshiken.hub.rows import item_row, notice_row
from toshiken.hub.sources import HubConfig

UNSAFE = re.compile(r"<script|\son[a-z]+\s*=|javascript:", re.I)
UNSAFE_ESCAPED = re.compile(r"&lt;script|\son[a-z]+\s*=\s*&quot;|javascript:", re.I)


@pytest.fixture(scope="module")
def rows(config: HubConfig) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Pinned notices and item rows as the routes make them (items stored and read back)."""
    directory = Directory.of(config)
    items = _items(config, Lexicon.from_config(config), NOW)
    listed = []
    for n, item in enumerate(items, start=1):
        stored = to_item(stored_row(item, n, True, NOW, None))  # what the store would keep
        copies = (Copy("434035", "ozu-event", "https://www.town.ozu.kumamoto.jp/x", "写し"),)
        listed.append(Listed(n, n, stored, NOW, copies if n == 1 else ()))
    pinned = [notice_row(n, directory) for n in notices(NOW) if n.level == "warning"][:1]
    return pinned, [item_row(e, directory) for e in listed]


def _meta() -> syndicate.FeedMeta:
    return syndicate.FeedMeta(
        "熊本連携中枢都市圏の新着情報", "説明", "https://hub.example.jp/hub",
        "https://hub.example.jp/hub/feeds/all.rss", NOW,
    )  # fmt: skip


def _entries(rows: tuple[list[dict[str, object]], list[dict[str, object]]]) -> list[object]:
    return syndicate.entries(rows[0], rows[1], NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("writer", [syndicate.rss, syndicate.atom])
def test_rss_and_atom_are_well_formed_with_notices_first(
    rows: tuple[list[dict[str, object]], list[dict[str, object]]], writer: object
) -> None:
    text = writer(_meta(), _entries(rows))  # type: ignore[operator]
    parsed = feedparser.parse(text.encode("utf-8"))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version in ("rss20", "atom10")
    assert len(parsed.entries) == 1 + len(rows[1])
    first = parsed.entries[0]
    assert first.title.startswith("【警報】") and "防災" in [t.term for t in first.tags]
    titles = [e.title for e in parsed.entries]
    assert "夏の星空観望会(7月5日)" in titles
    assert all(e.get("id") for e in parsed.entries)
    assert not UNSAFE_ESCAPED.search(text) and not UNSAFE.search(text)
    for entry in parsed.entries:  # what a reader shows after feedparser's own cleaning
        assert not UNSAFE.search(entry.get("summary", "")) and not UNSAFE.search(entry.title)
        assert entry.get("link", "https://").startswith("https://")


def test_json_feed(rows: tuple[list[dict[str, object]], list[dict[str, object]]]) -> None:
    document = json.loads(syndicate.json_feed(_meta(), _entries(rows)))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"].startswith("https://") and document["items"]
    ids = [i["id"] for i in document["items"]]
    assert len(ids) == len(set(ids)) and document["items"][0]["title"].startswith("【警報】")
    for item in document["items"]:
        assert {"id", "title", "content_html", "date_published"} <= set(item)
        datetime.fromisoformat(item["date_published"])
        assert not UNSAFE.search(item["content_html"]) and not UNSAFE.search(item["title"])
        assert item.get("url", "https://").startswith("https://")


def test_icalendar_events(rows: tuple[list[dict[str, object]], list[dict[str, object]]]) -> None:
    events_only = [r for r in rows[1] if r["event"]]
    text = syndicate.ical("熊本連携中枢都市圏のイベント", rows[0], events_only, NOW)
    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 1 + 4 and str(calendar["version"]) == "2.0"
    assert str(events[0]["summary"]).startswith("【警報】")
    starts = sorted(e.decoded("dtstart") for e in events[1:])
    assert starts[0].isoformat() == "2025-07-05T04:30:00+00:00"  # 13:30 JST
    assert {str(e["location"]) for e in events[1:]} == {"熊本博物館"}
    assert all(str(e["uid"]) for e in events) and len({str(e["uid"]) for e in events}) == 5
    assert "javascript:" not in text and "<script" not in text


def test_hostile_item_keeps_its_text_but_no_code(
    rows: tuple[list[dict[str, object]], list[dict[str, object]]],
) -> None:
    hostile = next(r for r in rows[1] if "危険なお知らせ" in str(r["title"]))
    assert hostile["url"] == ""  # javascript: address dropped
    assert "<" not in str(hostile["title"]) and "本文" in str(hostile["summary_html"])
    found = syndicate.entries([], [hostile], NOW)[0]
    assert found.url == "" and not UNSAFE.search(found.html)


@pytest.mark.parametrize("writer", [syndicate.rss, syndicate.atom])
def test_control_characters_never_break_a_feed(
    rows: tuple[list[dict[str, object]], list[dict[str, object]]], writer: object
) -> None:
    """A site's title with a stray control character (invalid in XML) still makes a feed."""
    item = dict(rows[1][0])
    item["title"], item["lead"] = "お知らせ\x08\x1b\x00です", "本文\x0b\x7f"
    found = syndicate.entries([], [item], NOW)  # type: ignore[list-item]
    text = writer(_meta(), found)  # type: ignore[operator]
    parsed = feedparser.parse(text.encode("utf-8"))
    assert parsed.bozo == 0 and parsed.entries[0].title == "お知らせです"
