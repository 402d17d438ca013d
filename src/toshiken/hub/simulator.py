"""A local simulator of the 24 member sites and JMA: one port per host, on 127.0.0.1 only."""

from __future__ import annotations

import socket
import threading
import time
from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import uvicorn
import yaml

from toshiken.hub import samples
from toshiken.hub.samples import SampleItem
from toshiken.hub.simhttp import Document, Hit, SimOptions, Site, respond
from toshiken.hub.sources import HubConfig, Source
from toshiken.hub.specimens import SHARED_EVENTS, items_for, shared_items

JMA_FEED = "/developer/xml/feed/extra.xml"
FEEDS = ("rss", "atom")
HOME_STYLES = ("link", "anchor", "none")  # how each top page shows its feeds (samples.homepage)


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Simulator:
    """Serve every member's sources from the configuration, plus test paths under /test/."""

    def __init__(self, config: HubConfig, options: SimOptions | None = None) -> None:
        self.config, self.options = config, options or SimOptions()
        self._sockets = [self._bind() for _ in range(len(config.municipalities) + 1)]
        ports = [s.getsockname()[1] for s in self._sockets]
        self.sites = [
            Site(m.code, m.name, p) for m, p in zip(config.municipalities, ports, strict=False)
        ]
        self.jma = Site("000000", "気象庁", ports[-1])
        self.by_port = {s.port: s for s in [*self.sites, self.jma]}
        self.hits: list[Hit] = []
        self.marks: list[int] = []  # len(hits) at points a caller chose (e.g. after each sweep)
        self.in_flight: defaultdict[int, int] = defaultdict(int)
        self.max_in_flight: defaultdict[int, int] = defaultdict(int)
        self._served: defaultdict[int, int] = defaultdict(int)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._build()

    @staticmethod
    def _bind() -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        return sock

    # content -------------------------------------------------------------------------------
    def _build(self) -> None:
        now = self.options.now
        by_code = {s.code: s for s in self.sites}
        for index, source in enumerate(self.config.sources):
            site = by_code[source.municipality]
            path = _target(source.url)
            site.sources[path] = source
            site.items[path] = items_for(
                source, site.name, index, self.options.items_per_source, now
            )
        event_paths = [
            (s, p) for s in self.sites for p, src in s.sources.items() if src.category == "イベント"
        ]
        for story in range(len(SHARED_EVENTS)):
            for variant in range(self.options.shared_posts):
                site, path = event_paths[(story * 5 + variant * 7) % len(event_paths)]
                site.items[path].insert(0, shared_items(story, variant, site.sources[path], now))
        for n, site in enumerate(self.sites):
            for path in site.sources:
                self._render(site, path, now)
            feeds = [(s.title, p, s.kind) for p, s in site.sources.items() if s.kind in FEEDS]
            page = samples.homepage(site.name, feeds, HOME_STYLES[n % len(HOME_STYLES)])
            site.documents["/"] = Document(page.encode(), "text/html; charset=UTF-8", now)
        self._build_jma(now)

    def _render(self, site: Site, path: str, modified: datetime) -> None:
        source, items = site.sources[path], site.items[path]
        title = f"{site.name} {source.title}"
        charset = "UTF-8"
        if site.code in self.options.shift_jis:
            charset = "Shift_JIS"
        elif site.code in self.options.euc_jp:
            charset = "EUC-JP"
        if source.kind == "html":
            assert source.list is not None
            template = next(k for k, v in _TEMPLATES.items() if v == source.list.item)
            text, ctype = samples.html_list(template, title, items, charset), "text/html"
        elif source.kind == "ical":
            text, ctype, charset = samples.ical(title, site.base, items), "text/calendar", "UTF-8"
        elif source.kind == "atom":
            text, ctype, charset = (
                samples.atom(title, site.base, items),
                "application/atom+xml",
                "UTF-8",
            )
        elif "/rss/10/" in path:
            text, ctype, charset = (
                samples.rss1(title, site.base, items),
                "application/rdf+xml",
                "UTF-8",
            )
        else:
            charset = "Shift_JIS" if charset == "Shift_JIS" else "UTF-8"
            text, ctype = samples.rss2(title, site.base, items, charset), "application/rss+xml"
        codec = {"Shift_JIS": "cp932", "EUC-JP": "euc_jp"}.get(charset, "utf-8")
        # Half the non-UTF-8 pages declare their charset in the header, half only in the page.
        header = (
            f"{ctype}; charset={charset}" if charset == "UTF-8" or int(site.code) % 2 else ctype
        )
        site.documents[path] = Document(text.encode(codec), header, modified)

    def _build_jma(self, now: datetime) -> None:
        base = self.jma.base
        warning = samples.jma_warning(
            "熊本地方気象台",
            now,
            [
                ("大雨警報", "発表", "熊本市", "4310000"),
                ("大雨注意報", "継続", "八代市", "4320200"),
                ("洪水警報", "発表", "益城町", "4344300"),
                ("大雨注意報", "解除", "菊陽町", "4340400"),
            ],
            "熊本地方では、大雨による土砂災害に警戒してください。",
        )
        quake = samples.jma_quake(
            now, [("熊本中央区", "4310100", "4"), ("益城町", "4344300", "5-")]
        )
        faraway = samples.jma_warning(
            "福岡管区気象台", now, [("大雨警報", "発表", "福岡市", "4013000")]
        )
        telegrams = {
            "/developer/xml/data/20250630_VPWW53_430000.xml": (
                "気象警報・注意報",
                "熊本地方気象台",
                warning,
            ),
            "/developer/xml/data/20250630_VXSE53.xml": ("震源・震度に関する情報", "気象庁", quake),
            "/developer/xml/data/20250630_VPWW53_400000.xml": (
                "気象警報・注意報",
                "福岡管区気象台",
                faraway,
            ),
        }
        entries = [(t, o, p, now) for p, (t, o, _) in telegrams.items()]
        entries.append(("天気概況", "熊本地方気象台", "/developer/xml/data/other.xml", now))
        for path, (_, _, text) in telegrams.items():
            self.jma.documents[path] = Document(text.encode(), "application/xml", now)
        feed = samples.jma_feed(base, entries)
        self.jma.documents[JMA_FEED] = Document(feed.encode(), "application/atom+xml", now)

    def publish(self, source_id: str, item: SampleItem, modified: datetime) -> None:
        """Add an item at the top of a source (its body, ETag and Last-Modified change)."""
        for site in self.sites:
            for path, source in site.sources.items():
                if source.id == source_id:
                    site.items[path].insert(0, item)
                    self._render(site, path, modified)
                    return
        raise KeyError(source_id)

    # addresses -----------------------------------------------------------------------------
    def site(self, code: str) -> Site:
        return next(s for s in self.sites if s.code == code)

    def sources(self) -> list[Source]:
        """The configuration's sources re-addressed to the simulator, and its JMA feed."""
        moved = [
            src.model_copy(update={"url": site.base + path})
            for site in self.sites
            for path, src in site.sources.items()
        ]
        jma = self.config.jma_sources[0].model_copy(update={"url": self.jma.base + JMA_FEED})
        return [*moved, jma]

    def moved_config(self, members: Collection[str] = ()) -> HubConfig:
        """The configuration with every address moved to the simulator (the CLI in tests);
        with `members`, only those members' sources (and disaster areas) are kept."""
        raw = self.config.model_dump(mode="json", exclude_none=True)
        by_code = {s.code: s for s in self.sites}
        if members:
            raw["municipalities"] = [m for m in raw["municipalities"] if m["code"] in members]
            disaster = raw["disaster"]
            disaster["areas"] = {c: a for c, a in disaster["areas"].items() if c in members}
            disaster["regions"] = {
                r: [c for c in codes if c in members] for r, codes in disaster["regions"].items()
            }
        for member in raw["municipalities"]:
            for spec in member["sources"]:
                spec["url"] = by_code[member["code"]].base + _target(spec["url"])
        for feed in raw["disaster"]["feeds"]:
            feed["url"] = self.jma.base + JMA_FEED
        return HubConfig.model_validate(raw)

    def write_config(self, path: Path, members: Collection[str] = ()) -> Path:
        """`moved_config` as a hub_sources.yaml file."""
        raw = self.moved_config(members).model_dump(mode="json", exclude_none=True)
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    def hosts(self) -> list[str]:
        return [f"127.0.0.1:{port}" for port in self.by_port]

    def reset(self) -> None:
        self.hits.clear()
        self.max_in_flight.clear()

    def bytes_sent(self) -> int:
        return sum(h.bytes for h in self.hits)

    # serving -------------------------------------------------------------------------------
    def start(self) -> Simulator:
        config = uvicorn.Config(self, log_level="error", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, args=(self._sockets,), daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("simulator did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        for sock in self._sockets:
            sock.close()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """ASGI entry: serve one request (simhttp holds the behaviours)."""
        await respond(self, scope, receive, send)


_TEMPLATES = {
    "ul": "ul.news-list > li",
    "table": "//table[contains(@class, 'list-table')]//tr[td]",
    "article": "div.topics article",
    "kiji": "div.kiji_list div.kiji",
}
