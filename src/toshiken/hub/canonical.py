"""URL canonicalisation: tracking parameters dropped, per-site identity rules, one key per page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|msclkid|mc_cid|mc_eid|_ga|igshid)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX = re.compile(r"/index\.(html?|php|aspx?)$", re.I)


@dataclass(frozen=True)
class UrlRule:
    """A site whose pages are identified by some query parameters only.

    Kumamoto's CMS serves one article as hpKiji/pub/detail.aspx?c_id=5&id=N&class_set_id=…
    under several class_* values and path cases: host + c_id + id is its identity.
    """

    host: str
    path: str  # regular expression matched against the whole path, case-insensitively
    keep: tuple[str, ...]  # the identity parameters, in key order

    def matches(self, host: str, path: str) -> bool:
        return host == self.host.lower() and re.fullmatch(self.path, path, re.I) is not None


def resolve(base: str, link: str) -> str:
    """An absolute URL for `link` found in a page at `base` (whitespace trimmed)."""
    return urljoin(base, link.strip())


def _clean_path(path: str) -> str:
    path = quote(unquote(path), safe="/%:@!$&'()*+,;=-._~")
    return path or "/"


def canonicalize(url: str) -> str:
    """Lower-case scheme and host, no default port or fragment, no tracking, sorted query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)
    )
    return urlunsplit((scheme, netloc, _clean_path(parts.path), urlencode(query), ""))


def url_key(url: str, rules: Iterable[UrlRule] = ()) -> str:
    """The identity of a page: scheme-less, index pages folded, site rules applied."""
    parts = urlsplit(canonicalize(url))
    netloc, path = parts.netloc, parts.path
    params = parse_qsl(parts.query, keep_blank_values=True)
    for rule in rules:
        if rule.matches(parts.hostname or "", path):
            values = dict((k.lower(), v) for k, v in params)
            kept = "&".join(f"{name}={values.get(name.lower(), '')}" for name in rule.keep)
            return f"{netloc}{path.lower()}?{kept}"
    path = _INDEX.sub("/", path)
    return f"{netloc}{path}" + (f"?{urlencode(params)}" if params else "")


def host_of(url: str) -> str:
    """host[:port] as politeness and robots.txt see it (an origin without its scheme)."""
    return urlsplit(url).netloc.lower()
