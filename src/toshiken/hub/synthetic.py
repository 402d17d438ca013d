"""Synthetic inputs for the benchmark: a nationwide configuration and a large item corpus (pure).

`nationwide_config` keeps the partnership's 24 members (96 sources) and adds one host per
remaining municipality of Japan (1,741 in all), each with one source in one of the markups the
simulator serves. `corpus_rows` makes hub_item column values that read like members' notices.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from toshiken.hub.dates import JST
from toshiken.hub.search import search_text
from toshiken.hub.sources import HubConfig
from toshiken.hub.specimens import POOLS, SHARED_EVENTS

MUNICIPALITIES_OF_JAPAN = 1741  # 792 cities, 743 towns, 183 villages and Tokyo's 23 wards
_LIST = {"syntax": "css", "item": "ul.news-list > li", "link": "a", "date": "span.date"}
_KINDS: tuple[tuple[str, str], ...] = (
    ("rss", "/rss/10/list1.xml"),  # NetCrew, RSS 1.0
    ("rss", "/rss/20/list1.xml"),  # NetCrew, RSS 2.0
    ("atom", "/docs/index.atom"),  # Joruri
    ("html", "/shinchaku/index.html"),  # a list page
)
_CATEGORIES = ("", "イベント", "子育て", "防災", "入札・契約", "募集・採用")
_WORDS = (
    "公園", "駅前", "中央", "東部", "西部", "南部", "北部", "第一", "第二", "文化会館", "体育館",
    "小学校", "中学校", "図書館", "市民", "町民", "村民", "健康", "相談", "講座", "教室",
    "交流センター", "公民館", "保健センター", "道の駅", "運動公園", "美術館",
)  # fmt: skip


def check_digit(first5: str) -> str:
    """The sixth digit of a local government code."""
    total = sum(int(d) * w for d, w in zip(first5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def synthetic_codes(count: int, taken: set[str]) -> list[str]:
    """`count` valid codes outside `taken`, prefecture by prefecture (01–47, not 43)."""
    codes: list[str] = []
    for number in range(201, 1000):
        for prefecture in range(1, 48):
            if prefecture == 43:
                continue
            first5 = f"{prefecture:02d}{number:03d}"
            code = first5 + check_digit(first5)
            if code not in taken:
                codes.append(code)
            if len(codes) == count:
                return codes
    raise ValueError(f"cannot make {count} codes")


_PLACE = "大小上下東西南北中本新山川田野原島岡崎井沢松竹梅桜高長浜宮石津水森林村谷"
_SUFFIX = ("市", "町", "村")


def place_name(n: int) -> str:
    """A plausible, distinct municipality name for synthetic member `n` (高浜町, 松川市 …)."""
    first, rest = divmod(n, len(_PLACE) * len(_SUFFIX))
    second, suffix = divmod(rest, len(_SUFFIX))
    stem = _PLACE[first % len(_PLACE)] + _PLACE[second]
    return stem + ("" if n < len(_PLACE) ** 2 * 3 else _PLACE[n % len(_PLACE)]) + _SUFFIX[suffix]


def nationwide_config(base: HubConfig, hosts: int = MUNICIPALITIES_OF_JAPAN) -> HubConfig:
    """The partnership's configuration plus one member (one host, one source) per municipality
    until there are `hosts` members."""
    raw = base.model_dump(mode="json", exclude_none=True)
    members: list[dict[str, Any]] = raw["municipalities"]
    extra = synthetic_codes(hosts - len(members), {m["code"] for m in members})
    taken = {m["name"] for m in members}
    names = (name for name in map(place_name, itertools.count()) if name not in taken)
    for n, (code, name) in enumerate(zip(extra, names, strict=False)):
        kind, path = _KINDS[n % len(_KINDS)]
        spec: dict[str, Any] = {
            "id": f"m{code}-news",
            "kind": kind,
            "url": f"https://www.city{n:04d}.example.lg.jp{path}",
            "title": "新着情報",
            "category": _CATEGORIES[n % len(_CATEGORIES)],
        }
        if kind == "html":
            spec["list"] = dict(_LIST)
        members.append({"code": code, "name": name, "sources": [spec]})
    return HubConfig.model_validate(raw)


def corpus_rows(
    count: int, names: list[str], codes: list[str], now: datetime, seed: int = 1
) -> Iterator[dict[str, Any]]:
    """`count` hub_item rows (story 1, primary), newest last, with notice-like titles and leads."""
    rng = random.Random(seed)
    templates = [t for pool in POOLS.values() for t in pool] + [
        t for story in SHARED_EVENTS for t in story
    ]
    start = now - timedelta(days=3650)
    for n in range(count):
        town = rng.randrange(len(names))
        day = start + timedelta(seconds=n * 3650 * 86400 // max(count, 1))
        title = rng.choice(templates).format(
            town=names[town], m=rng.randint(1, 12), d=rng.randint(1, 28)
        ) + f" {rng.choice(_WORDS)}{rng.randint(1, 999)}"  # fmt: skip
        lead = (
            f"{names[rng.randrange(len(names))]}からのお知らせです。{rng.choice(_WORDS)}"
            f"{rng.choice(_WORDS)}について。詳細は担当課まで（内線{rng.randint(1000, 9999)}）。"
        )
        yield {
            "source_id": f"bench-{town}", "key_hash": f"{n:040d}", "key": f"bench/{n}",
            "url": f"https://bench.example.jp/{n}", "title": title, "lead": lead,
            "summary_html": "", "published": day.astimezone(JST), "municipality": codes[town],
            "topic": "くらし", "topics": ["くらし"], "initiatives": [], "starts": None,
            "ends": None, "location": "", "story_id": 1, "is_primary": True, "first_seen": day,
            "signature": None, "search_text": search_text(title, lead),
        }  # fmt: skip
