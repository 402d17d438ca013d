from datetime import datetime

import pytest

from toshiken.hub.dates import JST
from toshiken.hub.listpage import ListPageError, ListRule, parse_list

NOW = datetime(2025, 4, 10, tzinfo=JST)
PAGE = """<html><head><meta charset="Shift_JIS"><title>新着情報｜大津町</title></head><body>
<ul class="news-list">
 <li><span class="date">令和７年４月１日</span>
  <a href="/kiji/123.html">からいも祭りを開催します</a></li>
 <li><span class="date">R7.3.28</span><a href="kiji/124.html">子育て支援センターのお知らせ</a></li>
 <li><span class="date">3月20日</span><a href="javascript:void(0)">壊れたリンク</a></li>
</ul></body></html>"""


def test_shift_jis_list_page_with_css_rule() -> None:
    rule = ListRule(item="ul.news-list > li", date="span.date")
    document = parse_list(PAGE.encode("cp932"), "https://www.town.ozu.kumamoto.jp/news/", rule, NOW)
    assert [e.title for e in document.entries] == [
        "からいも祭りを開催します",
        "子育て支援センターのお知らせ",
    ]
    assert [e.link for e in document.entries] == [
        "https://www.town.ozu.kumamoto.jp/kiji/123.html",
        "https://www.town.ozu.kumamoto.jp/news/kiji/124.html",
    ]
    assert document.entries[1].published == datetime(2025, 3, 28, tzinfo=JST)


def test_xpath_rule_and_base_href() -> None:
    page = (
        '<html><head><base href="https://t.jp/sub/"></head><body><table class="list-table">'
        "<tr><th>日付</th><th>件名</th></tr><tr><td>2025年4月2日</td>"
        "<td><a href='a.html'>入札結果</a></td></tr></table></body></html>"
    )
    rule = ListRule(
        item="//table[contains(@class, 'list-table')]//tr[td]",
        link="td[2]/a",
        date="td[1]",
        syntax="xpath",
    )
    (entry,) = parse_list(page.encode(), "https://t.jp/", rule, NOW).entries
    assert entry.link == "https://t.jp/sub/a.html"
    assert entry.published == datetime(2025, 4, 2, tzinfo=JST)


def test_bad_rules_are_caught() -> None:
    with pytest.raises(ListPageError, match="item"):
        ListRule(item="ul[").check()
    with pytest.raises(ListPageError, match="date"):
        ListRule(item="//li", date="td[", syntax="xpath").check()
