"""JMA 防災情報XML: which telegrams to fetch and which concern the partnership."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from toshiken.hub.model import DisasterNotice, Level
from toshiken.hub.normalize import normalize_text
from toshiken.hub.sources import HubConfig
from toshiken.hub.xmlguard import parse_xml

# Feed entry titles worth a telegram fetch.
TELEGRAM_TITLES = frozenset(
    {
        "気象特別警報・警報・注意報", "気象警報・注意報", "土砂災害警戒情報",
        "記録的短時間大雨情報", "指定河川洪水予報", "竜巻注意情報",
        "顕著な大雨に関する気象情報", "震度速報", "震源・震度に関する情報",
        "緊急地震速報（警報）", "噴火警報・予報", "噴火速報", "津波警報・注意報・予報a",
    }
)  # fmt: skip
INTENSITY_ORDER = ("1", "2", "3", "4", "5-", "5+", "6-", "6+", "7")
INTENSITY_LABEL = {"5-": "5弱", "5+": "5強", "6-": "6弱", "6+": "6強"}
CLEARED = ("解除", "なし")
WARNING_TITLES = ("土砂災害警戒情報", "記録的短時間大雨情報", "顕著な大雨", "噴火警報", "噴火速報")
_ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class FeedEntry:
    """An entry of a JMA Atom feed: a telegram's title, issuing office and address."""

    title: str
    office: str
    link: str
    updated: str


@dataclass(frozen=True)
class AreaMap:
    """JMA codes -> member codes (see hub_sources.yaml `disaster`)."""

    city: dict[str, str]
    regions: dict[str, tuple[str, ...]]
    offices: tuple[str, ...]

    @classmethod
    def from_config(cls, config: HubConfig) -> AreaMap:
        city = {jma: member for member, codes in config.disaster.areas.items() for jma in codes}
        return cls(city, dict(config.disaster.regions), config.disaster.offices)


def _elements(node: etree._Element, path: str) -> list[etree._Element]:
    found = node.xpath(path)
    return [f for f in found if isinstance(f, etree._Element)] if isinstance(found, list) else []


def _text(node: etree._Element, path: str) -> str:
    found = _elements(node, path)
    return normalize_text(found[0].text or "") if found else ""


def _codes(node: etree._Element, path: str) -> list[str]:
    return [(e.text or "").strip() for e in _elements(node, path)]


def parse_jma_feed(body: bytes) -> list[FeedEntry]:
    """Entries of a JMA Atom feed (extra.xml, eqvol.xml, …)."""
    root = parse_xml(body)
    entries = []
    for entry in root.iter(f"{_ATOM}entry"):
        link = entry.find(f"{_ATOM}link")
        entries.append(
            FeedEntry(
                title=normalize_text(entry.findtext(f"{_ATOM}title") or ""),
                office=normalize_text(entry.findtext(f"{_ATOM}author/{_ATOM}name") or ""),
                link=(link.get("href") or "") if link is not None else "",
                updated=entry.findtext(f"{_ATOM}updated") or "",
            )
        )
    return entries


def telegrams_to_fetch(entries: Iterable[FeedEntry], areas: AreaMap, seen: set[str]) -> list[str]:
    """Telegram addresses worth fetching: watched kind and office, not fetched yet."""
    titles = {normalize_text(t) for t in TELEGRAM_TITLES}
    return [
        e.link
        for e in entries
        if e.link and e.link not in seen and e.title in titles and e.office in areas.offices
    ]


def _local(name: str) -> str:
    return f"*[local-name()='{name}']"


def _members(codes: Iterable[str], areas: AreaMap) -> set[str]:
    return {areas.city[c] for c in codes if c in areas.city}


def _warning_items(body: etree._Element, areas: AreaMap) -> tuple[set[str], list[str]]:
    members: set[str] = set()
    kinds: list[str] = []
    for item in _elements(body, f".//{_local('Item')}"):
        codes = _codes(item, f".//{_local('Area')}/{_local('Code')}")
        hit = _members(codes, areas)
        if not hit:
            continue
        for kind in _elements(item, f".//{_local('Kind')}"):
            name, status = _text(kind, f"{_local('Name')}"), _text(kind, f"{_local('Status')}")
            if name and not any(word in status or word in name for word in CLEARED):
                members |= hit
                kinds.append(name)
    return members, kinds


def _intensities(body: etree._Element, areas: AreaMap) -> tuple[set[str], str | None]:
    """Members with an observed intensity: by city, or by area when a telegram lists no city."""
    members: set[str] = set()
    highest: str | None = None
    places = _elements(body, f".//{_local('Intensity')}//{_local('City')}[{_local('MaxInt')}]")
    if not places:
        places = _elements(body, f".//{_local('Intensity')}//{_local('Area')}[{_local('MaxInt')}]")
    for place in places:
        code, level = _text(place, _local("Code")), _text(place, _local("MaxInt"))
        hit = _members([code], areas) or set(areas.regions.get(code, ()))
        if hit and level in INTENSITY_ORDER:
            members |= hit
            if highest is None or INTENSITY_ORDER.index(level) > INTENSITY_ORDER.index(highest):
                highest = level
    return members, highest


def _level(title: str, kinds: list[str], intensity: str | None) -> Level:
    rank = INTENSITY_ORDER.index(intensity) if intensity else -1
    if any("特別警報" in k for k in kinds) or rank >= INTENSITY_ORDER.index("5-"):
        return "emergency"
    if (
        any("警報" in k for k in kinds)
        or intensity == "4"
        or any(w in title for w in WARNING_TITLES)
    ):
        return "warning"
    if any("注意報" in k for k in kinds):
        return "advisory"
    return "information"


def parse_telegram(body: bytes, url: str, areas: AreaMap) -> DisasterNotice | None:
    """A notice when the telegram names a member (city codes, else region codes); else None."""
    root = parse_xml(body)
    head = _elements(root, _local("Head"))
    report_body = _elements(root, _local("Body"))
    if not head or not report_body:
        raise ValueError("not a JMA report: Head or Body missing")
    members, kinds = _warning_items(report_body[0], areas)
    quake_members, intensity = _intensities(report_body[0], areas)
    members |= quake_members
    if intensity:
        kinds.append(f"震度{INTENSITY_LABEL.get(intensity, intensity)}")
    if not members:
        codes = _codes(root, f".//{_local('Area')}/{_local('Code')}")
        members = _members(codes, areas) or {m for c in codes for m in areas.regions.get(c, ())}
    if not members:
        return None
    title = _text(head[0], _local("Title"))
    issued_text = _text(head[0], _local("ReportDateTime"))
    try:
        issued = datetime.fromisoformat(issued_text) if issued_text else None
    except ValueError:
        issued = None
    return DisasterNotice(
        id=url,
        title=title,
        info_type=_text(head[0], _local("InfoType")),
        headline=_text(head[0], f"{_local('Headline')}/{_local('Text')}"),
        issued=issued,
        office=_text(root, f"{_local('Control')}/{_local('PublishingOffice')}"),
        level=_level(title, kinds, intensity),
        kinds=tuple(dict.fromkeys(kinds)),
        municipalities=tuple(sorted(members)),
        link=url,
    )
