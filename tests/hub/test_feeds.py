from datetime import datetime

import pytest

from toshiken.hub import samples
from toshiken.hub.dates import JST
from toshiken.hub.feeds import FeedError, parse_feed
from toshiken.hub.samples import SampleItem
from toshiken.hub.simhttp import BOMB, BROKEN
from toshiken.hub.xmlguard import EntityRefused

BASE = "https://www.town.ozu.kumamoto.jp"
ITEMS = [
    SampleItem(
        "からいも祭りを開催します", "/kiji/1.html", datetime(2025, 4, 1, 9, tzinfo=JST), "秋の祭り"
    ),
    SampleItem("子育て支援センターだより", "/kiji/2.html", datetime(2025, 3, 28, tzinfo=JST)),
]


@pytest.mark.parametrize("render", [samples.rss1, samples.rss2, samples.atom])
def test_rss1_rss2_and_atom_read_alike(render: object) -> None:
    body = render(f"{BASE} 新着", BASE, ITEMS).encode()  # type: ignore[operator]
    document = parse_feed(body, BASE + "/rss/10/list1.xml")
    assert [e.title for e in document.entries] == [i.title for i in ITEMS]
    assert document.entries[0].link == BASE + "/kiji/1.html"  # relative links resolved
    assert document.entries[0].published == datetime(2025, 4, 1, 9, tzinfo=JST)


def test_shift_jis_feed() -> None:
    body = samples.rss2("大津町", BASE, ITEMS, "Shift_JIS").encode("cp932")
    assert parse_feed(body, BASE + "/x.xml").entries[1].title == "子育て支援センターだより"


def test_summary_is_sanitised() -> None:
    item = SampleItem("t", "/k.html", datetime(2025, 4, 1, tzinfo=JST))
    body = samples.rss2("x", BASE, [item]).replace(
        "<p></p>", '<p onmouseover="x()">本文<script>alert(1)</script></p>'
    )
    summary = parse_feed(body.encode(), BASE).entries[0].summary
    assert "本文" in summary and "script" not in summary and "onmouseover" not in summary


def test_entity_bomb_and_broken_xml() -> None:
    with pytest.raises(EntityRefused):
        parse_feed(BOMB.encode(), BASE)
    with pytest.raises(FeedError):
        parse_feed(BROKEN.encode(), BASE)
    with pytest.raises(FeedError):
        parse_feed(b"<html><body>not a feed</body></html>", BASE)
