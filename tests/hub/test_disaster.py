from datetime import datetime

from toshiken.hub import samples
from toshiken.hub.dates import JST
from toshiken.hub.disaster import AreaMap, parse_jma_feed, parse_telegram, telegrams_to_fetch
from toshiken.hub.sources import HubConfig

NOW = datetime(2025, 6, 30, 5, 0, tzinfo=JST)


def test_warning_for_members_is_pinned(config: HubConfig) -> None:
    areas = AreaMap.from_config(config)
    body = samples.jma_warning(
        "熊本地方気象台",
        NOW,
        [("大雨特別警報", "発表", "熊本市", "4310000"), ("大雨注意報", "継続", "八代市", "4320200"),
         ("洪水警報", "解除", "益城町", "4344300")],
    )  # fmt: skip
    notice = parse_telegram(body.encode(), "https://jma/x.xml", areas)
    assert notice is not None and notice.pinned and notice.level == "emergency"
    assert notice.municipalities == ("431001",)  # 八代市 is not a member; 益城町's warning ended
    assert notice.kinds == ("大雨特別警報",) and notice.issued == NOW


def test_advisory_is_not_pinned_and_elsewhere_is_dropped(config: HubConfig) -> None:
    areas = AreaMap.from_config(config)
    advisory = samples.jma_warning(
        "熊本地方気象台", NOW, [("雷注意報", "発表", "合志市", "4321600")]
    )
    notice = parse_telegram(advisory.encode(), "u", areas)
    assert notice is not None and notice.level == "advisory" and not notice.pinned
    fukuoka = samples.jma_warning(
        "福岡管区気象台", NOW, [("大雨警報", "発表", "福岡市", "4013000")]
    )
    assert parse_telegram(fukuoka.encode(), "u", areas) is None


def test_earthquake_intensity_by_city(config: HubConfig) -> None:
    areas = AreaMap.from_config(config)
    body = samples.jma_quake(NOW, [("熊本中央区", "4310100", "3"), ("益城町", "4344300", "5+")])
    notice = parse_telegram(body.encode(), "u", areas)
    assert notice is not None and notice.level == "emergency"
    assert notice.kinds == ("震度5強",) and notice.municipalities == ("431001", "434434")


def test_feed_selects_watched_telegrams(config: HubConfig) -> None:
    feed = samples.jma_feed(
        "https://jma",
        [
            ("気象警報・注意報", "熊本地方気象台", "/a.xml", NOW),
            ("気象警報・注意報", "札幌管区気象台", "/b.xml", NOW),
            ("天気概況", "熊本地方気象台", "/c.xml", NOW),
            ("震度速報", "気象庁", "/d.xml", NOW),
        ],
    )
    entries = parse_jma_feed(feed.encode())
    areas = AreaMap.from_config(config)
    assert telegrams_to_fetch(entries, areas, set()) == ["https://jma/a.xml", "https://jma/d.xml"]
    assert telegrams_to_fetch(entries, areas, {"https://jma/a.xml"}) == ["https://jma/d.xml"]
