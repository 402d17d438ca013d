"""HTML sanitising with nh3: no script, no event handlers, no javascript: URLs ever survive."""

from __future__ import annotations

import html
import re

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[<>&\x00-\x08\x0b-\x1f\x7f]")  # anything nh3 would change


def clean_html(fragment: str) -> str:
    """Keep plain formatting and links; drop script/style with their content, handlers, bad URLs."""
    if not _MARKUP.search(fragment):
        return fragment  # no tag, entity, bracket or control: nh3 would give it back unchanged
    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def to_text(fragment: str, limit: int | None = None) -> str:
    """Plain text of an HTML fragment, spaces collapsed, cut to `limit` characters."""
    if _MARKUP.search(fragment):
        text = html.unescape(nh3.clean(fragment, tags=set(), attributes={}))
    else:
        text = fragment
    text = _SPACE.sub(" ", text).strip()
    return text[:limit] if limit is not None else text
