"""Sample documents as members and JMA publish them: RSS 1.0/2.0, Atom, iCalendar, HTML lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape
from zlib import crc32

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class SampleItem:
    title: str
    path: str  # on the publishing host, e.g. /kiji/00123.html
    published: datetime
    summary: str = ""
    category: str = ""
    location: str = ""


def wareki(day: datetime) -> str:
    year = day.year - 2018
    return f"令和{'元' if year == 1 else year}年{day.month}月{day.day}日"


def rss1(title: str, base: str, items: Sequence[SampleItem]) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{escape(base + i.path)}"/>' for i in items)
    body = "".join(
        f'<item rdf:about="{escape(base + i.path)}"><title>{escape(i.title)}</title>'
        f"<link>{escape(base + i.path)}</link><description>{escape(i.summary)}</description>"
        f"<dc:subject>{escape(i.category)}</dc:subject>"
        f"<dc:date>{i.published.isoformat()}</dc:date></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{escape(base)}/"><title>{escape(title)}</title>'
        f"<link>{escape(base)}/</link><description>{escape(title)}</description>"
        f"<items><rdf:Seq>{seq}</rdf:Seq></items></channel>{body}</rdf:RDF>"
    )


def rss2(title: str, base: str, items: Sequence[SampleItem], encoding: str = "UTF-8") -> str:
    body = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.path)}</link>"
        f'<guid isPermaLink="true">{escape(base + i.path)}</guid>'
        f"<description><![CDATA[<p>{escape(i.summary)}</p>]]></description>"
        f"<category>{escape(i.category)}</category>"
        f"<pubDate>{format_datetime(i.published)}</pubDate></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(base)}/</link>"
        f"<description>{escape(title)}</description><ttl>15</ttl>{body}</channel></rss>"
    )


def atom(title: str, base: str, items: Sequence[SampleItem]) -> str:
    updated = max((i.published for i in items), default=datetime(2025, 4, 1)).isoformat()
    body = "".join(
        f'<entry><title>{escape(i.title)}</title><link rel="alternate" href="{escape(i.path)}"/>'
        f"<id>{escape(base + i.path)}</id><updated>{i.published.isoformat()}</updated>"
        f'<summary type="html">{escape(i.summary)}</summary>'
        f'<category term="{escape(i.category)}"/></entry>'
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        f'xml:base="{escape(base)}/"><title>{escape(title)}</title><id>{escape(base)}/</id>'
        f"<updated>{updated}</updated>{body}</feed>"
    )


def ical(title: str, base: str, items: Sequence[SampleItem]) -> str:
    def stamp(day: datetime) -> str:
        return day.strftime("%Y%m%dT%H%M%S")

    events = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:{crc32(i.path.encode())}@{base.split('//')[-1]}\r\n"
        f"DTSTAMP:{stamp(i.published)}\r\nDTSTART;TZID=Asia/Tokyo:{stamp(i.published)}\r\n"
        f"DTEND;TZID=Asia/Tokyo:{stamp(i.published + timedelta(hours=2))}\r\n"
        f"SUMMARY:{i.title}\r\nDESCRIPTION:{i.summary}\r\nLOCATION:{i.location}\r\n"
        f"URL:{base}{i.path}\r\nCATEGORIES:{i.category or 'イベント'}\r\nEND:VEVENT\r\n"
        for i in items
    )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//toshiken//simulator//JA\r\n"
        f"X-WR-CALNAME:{title}\r\n{events}END:VCALENDAR\r\n"
    )


def _row(template: str, item: SampleItem) -> str:
    link = f'<a href="{escape(item.path)}">{escape(item.title)}</a>'
    day = item.published
    if template == "ul":
        return f'<li><span class="date">{wareki(day)}</span>{link}</li>'
    if template == "table":
        return f"<tr><td>{day.year}年{day.month}月{day.day}日</td><td>{link}</td></tr>"
    if template == "article":
        stamp = f"R{day.year - 2018}.{day.month}.{day.day}".translate(_FULL)
        return (
            f"<article><time>{stamp}</time><h3>{link}</h3><p>{escape(item.summary)}</p></article>"
        )
    stamp = f"{day.year}年{day.month}月{day.day}日更新".translate(_FULL)
    return f'<div class="kiji"><p class="day">{stamp}</p><p class="title">{link}</p></div>'


_WRAP = {
    "ul": ('<ul class="news-list">', "</ul>"),
    "table": ('<table class="list-table"><tr><th>日付</th><th>件名</th></tr>', "</table>"),
    "article": ('<div class="topics">', "</div>"),
    "kiji": ('<div class="kiji_list">', "</div>"),
}


def html_list(
    template: str, title: str, items: Sequence[SampleItem], charset: str = "UTF-8"
) -> str:
    """A list page in one of four markups (ul, table, article, kiji) matching hub_sources.yaml."""
    start, end = _WRAP[template]
    rows = "".join(_row(template, i) for i in items)
    return (
        f'<!DOCTYPE html><html lang="ja"><head><meta charset="{charset}"><title>{escape(title)}'
        f'</title><script>var tracker = 1;</script></head><body><nav><a href="/">トップ</a></nav>'
        f"<main><h1>{escape(title)}</h1>{start}{rows}{end}</main></body></html>"
    )


def jma_feed(base: str, entries: Sequence[tuple[str, str, str, datetime]]) -> str:
    """A JMA high-frequency Atom feed: (title, office, telegram path, updated) per entry."""
    body = "".join(
        f"<entry><title>{escape(t)}</title><id>urn:uuid:{crc32(p.encode())}</id>"
        f"<updated>{u.isoformat()}</updated><author><name>{escape(o)}</name></author>"
        f'<link type="application/xml" href="{escape(base + p)}"/>'
        f'<content type="text">{escape(t)}</content></entry>'
        for t, o, p, u in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" lang="ja">'
        f"<title>高頻度（随時）</title><id>{base}/feed</id><updated>2025-06-30T05:00:00+09:00</updated>"
        f"{body}</feed>"
    )


def jma_warning(
    office: str, issued: datetime, areas: Sequence[tuple[str, str, str, str]], headline: str = ""
) -> str:
    """A 気象警報・注意報（H27） telegram; areas are (kind, status, area name, city code)."""
    items = "".join(
        f"<Item><Kind><Name>{escape(k)}</Name><Code>03</Code><Status>{escape(s)}</Status></Kind>"
        f"<Area><Name>{escape(n)}</Name><Code>{c}</Code></Area></Item>"
        for k, s, n, c in areas
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Report xmlns="http://xml.kishou.go.jp/jmaxml1/">'
        f"<Control><Title>気象警報・注意報（Ｈ２７）</Title><Status>通常</Status>"
        f"<EditorialOffice>{office}</EditorialOffice><PublishingOffice>{office}</PublishingOffice>"
        '</Control><Head xmlns="http://xml.kishou.go.jp/jmaxml1/informationBasis1/">'
        f"<Title>熊本県気象警報・注意報</Title><ReportDateTime>{issued.isoformat()}</ReportDateTime>"
        f"<InfoType>発表</InfoType><Headline><Text>{escape(headline)}</Text></Headline></Head>"
        '<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/meteorology1/">'
        f'<Warning type="気象警報・注意報（市町村等）">{items}</Warning></Body></Report>'
    )


def jma_quake(issued: datetime, cities: Sequence[tuple[str, str, str]]) -> str:
    """A 震源・震度に関する情報 telegram; cities are (name, code, MaxInt)."""
    places = "".join(
        f"<City><Name>{escape(n)}</Name><Code>{c}</Code><MaxInt>{m}</MaxInt></City>"
        for n, c, m in cities
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Report xmlns="http://xml.kishou.go.jp/jmaxml1/">'
        "<Control><Title>震源・震度に関する情報</Title><PublishingOffice>気象庁</PublishingOffice>"
        '</Control><Head xmlns="http://xml.kishou.go.jp/jmaxml1/informationBasis1/">'
        f"<Title>震源・震度情報</Title><ReportDateTime>{issued.isoformat()}</ReportDateTime>"
        "<InfoType>発表</InfoType><Headline><Text>地震がありました。</Text></Headline></Head>"
        '<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/seismology1/"><Intensity><Observation>'
        f"<Pref><Name>熊本県</Name><Code>43</Code><Area><Name>熊本県熊本</Name><Code>741</Code>"
        f"{places}</Area></Pref></Observation></Intensity></Body></Report>"
    )


FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


def homepage(name: str, feeds: Sequence[tuple[str, str, str]], style: str) -> str:
    """A member's top page; `feeds` are (title, href, kind). `style`: "link" advertises them in
    <link rel="alternate"> (as SHIRASAGI and Joruri do), "anchor" only as RSS links in the body,
    "none" not at all (the feeds sit at the CMS's usual paths)."""
    head = "".join(
        f'<link rel="alternate" type="{FEED_TYPES.get(kind, FEED_TYPES["rss"])}" '
        f'title="{escape(title)}" href="{escape(href)}">'
        for title, href, kind in feeds
        if style == "link"
    )
    body = "".join(
        f'<li><a href="{escape(href)}"><img src="/img/rss.png" alt="RSS">{escape(title)}</a></li>'
        for title, href, _ in feeds
        if style == "anchor"
    )
    return (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8">'
        f"<title>{escape(name)}公式ホームページ</title>"
        '<link rel="stylesheet" href="/css/common.css">'
        f'<link rel="alternate" hreflang="en" href="/foreign/">{head}</head>'
        f"<body><h1>{escape(name)}</h1><h2>新着情報</h2><ul>{body}</ul>"
        '<a href="/sitemap.html">サイトマップ</a><a href="/news/list.xml.html">一覧</a>'
        "</body></html>"
    )
