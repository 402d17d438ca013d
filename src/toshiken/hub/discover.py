"""Feed discovery: a member's top page → its RSS/Atom feeds, each checked by fetching it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from lxml import etree, html

from toshiken.hub.canonical import host_of, resolve
from toshiken.hub.charset import decode
from toshiken.hub.fetch import Fetcher
from toshiken.hub.xmlguard import EntityRefused, refuse_entities, safe_xml_parser

Kind = Literal["rss", "atom"]
How = Literal["link", "anchor", "path"]
FEED_TYPES: dict[str, Kind] = {
    "application/rss+xml": "rss",
    "application/rdf+xml": "rss",
    "application/atom+xml": "atom",
}
# Where the CMSs of the region put their feeds (SHIRASAGI, Joruri, NetCrew) and the usual ones;
# tried only when the page names none, one request each under the host's politeness.
COMMON_PATHS = (
    "/rss.xml",
    "/index.rss",
    "/news/rss.xml",
    "/docs/index.rss",
    "/rss/10/list1.xml",
    "/atom.xml",
    "/index.atom",
    "/feed",
)
_FEED_ENDINGS = (".rss", ".rdf", ".atom")
_PAGE_ENDINGS = (".html", ".htm", ".php", ".aspx", ".asp", ".jsp", ".cgi", ".pdf", ".jpg", ".png")
_FEED_WORDS = re.compile(r"rss|atom|feed|rdf", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ATOM_NS = "http://www.w3.org/2005/Atom"
_RSS1_NS = "http://purl.org/rss/1.0/"


@dataclass(frozen=True)
class Candidate:
    url: str
    how: How
    title: str = ""


@dataclass(frozen=True)
class Discovered:
    url: str
    kind: Kind
    title: str  # the feed's own title, else the page's label for it
    how: How


@dataclass(frozen=True)
class Discovery:
    page: str
    feeds: tuple[Discovered, ...]
    rejected: tuple[tuple[str, str], ...] = ()  # (address, why) of candidates that were no feed
    error: str = ""


def feed_links(page: bytes, base_url: str, content_type: str | None = None) -> list[Candidate]:
    """Feeds a page names: <link rel="alternate"> with a feed type, then links whose address
    looks like a feed (…/rss.xml, index.rss, .atom, /feed). Relative addresses resolved (with
    <base href>); only http(s); each address once, in page order."""
    text, _ = decode(page, content_type)
    text = _XML_DECLARATION.sub("", text, count=1)  # XHTML pages: lxml refuses it in a str
    try:
        root = html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        return []
    base_tag = next(root.iter("base"), None)
    base = resolve(base_url, base_tag.get("href") or "") if base_tag is not None else base_url
    found: dict[str, Candidate] = {}

    def keep(href: str, how: How, title: str) -> None:
        url = resolve(base, href.strip())
        if url and urlsplit(url).scheme in ("http", "https") and url not in found:
            found[url] = Candidate(url, how, " ".join(title.split()))

    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES and link.get("href"):
            keep(link.get("href", ""), "link", link.get("title") or "")
    for anchor in root.iter("a"):
        href = anchor.get("href") or ""
        if href and looks_like_feed(urlsplit(href).path):
            keep(href, "anchor", "".join(str(t) for t in anchor.itertext()))
    return list(found.values())


def looks_like_feed(path: str) -> bool:
    """index.rss, .rdf, .atom, or an address with rss/atom/feed in it that is not a page."""
    path = path.lower()
    if path.endswith(_FEED_ENDINGS):
        return True
    return not path.endswith(_PAGE_ENDINGS) and bool(_FEED_WORDS.search(path))


def feed_kind(body: bytes) -> tuple[Kind, str] | None:
    """("rss" | "atom", its title) when `body` is a feed; None otherwise (HTML, broken XML, a
    document declaring entities)."""
    try:
        refuse_entities(body)
        root = etree.fromstring(body, parser=safe_xml_parser())
    except (EntityRefused, etree.XMLSyntaxError, ValueError):
        return None
    name = etree.QName(root)
    if name.localname == "rss":
        return "rss", (root.findtext("channel/title") or "").strip()
    if name.localname == "RDF":
        channel = root.find(f"{{{_RSS1_NS}}}channel")
        if channel is not None:
            return "rss", (channel.findtext(f"{{{_RSS1_NS}}}title") or "").strip()
    if name.localname == "feed" and name.namespace == _ATOM_NS:
        return "atom", (root.findtext(f"{{{_ATOM_NS}}}title") or "").strip()
    return None


async def discover(
    fetcher: Fetcher, page_url: str, paths: tuple[str, ...] = COMMON_PATHS
) -> Discovery:
    """Read the page, list its feed candidates (the usual paths when it names none) and keep
    those that really are feeds. Every request goes through the fetcher: robots.txt, one
    request at a time per host, registered hosts only."""
    page = await fetcher.fetch(page_url)
    if not page.ok or not page.body:
        return Discovery(page_url, (), error=page.error or page.status)
    candidates = feed_links(page.body, page.url, page.content_type)
    if not candidates:
        parts = urlsplit(page.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        candidates = [Candidate(origin + path, "path") for path in paths]
    feeds: list[Discovered] = []
    rejected: list[tuple[str, str]] = []
    for candidate in candidates:
        if host_of(candidate.url) not in fetcher.allowed_hosts:
            rejected.append((candidate.url, "another host: register it to check it"))
            continue
        got = await fetcher.fetch(candidate.url)
        kind = feed_kind(got.body) if got.status == "ok" else None
        if kind is None:
            rejected.append((candidate.url, got.error or got.status if not got.ok else "no feed"))
            continue
        url = got.permanent_url or candidate.url
        feeds.append(Discovered(url, kind[0], kind[1] or candidate.title, candidate.how))
    return Discovery(page.url, tuple(feeds), tuple(rejected))
