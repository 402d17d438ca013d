"""HTML list pages (新着情報 and the like) described by CSS or XPath rules, read with lxml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Literal

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

from toshiken.hub.canonical import resolve
from toshiken.hub.charset import decode
from toshiken.hub.dates import parse_date
from toshiken.hub.model import Entry, ParsedDocument
from toshiken.hub.normalize import normalize_text
from toshiken.hub.sanitize import clean_html

Syntax = Literal["css", "xpath"]


class ListPageError(ValueError):
    """The body is not HTML, or a rule does not compile."""


@dataclass(frozen=True)
class ListRule:
    """Where the items of a list page are: `item` is absolute, the others relative to an item."""

    item: str
    link: str = "a"  # an element whose `link_attribute` is the address (XPath may return a string)
    title: str | None = None  # default: the text of the link element
    date: str | None = None  # default: the first date found in the item's text
    summary: str | None = None
    syntax: Syntax = "css"
    link_attribute: str = "href"

    def check(self) -> None:
        """Compile every expression; raise ListPageError naming the one that fails."""
        for name in ("item", "link", "title", "date", "summary"):
            expression = getattr(self, name)
            if expression:
                try:
                    _compiled(self.syntax, expression)
                except (etree.XPathError, ValueError, SyntaxError) as exc:
                    raise ListPageError(f"{name}: {self.syntax} {expression!r}: {exc}") from exc


@lru_cache(maxsize=512)
def _compiled(syntax: Syntax, expression: str) -> etree.XPath:
    if syntax == "css":
        return CSSSelector(expression, translator="html")
    return etree.XPath(expression)


def _select(syntax: Syntax, expression: str, node: etree._Element) -> list[object]:
    result = _compiled(syntax, expression)(node)
    return list(result) if isinstance(result, list) else [result]


def _text_of(value: object) -> str:
    if isinstance(value, etree._Element):
        return normalize_text("".join(str(t) for t in value.itertext()))
    return normalize_text(str(value))


def _first(rule: ListRule, expression: str | None, node: etree._Element) -> object | None:
    if not expression:
        return None
    found = _select(rule.syntax, expression, node)
    return found[0] if found else None


def _entry(rule: ListRule, node: etree._Element, base_url: str, now: datetime) -> Entry | None:
    link_node = _first(rule, rule.link, node)
    if isinstance(link_node, etree._Element):
        href = link_node.get(rule.link_attribute) or ""
    else:
        href = str(link_node) if link_node is not None else ""
    title_node = _first(rule, rule.title, node) if rule.title else link_node
    title = _text_of(title_node) if title_node is not None else ""
    if not title or not href or href.lstrip().lower().startswith(("javascript:", "#")):
        return None
    date_node = _first(rule, rule.date, node)
    published = parse_date(_text_of(date_node if date_node is not None else node), now)
    summary_node = _first(rule, rule.summary, node)
    summary = ""
    if isinstance(summary_node, etree._Element):
        summary = clean_html(lxml.html.tostring(summary_node, encoding="unicode"))
    elif summary_node is not None:
        summary = clean_html(str(summary_node))
    return Entry(title=title, link=resolve(base_url, href), published=published, summary=summary)


def parse_list(
    body: bytes, base_url: str, rule: ListRule, now: datetime, content_type: str | None = None
) -> ParsedDocument:
    """Items of an HTML list page; links resolved against <base href> or the page address."""
    text, _ = decode(body, content_type)
    try:
        document = lxml.html.document_fromstring(text, base_url=base_url)
    except (etree.ParserError, ValueError) as exc:
        raise ListPageError(f"not HTML: {exc}") from exc
    base = document.find(".//base[@href]")
    page_base = resolve(base_url, base.get("href") or "") if base is not None else base_url
    entries = []
    for node in _select(rule.syntax, rule.item, document):
        if isinstance(node, etree._Element):
            entry = _entry(rule, node, page_base, now)
            if entry is not None:
                entries.append(entry)
    title_node = document.find(".//title")
    title = _text_of(title_node) if title_node is not None else ""
    return ParsedDocument(title=title, entries=tuple(entries))
